// The name comparator's larger, independent test set, generated from the real lists
// (matching/real-names.json) by the writer model (writing.ts), seeded, checked in as
// functions/test/matching/real-name-pairs.json:
//   npm run names -w functions -- pairs [--seed 25] [--out FILE]
// Kept apart from the rules' own examples: no word of the hand-written set
// (test/matching/name-pairs.json) nor of the comparator's examples (EXAMPLE_WORDS) is drawn;
// the variants come from the writer model, never from matching/names.ts; pairs are split by
// their Kirundi name into a development third (the only part looked at while changing the
// comparator) and a holdout.
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../../paths.js";
import givenNamesData from "../../matching/given-names.json" with { type: "json" };
import {
  baptismalByEar,
  bearsAugment,
  nameByEar,
  realLists,
  toggleAugment,
  writeFullName,
  type Draw,
} from "./writing.js";

const REAL_NAME_PAIRS_FILE = join(repoRoot, "functions", "test", "matching", "real-name-pairs.json");
const HAND_WRITTEN_PAIRS = join(repoRoot, "functions", "test", "matching", "name-pairs.json");

/** the words the comparator's code, comments and tests use as examples */
const EXAMPLE_WORDS = [
  "jeannine jeanine gaudence godence theophile teofile umutesi mutesi uwimana wimana nshimiyimana nshimirimana",
  "havyarimana habyarimana ciza cyiza urukundo rukundo ingabire ngabire igihozo gihozo akaliza kaliza cecile gerard",
  "pierre petero jean jeanne anastase anastasie paul pauline kadogo ndayishimiye ndayishimye boukourou bukuru kalinda karinda",
].flatMap((line) => line.split(" "));

/** mulberry32: small, seeded, reproducible */
function seededDraw(seed: number): Draw {
  let t = seed >>> 0;
  return {
    next: () => {
      t = (t + 0x6d2b79f5) >>> 0;
      let x = Math.imul(t ^ (t >>> 15), 1 | t);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    },
  };
}

const pick = <T>(r: Draw, list: readonly T[]): T => list[Math.floor(r.next() * list.length)]!;

/** letters edit distance */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** the same name in the other orthography or in the old one (r/l, vy/by, cy/c, a doubled letter): not two names */
const orthographic = (w: string) =>
  w
    .replace(/l/g, "r")
    .replace(/vy/g, "by")
    .replace(/cy/g, "c")
    .replace(/(.)\1+/g, "$1");

/** two spellings of one baptismal name (Danny, Dani; Musa, Moussa): ou/u, y/i, doubled letters, ph/f, th/t, hard c/k, soft c/s, au/o, z/s */
const spelledAlike = (w: string) =>
  w
    .replace(/ou/g, "u")
    .replace(/y/g, "i")
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/qu|q|ck|c(?=[aouklr])/g, "k")
    .replace(/c(?=[ei])/g, "s")
    .replace(/eau|au/g, "o")
    .replace(/z/g, "s")
    .replace(/(.)\1+/g, "$1");

/** one split per Kirundi name, so that no name is in both */
function splitOf(name: string): "dev" | "holdout" {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 3 === 0 ? "dev" : "holdout";
}

/** forms of one baptismal name (Louis, Lewis, Luwi): one name, whatever the letters (given-names.json classes) */
function oneBaptismalName(a: string, b: string): boolean {
  return givenNamesData.classes.some((c) => c.forms.includes(a) && c.forms.includes(b));
}

type Pair = { a: string; b: string; pattern: string; split: "dev" | "holdout" };

