// Cross-match in the background: when a case photo's face becomes searchable it is searched
// against the open cases of the opposite kind in the same country (missing ↔ found), and of its
// own kind for possible duplicates. Each pair of cases is one document, `matches/{missing}_{found}`,
// holding its best face pair, the fused and explained score, the versions that made it, its state
// and its history. Deterministic: the same photo delivered twice changes nothing.
//
// The same service runs behind the production trigger on photo documents, in local mode after each
// photo write, and in the command line after an import. Editing a case's facts re-scores its pairs.
import { bandFor } from "../engine/index.js";
import { fuseDuplicate, fuseEvidence, stationKey } from "../matching/index.js";
import type { Deps, NearestFace } from "../ports/index.js";
import type {
  Case,
  FaceDoc,
  FoundFacts,
  FusedScore,
  Match,
  MatchHistoryEntry,
  MissingFacts,
  Photo,
  Place,
} from "../schemas/index.js";
import { caseReader } from "./case-reader.js";
import { notifyPair } from "./notifications.js";
import { sameSpace, spaceOf } from "./face-models.js";

export const CROSS_MATCH = {
  /**
   * Faces of the opposite kind fetched per face. The case facts can lift a face score below the
   * threshold into a band (and across a large photo age gap the right person's face often scores
   * there), so the net is wider than the threshold: the nearest faces whatever their score.
   */
  neighbours: 50,
  /**
   * Faces of the same kind fetched per face for possible duplicates, whatever their score: a
   * duplicate is a fused decision (matching/duplicates.ts), and a child's two photos taken years
   * apart often score under the face threshold while the two reports' facts agree.
   */
  duplicateNeighbours: 50,
  /**
   * A pair reviewed "no candidate" comes back only when new photos raise its face similarity by
   * this much over what was reviewed: about one step between face bands (0.32 → 0.385 → 0.44).
   */
  reopenMargin: 0.05,
} as const;

const SYSTEM = "system";

export const reunificationMatchId = (missingCaseId: string, foundCaseId: string): string =>
  `${missingCaseId}_${foundCaseId}`;
const duplicateMatchId = (a: string, b: string): string => (a < b ? `${a}_${b}` : `${b}_${a}`);

/** a case takes part in cross-match while it is open and not excluded */
export const isMatchable = (c: Case): boolean => c.status === "open" && c.crossMatch?.allowed !== false;

// ---------------------------------------------------------------------------- facts

/** a place as the matcher reads it: cases from before structured places carry free text */
function placeOf(c: Case, place: string | Place | undefined): Place | undefined {
  if (place === undefined) return undefined;
  return typeof place === "string" ? { country: c.country, text: place } : place;
}

export function missingFactsOf(c: Case): MissingFacts {
  const s = c.subject;
  const lastSeenPlace = placeOf(c, s.lastSeenPlace);
  return {
    names: s.names,
    aliases: s.aliases,
    sex: s.sex,
    ...(s.birthYear !== undefined ? { birthYear: s.birthYear } : {}),
    ...(s.ageAtDisappearance !== undefined ? { ageAtDisappearance: s.ageAtDisappearance } : {}),
    ...(s.lastSeenDate ? { lastSeenDate: s.lastSeenDate } : {}),
    ...(lastSeenPlace ? { lastSeenPlace } : {}),
  };
}

export function foundFactsOf(c: Case): FoundFacts {
  const s = c.subject;
  return {
    names: s.names,
    aliases: s.aliases,
    sex: s.sex,
    ...(s.ageRange ? { estimatedAgeRange: s.ageRange } : {}),
    ...(c.found?.dateFound ? { dateFound: c.found.dateFound } : {}),
    ...(c.found?.foundPlace ? { foundPlace: c.found.foundPlace } : {}),
  };
}

const factsOf = (c: Case): MissingFacts | FoundFacts => (c.kind === "missing" ? missingFactsOf(c) : foundFactsOf(c));

// ---------------------------------------------------------------------------- scoring

