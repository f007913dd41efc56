// The reunification evidence file: for a confirmed pair (or, on request, a pair still under
// review) one record of why officers believed it — what child-protection services, a judge or the
// other country's police ask for. The reader's rights are getMatch's own (the pair's country, the
// contacts only after a confirmed reunification and only for its officers, supervisors and
// administrators, each reading audited); the faces are thumbnails made for the record and never
// stored; every production is audited (as data for the portal's print page, or as a PDF).
import { createHash } from "node:crypto";
import { thumbnailJpeg } from "../engine/index.js";
import type { Deps } from "../ports/index.js";
import { buildEvidenceDocument } from "../records/evidence-document.js";
import { renderEvidencePdf } from "../records/evidence-pdf.js";
import {
  casePhotoPath,
  RECORD_TIME_ZONES,
  type CaseView,
  type EvidenceFile,
  type GetMatchOutput,
  type Match,
  type NamedOfficer,
  type RecordLanguage,
} from "../schemas/index.js";
import { wordingFor } from "../words/dictionaries.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";
import { getMatch } from "./matches.js";

/** the record's faces: big enough to print 7 cm wide */
const THUMBNAIL_PX = 480;

/** the officer who marked the pair a potential candidate before its confirmation, and the one who confirmed it */
function decisions(match: Match): Pick<EvidenceFile, "marked" | "confirmed"> {
  const confirmed = match.history.findLast((h) => h.event === "confirmed");
  const marked = match.history.findLast(
    (h) => h.event === "reviewed" && h.outcome === "potential_candidate" && (!confirmed || h.at <= confirmed.at),
  );
  return {
    ...(marked ? { marked: { by: marked.by, at: marked.at } } : {}),
    ...(confirmed
      ? { confirmed: { by: confirmed.by, at: confirmed.at, ...(confirmed.note ? { note: confirmed.note } : {}) } }
      : {}),
  };
}

/** every officer the record names, as the record names them (no phone, no e-mail) */
async function namedOfficers(deps: Deps, uids: string[]): Promise<Record<string, NamedOfficer>> {
  const named: Record<string, NamedOfficer> = {};
  for (const uid of new Set(uids.filter((u) => u !== "system"))) {
    const o = await deps.officers.get(uid);
    if (o)
      named[uid] = {
        uid,
        name: o.name,
        rank: o.rank,
        badgeNumber: o.badgeNumber,
        station: o.station,
        country: o.country,
      };
  }
  return named;
}

async function faceOf(deps: Deps, face: Match["face"]["faces"][number]): Promise<EvidenceFile["faces"][number]> {
  const bytes = await deps.blobs.get(casePhotoPath(face.caseId, face.photoId));
  if (!bytes) return { ...face, unavailable: "photo_not_stored" };
  try {
    return {
      ...face,
      thumbnail: `data:image/jpeg;base64,${(await thumbnailJpeg(bytes, THUMBNAIL_PX)).toString("base64")}`,
    };
  } catch {
    return { ...face, unavailable: "photo_unreadable" };
  }
}

/** the record, not yet audited: the pair as getMatch lets this reader see it */
async function assemble(
  deps: Deps,
  caller: Actor,
  input: { matchId: string; includeContacts: boolean },
): Promise<EvidenceFile> {
  const seen = await getMatch(deps, caller, { matchId: input.matchId, includeContacts: false });
  const { match } = seen;
  if (match.kind !== "reunification") throw new ServiceError("evidence_not_reunification");
  if (match.state === "no_candidate") throw new ServiceError("evidence_pair_dismissed");
  // asked for only now: a refused or opened contact is audited by getMatch itself
  const contacts: Pick<GetMatchOutput, "familyContact" | "custodyContact"> = input.includeContacts
    ? await getMatch(deps, caller, { matchId: input.matchId, includeContacts: true })
    : {};
  const producedBy = caller.uid;
  const decided = decisions(match);
  const faces = (await Promise.all(match.face.faces.map((f) => faceOf(deps, f)))) as EvidenceFile["faces"];
  return {
    match,
    cases: seen.cases as [CaseView, CaseView],
    faces,
    ...decided,
    officers: await namedOfficers(deps, [...match.history.map((h) => h.by), producedBy]),
    underReview: match.state !== "confirmed",
    ...(contacts.familyContact ? { familyContact: contacts.familyContact } : {}),
    ...(contacts.custodyContact ? { custodyContact: contacts.custodyContact } : {}),
    mayReadContacts: seen.access.mayReadContacts,
    producedAt: deps.clock.now().toISOString(),
    producedBy,
    timeZone: RECORD_TIME_ZONES[match.country],
  };
}

const auditDetails = (file: EvidenceFile) => ({
  contacts: !!(file.familyContact || file.custodyContact),
  underReview: file.underReview,
});

/** The record as data: the portal's print page renders it in the reader's language (audited). */
export async function getEvidenceFile(
  deps: Deps,
  caller: Actor,
  input: { matchId: string; includeContacts: boolean },
): Promise<EvidenceFile> {
  const file = await assemble(deps, caller, input);
  await audit(
    deps,
    caller,
    "match.evidence_file",
    { type: "match", id: file.match.id },
    { format: "data", ...auditDetails(file) },
  );
  return file;
}

/** a file name that says which pair, in which language, from the references officers know */
function fileNameOf(file: EvidenceFile, language: RecordLanguage): string {
  const ref = (c: CaseView) => (c.externalRef || c.id).replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60);
  return `tora-face-evidence-${ref(file.cases[0])}-${ref(file.cases[1])}-${language}.pdf`;
}

/** The record as an A4 PDF in the chosen language; its sha256 goes into the audit entry. */
export async function getEvidenceFilePdf(
  deps: Deps,
  caller: Actor,
  input: { matchId: string; includeContacts: boolean; language: RecordLanguage },
) {
  const file = await assemble(deps, caller, input);
  const document = buildEvidenceDocument(file, wordingFor(input.language, file.timeZone));
  const { bytes, pages } = await renderEvidencePdf(document);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await audit(
    deps,
    caller,
    "match.evidence_file",
    { type: "match", id: file.match.id },
    { format: "pdf", language: input.language, sha256, ...auditDetails(file) },
  );
  return { fileName: fileNameOf(file, input.language), contentBase64: bytes.toString("base64"), sha256, pages };
}
