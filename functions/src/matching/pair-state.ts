// A pair's state machine: what new evidence does to a pair record in each state. Pure: the
// cross-match use cases (services/cross-match.ts) call it inside one atomic update of the pair.
import type { Match, MatchHistoryEntry } from "../schemas/index.js";
import type { Evidence } from "./pair-evidence.js";

/**
 * A pair reviewed "no candidate" comes back only when new photos raise its face similarity by
 * this much over what was reviewed: about one step between face bands (0.32 → 0.385 → 0.44).
 */
export const PAIR_REOPEN_MARGIN = 0.05;

const SYSTEM = "system";

const sameEvidence = (a: Evidence, b: Evidence): boolean =>
  JSON.stringify([a.face, a.fused, a.score, a.band, a.calibrationVersion]) ===
  JSON.stringify([b.face, b.fused, b.score, b.band, b.calibrationVersion]);

/** why a pair is looked at again */
type PairCause =
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
  cause: PairCause,
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
    e.face.similarity >= current.dismissed.similarity + PAIR_REOPEN_MARGIN;
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