export async function generateNamePairs(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { seed: { type: "string", default: "25" }, out: { type: "string" } },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) {
    console.error("usage: npm run names -w functions -- pairs [--seed S] [--out FILE]");
    return 2;
  }
  const r = seededDraw(seed);
  const handWritten = JSON.parse(await readFile(HAND_WRITTEN_PAIRS, "utf8")) as {
    variants: { a: unknown; b: unknown }[];
    nearMisses: { a: unknown; b: unknown }[];
  };
  const excluded = new Set([
    ...EXAMPLE_WORDS,
    ...JSON.stringify([...handWritten.variants, ...handWritten.nearMisses])
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .split(/[^a-z]+/),
  ]);
  const { names, given } = realLists(excluded);
  const kirundi = names.filter(([n]) => n.length >= 4).map(([n]) => n);
  // baptismal names in proportion to how many people of the lists bear them
  const baptismalPool = given.flatMap(([n, c]) => Array<string>(Math.min(c, 20)).fill(n));
  const person = () => ({ k: pick(r, kirundi), b: r.next() < 0.85 ? pick(r, baptismalPool) : undefined });

  const variants: Pair[] = [];
  const add = (list: Pair[], a: string, b: string, pattern: string, k: string) =>
    list.push({ a, b, pattern, split: splitOf(k) });
  // 1. the baptismal name by ear, the Kirundi name as written (order and capitals of each writer)
  for (let n = 0; n < 250;) {
    const p = { k: pick(r, kirundi), b: pick(r, baptismalPool) };
    const heard = baptismalByEar(p.b, r);
    if (!heard) continue;
    add(variants, writeFullName(p.k, p.b, r), writeFullName(p.k, heard, r), "baptismal_by_ear", p.k);
    n++;
  }
  // 2. the augment written by one, dropped by the other (names that bear it in the lists)
  const augmentable = kirundi.filter(bearsAugment);
  for (let n = 0; n < 150; n++) {
    const p = { k: pick(r, augmentable), b: r.next() < 0.7 ? pick(r, baptismalPool) : undefined };
    add(variants, writeFullName(p.k, p.b, r), writeFullName(toggleAugment(p.k)!, p.b, r), "augment", p.k);
  }
  // 3. the Kirundi name by ear
  for (let n = 0; n < 200;) {
    const p = person();
    const heard = nameByEar(p.k, r);
    if (!heard) continue;
    add(variants, writeFullName(p.k, p.b, r), writeFullName(heard, p.b, r), "kirundi_by_ear", p.k);
    n++;
  }

  // near misses: two real names of the same standing (both borne by two people or more, or
  // both by one), one or two letters apart, not the same name in another orthography
  const counts = new Map(names);
  const close: [string, string][] = [];
  for (let i = 0; i < kirundi.length; i++) {
    for (let j = i + 1; j < kirundi.length; j++) {
      const [a, b] = [kirundi[i]!, kirundi[j]!];
      if (a[0] !== b[0] || orthographic(a) === orthographic(b)) continue;
      const [ca, cb] = [counts.get(a)!, counts.get(b)!];
      if (!((ca >= 2 && cb >= 2) || (ca === 1 && cb === 1))) continue;
      const d = levenshtein(a, b);
      if (d <= 2 || (d === 3 && Math.min(a.length, b.length) >= 9)) close.push([a, b]);
    }
  }
  const nearMisses: Pair[] = [];
  for (const [a, b] of close) {
    if (r.next() > 350 / close.length) continue;
    const baptismal = r.next() < 0.7 ? pick(r, baptismalPool) : undefined;
    add(nearMisses, writeFullName(a, baptismal, r), writeFullName(b, baptismal, r), "close_real_names", a);
  }
  // one Kirundi name, two close baptismal names (another person of the same name)
  const givenNames = [...new Set(baptismalPool)].filter((g) => g.length >= 3 && !givenNamesData.particles.includes(g));
  const closeGiven: [string, string][] = [];
  for (let i = 0; i < givenNames.length; i++)
    for (let j = i + 1; j < givenNames.length; j++) {
      const [a, b] = [givenNames[i]!, givenNames[j]!];
      if (
        levenshtein(a, b) <= 2 &&
        orthographic(a) !== orthographic(b) &&
        spelledAlike(a) !== spelledAlike(b) &&
        !oneBaptismalName(a, b)
      )
        closeGiven.push([a, b]);
    }
  for (let n = 0; n < Math.min(150, closeGiven.length * 2); n++) {
    const [a, b] = pick(r, closeGiven);
    const k = pick(r, kirundi);
    add(nearMisses, writeFullName(k, a, r), writeFullName(k, b, r), "close_baptismal_names", k);
  }

  const out = {
    about:
      "Generated, not hand-written: pairs of full names drawn from the real lists of matching/real-names.json (Kirundi and Kinyarwanda names, baptismal names of the same people). 'variants' are one person written by two people (the writer model of src/eval/names/writing.ts: a baptismal name by ear, the augment, the Kirundi name by ear); 'nearMisses' are two people (two real names of the same standing one or two letters apart, or one Kirundi name with two close baptismal names). No word of test/matching/name-pairs.json nor of the comparator's examples is drawn. 'split': dev is the only part looked at while changing the comparator.",
    command: `npm run names -w functions -- pairs --seed ${seed}`,
    seed,
    variants,
    nearMisses,
  };
  const file = resolve(values.out ?? REAL_NAME_PAIRS_FILE);
  await writeFile(file, `${JSON.stringify(out, null, 1)}\n`);
  const count = (list: Pair[]) =>
    [...new Set(list.map((p) => p.pattern))].map((k) => `${k} ${list.filter((p) => p.pattern === k).length}`);
  console.log(
    `${variants.length} variant pairs (${count(variants).join(", ")}), ${nearMisses.length} near misses (${count(nearMisses).join(", ")}) → ${file}`,
  );
  return 0;
}
