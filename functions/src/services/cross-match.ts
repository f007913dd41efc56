// Cross-match in the background: when a case photo's face becomes searchable it is searched
// against the open cases of the opposite kind in the same country (missing ↔ found), and of its
// own kind for possible duplicates. Each pair of cases is one document, `matches/{missing}_{found}`,
// holding its best face pair, the fused and explained score, the versions that made it, its state
// and its history. Deterministic: the same photo delivered twice changes nothing.
//
// The same service runs behind the production trigger on photo documents, in local mode after each
// photo write, and in the command line after an import. Editing a case's facts re-scores its pairs.
import {
  bestFacePair,
  caseFactsOf,
  evidenceFor,
  faceRef,
  nextPair,
  stationKey,
  type MatchFace,
} from "../matching/index.js";
import { ANY_DISTANCE, sameSpace, type Deps, type NearestFace } from "../ports/index.js";
import type { Case, FaceDoc, Match, Photo } from "../schemas/index.js";
import { caseReader } from "./case-reader.js";
import { notifyPair } from "./notifications.js";
import { spaceOf } from "./face-models.js";

const CROSS_MATCH = {
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
} as const;

export const reunificationMatchId = (missingCaseId: string, foundCaseId: string): string =>
  `${missingCaseId}_${foundCaseId}`;
const duplicateMatchId = (a: string, b: string): string => (a < b ? `${a}_${b}` : `${b}_${a}`);

/** a case takes part in cross-match while it is open and not excluded */
export const isMatchable = (c: Case): boolean => c.status === "open" && c.crossMatch?.allowed !== false;

// ---------------------------------------------------------------------------- scoring

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
      distanceThreshold: ANY_DISTANCE,
    });
    const sameKind = await deps.faces.findNearest({
      vector,
      filter: { caseKind: record.kind, country: record.country, caseStatus: "open", space: spaceOf(face) },
      limit: CROSS_MATCH.duplicateNeighbours + 1,
      distanceThreshold: ANY_DISTANCE,
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
  const factsChanged = JSON.stringify(caseFactsOf(before)) !== JSON.stringify(caseFactsOf(after));
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
