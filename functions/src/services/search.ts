// 1:N face search. Every face of the probe is searched; candidates are grouped by case and
// ranked. A candidate is a lead for an officer to review, never an identification.
import { randomUUID } from "node:crypto";
import { CALIBRATION, ImageError, bandFor, type AnalyzedFace, type PhotoAnalysis } from "../engine/index.js";
import type { Deps, FacePrefilter, NearestFace } from "../ports/index.js";
import type {
  Candidate,
  Case,
  SearchFacesInput,
  SearchFacesOutput,
  SearchFacesRequest,
  SearchHistoryEntry,
} from "../schemas/index.js";

type SearchPurpose = SearchHistoryEntry["purpose"];
import { probePrefix } from "../schemas/index.js";
import { type Actor, isAdmin } from "./actor.js";
import { audit, refuseAudited } from "./audit.js";
import { decodeBase64, sha256 } from "./bytes.js";
import { caseReader } from "./case-reader.js";
import { mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { activeAnalyzer, spaceOf } from "./face-models.js";
import { reserveSearch } from "./rate-limit.js";

export const SEARCH_NOTICE =
  "Candidates are possible leads for an officer to review, not identifications. Record an outcome for each candidate you review.";
export const INVESTIGATIVE_NOTICE =
  "Investigative list: the most similar faces whatever their score, for a person missing for years. Most of this list is NOT the person: review each candidate and record an outcome for it.";

/** below this many years between two photos the face score is as calibrated (LFW: adults, few years apart) */
const AGE_GAP_REPORTED_FROM_YEARS = 2;

/** the years between a candidate's photo and the searched one, when both are dated and far enough apart to matter */
export function photoAgeGap(photoDate: string | undefined, probeDate: string | undefined): number | undefined {
  // an unknown date on either side claims no gap: a photo of 2011 searched today is not "today's"
  const gap = photoDate && probeDate ? Math.round(Math.abs(yearsBetween(photoDate, probeDate))) : undefined;
  return gap !== undefined && gap >= AGE_GAP_REPORTED_FROM_YEARS ? gap : undefined;
}

/** several faces of one case can match: fetch more neighbours than cases wanted */
export const NEIGHBOURS_PER_CASE = 4;

type ProbeFace = SearchFacesOutput["faces"][number];

export async function searchFaces(deps: Deps, caller: Actor, input: SearchFacesRequest): Promise<SearchFacesOutput> {
  const started = Date.now();
  const { country: wanted } = input.filters;
  if (wanted && !isAdmin(caller) && wanted !== caller.claims.country)
    await refuseAudited(deps, caller, "other_country", { type: "search", id: "not-run" }, { country: wanted });
  const purpose = await resolvePurpose(deps, caller, input.purpose);
  const { filters: searched, exceptCaseId } = await purposeScope(deps, purpose, input.filters);
  // the searched photo's date, when the officer gives it: the years to each candidate's photo are
  // measured from it; unknown, no gap is claimed (a photo of 2011 searched today is not "today's")
  const probeDate = input.probePhotoDate;
  // a case's photos are years old relative to the searched photo, or to today when its date is unknown
  const { mode, modeReason } = await modeFor(
    deps,
    input.mode ?? "auto",
    purpose,
    probeDate ?? deps.clock.now().toISOString().slice(0, 10),
  );
  const limit = input.limit ?? (mode === "investigate" ? deps.search.investigativeTopK : DEFAULT_LIMIT);
  const ticket = await reserveSearch(deps, caller);

  const analyzer = await activeAnalyzer(deps);
  let bytes: Uint8Array;
  let analysis: PhotoAnalysis;
  try {
    bytes = await probeBytes(deps, caller, input.probe);
    analysis = await analyseProbe(deps, analyzer, bytes, input.probe);
  } catch (error) {
    if (error instanceof ServiceError) await ticket.refused();
    throw error;
  }
  // a photo without a face found nothing: it does not count as a search
  await (analysis.faces.length > 0 ? ticket.searched() : ticket.refused());
  // the probe's embedding (protected under the active key) is comparable only with vectors of its space
  const filter = { ...prefilterFor(caller, searched), space: spaceOf(analyzer) };
  const cases = caseReader(deps);
  const faces: ProbeFace[] = [];
  for (const face of analysis.faces) {
    const neighbours = await deps.faces.findNearest({
      vector: face.embedding,
      filter,
      limit: limit * NEIGHBOURS_PER_CASE,
      // an investigative search lists the nearest faces whatever their distance
      distanceThreshold: mode === "investigate" ? 2 : 1 - CALIBRATION.threshold,
    });
    faces.push({
      ...probeFaceOf(face),
      candidates: await candidatesOf(groupByCase(neighbours, exceptCaseId), cases, {
        limit,
        probeDate,
        belowThreshold: mode === "investigate",
      }),
    });
  }

  const probeSha256 = sha256(bytes);
  const entry = await recordHistory(
    deps,
    caller,
    { ...input, purpose, filters: searched },
    { probeSha256, modelVersion: analyzer.modelVersion, faces },
  );
  const candidateCount = faces.reduce((n, f) => n + f.candidates.length, 0);
  await audit(
    deps,
    caller,
    "search.run",
    { type: "search", id: entry.id },
    { faces: faces.length, candidates: candidateCount },
  );
  deps.events.searchCompleted({ faces: faces.length, candidates: candidateCount, ms: Date.now() - started });
  return {
    searchId: entry.id,
    probeSha256,
    modelVersion: analyzer.modelVersion,
    threshold: CALIBRATION.threshold,
    probeReasons: analysis.verdict.reasons,
    faces,
    notice: mode === "investigate" ? INVESTIGATIVE_NOTICE : SEARCH_NOTICE,
    mode,
    modeReason,
    ...(filter.country ? { searchedCountry: filter.country } : {}),
    ...(filter.caseKind ? { searchedKind: filter.caseKind } : {}),
    ...("caseId" in purpose ? { purposeCaseId: purpose.caseId } : {}),
  };
}

/**
 * A search for a case looks among the cases of the other kind (a missing person among the found
 * persons) unless the officer chose a kind, and never lists the case itself: its own photos would
 * come first.
 */
export async function purposeScope(
  deps: Deps,
  purpose: SearchPurpose,
  filters: SearchFacesInput["filters"],
): Promise<{ filters: SearchFacesInput["filters"]; exceptCaseId?: string }> {
  if (!("caseId" in purpose)) return { filters };
  const record = await deps.cases.get(purpose.caseId);
  const kind = filters.kind ?? (record && (record.kind === "missing" ? "found" : "missing"));
  return { filters: { ...filters, ...(kind ? { kind } : {}) }, exceptCaseId: purpose.caseId };
}

const DEFAULT_LIMIT = 10;

/**
 * The officer's choice, or — for a search tied to a case whose newest photo (or, without dated
 * photos, its last-seen date) is years older than the searched photo — an investigative search:
 * a child missing for years is rarely above the threshold as a teenager.
 */
async function modeFor(
  deps: Deps,
  asked: SearchFacesInput["mode"],
  purpose: SearchPurpose,
  probeDate: string,
): Promise<Pick<SearchFacesOutput, "mode" | "modeReason">> {
  if (asked !== "auto") return { mode: asked, modeReason: "asked" };
  if (!("caseId" in purpose)) return { mode: "identify", modeReason: "default" };
  const photoDates = (await deps.photos.list(purpose.caseId)).flatMap((p) =>
    p.photoDate && p.status === "indexed" ? [p.photoDate] : [],
  );
  const newest = photoDates.sort().at(-1) ?? (await deps.cases.get(purpose.caseId))?.subject.lastSeenDate;
  const old = newest !== undefined && yearsBetween(newest, probeDate) >= deps.search.oldPhotoYears;
  return old ? { mode: "investigate", modeReason: "old_photos" } : { mode: "identify", modeReason: "default" };
}

const yearsBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);

