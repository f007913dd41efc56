// A case's candidate list, the product surface of the long-missing: the top K cases of the other
// kind by fused score whatever the band, over every open case of that kind in the case's country,
// with exact face scores against all of them (not the nearest few the background cross-match
// looks at). Computed on demand: nothing to keep fresh when another case gains a face or its facts
// change. Reviewing a candidate opens it as a pair (the same three outcomes, the same memory of a
// "no candidate"), so the list and the queue never disagree about a decision.
import type { CaseFaceScore, Deps, VectorSpace } from "../ports/index.js";
import type {
  Case,
  CaseCandidate,
  ListCaseCandidatesInput,
  ListCaseCandidatesOutput,
  Match,
} from "../schemas/index.js";
import { FUSION_VERSION, yearsBetween } from "../matching/index.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { mayManage, mustGetCase } from "./cases.js";
import {
  bestFacePair,
  CROSS_MATCH,
  faceRef,
  isMatchable,
  pairConcerns,
  reunificationEvidence,
  reunificationMatchId,
  type Evidence,
} from "./cross-match.js";
import { ServiceError } from "./errors.js";
import { activeSpace, sameSpace } from "./face-models.js";
import { notifyPair } from "./notifications.js";
import { reserveCandidateList } from "./rate-limit.js";

const CANDIDATES_NOTICE =
  "Candidate list: every open case of the other kind in the country, ranked by the fused score whatever the band. Most of this list is NOT the person: " +
  "a band below 'weak' means the face and the facts do not point to this person. Open a candidate to review it and record an outcome.";

/** Rights, then the list: the caller's country's cases only; every list is audited (it shows other cases' faces and facts). */
export async function listCaseCandidates(
  deps: Deps,
  caller: Actor,
  input: ListCaseCandidatesInput,
): Promise<ListCaseCandidatesOutput> {
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!isMatchable(record)) throw new ServiceError("candidates_case_not_matchable");
  await reserveCandidateList(deps, caller);
  const list = await rankCandidates(deps, record, input.limit ?? 20);
  await audit(
    deps,
    caller,
    "case.candidates",
    { type: "case", id: record.id },
    { candidates: list.candidates.length, belowWeak: list.belowWeak },
  );
  return list;
}

/** the open, cross-matched cases of one kind in a country, by id */
export async function scopeCases(deps: Deps, kind: Case["kind"], country: Case["country"]): Promise<Map<string, Case>> {
  const cases = new Map<string, Case>();
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list(
      { kind, country, status: "open" },
      { limit: 500, ...(cursor ? { cursor } : {}) },
    );
    for (const c of page.cases) if (isMatchable(c)) cases.set(c.id, c);
    cursor = page.nextCursor;
  } while (cursor);
  return cases;
}

/** a pair reviewed "no candidate" stays out of the list until a new photo beats the reviewed face score by the margin (as in cross-match) */
const excludedByReview = (pair: Match | undefined, similarity: number): boolean =>
  pair?.state === "no_candidate" &&
  pair.dismissed !== undefined &&
  similarity < pair.dismissed.similarity + CROSS_MATCH.reopenMargin;