type MatchFace = Match["face"]["faces"][number];
interface FacePair {
  similarity: number;
  /** in the order of the pair's caseIds */
  faces: [MatchFace, MatchFace];
}

/** what a pair's scores are made of: everything but its state and history */
export type Evidence = Pick<Match, "face" | "fused" | "score" | "band" | "modelVersion" | "calibrationVersion">;

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
export const faceRef = (f: Pick<FaceDoc, "caseId" | "photoId" | "faceIndex" | "photoDate">): MatchFace => ({
  caseId: f.caseId,
  photoId: f.photoId,
  faceIndex: f.faceIndex,
  ...(f.photoDate ? { photoDate: f.photoDate } : {}),
});

export function reunificationEvidence(missing: Case, found: Case, face: FacePair, modelVersion: string): Evidence {
  const similarity = round(face.similarity);
  const fused = fuseEvidence({
    face: {
      similarity,
      ...(face.faces[0].photoDate ? { missingPhotoDate: face.faces[0].photoDate } : {}),
      ...(face.faces[1].photoDate ? { foundPhotoDate: face.faces[1].photoDate } : {}),
    },
    missing: missingFactsOf(missing),
    found: foundFactsOf(found),
  });
  return fusedEvidence(similarity, face, fused, modelVersion);
}

/** a pair's evidence from its face pair and its fused score (whose calibration version it carries) */
function fusedEvidence(similarity: number, face: FacePair, fused: FusedScore, modelVersion: string): Evidence {
  return {
    face: { similarity, band: bandFor(similarity) ?? "below_threshold", faces: face.faces },
    fused,
    score: fused.llr,
    band: fused.band,
    modelVersion,
    calibrationVersion: fused.calibrationVersion,
  };
}

/** two cases of one kind: the face and both reports' facts as one fused decision */
function duplicateEvidence(cases: [Case, Case], face: FacePair, modelVersion: string): Evidence {
  const similarity = round(face.similarity);
  const photoDates: [string | undefined, string | undefined] = [face.faces[0].photoDate, face.faces[1].photoDate];
  const { proposed: _proposed, ...fused } =
    cases[0].kind === "missing"
      ? fuseDuplicate({
          kind: "missing",
          face: { similarity, photoDates },
          cases: [missingFactsOf(cases[0]), missingFactsOf(cases[1])],
        })
      : fuseDuplicate({
          kind: "found",
          face: { similarity, photoDates },
          cases: [foundFactsOf(cases[0]), foundFactsOf(cases[1])],
        });
  return fusedEvidence(similarity, face, fused, modelVersion);
}

function evidenceFor(kind: Match["kind"], cases: [Case, Case], face: FacePair, modelVersion: string): Evidence {
  return kind === "reunification"
    ? reunificationEvidence(cases[0], cases[1], face, modelVersion)
    : duplicateEvidence(cases, face, modelVersion);
}

const sameEvidence = (a: Evidence, b: Evidence): boolean =>
  JSON.stringify([a.face, a.fused, a.score, a.band, a.calibrationVersion]) ===
  JSON.stringify([b.face, b.fused, b.score, b.band, b.calibrationVersion]);

// ---------------------------------------------------------------------------- pair changes (pure)

/** why a pair is looked at again */
type Cause =
  | { event: "face"; photoId: string }
  | { event: "facts" }
  /** the best face pair computed again from the cases' faces (a photo retracted, a face chosen anew) */
  | { event: "faces_recomputed" };

function historyEntry(
  event: MatchHistoryEntry["event"],
  state: Match["state"],
  e: Evidence,
  at: string,
  extra: Partial<MatchHistoryEntry> = {},
): MatchHistoryEntry {
  return {
    at,
    by: SYSTEM,
    event,
    state,
    similarity: e.face.similarity,
    score: e.score,
    band: e.band,
    modelVersion: e.modelVersion,
    calibrationVersion: e.calibrationVersion,
    ...extra,
  };
}

