// The pair's state machine (nextPair), tried directly: what new evidence does to a pair in each state.
import { describe, expect, it } from "vitest";
import { bestFacePair, FUSION_VERSION, nextPair, PAIR_REOPEN_MARGIN, type Evidence } from "../../src/matching/index.js";
import type { FaceDoc, Match } from "../../src/schemas/index.js";

const at = "2026-11-25T09:00:00.000Z";
const later = "2026-11-26T09:00:00.000Z";

function evidence(similarity: number, band: Evidence["band"] = "strong", photoId = "p2"): Evidence {
  return {
    face: {
      similarity,
      band,
      faces: [
        { caseId: "missing-1", photoId: "p1", faceIndex: 0 },
        { caseId: "found-1", photoId, faceIndex: 0 },
      ],
    },
    score: similarity * 10,
    band,
    modelVersion: "m",
    calibrationVersion: FUSION_VERSION,
  };
}

const proposal = (e: Evidence) => ({
  id: "pair-1",
  kind: "reunification" as const,
  country: "BI" as const,
  caseIds: ["missing-1", "found-1"] as [string, string],
  casesOpen: true,
  evidence: e,
});

function pairIn(state: Match["state"], similarity = 0.5, extra: Partial<Match> = {}): Match {
  const opened = nextPair(undefined, proposal(evidence(similarity)), { event: "face", photoId: "p2" }, at)!;
  return { ...opened, state, ...extra };
}

describe("a pair's state after new evidence (nextPair)", () => {
  it("opens only for a new face in a band", () => {
    expect(nextPair(undefined, proposal(evidence(0.1, "below_threshold")), { event: "face", photoId: "p2" }, at)).toBe(
      undefined,
    );
    expect(nextPair(undefined, proposal(evidence(0.6)), { event: "facts" }, at)).toBe(undefined);
    const opened = nextPair(undefined, proposal(evidence(0.6)), { event: "face", photoId: "p2" }, at)!;
    expect(opened).toMatchObject({ state: "new", createdAt: at, face: { similarity: 0.6 } });
    expect(opened.history.map((h) => [h.event, h.state, h.photoId])).toEqual([["opened", "new", "p2"]]);
  });

  it("a confirmed pair never moves, whatever comes", () => {
    const confirmed = pairIn("confirmed");
    expect(nextPair(confirmed, proposal(evidence(0.9, "strong", "p3")), { event: "face", photoId: "p3" }, later)).toBe(
      undefined,
    );
    expect(nextPair(confirmed, proposal(evidence(0.2, "weak")), { event: "facts" }, later)).toBe(undefined);
    expect(nextPair(confirmed, proposal(evidence(0.3, "weak")), { event: "faces_recomputed" }, later)).toBe(undefined);
  });

  it("a pair closed as resolved elsewhere waits for its case to be re-opened, whatever comes", () => {
    const closed = pairIn("closed");
    expect(nextPair(closed, proposal(evidence(0.9, "strong", "p3")), { event: "face", photoId: "p3" }, later)).toBe(
      undefined,
    );
    expect(nextPair(closed, proposal(evidence(0.2, "weak")), { event: "facts" }, later)).toBe(undefined);
  });

  it("a new face no better than the pair's own changes nothing; a better one moves it and says which photo", () => {
    const pair = pairIn("new", 0.5);
    expect(nextPair(pair, proposal(evidence(0.5, "strong", "p3")), { event: "face", photoId: "p3" }, later)).toBe(
      undefined,
    );
    const moved = nextPair(pair, proposal(evidence(0.55, "strong", "p3")), { event: "face", photoId: "p3" }, later)!;
    expect(moved).toMatchObject({ state: "new", updatedAt: later, face: { similarity: 0.55 } });
    expect(moved.history.at(-1)).toMatchObject({ event: "face_changed", photoId: "p3" });
  });

  it("new facts re-score the pair but keep the better face pair already found", () => {
    const pair = pairIn("potential", 0.6);
    const rescored = nextPair(pair, proposal(evidence(0.4, "possible")), { event: "facts" }, later)!;
    expect(rescored.state).toBe("potential");
    expect(rescored.face.similarity).toBe(0.6);
    expect(rescored.history.at(-1)).toMatchObject({ event: "facts_changed", state: "potential" });
  });

  it("a pair reviewed 'no candidate' comes back only for a face better by the margin than the one reviewed", () => {
    const dismissed = { similarity: 0.5, by: "officer-1", at };
    const pair = pairIn("no_candidate", 0.5, { dismissed });
    const below = 0.5 + PAIR_REOPEN_MARGIN - 0.01;
    const stays = nextPair(pair, proposal(evidence(below, "strong", "p3")), { event: "face", photoId: "p3" }, later)!;
    expect(stays.state).toBe("no_candidate");
    const back = nextPair(
      pair,
      proposal(evidence(0.5 + PAIR_REOPEN_MARGIN, "strong", "p4")),
      { event: "face", photoId: "p4" },
      later,
    )!;
    expect(back.state).toBe("new");
    expect(back.history.at(-1)).toMatchObject({ event: "reopened", reviewedSimilarity: 0.5, photoId: "p4" });
  });
});

describe("the best face pair of two cases' faces (bestFacePair)", () => {
  const face = (caseId: string, photoId: string, embedding: number[], templateKeyId = "k1") =>
    ({ caseId, photoId, faceIndex: 0, embedding, modelVersion: "m", templateKeyId }) as unknown as FaceDoc;

  it("takes the highest similarity among pairs of one vector space, in the order of the two sides", () => {
    const a = [face("missing-1", "p1", [1, 0]), face("missing-1", "p2", [0.6, 0.8])];
    const b = [face("found-1", "p3", [0, 1]), face("found-1", "p4", [0.8, 0.6])];
    const best = bestFacePair(a, b)!;
    expect(best.similarity).toBeCloseTo(0.96, 10);
    expect(best.faces.map((f) => f.photoId)).toEqual(["p2", "p4"]);
    expect(best.modelVersion).toBe("m");
  });

  it("never compares vectors of two spaces (another template key): none when no pair shares one", () => {
    const a = [face("missing-1", "p1", [1, 0], "k1")];
    expect(bestFacePair(a, [face("found-1", "p3", [1, 0], "k2")])).toBe(undefined);
    const best = bestFacePair(a, [face("found-1", "p3", [1, 0], "k2"), face("found-1", "p4", [0.6, 0.8], "k1")])!;
    expect(best.faces[1].photoId).toBe("p4");
  });
});