/** The list itself, without rights (the command line's operator holds the store): the steps are named below. */
export async function rankCandidates(
  deps: Deps,
  record: Case,
  limit: number,
  knownScope?: Map<string, Case>,
): Promise<ListCaseCandidatesOutput> {
  const space = await activeSpace(deps);
  const { modelVersion } = space;
  const otherKind = record.kind === "missing" ? "found" : "missing";
  // the case's own stored vectors, already protected: compared within the active space only
  const own = (await deps.faces.listForCase(record.id)).filter((f) => sameSpace(f, space));
  // a batch of lists (the command line's --all) reads the scope once
  const [scope, pairs] = await Promise.all([
    knownScope ?? scopeCases(deps, otherKind, record.country),
    deps.matches.listForCase(record.id),
  ]);
  const pairOf = new Map(pairs.map((p) => [p.id, p]));
  const ranked = await rankScope(deps, {
    record,
    faces: own.map((f) => ({ ...faceRef(f), vector: Float32Array.from(f.embedding) })),
    country: record.country,
    scope,
    space,
    skip: (other, evidence) => {
      const pair = pairOf.get(matchIdOf(record, other));
      if (pair?.state === "confirmed") return "skip";
      if (excludedByReview(pair, evidence.face.similarity)) return "excluded";
      return undefined;
    },
  });
  const candidates = ranked.scored.slice(0, limit).map((s, i) => {
    const pair = pairOf.get(matchIdOf(record, s.other));
    return candidateOf(record, { ...s, ...(pair ? { pair } : {}) }, i + 1);
  });
  return {
    caseId: record.id,
    kind: record.kind,
    scope: { kind: otherKind, country: record.country, openCases: scope.size, withFaces: ranked.withFaces },
    faces: own.length,
    candidates,
    belowWeak: candidates.filter((c) => c.band === "below_threshold").length,
    excluded: ranked.excluded,
    notice: CANDIDATES_NOTICE,
    modelVersion,
    calibrationVersion: FUSION_VERSION,
  };
}

/** a face to rank a scope against: one of a case's own, or a face another country sent (cross-border) */
type RankingFace = ReturnType<typeof faceRef> & { vector: Float32Array };

/** a case of the scope with the evidence of its best face pair against the faces ranked */
interface ScoredCase {
  other: Case;
  evidence: Evidence;
}

/**
 * The fused ranking a case's list and a cross-border search share: exact face scores of every case
 * of the scope (the open cases of the other kind in `country`) against the faces, each fused with
 * both cases' facts, highest score first. `skip` leaves a case out ("excluded" counts it).
 */
export async function rankScope(
  deps: Deps,
  input: {
    record: Case;
    faces: RankingFace[];
    country: Case["country"];
    scope: Map<string, Case>;
    /** the vectors' space (model and template key): the faces ranked are in it */
    space: VectorSpace;
    skip?: (other: Case, evidence: Evidence) => "skip" | "excluded" | undefined;
  },
): Promise<{ scored: ScoredCase[]; excluded: number; withFaces: number }> {
  const { record, faces, scope, space } = input;
  const { modelVersion } = space;
  const otherKind = record.kind === "missing" ? "found" : "missing";
  const scores = faces.length
    ? await deps.faces.scoreCases({
        vectors: faces.map((f) => f.vector),
        filter: { caseKind: otherKind, country: input.country, caseStatus: "open", space },
      })
    : [];
  let excluded = 0;
  const scored: ScoredCase[] = [];
  for (const s of scores) {
    const other = scope.get(s.face.caseId);
    if (!other) continue;
    const evidence = evidenceOf(record, other, faces[s.query]!, s, modelVersion);
    const skipped = input.skip?.(other, evidence);
    if (skipped === "excluded") excluded++;
    if (skipped) continue;
    scored.push({ other, evidence });
  }
  scored.sort(
    (a, b) =>
      b.evidence.score - a.evidence.score ||
      b.evidence.face.similarity - a.evidence.face.similarity ||
      (a.other.id < b.other.id ? -1 : 1),
  );
  return { scored, excluded, withFaces: scores.filter((s) => scope.has(s.face.caseId)).length };
}

const matchIdOf = (record: Case, other: Case): string =>
  record.kind === "missing" ? reunificationMatchId(record.id, other.id) : reunificationMatchId(other.id, record.id);

/** the pair's evidence as the cross-match would write it: missing case first */
function evidenceOf(
  record: Case,
  other: Case,
  ownFace: Parameters<typeof faceRef>[0],
  score: CaseFaceScore,
  modelVersion: string,
): Evidence {
  const mine = faceRef(ownFace);
  const theirs = faceRef(score.face);
  return record.kind === "missing"
    ? reunificationEvidence(record, other, { similarity: score.similarity, faces: [mine, theirs] }, modelVersion)
    : reunificationEvidence(other, record, { similarity: score.similarity, faces: [theirs, mine] }, modelVersion);
}