/**
 * The pair after new evidence, or undefined when nothing changes. A new pair opens only in a
 * band; a confirmed pair is history and never moves; a pair reviewed "no candidate" is re-opened
 * only by new photos that beat the reviewed face score by the margin.
 */
export function nextPair(
  current: Match | undefined,
  proposal: {
    id: string;
    kind: Match["kind"];
    country: Match["country"];
    caseIds: [string, string];
    casesOpen: boolean;
    concerns?: string[];
    evidence: Evidence;
  },
  cause: Cause,
  at: string,
): Match | undefined {
  const e = proposal.evidence;
  if (!current) {
    if (cause.event !== "face" || e.band === "below_threshold") return undefined;
    const { evidence: _evidence, ...identity } = proposal;
    return {
      ...identity,
      ...e,
      state: "new",
      history: [historyEntry("opened", "new", e, at, { photoId: cause.photoId })],
      createdAt: at,
      updatedAt: at,
    };
  }
  // a confirmed pair is the record of a decision; a closed one waits for its case to be re-opened
  if (current.state === "confirmed" || current.state === "closed") return undefined;
  if (cause.event === "face" && e.face.similarity <= current.face.similarity) return undefined;
  if (cause.event === "facts") {
    // new facts, the same faces: re-scored with the face pair already found
    const rescored = evidenceWithFace(current, e);
    if (sameEvidence(rescored, current)) return undefined;
    return {
      ...current,
      ...rescored,
      updatedAt: at,
      history: [...current.history, historyEntry("facts_changed", current.state, rescored, at)],
    };
  }
  if (sameEvidence(e, current)) return undefined;
  const reopen =
    cause.event === "face" &&
    current.state === "no_candidate" &&
    current.dismissed !== undefined &&
    e.face.similarity >= current.dismissed.similarity + CROSS_MATCH.reopenMargin;
  const state = reopen ? "new" : current.state;
  const entry = reopen
    ? historyEntry("reopened", state, e, at, {
        reviewedSimilarity: current.dismissed!.similarity,
        photoId: (cause as { photoId: string }).photoId,
      })
    : historyEntry("face_changed", state, e, at, cause.event === "face" ? { photoId: cause.photoId } : {});
  return { ...current, ...e, state, updatedAt: at, history: [...current.history, entry] };
}

/** facts re-scored: the proposal carries the new facts' score, but a face pair at least as good is kept */
function evidenceWithFace(current: Match, proposal: Evidence): Evidence {
  return proposal.face.similarity >= current.face.similarity ? proposal : { ...proposal, face: current.face };
}

// ---------------------------------------------------------------------------- the use cases

export interface CrossMatchSummary {
  neighbours: number;
  opened: number;
  updated: number;
  reopened: number;
  duplicates: number;
}
const emptySummary = (): CrossMatchSummary => ({ neighbours: 0, opened: 0, updated: 0, reopened: 0, duplicates: 0 });

/** the nearest face of each case among the neighbours, nearest case first */
function bestPerCase(neighbours: NearestFace[], exceptCaseId: string): NearestFace[] {
  const best = new Map<string, NearestFace>();
  for (const n of neighbours) {
    if (n.face.caseId === exceptCaseId) continue;
    const seen = best.get(n.face.caseId);
    if (!seen || n.distance < seen.distance) best.set(n.face.caseId, n);
  }
  return [...best.values()].sort((a, b) => a.distance - b.distance || (a.face.caseId < b.face.caseId ? -1 : 1));
}

