// The cross-age eval's bookkeeping on made-up people and vectors (no face data involved).
import { describe, expect, it } from "vitest";
import { searchCases, splitOf, verificationPairs, type AgeGapPerson } from "../../src/eval/cross-age.js";

const people: AgeGapPerson[] = Array.from({ length: 40 }, (_, i) => ({
  name: `p${i}`,
  young: Array.from({ length: 1 + (i % 3) }, (_, k) => `p${i}/y/${k}.png`),
  adult: i === 7 ? [] : Array.from({ length: 1 + (i % 2) }, (_, k) => `p${i}/${k}.png`),
}));
const owner = (path: string): string => path.split("/")[0]!;

describe("cross-age eval", () => {
  it("splits people by the first letter of their folder", () => {
    expect(["adele", "Lionel", "mia", "Zoe", "50_cent", "_x"].map(splitOf)).toEqual([
      "dev",
      "dev",
      "holdout",
      "holdout",
      undefined,
      undefined,
    ]);
  });

  it("pairs every young photo with every adult photo of the same person, and as many impostors per fold", () => {
    const pairs = verificationPairs(people, 3);
    const genuine = pairs.filter((p) => p.same);
    const expected = people.reduce((n, p) => n + p.young.length * p.adult.length, 0);
    expect(genuine).toHaveLength(expected);
    expect(
      genuine.every((p) => owner(p.young) === owner(p.adult) && p.young.includes("/y/") && !p.adult.includes("/y/")),
    ).toBe(true);
    const impostors = pairs.filter((p) => !p.same);
    expect(impostors.every((p) => owner(p.young) !== owner(p.adult))).toBe(true);
    expect(new Set(impostors.map((p) => `${p.young}|${p.adult}`)).size).toBe(impostors.length);
    for (let fold = 0; fold < 10; fold++) {
      const inFold = pairs.filter((p) => p.fold === fold);
      expect(inFold.filter((p) => !p.same)).toHaveLength(inFold.filter((p) => p.same).length);
    }
    // a person's photos stay in one fold
    const foldOf = new Map<string, Set<number>>();
    for (const p of pairs)
      for (const path of [p.young, p.adult])
        (foldOf.get(owner(path)) ?? foldOf.set(owner(path), new Set()).get(owner(path))!).add(p.fold);
    expect([...foldOf.values()].every((folds) => folds.size === 1)).toBe(true);
    // reproducible with the seed, different with another
    expect(verificationPairs(people, 3)).toEqual(pairs);
    expect(verificationPairs(people, 4)).not.toEqual(pairs);
  });

  it("ranks the true case among cases scored by their best face", () => {
    const unit = (angle: number) => Float32Array.from([Math.cos(angle), Math.sin(angle)]);
    const three: AgeGapPerson[] = [
      { name: "a", young: ["a/y/1"], adult: ["a/1", "a/2"] },
      { name: "b", young: ["b/y/1", "b/y/2"], adult: ["b/1"] },
      { name: "c", young: ["c/y/1"], adult: [] },
    ];
    const embeddings = new Map<string, Float32Array | undefined>([
      ["a/1", unit(0)],
      ["a/2", unit(1.0)],
      ["b/1", unit(0.5)],
      ["a/y/1", unit(0.95)], // nearest a/2: a's best face wins, rank 1
      ["b/y/1", unit(0.1)], // nearer a/1 than b/1: rank 2
      ["b/y/2", undefined], // no face: a miss
      ["c/y/1", unit(0)], // no adult photo: not a probe
    ]);
    const { cases, probes } = searchCases(three, embeddings);
    expect(cases).toBe(2);
    expect(probes.map((p) => p.rank)).toEqual([1, 2, Infinity]);
    expect(probes[0]!.score).toBeCloseTo(Math.cos(0.05), 6);
    expect(probes[1]!.score).toBeCloseTo(Math.cos(0.4), 6);
  });
});