/** years between the pair's two photos: their dates, or the nearest dates the cases know (as the fused score reads them) */
export function photoAgeGapOf(record: Case, other: Case, evidence: Evidence): number | undefined {
  const [missingFace, foundFace] = evidence.face.faces;
  const [missingCase, foundCase] = record.kind === "missing" ? [record, other] : [other, record];
  const missingDate = missingFace.photoDate ?? missingCase.subject.lastSeenDate;
  const foundDate = foundFace.photoDate ?? foundCase.found?.dateFound;
  return missingDate && foundDate ? Math.round(Math.abs(yearsBetween(missingDate, foundDate))) : undefined;
}

function candidateOf(record: Case, s: { other: Case; evidence: Evidence; pair?: Match }, rank: number): CaseCandidate {
  const { other, evidence } = s;
  const [missingFace, foundFace] = evidence.face.faces;
  const [own, theirs] = record.kind === "missing" ? [missingFace, foundFace] : [foundFace, missingFace];
  const gap = photoAgeGapOf(record, other, evidence);
  return {
    rank,
    case: {
      id: other.id,
      kind: other.kind,
      status: other.status,
      country: other.country,
      station: other.station,
      ...(other.externalRef ? { externalRef: other.externalRef } : {}),
      names: other.subject.names,
    },
    similarity: evidence.face.similarity,
    faceBand: evidence.face.band,
    score: evidence.score,
    band: evidence.band,
    factors: evidence.fused?.factors ?? [],
    ...(gap !== undefined ? { photoAgeGapYears: gap } : {}),
    faces: [own, theirs],
    matchId: matchIdOf(record, other),
    ...(s.pair ? { pair: { state: s.pair.state } } : {}),
  };
}

/**
 * Reviewing a candidate: it becomes a pair (state new, opened by the officer, with the evidence the
 * list showed), then the pair's page records one of the three outcomes (reviewMatch). An existing
 * pair is returned as it is. The officers of either case, supervisors and administrators may.
 */
export async function openCandidatePair(
  deps: Deps,
  caller: Actor,
  input: { caseId: string; candidateCaseId: string },
): Promise<{ match: Match }> {
  const record = await mustGetCase(deps, caller, input.caseId);
  const other = await mustGetCase(deps, caller, input.candidateCaseId);
  if (!isMatchable(record) || !isMatchable(other) || record.kind === other.kind || record.country !== other.country)
    throw new ServiceError("candidate_not_in_scope");
  if (!mayManage(caller, record) && !mayManage(caller, other)) throw new ServiceError("match_review_not_allowed");
  const id = matchIdOf(record, other);
  const existing = await deps.matches.get(id);
  if (existing) return { match: existing };
  const space = await activeSpace(deps);
  const { modelVersion } = space;
  const [missingCase, foundCase] = record.kind === "missing" ? [record, other] : [other, record];
  const faces = async (c: Case) => (await deps.faces.listForCase(c.id)).filter((f) => sameSpace(f, space));
  const best = bestFacePair(await faces(missingCase), await faces(foundCase));
  if (!best) throw new ServiceError("candidate_not_in_scope");
  const evidence = reunificationEvidence(missingCase, foundCase, best, modelVersion);
  const at = deps.clock.now().toISOString();
  const { after, written } = await deps.matches.update(id, (current) =>
    current
      ? undefined
      : {
          id,
          kind: "reunification",
          country: record.country,
          caseIds: [missingCase.id, foundCase.id],
          casesOpen: true,
          concerns: pairConcerns([missingCase, foundCase]),
          ...evidence,
          state: "new",
          history: [
            {
              at,
              by: caller.uid,
              event: "opened",
              state: "new",
              similarity: evidence.face.similarity,
              score: evidence.score,
              band: evidence.band,
              modelVersion,
              calibrationVersion: evidence.calibrationVersion,
            },
          ],
          createdAt: at,
          updatedAt: at,
        },
  );
  if (written) {
    await audit(deps, caller, "match.open", { type: "match", id }, { band: evidence.band });
    await notifyPair(deps, after!, "new_candidate", [missingCase, foundCase], caller.uid);
  }
  return { match: after! };
}
