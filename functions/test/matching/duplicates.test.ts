// A possible duplicate is a fused decision: the face and both reports' facts, proposed at an edge
// set on strangers, explained like a pair.
import { describe, expect, it } from "vitest";
import {
  DUPLICATE_BANDS,
  duplicateEdge,
  faceLlr,
  fuseDuplicate,
  maxFactPenalty,
  type DuplicateFacts,
} from "../../src/matching/index.js";
import { factorCodeSchema, fusedScoreSchema, type MissingFacts } from "../../src/schemas/reunification.js";

const report: MissingFacts = {
  names: [],
  sex: "female",
  birthYear: 2015,
  lastSeenDate: "2025-02-10",
  lastSeenPlace: { country: "BI", level1: "Butanyerera", level2: "Ngozi" },
};
const stranger: MissingFacts = {
  names: [],
  sex: "male",
  birthYear: 2008,
  lastSeenDate: "2021-07-01",
  lastSeenPlace: { country: "BI", level1: "Burunga", level2: "Rumonge" },
};
const missing = (similarity: number, a: MissingFacts, b: MissingFacts): DuplicateFacts => ({
  kind: "missing",
  face: { similarity, photoDates: ["2024-12-01", "2024-06-01"] },
  cases: [a, b],
});

describe("fuseDuplicate", () => {
  it("weighs the facts: the same child reported twice is proposed on a face under the threshold, a stranger with a face over it is not", () => {
    const twice = fuseDuplicate(missing(0.28, report, { ...report, birthYear: 2016, lastSeenDate: "2025-02-12" }));
    expect(fusedScoreSchema.parse({ ...twice, proposed: undefined })).toBeTruthy();
    expect(twice.proposed).toBe(true);
    expect(twice.faceBand).toBe("below_threshold");
    expect(twice.factors.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        "face_similarity",
        "child_photo",
        "sex_same",
        "reports_age_fit",
        "reports_dates_close",
        "place_same_level2",
      ]),
    );
    for (const f of twice.factors) expect(factorCodeSchema.options).toContain(f.code);
    expect(twice.llr).toBeCloseTo(
      twice.factors.reduce((s, f) => s + f.llr, 0),
      3,
    );
    const strangers = fuseDuplicate(missing(0.4, report, stranger));
    expect(strangers.faceBand).toBe("possible");
    expect(strangers.proposed).toBe(false);
    expect(strangers.band).toBe("below_threshold");
    expect(strangers.factors.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        "reports_sex_different",
        "reports_age_apart",
        "reports_dates_apart",
        "place_different_level1",
      ]),
    );
    expect(strangers.factors.find((f) => f.code === "reports_dates_apart")!.sentence).toBe("last seen 4 years apart");
  });

  it("with nothing known but the face, proposes only a face strong enough on its own (the edge's false-match rate on strangers)", () => {
    const bare = (s: number) => fuseDuplicate(missing(s, { names: [] }, { names: [] }));
    const edgeSimilarity = (duplicateEdge() - -10.994) / 37.116;
    expect(bare(edgeSimilarity + 0.01).proposed).toBe(true);
    expect(bare(edgeSimilarity - 0.01).proposed).toBe(false);
    expect(bare(0.36).proposed).toBe(false); // a "weak" face: proposed by the face threshold alone before
    expect(DUPLICATE_BANDS.falseMatchRate.possible).toBe(1e-6);
  });

  it("bounds what conflicting facts take away, as for a pair", () => {
    for (const s of [0.3, 0.45, 0.6])
      expect(fuseDuplicate(missing(s, report, stranger)).llr).toBeGreaterThanOrEqual(
        faceLlr(s) - maxFactPenalty() - 1e-9,
      );
  });

  it("compares two found persons on their estimates, the days found and the places found", () => {
    const f = fuseDuplicate({
      kind: "found",
      face: { similarity: 0.35, photoDates: [undefined, undefined] },
      cases: [
        {
          sex: "male",
          estimatedAgeRange: { min: 30, max: 40 },
          dateFound: "2025-01-01",
          foundPlace: { country: "BI", level1: "Butanyerera", level2: "Ngozi" },
        },
        {
          sex: "male",
          estimatedAgeRange: { min: 32, max: 38 },
          dateFound: "2025-01-03",
          foundPlace: { country: "BI", level1: "Butanyerera", level2: "Ngozi" },
        },
      ],
    });
    expect(f.factors.find((x) => x.code === "reports_dates_close")!.sentence).toBe("found 2 days apart");
    expect(f.factors.some((x) => x.code === "child_photo")).toBe(false);
    expect(f.proposed).toBe(true);
  });
});
