// Ages compared at a photo's date, as intervals that widen where people estimate.
import { describe, expect, it } from "vitest";
import {
  ageGap,
  ageLlr,
  estimateSpread,
  FACT_MODEL,
  formatAgeInterval,
  foundAgeAt,
  missingAgeAt,
} from "../../src/matching/index.js";

describe("ages at a photo's date", () => {
  it("from a birth year: the birthday unknown, and a family's year possibly one off", () => {
    expect(missingAgeAt({ birthYear: 2010 }, "2026-03-01")).toEqual({ min: 14, max: 17 });
  });

  it("from the age on the day last seen", () => {
    const age = missingAgeAt({ ageAtDisappearance: 6, lastSeenDate: "2014-03-01" }, "2026-03-01")!;
    expect(age.min).toBeCloseTo(17, 1);
    expect(age.max).toBeCloseTo(20, 1);
    expect(missingAgeAt({ ageAtDisappearance: 6 }, "2026-03-01")).toBeUndefined();
  });

  it("shifts an officer's estimate from the day found to the photo's date", () => {
    expect(foundAgeAt({ estimatedAgeRange: { min: 15, max: 20 }, dateFound: "2026-03-01" }, "2026-03-01")).toEqual({
      min: 15,
      max: 20,
    });
    const later = foundAgeAt({ estimatedAgeRange: { min: 15, max: 20 }, dateFound: "2024-03-01" }, "2026-03-01")!;
    expect(later.min).toBeCloseTo(17, 1);
  });

  it("widens estimates: at least a quarter of the range, more for adults than for children", () => {
    expect(estimateSpread({ min: 4, max: 6 })).toBeCloseTo(1.25);
    expect(estimateSpread({ min: 38, max: 42 })).toBeCloseTo(3);
    expect(estimateSpread({ min: 10, max: 30 })).toBe(5);
  });

  it("measures the gap between intervals and prints them as people read them", () => {
    expect(ageGap({ min: 14, max: 17 }, { min: 15, max: 20 })).toBe(0);
    expect(ageGap({ min: 14, max: 17 }, { min: 25, max: 30 })).toBe(8);
    expect(formatAgeInterval({ min: 14, max: 17 })).toBe("14–17");
    expect(formatAgeInterval({ min: 16.8, max: 19.9 })).toBe("16–20");
  });
});

describe("age evidence", () => {
  it("favours fitting ages and falls as they part, down to a floor set by wild estimates", () => {
    const missing = { min: 14, max: 17 };
    const fits = ageLlr(missing, { min: 14, max: 18 });
    const near = ageLlr(missing, { min: 19, max: 23 });
    const far = ageLlr(missing, { min: 30, max: 36 });
    const farther = ageLlr(missing, { min: 50, max: 60 });
    expect(fits).toBeGreaterThan(1.5);
    expect(fits).toBeGreaterThan(near);
    expect(near).toBeGreaterThan(far);
    expect(far).toBeGreaterThanOrEqual(farther);
    expect(farther).toBeCloseTo(Math.log(FACT_MODEL.ageOutlierRate), 1);
  });

  it("is worth less when the estimate is vague", () => {
    const missing = { min: 14, max: 17 };
    expect(ageLlr(missing, { min: 14, max: 18 })).toBeGreaterThan(ageLlr(missing, { min: 5, max: 30 }));
  });
});