/** the case a search is for, from its id or the reference officers know it by, within the caller's reach */
export async function resolvePurpose(
  deps: Deps,
  caller: Actor,
  purpose: SearchFacesInput["purpose"],
): Promise<SearchPurpose> {
  if ("reason" in purpose) return purpose;
  if ("caseId" in purpose) {
    // an id that is no case's may be the reference officers know the case by
    if (!(await deps.cases.get(purpose.caseId))) return resolvePurpose(deps, caller, { caseRef: purpose.caseId });
    return { caseId: (await mustGetCase(deps, caller, purpose.caseId)).id };
  }
  const [found] = await deps.cases.findByExternalRef(
    purpose.caseRef,
    isAdmin(caller) ? undefined : caller.claims.country,
    1,
  );
  if (!found) throw new ServiceError("case_reference_unknown");
  return { caseId: found.id };
}

export async function probeBytes(deps: Deps, caller: Actor, probe: SearchFacesInput["probe"]): Promise<Uint8Array> {
  if ("contentBase64" in probe) return decodeBase64(probe.contentBase64);
  if (!probe.storagePath.startsWith(probePrefix(caller.uid))) throw new ServiceError("probe_not_own");
  const bytes = await deps.blobs.get(probe.storagePath);
  if (!bytes) throw new ServiceError("probe_not_found");
  return bytes;
}

