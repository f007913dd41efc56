// The name comparator against the larger, independent set generated from real name lists
// (test/matching/real-name-pairs.json; regenerate: `npm run names -w functions -- pairs --seed 25`):
// a person written by two people must match (exact or strong), two people with close real names
// must not, in both directions. Prints the figures for docs/reunification.md:
// `npx vitest run test/matching/real-names.test.ts` (in functions/).
import { describe, expect, it } from "vitest";
import { compareNameStrings } from "../../src/matching/index.js";
import generated from "./real-name-pairs.json" with { type: "json" };

type Pair = { a: string; b: string; pattern: string; split: string };
const strong = (a: string, b: string) => ["exact", "strong"].includes(compareNameStrings(a, b).grade);
const bothWays = (list: Pair[]) => list.flatMap((p) => [[p.a, p.b, p] as const, [p.b, p.a, p] as const]);

function figures(pick: (p: Pair) => boolean) {
  const variants = bothWays((generated.variants as Pair[]).filter(pick));
  const nearMisses = bothWays((generated.nearMisses as Pair[]).filter(pick));
  const missed = variants.filter(([a, b]) => !strong(a, b)).map(([, , p]) => p);
  const falseStrong = nearMisses.filter(([a, b]) => strong(a, b)).map(([, , p]) => p);
  return {
    variants: variants.length,
    nearMisses: nearMisses.length,
    recall: variants.length ? 1 - missed.length / variants.length : 1,
    falseStrongRate: nearMisses.length ? falseStrong.length / nearMisses.length : 0,
    missed,
    falseStrong,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

describe("name comparator on pairs generated from real name lists", () => {
  it("has hundreds of each: same-person spellings by every pattern, close but different real names", () => {
    const count = (list: Pair[], pattern: string) => list.filter((p) => p.pattern === pattern).length;
    for (const pattern of ["baptismal_by_ear", "augment", "kirundi_by_ear"])
      expect(count(generated.variants as Pair[], pattern)).toBeGreaterThanOrEqual(100);
    expect(count(generated.nearMisses as Pair[], "close_real_names")).toBeGreaterThanOrEqual(200);
    expect(count(generated.nearMisses as Pair[], "close_baptismal_names")).toBeGreaterThanOrEqual(50);
  });

  it("finds ≥ 97 % of same-person spellings and calls ≤ 2 % of different people a strong match, both directions (figures printed)", () => {
    const rows: [string, (p: Pair) => boolean][] = [
      ["dev", (p) => p.split === "dev"],
      ["holdout", (p) => p.split === "holdout"],
      ...["baptismal_by_ear", "augment", "kirundi_by_ear", "close_real_names", "close_baptismal_names"].map(
        (pattern) => [pattern, (p: Pair) => p.pattern === pattern] as [string, (p: Pair) => boolean],
      ),
      ["all", () => true],
    ];
    for (const [label, pick] of rows) {
      const f = figures(pick);
      console.log(
        `real names ${label}: ${f.variants / 2} variant pairs, ${f.nearMisses / 2} near misses, both directions: ` +
          `recall ${pct(f.recall)} (${f.missed.length} missed), false strong ${pct(f.falseStrongRate)} (${f.falseStrong.length})`,
      );
    }
    const all = figures(() => true);
    expect(all.recall, JSON.stringify(all.missed.slice(0, 20))).toBeGreaterThanOrEqual(0.97);
    expect(all.falseStrongRate, JSON.stringify(all.falseStrong.slice(0, 20))).toBeLessThanOrEqual(0.02);
    const holdout = figures((p) => p.split === "holdout");
    expect(holdout.recall).toBeGreaterThanOrEqual(0.97);
    expect(holdout.falseStrongRate).toBeLessThanOrEqual(0.02);
  });
});
