// `tora-face evidence-file`: the reunification evidence file of a pair as a PDF on disk, produced
// by the same use case as the callable (audited, the operator as its producer).
import { writeFileSync } from "node:fs";
import type { Deps } from "../ports/index.js";
import type { RecordLanguage } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { getEvidenceFilePdf } from "../services/evidence-file.js";

/** a pair's id, or a case (id or file number) resolved as reunified: its confirmed pair */
export async function pairOf(deps: Deps, ref: string): Promise<string | { refused: string }> {
  if (await deps.matches.get(ref)) return ref;
  const byId = await deps.cases.get(ref);
  const cases = byId ? [byId] : await deps.cases.findByExternalRef(ref, undefined, 10);
  if (cases.length === 0) return { refused: `no pair and no case "${ref}"` };
  const confirmed = [...new Set(cases.map((c) => c.reunification?.matchId).filter((id): id is string => !!id))];
  if (confirmed.length === 1) return confirmed[0]!;
  if (confirmed.length > 1)
    return {
      refused: `"${ref}" names ${confirmed.length} cases with a confirmed reunification: give the pair's id (${confirmed.join(", ")})`,
    };
  return {
    refused: `case "${ref}" has no confirmed reunification: give the id of the pair under review (tora-face matches --case ${ref})`,
  };
}

export async function writeEvidenceFile(
  deps: Deps,
  options: { matchId: string; language: RecordLanguage; includeContacts: boolean; out?: string },
) {
  const pdf = await getEvidenceFilePdf(deps, SYSTEM_ACTOR, options);
  const path = options.out ?? pdf.fileName;
  writeFileSync(path, Buffer.from(pdf.contentBase64, "base64"));
  return { path, pages: pdf.pages, sha256: pdf.sha256 };
}