/** A photo's face became searchable: its pairs with the opposite kind, and possible duplicates. */
export async function crossMatchPhoto(
  deps: Deps,
  ref: { caseId: string; photoId: string },
): Promise<CrossMatchSummary> {
  const started = Date.now();
  const summary = emptySummary();
  const record = await deps.cases.get(ref.caseId);
  const photo = await deps.photos.get(ref.caseId, ref.photoId);
  if (!record || !isMatchable(record) || photo?.status !== "indexed") return summary;
  const readCase = caseReader(deps);
  const faces = (await deps.faces.listForCase(record.id)).filter((f) => f.photoId === ref.photoId);
  for (const face of faces) {
    const vector = Float32Array.from(face.embedding);
    const opposite = await deps.faces.findNearest({
      vector,
      // a stored vector is compared within its own space: its model and its template key (two
      // spaces live during a migration or a key rotation)
      filter: {
        caseKind: record.kind === "missing" ? "found" : "missing",
        country: record.country,
        caseStatus: "open",
        space: spaceOf(face),
      },
      limit: CROSS_MATCH.neighbours,
      distanceThreshold: 2,
    });
    const sameKind = await deps.faces.findNearest({
      vector,
      filter: { caseKind: record.kind, country: record.country, caseStatus: "open", space: spaceOf(face) },
      limit: CROSS_MATCH.duplicateNeighbours + 1,
      distanceThreshold: 2,
    });
    summary.neighbours += opposite.length + sameKind.length;
    for (const n of bestPerCase(opposite, record.id))
      await pairWithNeighbour(deps, readCase, record, face, n, "reunification", summary);
    for (const n of bestPerCase(sameKind, record.id))
      await pairWithNeighbour(deps, readCase, record, face, n, "duplicate", summary);
  }
  // a retraction or another choice of face committed while this ran recomputed the pairs from the
  // faces left then; what this run wrote after that is recomputed now (the photo's record decides)
  if (summary.opened + summary.updated + summary.reopened + summary.duplicates > 0) {
    const now = await deps.photos.get(ref.caseId, ref.photoId);
    if (
      now?.status !== "indexed" ||
      now.subjectFace?.index !== photo.subjectFace?.index ||
      now.modelVersion !== photo.modelVersion
    )
      await recomputeCaseFaces(deps, ref.caseId);
  }
  deps.events.crossMatchCompleted({ ...summary, ms: Date.now() - started });
  return summary;
}

async function pairWithNeighbour(
  deps: Deps,
  readCase: (id: string) => Promise<Case | undefined>,
  record: Case,
  face: FaceDoc,
  neighbour: NearestFace,
  kind: Match["kind"],
  summary: CrossMatchSummary,
): Promise<void> {
  // vectors of two spaces (during a re-embedding or a key rotation) are not comparable
  if (!sameSpace(neighbour.face, face)) return;
  const other = await readCase(neighbour.face.caseId);
  if (!other || !isMatchable(other) || other.country !== record.country) return;
  const similarity = 1 - neighbour.distance;
  const mine = faceRef(face);
  const theirs = faceRef(neighbour.face);
  let cases: [Case, Case];
  let faces: [MatchFace, MatchFace];
  let id: string;
  if (kind === "reunification") {
    const missingFirst = record.kind === "missing";
    cases = missingFirst ? [record, other] : [other, record];
    faces = missingFirst ? [mine, theirs] : [theirs, mine];
    id = reunificationMatchId(cases[0].id, cases[1].id);
  } else {
    const recordFirst = record.id < other.id;
    cases = recordFirst ? [record, other] : [other, record];
    faces = recordFirst ? [mine, theirs] : [theirs, mine];
    id = duplicateMatchId(record.id, other.id);
  }
  const evidence = evidenceFor(kind, cases, { similarity, faces }, face.modelVersion);
  const proposal = {
    id,
    kind,
    country: record.country,
    caseIds: [cases[0].id, cases[1].id] as [string, string],
    casesOpen: true,
    concerns: pairConcerns(cases),
    evidence,
  };
  const at = deps.clock.now().toISOString();
  const { before, after, written } = await deps.matches.update(id, (current) =>
    nextPair(current, proposal, { event: "face", photoId: face.photoId }, at),
  );
  if (!written || !after) return;
  if (!before) {
    // a case purged while this ran (its purge deletes its pairs again after the case): no pair of it may stay
    if (!(await deps.cases.get(record.id)) || !(await deps.cases.get(other.id)))
      return void (await deps.matches.remove(id, () => true));
    if (kind === "duplicate") summary.duplicates++;
    else summary.opened++;
    await notifyPair(deps, after, kind === "duplicate" ? "possible_duplicate" : "new_candidate", cases);
  } else if (after.history.at(-1)?.event === "reopened") {
    summary.reopened++;
    await notifyPair(deps, after, "candidate_reopened", cases);
  } else summary.updated++;
}