/** every face of the probe; the probe's bytes leave Storage whatever the outcome */
export async function analyseProbe(
  deps: Deps,
  analyzer: Awaited<ReturnType<Deps["analyzer"]>>,
  bytes: Uint8Array,
  probe: SearchFacesInput["probe"],
): Promise<PhotoAnalysis> {
  try {
    return await analyzer.analyze(bytes, { select: "all" });
  } catch (error) {
    if (error instanceof ImageError)
      throw new ServiceError("image_refused", { message: error.message, image: error.code });
    throw error;
  } finally {
    if ("storagePath" in probe) await deps.blobs.delete(probe.storagePath);
  }
}

/** open cases by default; officers search their own country only, admins where they ask */
export function prefilterFor(caller: Actor, filters: SearchFacesInput["filters"]): FacePrefilter {
  const country = isAdmin(caller) ? filters.country : caller.claims.country;
  return {
    caseStatus: filters.status ?? "open",
    ...(filters.kind ? { caseKind: filters.kind } : {}),
    ...(country ? { country } : {}),
  };
}

export function probeFaceOf(face: AnalyzedFace): Omit<ProbeFace, "candidates"> {
  return { index: face.index, box: face.detection.box, quality: face.quality, issues: face.issues };
}

interface CaseHits {
  caseId: string;
  best: NearestFace;
  photos: Set<string>;
}

/** a case's best face and how many of its photos matched, best case first */
export function groupByCase(neighbours: NearestFace[], exceptCaseId?: string): CaseHits[] {
  const byCase = new Map<string, CaseHits>();
  for (const n of neighbours) {
    if (n.face.caseId === exceptCaseId) continue;
    const group = byCase.get(n.face.caseId);
    if (!group) byCase.set(n.face.caseId, { caseId: n.face.caseId, best: n, photos: new Set([n.face.photoId]) });
    else {
      group.photos.add(n.face.photoId);
      if (n.distance < group.best.distance) group.best = n;
    }
  }
  return [...byCase.values()].sort((x, y) => x.best.distance - y.best.distance);
}

