// `tora-face search <photo>`: the search service as the system actor, printed for a person or as JSON.
import { readFile } from "node:fs/promises";
import type { Deps } from "../ports/index.js";
import type { CaseKind, Country, SearchFacesOutput } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { searchFaces } from "../services/search.js";

export async function searchPhoto(
  deps: Deps,
  options: { photo: string; kind?: CaseKind; country?: Country; limit: number; reason: string },
): Promise<SearchFacesOutput> {
  const bytes = await readFile(options.photo);
  return searchFaces(deps, SYSTEM_ACTOR, {
    probe: { contentBase64: bytes.toString("base64") },
    purpose: { reason: options.reason },
    filters: { ...(options.kind ? { kind: options.kind } : {}), ...(options.country ? { country: options.country } : {}) },
    limit: options.limit,
  });
}

/** the --json shape: per probe face, candidates with case id, external reference and similarity */
export function searchJson(photo: string, result: SearchFacesOutput) {
  return {
    probe: photo,
    search_id: result.searchId,
    model_version: result.modelVersion,
    threshold: result.threshold,
    notice: result.notice,
    probe_reasons: result.probeReasons.map((r) => r.message),
    faces: result.faces.map((f) => ({
      index: f.index,
      box: { x: Math.round(f.box.x), y: Math.round(f.box.y), width: Math.round(f.box.width), height: Math.round(f.box.height) },
      issues: f.issues.map((i) => i.message),
      candidates: f.candidates.map((c) => ({
        case_id: c.caseId,
        external_ref: c.externalRef ?? null,
        similarity: c.similarity,
        band: c.band,
        kind: c.kind,
        country: c.country,
        photo_id: c.photo.photoId,
      })),
    })),
  };
}

export function searchText(result: SearchFacesOutput): string[] {
  const lines = [`${result.faces.length} face(s) in the probe; threshold ${result.threshold} (${result.notice})`];
  for (const r of result.probeReasons) lines.push(`  probe: ${r.message}`);
  for (const f of result.faces) {
    const where = `at x=${Math.round(f.box.x)}, y=${Math.round(f.box.y)}`;
    lines.push(`face ${f.index + 1} ${where}${f.issues.length ? ` (${f.issues.map((i) => i.message).join("; ")})` : ""}:`);
    if (f.candidates.length === 0) lines.push("  no candidate above the threshold");
    f.candidates.forEach((c, i) =>
      lines.push(`  ${i + 1}. ${c.externalRef ?? c.caseId}  similarity ${c.similarity.toFixed(3)}  ${c.band}  (${c.kind}, ${c.country}, case ${c.caseId})`),
    );
  }
  return lines;
}
