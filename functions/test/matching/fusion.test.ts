// The fused score: face evidence plus each fact as its own log-likelihood ratio, absolute,
// explained, and never able to hide a strong face match.
import { describe, expect, it } from "vitest";
import {
  ageFactorOf,
  fusedBandEdges,
  faceLlr,
  fuseEvidence,
  maxFactPenalty,
  type PairFacts,
} from "../../src/matching/index.js";
import {
  factorCodeSchema,
  fusedScoreSchema,
  type FoundFacts,
  type MissingFacts,
} from "../../src/schemas/reunification.js";

const missingChild: MissingFacts = {
  names: ["NDAYISHIMIYE Jean-Claude"],
  sex: "male",
  birthYear: 2009,
  lastSeenDate: "2025-11-20",
  lastSeenPlace: { country: "BI", text: "Ngozi" },
};
const foundChild: FoundFacts = {
  names: ["Ndayishimye Jean Claude"],
  sex: "male",
  estimatedAgeRange: { min: 15, max: 20 },
  dateFound: "2025-11-23",
  foundPlace: { country: "BI", text: "Kiremba" },
};
const pair = (
  similarity: number,
  missing: MissingFacts,
  found: FoundFacts,
  dates?: { missingPhotoDate?: string; foundPhotoDate?: string },
): PairFacts => ({
  face: { similarity, ...dates },
  missing,
  found,
});