/** Every indexed photo of a case, cross-matched again (the case became matchable, its facts changed). */
async function crossMatchCase(deps: Deps, caseId: string): Promise<CrossMatchSummary> {
  const total = emptySummary();
  for (const photo of await deps.photos.list(caseId)) {
    if (photo.status !== "indexed") continue;
    const s = await crossMatchPhoto(deps, { caseId, photoId: photo.photoId });
    for (const k of Object.keys(total) as (keyof CrossMatchSummary)[]) total[k] += s[k];
  }
  return total;
}

/** the two cases of a pair, or undefined when either is gone */
async function casesOf(deps: Deps, pair: Match, readCase = caseReader(deps)): Promise<[Case, Case] | undefined> {
  const [a, b] = await Promise.all(pair.caseIds.map(readCase));
  return a && b ? [a, b] : undefined;
}

/** The facts of a case changed: each of its pairs is scored again with the face pair it has. */
async function rescoreCase(deps: Deps, caseId: string): Promise<number> {
  let changed = 0;
  const readCase = caseReader(deps);
  for (const pair of await deps.matches.listForCase(caseId)) {
    const cases = await casesOf(deps, pair, readCase);
    if (!cases) continue;
    const evidence = evidenceFor(
      pair.kind,
      cases,
      { similarity: pair.face.similarity, faces: pair.face.faces },
      pair.modelVersion,
    );
    const proposal = { ...pair, evidence };
    const at = deps.clock.now().toISOString();
    if ((await deps.matches.update(pair.id, (current) => nextPair(current, proposal, { event: "facts" }, at))).written)
      changed++;
  }
  return changed;
}

/** The best face pair of each pair of a case, computed again from the faces both cases have now. */
async function recomputeCaseFaces(deps: Deps, caseId: string): Promise<number> {
  let changed = 0;
  const readCase = caseReader(deps);
  const facesOf = new Map<string, Promise<FaceDoc[]>>();
  const faces = (id: string) => facesOf.get(id) ?? facesOf.set(id, deps.faces.listForCase(id)).get(id)!;
  for (const pair of await deps.matches.listForCase(caseId)) {
    const cases = await casesOf(deps, pair, readCase);
    if (!cases) continue;
    const [a, b] = [await faces(pair.caseIds[0]), await faces(pair.caseIds[1])];
    if (a.length === 0 || b.length === 0) {
      // no face left on a side: the photo the pair stood on was taken back (retracted, or its face
      // is to be chosen again). The pair goes — it would show withdrawn evidence; a new photo
      // proposes it again. Reviews stay in the audit log.
      if (await removeUnlessConfirmed(deps, pair)) changed++;
      continue;
    }
    const best = bestFacePair(a, b);
    // faces of two spaces only (a migration or a key rotation under way): the pair waits for the new faces
    if (!best) continue;
    const evidence = evidenceFor(pair.kind, cases, best, best.modelVersion);
    const at = deps.clock.now().toISOString();
    if (
      (
        await deps.matches.update(pair.id, (current) =>
          nextPair(current, { ...pair, evidence }, { event: "faces_recomputed" }, at),
        )
      ).written
    )
      changed++;
  }
  return changed;
}

export function bestFacePair(a: FaceDoc[], b: FaceDoc[]): (FacePair & { modelVersion: string }) | undefined {
  let best: (FacePair & { modelVersion: string }) | undefined;
  for (const x of a)
    for (const y of b) {
      if (!sameSpace(x, y)) continue;
      let dot = 0;
      for (let i = 0; i < x.embedding.length; i++) dot += x.embedding[i]! * y.embedding[i]!;
      if (!best || dot > best.similarity)
        best = { similarity: dot, faces: [faceRef(x), faceRef(y)], modelVersion: x.modelVersion };
    }
  return best;
}