export async function candidatesOf(
  groups: CaseHits[],
  cases: (caseId: string) => Promise<Case | undefined>,
  options: { limit: number; probeDate: string | undefined; belowThreshold: boolean },
): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const group of groups) {
    const record = await cases(group.caseId);
    const similarity = 1 - group.best.distance;
    const band = bandFor(similarity) ?? (options.belowThreshold ? "below_threshold" : undefined);
    if (!record || !band) continue;
    const gap = photoAgeGap(group.best.face.photoDate, options.probeDate);
    candidates.push({
      caseId: group.caseId,
      ...(record.externalRef ? { externalRef: record.externalRef } : {}),
      kind: record.kind,
      country: record.country,
      similarity: Math.round(similarity * 10_000) / 10_000,
      band,
      photo: { caseId: group.caseId, photoId: group.best.face.photoId, faceIndex: group.best.face.faceIndex },
      matchedPhotos: group.photos.size,
      ...(gap !== undefined ? { photoAgeGapYears: gap } : {}),
    });
    if (candidates.length === options.limit) break;
  }
  return candidates;
}

/** the search history keeps the probe's hash and the candidates, never the probe itself */
async function recordHistory(
  deps: Deps,
  caller: Actor,
  input: Omit<SearchFacesRequest, "purpose"> & { purpose: SearchPurpose },
  result: { probeSha256: string; modelVersion: string; faces: ProbeFace[] },
): Promise<SearchHistoryEntry> {
  const entry: SearchHistoryEntry = {
    id: randomUUID(),
    userUid: caller.uid,
    purpose: input.purpose,
    filters: input.filters,
    probeSha256: result.probeSha256,
    modelVersion: result.modelVersion,
    createdAt: deps.clock.now().toISOString(),
    faces: result.faces.map((f) => ({
      index: f.index,
      candidates: f.candidates.map((c) => ({ caseId: c.caseId, similarity: c.similarity, band: c.band })),
    })),
    outcomes: [],
  };
  await deps.searches.put(entry);
  return entry;
}

export async function listSearchHistory(deps: Deps, caller: Actor, input: { uid?: string; limit: number }) {
  if (input.uid && input.uid !== caller.uid && !isAdmin(caller)) throw new ServiceError("history_not_own");
  const uid = isAdmin(caller) ? input.uid : caller.uid;
  const entries = await deps.searches.list({ ...(uid ? { uid } : {}), limit: input.limit });
  const caseRefs: Record<string, string> = {};
  for (const caseId of new Set(entries.flatMap((e) => ("caseId" in e.purpose ? [e.purpose.caseId] : [])))) {
    const record = await deps.cases.get(caseId);
    if (!record || (!isAdmin(caller) && record.country !== caller.claims.country)) continue;
    const ref = record.externalRef ?? record.subject.names[0];
    if (ref) caseRefs[caseId] = ref;
  }
  return { entries, caseRefs };
}

export async function recordSearchOutcome(
  deps: Deps,
  caller: Actor,
  input: {
    searchId: string;
    faceIndex: number;
    caseId: string;
    outcome: SearchHistoryEntry["outcomes"][number]["outcome"];
    note: string;
  },
) {
  const entry = await deps.searches.get(input.searchId);
  if (!entry) throw new ServiceError("search_not_found");
  if (entry.userUid !== caller.uid && !isAdmin(caller)) throw new ServiceError("outcome_not_own");
  const face = entry.faces.find((f) => f.index === input.faceIndex);
  if (!face?.candidates.some((c) => c.caseId === input.caseId)) throw new ServiceError("not_a_candidate");
  const updated: SearchHistoryEntry = {
    ...entry,
    outcomes: [
      ...entry.outcomes.filter((o) => !(o.faceIndex === input.faceIndex && o.caseId === input.caseId)),
      {
        faceIndex: input.faceIndex,
        caseId: input.caseId,
        outcome: input.outcome,
        note: input.note,
        by: caller.uid,
        at: deps.clock.now().toISOString(),
      },
    ],
  };
  await deps.searches.put(updated);
  await audit(deps, caller, "search.outcome", { type: "search", id: entry.id }, { outcome: input.outcome });
  return { entry: updated };
}
