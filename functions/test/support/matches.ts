// A match pair written straight into the store, for tests that start from a pair in a given state.
import { FUSION_VERSION } from "../../src/matching/index.js";
import type { Deps } from "../../src/ports/index.js";
import type { Match } from "../../src/schemas/index.js";
import type { Actor } from "../../src/services/actor.js";
import { reunificationMatchId } from "../../src/services/cross-match.js";
import { confirmReunification } from "../../src/services/matches.js";

const at = "2026-11-25T09:00:00.000Z";

/** a missing ↔ found pair; with `markedBy`, already marked a potential candidate by that officer */
export async function pairFixture(
  deps: Deps,
  missingCaseId: string,
  foundCaseId: string,
  markedBy?: string,
  over: Partial<Match> = {},
): Promise<Match> {
  const scores = {
    similarity: 0.5,
    score: 7,
    band: "strong" as const,
    modelVersion: "m",
    calibrationVersion: FUSION_VERSION,
  };
  const pair: Match = {
    id: reunificationMatchId(missingCaseId, foundCaseId),
    kind: "reunification",
    country: "BI",
    caseIds: [missingCaseId, foundCaseId],
    face: {
      similarity: 0.5,
      band: "strong",
      faces: [
        { caseId: missingCaseId, photoId: "p1", faceIndex: 0 },
        { caseId: foundCaseId, photoId: "p2", faceIndex: 0 },
      ],
    },
    score: 7,
    band: "strong",
    modelVersion: "m",
    calibrationVersion: FUSION_VERSION,
    state: markedBy ? "potential" : "new",
    casesOpen: true,
    history: [
      { at, by: "system", event: "opened", state: "new", ...scores },
      ...(markedBy
        ? [
            {
              at,
              by: markedBy,
              event: "reviewed" as const,
              state: "potential" as const,
              outcome: "potential_candidate" as const,
              reason: "faces_match" as const,
              ...scores,
            },
          ]
        : []),
    ],
    createdAt: at,
    updatedAt: at,
    ...over,
  };
  await deps.matches.update(pair.id, () => pair);
  return pair;
}

/** both cases resolved as reunified the one way there is: a pair marked potential by an officer ("marker-1"), confirmed by `confirmer` */
export async function reunifiedFixture(deps: Deps, missingCaseId: string, foundCaseId: string, confirmer: Actor) {
  const pair = await pairFixture(deps, missingCaseId, foundCaseId, "marker-1");
  return confirmReunification(deps, confirmer, { matchId: pair.id });
}