describe("fuseEvidence", () => {
  it("explains every factor in a sentence, with a stable code, and sums them into the score", () => {
    const s = fuseEvidence(
      pair(0.36, missingChild, foundChild, { missingPhotoDate: "2025-06-01", foundPhotoDate: "2025-11-23" }),
    );
    expect(fusedScoreSchema.parse(s)).toEqual(s);
    const sentences = s.factors.map((f) => f.sentence);
    expect(sentences).toContain("age ranges overlap: 14–17 and 15–20");
    expect(sentences).toContain("found 3 days after last seen");
    expect(sentences).toContain("same province (Butanyerera), different commune (Ngozi / Kiremba)");
    expect(sentences).toContain(
      "names: 'NDAYISHIMIYE Jean-Claude' ~ 'Ndayishimye Jean Claude' (read as the same name: NDAYISHIMIYE ~ Ndayishimye)",
    );
    expect(s.factors.find((f) => f.code === "names_strong")?.params).toEqual({
      missing: "NDAYISHIMIYE Jean-Claude",
      found: "Ndayishimye Jean Claude",
      spellings: "NDAYISHIMIYE ~ Ndayishimye",
    });
    expect(sentences).toContain("same sex (male)");
    for (const f of s.factors) expect(factorCodeSchema.options).toContain(f.code);
    expect(s.llr).toBeCloseTo(
      s.factors.reduce((sum, f) => sum + f.llr, 0),
      3,
    );
    expect(s.faceBand).toBe("weak");
    expect(s.band).toBe("strong");
  });

  it("names the former place name it read, in the sentence and in the parameters the portal translates", () => {
    const s = fuseEvidence(
      pair(0.36, { ...missingChild, lastSeenPlace: { country: "BI", level1: "Ngozi" } }, foundChild),
    );
    const place = s.factors.find((f) => f.code === "place_same_level1");
    expect(place?.params).toMatchObject({ level1: "Butanyerera", former: "Ngozi" });
    expect(place?.sentence).toContain("read from the former name Ngozi");
    const current = fuseEvidence(
      pair(0.36, { ...missingChild, lastSeenPlace: { country: "BI", level1: "Butanyerera" } }, foundChild),
    );
    expect(current.factors.find((f) => f.code === "place_same_level1")?.params.former).toBeUndefined();
  });

  it("ranks the right case first where face scores alone tie", () => {
    // 12 missing children; for each, 12 found cases with the same face similarity: only the
    // right one fits on sex, age, dates and place
    const provinces = ["Ngozi", "Gitega", "Rumonge", "Muyinga", "Bubanza", "Mukaza"];
    let first = 0;
    for (let m = 0; m < 12; m++) {
      const missing: MissingFacts = {
        sex: m % 2 ? "female" : "male",
        birthYear: 1995 + m * 2,
        lastSeenDate: `20${10 + m}-03-01`,
        lastSeenPlace: { country: "BI", text: provinces[m % 6]! },
      };
      const scores = Array.from({ length: 12 }, (_, f) => {
        const age = 2026 - (1995 + f * 2);
        const found: FoundFacts = {
          sex: f % 2 ? "female" : "male",
          estimatedAgeRange: { min: age - 3, max: age + 3 },
          dateFound: "2026-02-01",
          foundPlace: { country: "BI", text: provinces[f % 6]! },
        };
        return {
          f,
          llr: fuseEvidence(
            pair(0.3, missing, found, { missingPhotoDate: missing.lastSeenDate, foundPhotoDate: "2026-02-01" }),
          ).llr,
        };
      });
      scores.sort((a, b) => b.llr - a.llr);
      if (scores[0]!.f === m && scores[0]!.llr > scores[1]!.llr) first++;
    }
    expect(first).toBe(12);
  });

  it("lowers a strong face candidate whose facts conflict, shows why, and keeps it on the list", () => {
    const conflicting: FoundFacts = {
      sex: "female",
      estimatedAgeRange: { min: 40, max: 50 },
      dateFound: "2025-01-05",
      foundPlace: { country: "BI", text: "Rumonge" },
    };
    const clean = fuseEvidence(pair(0.46, { ...missingChild, names: [] }, { ...foundChild, names: [] }));
    const wrong = fuseEvidence(pair(0.46, { ...missingChild, names: [] }, conflicting));
    expect(wrong.llr).toBeLessThan(clean.llr);
    expect(wrong.faceBand).toBe("strong");
    expect(wrong.band).not.toBe("below_threshold");
    const codes = wrong.factors.map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "sex_different",
        "age_apart",
        "found_before_last_seen",
        "place_different_level1",
        "facts_penalty_bounded",
      ]),
    );
    expect(wrong.factors.find((f) => f.code === "sex_different")!.sentence).toBe(
      "sex differs: male (missing) and female (found)",
    );
  });

  it("bounds what conflicting facts can take away, at any face score", () => {
    const conflicting: FoundFacts = {
      sex: "female",
      estimatedAgeRange: { min: 40, max: 50 },
      dateFound: "2025-01-05",
      foundPlace: { country: "BI", text: "Rumonge" },
    };
    for (const similarity of [0.2, 0.33, 0.4, 0.5]) {
      const s = fuseEvidence(
        pair(
          similarity,
          { ...missingChild, names: ["Hakizimana Eric"] },
          { ...conflicting, names: ["Niyonsaba Marie"] },
        ),
      );
      expect(s.llr).toBeGreaterThanOrEqual(faceLlr(similarity) - maxFactPenalty() - 1e-9);
    }
    expect(maxFactPenalty()).toBeCloseTo(faceLlr(0.44) - faceLlr(0.32), 6);
  });

  it("never hides a strong face match, even across decades with every fact against it", () => {
    const s = fuseEvidence(
      pair(
        0.45,
        missingChild,
        { sex: "female", estimatedAgeRange: { min: 60, max: 70 }, dateFound: "2025-01-01", names: ["Uwase Diane"] },
        {
          missingPhotoDate: "1990-01-01",
          foundPhotoDate: "2025-01-01",
        },
      ),
    );
    expect(s.band).toBe("weak");
    expect(s.factors.map((f) => f.code)).toEqual(
      expect.arrayContaining(["photo_age_gap", "sex_different", "age_apart", "names_none", "facts_penalty_bounded"]),
    );
  });

  it("is absolute: the best of poor candidates stays below the threshold", () => {
    const weakFaces = [0.05, 0.1, 0.15].map((sim) => fuseEvidence(pair(sim, { sex: "male" }, { sex: "male" })));
    for (const s of weakFaces) expect(s.band).toBe("below_threshold");
    expect(Math.max(...weakFaces.map((s) => s.llr))).toBeLessThan(
      fusedBandEdges().find((e) => e.band === "weak")!.minLlr,
    );
  });

  it("warns about a large photo age gap without reweighting the face, and lets age-consistent candidates rise", () => {
    const missing: MissingFacts = { sex: "female", birthYear: 2004, lastSeenDate: "2010-04-01" };
    const dates = { missingPhotoDate: "2010-01-01", foundPhotoDate: "2026-01-01" };
    const fits = fuseEvidence(
      pair(0.3, missing, { sex: "female", estimatedAgeRange: { min: 19, max: 24 }, dateFound: "2026-01-01" }, dates),
    );
    const olderFace = fuseEvidence(
      pair(0.34, missing, { sex: "female", estimatedAgeRange: { min: 35, max: 45 }, dateFound: "2026-01-01" }, dates),
    );
    expect(fits.llr).toBeGreaterThan(olderFace.llr);
    const gap = fits.factors.find((f) => f.code === "photo_age_gap")!;
    expect(gap.sentence).toBe("photos about 16 years apart: the face score is less reliable");
    expect(gap.params).toEqual({ years: 16 });
    expect(gap.llr).toBe(0);
    // the face counts the same whatever the gap: only the warning differs
    const sameDay = fuseEvidence(
      pair(
        0.3,
        missing,
        { sex: "female", estimatedAgeRange: { min: 19, max: 24 }, dateFound: "2026-01-01" },
        { missingPhotoDate: "2025-12-01", foundPhotoDate: "2026-01-01" },
      ),
    );
    expect(sameDay.factors.map((f) => f.code)).not.toContain("photo_age_gap");
    expect(sameDay.factors.find((f) => f.code === "face_similarity")!.llr).toBe(
      fits.factors.find((f) => f.code === "face_similarity")!.llr,
    );
  });

  it("says when photo dates are unknown and adds nothing for facts a case does not have", () => {
    const s = fuseEvidence(pair(0.4, { names: [] }, { names: [] }));
    expect(s.factors.map((f) => f.code)).toEqual(["face_similarity", "photo_age_gap_unknown"]);
    expect(s.llr).toBeCloseTo(faceLlr(0.4), 3);
    expect(s.band).toBe("possible");
  });
});