/** whom a pair concerns (Match.concerns): the officers of both cases and both cases' stations */
export function pairConcerns(cases: readonly [Case, Case]): string[] {
  const concerns = new Set<string>();
  for (const c of cases) {
    for (const uid of c.officerUids) concerns.add(`u:${uid}`);
    concerns.add(`s:${stationKey(c.station)}`);
  }
  return [...concerns].sort();
}

/**
 * Keeps each pair's `casesOpen` (the queue shows pairs of open cases only) and `concerns` (whose
 * count of new pairs it is in) in step with its cases.
 */
async function syncPairsWithCases(deps: Deps, caseId: string): Promise<void> {
  const readCase = caseReader(deps);
  for (const pair of await deps.matches.listForCase(caseId)) {
    const cases = await casesOf(deps, pair, readCase);
    const open = !!cases && cases.every((c) => c.status === "open");
    const concerns = cases ? pairConcerns(cases) : (pair.concerns ?? []);
    const same = (m: Match) => m.casesOpen === open && JSON.stringify(m.concerns ?? []) === JSON.stringify(concerns);
    if (same(pair)) continue;
    await deps.matches.update(pair.id, (current) =>
      current && !same(current) ? { ...current, casesOpen: open, concerns } : undefined,
    );
  }
}

/** deletes a pair, except a confirmed reunification, which is the record of a decision; true when deleted */
async function removeUnlessConfirmed(deps: Deps, pair: Match): Promise<boolean> {
  if (pair.state === "confirmed") return false;
  // checked again where the pair is deleted: a confirmation meanwhile keeps it
  return deps.matches.remove(pair.id, (current) => current.state !== "confirmed");
}

/** A case left cross-match (its legal basis does not allow it): its pairs are deleted so that it appears in none. */
async function withdrawFromCrossMatch(deps: Deps, caseId: string): Promise<number> {
  let removed = 0;
  for (const pair of await deps.matches.listForCase(caseId)) if (await removeUnlessConfirmed(deps, pair)) removed++;
  return removed;
}

/** What a change to a case means for its pairs: called by the case use cases after every write. */
export async function caseChanged(deps: Deps, before: Case, after: Case): Promise<void> {
  if (
    before.status !== after.status ||
    before.station !== after.station ||
    before.officerUids.join() !== after.officerUids.join()
  )
    await syncPairsWithCases(deps, after.id);
  const excluded = after.crossMatch?.allowed === false;
  if (excluded) {
    if (before.crossMatch?.allowed !== false) await withdrawFromCrossMatch(deps, after.id);
    return;
  }
  const factsChanged = JSON.stringify(factsOf(before)) !== JSON.stringify(factsOf(after));
  if (factsChanged) await rescoreCase(deps, after.id);
  // facts that now fit may lift a pair into a band; a case back in cross-match is searched again
  if (isMatchable(after) && (factsChanged || !isMatchable(before))) await crossMatchCase(deps, after.id);
}

/**
 * A photo document was written: the trigger's logic, the same in production (Firestore trigger)
 * and local mode. A face that became searchable is cross-matched; a face that left the index
 * (a retraction, another face chosen) makes the case's pairs take their best face pair again.
 */
export async function photoWritten(deps: Deps, before: Photo | undefined, after: Photo | undefined): Promise<void> {
  const wasIndexed = before?.status === "indexed";
  const isIndexed = after?.status === "indexed";
  const faceChanged =
    wasIndexed &&
    isIndexed &&
    (before!.subjectFace?.index !== after!.subjectFace?.index || before!.modelVersion !== after!.modelVersion);
  if (wasIndexed && (!isIndexed || faceChanged)) await recomputeCaseFaces(deps, before!.caseId);
  if (isIndexed && (!wasIndexed || faceChanged)) await crossMatchPhoto(deps, after!);
}