describe("the age factor: code, sign and sentence agree", () => {
  const date = "2026-01-01";
  const check = (m: { min: number; max: number }, f: { min: number; max: number }) => {
    const factor = ageFactorOf(m, f, date);
    const against = factor.llr < 0;
    expect(["age_edge", "age_apart"].includes(factor.code)).toBe(against);
    expect(
      factor.sentence.startsWith("ages do not fit") || factor.sentence.startsWith("ages fit only at the edge"),
    ).toBe(against);
    return factor;
  };

  it("ranges that touch are not 'apart': 27–31 and 31–37 (the report's case) read as fitting, for the pair", () => {
    // a family's range ending where the officer's estimate begins, a third of a year between them
    const f = check({ min: 27.2, max: 30.7 }, { min: 31, max: 37 });
    expect(f.code).toBe("age_close");
    expect(f.llr).toBeGreaterThan(0);
    expect(f.sentence).toBe("ages fit within the estimate's error: 27–31 and 31–37, less than a year apart");
  });

  it("overlapping ranges: for the pair when the family's range sits in the estimate, against at the edge of a wide one", () => {
    const inside = check({ min: 14, max: 17 }, { min: 15, max: 20 });
    expect(inside.code).toBe("age_overlap");
    expect(inside.sentence).toBe("age ranges overlap: 14–17 and 15–20");
    const edge = check({ min: 10, max: 13 }, { min: 10, max: 50 });
    expect(edge.code).toBe("age_edge");
    expect(edge.llr).toBeLessThan(0);
    expect(edge.sentence).toBe("ages fit only at the edge of the estimate: 10–13 (missing) and 10–50 (found)");
  });

  it("ranges years apart speak against the pair and say how far", () => {
    const f = check({ min: 20, max: 23 }, { min: 30, max: 36 });
    expect(f).toMatchObject({ code: "age_apart", params: { years: 7 } });
    expect(f.sentence).toBe("ages do not fit: 20–23 (missing) and 30–36 (found), about 7 years apart");
  });

  it("a point estimate a year from a family's range can still fit (the sign decides the code)", () => {
    const f = check({ min: 7, max: 8 }, { min: 9, max: 9 });
    expect(f.code).toBe("age_close");
    expect(f.sentence).toContain("about 1 year apart");
  });

  it("holds over a grid of ranges: never a positive 'do not fit', never a negative 'overlap'", () => {
    for (let fmin = 0; fmin <= 60; fmin += 3)
      for (const fw of [0, 2, 5, 10, 20, 40])
        for (let mmin = 0; mmin <= 80; mmin += 0.5)
          for (const mw of [1, 3, 4]) check({ min: mmin, max: mmin + mw }, { min: fmin, max: fmin + fw });
  });
});
