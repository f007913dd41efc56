// Reunification measured: missing ↔ found cross-match ranked by the face alone and by the fused
// score (functions/src/matching), on public face sets with generated case facts.
//   npm run eval -- --reunification calibrate [--images DIR]   face evidence constants (LFW dev)
//   npm run eval -- --reunification lfw [--images DIR]         LFW dev: one photo missing, another found
//   npm run eval -- --reunification bands [--split dev|holdout]  false-match rates at the band edges by age group
//   npm run eval -- --reunification lag [--images DIR] [--split dev|holdout]
//                                                              Large Age-Gap: development half (a–l, default)
//                                                              or the holdout (m–z), to report, never to tune on
//   --names (lfw, lag): the facts carry names too (drawn from matching/real-names.json; some
//   families give the name, found adults give theirs, written by ear now and then); without it
//   the facts and figures are those of the runs without names, draw for draw
// options: --seed S (default 1), --cache DIR (embeddings kept there between runs; never inside
// the repository except under artifacts/), --json OUT. The facts are generated with the noise the
// issue names, seeded. The last stdout line is one JSON object with every figure.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { getGender } from "gender-detection-from-name";
import { bandFor, CALIBRATION, cosine, createFaceEngine, type FaceEngine } from "../engine/index.js";
import {
  DAYS_PER_YEAR,
  DUPLICATE_BANDS,
  faceLlr,
  FUSION_VERSION,
  fuseDuplicate,
  fuseEvidence,
  MS_PER_DAY,
  placeUnits,
  type PairFacts,
} from "../matching/index.js";
import { facesDir, modelsDir, repoRoot } from "../paths.js";
import type { FoundFacts, MissingFacts, Sex } from "../schemas/reunification.js";
import { embedImages } from "./embed-images.js";
import { drawPerson, rewriteFullName, writeFullName } from "./names/writing.js";
import { readIdentityFolders } from "./identity-folders.js";

const usage = `usage:
  npm run eval -- --reunification calibrate [--images DIR]   (default ${join("..", "shared", "faces", "lfw-dev")}, TORA_FACES_DIR)
  npm run eval -- --reunification lfw [--images DIR] [--seed S]
  npm run eval -- --reunification lag [--images DIR] [--seed S] [--split dev|holdout]   (default ../data/lag, TORA_LAG_DIR)
  npm run eval -- --reunification bands [--images DIR] [--split dev|holdout]   false-match rates at the band edges by age group
options: --cache DIR (embeddings, outside the repository), --json OUT, --names (lfw, lag: names in the facts)`;

/**
 * LAG's halves by the person's folder name: a–l for development (every choice of the model was
 * made looking at it), m–z the holdout, run once a model is settled and reported as it comes out.
 */
export const LAG_SPLITS = {
  dev: { folders: /^[a-l]/, label: "development half (folders a–l)", tag: "lag-dev" },
  holdout: { folders: /^[m-z]/, label: "holdout (folders m–z)", tag: "lag-holdout" },
} as const;
export type LagSplit = keyof typeof LAG_SPLITS;
const IMAGE = /\.(jpe?g|png|webp|tiff?)$/i;

export async function runReunificationEval(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      reunification: { type: "string" },
      images: { type: "string" },
      seed: { type: "string", default: "1" },
      cache: { type: "string" },
      json: { type: "string" },
      split: { type: "string", default: "dev" },
      names: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  const mode = values.reunification;
  if (values.help || !mode || !["calibrate", "lfw", "lag", "bands"].includes(mode)) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const split = values.split as LagSplit;
  if (!(split in LAG_SPLITS) || (mode !== "lag" && mode !== "bands" && split !== "dev")) {
    console.error(`eval: --split takes dev or holdout, with the lag mode only\n${usage}`);
    return 2;
  }
  if (values.names && mode === "calibrate") {
    console.error(
      `eval: --names goes with the lfw and lag modes (the band edges are calibrated without names)\n${usage}`,
    );
    return 2;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) {
    console.error(`eval: --seed must be an integer\n${usage}`);
    return 2;
  }
  const lagMode = mode === "lag" || mode === "bands";
  const images = resolve(
    values.images ??
      (lagMode ? (process.env.TORA_LAG_DIR ?? join(repoRoot, "..", "data", "lag")) : join(facesDir(), "lfw-dev")),
  );
  let figures: Record<string, unknown>;
  if (!existsSync(images)) {
    const reason = `images not found at ${images} (${lagMode ? "set TORA_LAG_DIR or --images" : "set TORA_FACES_DIR or --images"})`;
    console.log(`SKIPPED reunification ${mode}: ${reason}`);
    figures = { mode: `reunification-${mode}`, skipped: reason };
  } else {
    const embedder = lazyEmbedder(values.cache ? resolve(values.cache) : undefined);
    const result =
      mode === "calibrate"
        ? await calibrate(embedder, images, seed)
        : mode === "lfw"
          ? await lfwCrossMatch(embedder, images, seed, values.names)
          : mode === "bands"
            ? await bandsByAge(embedder, images, join(facesDir(), "lfw-dev"), split)
            : await lagCrossMatch(embedder, images, seed, split, values.names);
    result.lines.forEach((l) => console.log(l));
    figures = {
      mode: `reunification-${mode}`,
      seed,
      ...(lagMode ? { split } : {}),
      ...(values.names ? { names: true } : {}),
      ...result.figures,
    };
  }
  const json = JSON.stringify({ ...figures, fusion_version: FUSION_VERSION });
  if (values.json) {
    await mkdir(dirname(resolve(values.json)), { recursive: true });
    await writeFile(resolve(values.json), `${json}\n`);
  }
  console.log(json);
  return 0;
}

// ---------------------------------------------------------------------------- embeddings

type Embedder = (tag: string, root: string, paths: string[]) => Promise<Map<string, Float32Array>>;

/** embeds with the engine (created on first need), once per run, through an optional cache file per set and model */
function lazyEmbedder(cacheDir: string | undefined): Embedder {
  let engine: FaceEngine | undefined;
  const inMemory = new Map<string, Record<string, number[] | null>>();
  return async (tag, root, paths) => {
    const getEngine = () => (engine ??= createFaceEngine({ modelsDir: modelsDir() }));
    const cacheFile = cacheDir
      ? join(
          cacheDir,
          `${tag}-${createHash("sha256").update(`${CALIBRATION.modelVersion}|${root}`).digest("hex").slice(0, 12)}.json`,
        )
      : undefined;
    const cached: Record<string, number[] | null> =
      inMemory.get(root) ?? (cacheFile && existsSync(cacheFile) ? JSON.parse(await readFile(cacheFile, "utf8")) : {});
    inMemory.set(root, cached);
    const missing = paths.filter((p) => !(relative(root, p) in cached));
    if (missing.length > 0) {
      const embedded = await embedImages(getEngine(), missing, `embedding ${tag}`);
      for (const [p, v] of embedded.embeddings) cached[relative(root, p)] = v ? Array.from(v) : null;
      if (cacheFile) {
        await mkdir(dirname(cacheFile), { recursive: true });
        await writeFile(cacheFile, JSON.stringify(cached));
      }
    }
    const out = new Map<string, Float32Array>();
    for (const p of paths) {
      const v = cached[relative(root, p)];
      if (v) out.set(p, Float32Array.from(v));
    }
    return out;
  };
}

// ---------------------------------------------------------------------------- calibration

/**
 * Face evidence constants: a logistic fit of log(f_genuine/f_impostor) linear in the similarity,
 * each class weighted to the same total, on every pair of the LFW development half; capped where
 * fewer than 10 impostor pairs lie above, or 10 genuine pairs below.
 */
async function calibrate(embed: Embedder, dir: string, seed: number) {
  const identities = await readIdentityFolders(dir);
  const vectors = await embed(
    "lfw-dev",
    dir,
    identities.flatMap((i) => i.items),
  );
  const faces = identities.flatMap((identity, id) =>
    identity.items.flatMap((p) => (vectors.has(p) ? [{ id, v: vectors.get(p)! }] : [])),
  );
  const width = 0.0025;
  const bins = Math.round(2 / width);
  const genuine = new Float64Array(bins);
  const impostor = new Float64Array(bins);
  let nGenuine = 0;
  let nImpostor = 0;
  for (let i = 0; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++) {
      const s = cosine(faces[i]!.v, faces[j]!.v);
      const bin = Math.min(bins - 1, Math.max(0, Math.floor((s + 1) / width)));
      if (faces[i]!.id === faces[j]!.id) {
        genuine[bin]!++;
        nGenuine++;
      } else {
        impostor[bin]!++;
        nImpostor++;
      }
    }
  }
  const centre = (k: number) => -1 + (k + 0.5) * width;
  // Newton's method on the weighted logistic likelihood: with both classes weighted to 1, the
  // fitted log-odds are the log-likelihood ratio
  let a = 0;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0,
      gb = 0,
      haa = 0,
      hab = 0,
      hbb = 0;
    for (let k = 0; k < bins; k++) {
      const g = genuine[k]! / nGenuine;
      const w = g + impostor[k]! / nImpostor;
      if (w === 0) continue;
      const s = centre(k);
      const p = 1 / (1 + Math.exp(-(a + b * s)));
      const r = g - w * p;
      const h = w * p * (1 - p);
      ga += r;
      gb += r * s;
      haa += h;
      hab += h * s;
      hbb += h * s * s;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-12) break;
  }
  let above = 0;
  let highSupport = 1;
  for (let k = bins - 1; k >= 0; k--) {
    above += impostor[k]!;
    if (above > 10) {
      highSupport = -1 + (k + 1) * width;
      break;
    }
  }
  let below = 0;
  let lowSupport = -1;
  for (let k = 0; k < bins; k++) {
    below += genuine[k]!;
    if (below > 10) {
      lowSupport = -1 + k * width;
      break;
    }
  }
  const constants = { intercept: a, slope: b, minLlr: a + b * lowSupport, maxLlr: a + b * highSupport };
  const fused = await fusedBandEdges(embed, dir, seed);
  const duplicates = await duplicateBandEdges(embed, dir, seed);
  const lines = [
    `${nGenuine} genuine and ${nImpostor} impostor pairs from ${faces.length} faces of ${identities.length} identities`,
    `face LLR = ${a.toFixed(3)} + ${b.toFixed(3)} × similarity, within [${constants.minLlr.toFixed(3)}, ${constants.maxLlr.toFixed(3)}] (0 at ${(-a / b).toFixed(3)})`,
    ...CALIBRATION.bands.map(
      (band) => `  at ${band.band} (${band.minSimilarity}): LLR ${(a + b * band.minSimilarity).toFixed(2)}`,
    ),
    `fused band edges from ${fused.pairs} pairs of different people with generated facts (seed ${seed}; uses the committed face constants)`,
    `  face alone at the same rates: ${fused.faceAtRate.map((e) => `${e.band} ${e.faceLlr.toFixed(3)}`).join(", ")}`,
    `  fused: ${fused.edges.map((e) => `${e.band} ${e.minLlr.toFixed(3)} (${e.above} pairs above)`).join(", ")}`,
    `duplicate edges from ${duplicates.pairs} pairs of reports of different people (every photo a missing report with generated facts, seed ${seed})`,
    `  ${duplicates.edges.map((e) => `${e.band} (${e.rate}) ${e.minLlr.toFixed(3)} (${e.above} pairs above)`).join(", ")}`,
  ];
  return {
    lines,
    figures: {
      genuine_pairs: nGenuine,
      impostor_pairs: nImpostor,
      ...constants,
      fused_pairs: fused.pairs,
      fused_band_edges: fused.edges,
      duplicate_pairs: duplicates.pairs,
      duplicate_band_edges: duplicates.edges,
    },
  };
}

// ---------------------------------------------------------------------------- generated facts

/** mulberry32: small, seeded, reproducible */
export function rng(seed: number) {
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * next()),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

export function shuffle<T>(list: readonly T[], r: Rng): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const DAY = MS_PER_DAY;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const YEAR = DAYS_PER_YEAR * DAY;

/**
 * The person's sex, read from the first name of the identity folder (the sets carry no label) so
 * that sex agrees with the face as it does in life; names the list does not know get a coin.
 */
export function sexOf(folder: string, r: Rng): "female" | "male" {
  const first = folder.split(/[_\s-]/)[0] ?? "";
  const g = getGender(first, "en") !== "unknown" ? getGender(first, "en") : getGender(first);
  return g === "unknown" ? (r.chance(0.5) ? "female" : "male") : g;
}

const communes = placeUnits("BI").flatMap((p) => p.level2.map((c) => ({ province: p.level1.id, commune: c.id })));

/** where the found person turns up: the issue's noise, same province 80 % of the time (half of it the same commune) */
function foundPlaceFor(lastSeen: (typeof communes)[number], r: Rng) {
  if (r.chance(0.8)) {
    if (r.chance(0.5)) return lastSeen;
    const others = communes.filter((c) => c.province === lastSeen.province && c.commune !== lastSeen.commune);
    return others.length ? r.pick(others) : lastSeen;
  }
  return r.pick(communes.filter((c) => c.province !== lastSeen.province));
}

/** a family's birth year: right 80 % of the time, a year off 15 %, two years off 5 % */
function toldBirthYear(year: number, r: Rng): number {
  const u = r.next();
  const off = u < 0.8 ? 0 : u < 0.95 ? 1 : 2;
  return year + (r.chance(0.5) ? off : -off);
}

/** an officer's estimate of an age: a range of ±3–8 years around a guess that is itself off by about half that */
function estimatedRange(trueAge: number, r: Rng) {
  const half = r.int(3, 8);
  const guess = trueAge + (half / 2) * r.normal();
  return { min: Math.max(0, Math.round(guess - half)), max: Math.max(1, Math.round(guess + half)) };
}

/** the sex box of a found case: wrong 5 % of the time */
function recordedSex(sex: Sex, r: Rng): Sex {
  return r.chance(0.05) ? (sex === "female" ? "male" : "female") : sex;
}

export interface Person {
  name: string;
  sex: "female" | "male";
  missingPhotos: Float32Array[];
  foundPhotos: Float32Array[];
}

export interface GeneratedCase {
  missing?: { facts: MissingFacts; photoDate: string };
  found: { facts: FoundFacts; photoDate: string };
  /** what really happened, for a second report of the same disappearance */
  truth: { sex: "female" | "male"; birthMs: number; lastSeenMs: number; lastSeen: (typeof communes)[number] };
}

/**
 * Facts for one person: disappearance, birth, where lost and found, when; `ages` gives the age
 * in the missing photo and when found, `gapDays` the time from last seen to found.
 */
export function generateCase(
  person: Person,
  r: Rng,
  ages: { atMissingPhoto: number; atFound: number },
  foundDateMs: number,
): GeneratedCase {
  const birthMs = foundDateMs - ages.atFound * YEAR - r.uniform(0, 1) * YEAR;
  const missingPhotoMs = birthMs + ages.atMissingPhoto * YEAR;
  const lastSeenMs = Math.min(foundDateMs - DAY, missingPhotoMs + r.uniform(0, 2) * YEAR);
  const lastSeen = r.pick(communes);
  const found = foundPlaceFor(lastSeen, r);
  const trueAgeAtFound = (foundDateMs - birthMs) / YEAR;
  const birthYear = new Date(birthMs).getUTCFullYear();
  // 3 families in 10 remember an age rather than a birth year
  const ageInstead = r.chance(0.3);
  const missing: MissingFacts = {
    sex: person.sex,
    ...(ageInstead
      ? { ageAtDisappearance: Math.max(0, Math.floor((lastSeenMs - birthMs) / YEAR) + r.int(-1, 1)) }
      : { birthYear: toldBirthYear(birthYear, r) }),
    lastSeenDate: isoDay(lastSeenMs),
    lastSeenPlace: { country: "BI", level1: lastSeen.province, level2: lastSeen.commune },
  };
  const foundFacts: FoundFacts = {
    sex: recordedSex(person.sex, r),
    estimatedAgeRange: estimatedRange(trueAgeAtFound, r),
    dateFound: isoDay(foundDateMs),
    foundPlace: { country: "BI", level1: found.province, level2: found.commune },
  };
  return {
    missing: { facts: missing, photoDate: isoDay(missingPhotoMs) },
    found: { facts: foundFacts, photoDate: isoDay(foundDateMs) },
    truth: { sex: person.sex, birthMs, lastSeenMs, lastSeen },
  };
}

/** what a family tells of a birth: the year (right 80 % of the time) or, 3 times in 10, the age on the day last seen */
function toldAge(
  truth: GeneratedCase["truth"],
  lastSeenMs: number,
  r: Rng,
): Pick<MissingFacts, "birthYear" | "ageAtDisappearance"> {
  return r.chance(0.3)
    ? { ageAtDisappearance: Math.max(0, Math.floor((lastSeenMs - truth.birthMs) / YEAR) + r.int(-1, 1)) }
    : { birthYear: toldBirthYear(new Date(truth.birthMs).getUTCFullYear(), r) };
}

/**
 * The same disappearance reported a second time (another relative, another station), told with
 * its own noise, a little more than the duplicate rule assumes (matching/duplicates.ts): the
 * last-seen date within two weeks of the first 85 % of the time (else 1–12 months off), the place
 * the same commune half the time, another commune of the province 30 %, another province 20 %;
 * the birth year or age told anew as for the first report; the sex box wrong 2 % of the time.
 */
export function secondReport(c: GeneratedCase, r: Rng): MissingFacts {
  const t = c.truth;
  const shiftDays = r.chance(0.85) ? r.uniform(-14, 14) : (r.chance(0.5) ? 1 : -1) * r.uniform(30, 365);
  const lastSeenMs = t.lastSeenMs + shiftDays * DAY;
  const u = r.next();
  const sameProvince = communes.filter((x) => x.province === t.lastSeen.province && x.commune !== t.lastSeen.commune);
  const place =
    u < 0.5 || (u < 0.8 && sameProvince.length === 0)
      ? t.lastSeen
      : u < 0.8
        ? r.pick(sameProvince)
        : r.pick(communes.filter((x) => x.province !== t.lastSeen.province));
  return {
    sex: r.chance(0.02) ? (t.sex === "female" ? "male" : "female") : t.sex,
    ...toldAge(t, lastSeenMs, r),
    lastSeenDate: isoDay(lastSeenMs),
    lastSeenPlace: { country: "BI", level1: place.province, level2: place.commune },
  };
}

/** how names come into the facts (--names) */
const NAMES_IN_FACTS = {
  /** a family gives the missing person's name this often */
  familyGivesName: 0.7,
  /** a found adult gives their own name this often */
  foundGivesName: 0.8,
  /** how often the found person's name, as the officer writes it, differs by ear from the family's (Kirundi name, baptismal name, augment) */
  byEar: { kirundi: 0.3, baptismal: 0.3, augment: 0.3 },
  /** the found person gives no baptismal name this often (the Kirundi name alone) */
  baptismalLeftOut: 0.15,
} as const;

/**
 * Names for the generated cases, from a stream of draws of its own (seeded from the run's seed):
 * every other fact, and so the runs without names, stays draw for draw what it was.
 */
function giveNames(people: Generated[], distractors: Generated[], seed: number): void {
  const r = rng(seed ^ 0x25_25_25);
  const name = (person: Person) => drawPerson(person.sex, r);
  const foundWrites = (n: ReturnType<typeof name>) =>
    rewriteFullName(
      n.kirundi,
      r.chance(NAMES_IN_FACTS.baptismalLeftOut) ? undefined : n.baptismal,
      r,
      NAMES_IN_FACTS.byEar,
    );
  for (const g of people) {
    const n = name(g.person);
    if (g.c.missing && r.chance(NAMES_IN_FACTS.familyGivesName))
      g.c.missing.facts.names = [writeFullName(n.kirundi, n.baptismal, r)];
    if (r.chance(NAMES_IN_FACTS.foundGivesName)) g.c.found.facts.names = [foundWrites(n)];
  }
  for (const g of distractors)
    if (r.chance(NAMES_IN_FACTS.foundGivesName)) g.c.found.facts.names = [foundWrites(name(g.person))];
}

// ---------------------------------------------------------------------------- cross-match

interface Ranked {
  rankFace: number;
  rankFused: number;
  falseShownFace: number;
  falseShownFused: number;
  trueShownFace: boolean;
  trueShownFused: boolean;
  /** the right pair: its face similarity, and the generated facts that speak against it */
  rightSimilarity: number;
  foundInOtherProvince: boolean;
  sexBoxWrong: boolean;
}

type Generated = { person: Person; c: GeneratedCase };

/** a missing case and a found case as the matcher sees them: the best face pair of their photos, and their facts */
function pairFacts(m: Generated, f: Generated): PairFacts {
  let similarity = -1;
  for (const a of m.person.missingPhotos)
    for (const b of f.person.foundPhotos) similarity = Math.max(similarity, cosine(a, b));
  return {
    face: { similarity, missingPhotoDate: m.c.missing!.photoDate, foundPhotoDate: f.c.found.photoDate },
    missing: m.c.missing!.facts,
    found: f.c.found.facts,
  };
}

/** each missing case against every found case, both ways of ranking */
function crossMatch(
  missing: { person: Person; c: GeneratedCase }[],
  found: { person: Person; c: GeneratedCase }[],
): Ranked[] {
  const out: Ranked[] = [];
  for (const m of missing) {
    const scored = found.map((f) => {
      const pair = pairFacts(m, f);
      const fused = fuseEvidence(pair);
      return {
        right: f.person === m.person,
        similarity: pair.face.similarity,
        llr: fused.llr,
        shown: fused.band !== "below_threshold",
      };
    });
    const right = scored.find((s) => s.right)!;
    const wrong = scored.filter((s) => !s.right);
    const rightFacts = found.find((f) => f.person === m.person)!.c.found.facts;
    const missingFacts = m.c.missing!.facts;
    out.push({
      rightSimilarity: right.similarity,
      foundInOtherProvince: missingFacts.lastSeenPlace?.level1 !== rightFacts.foundPlace?.level1,
      sexBoxWrong: missingFacts.sex !== rightFacts.sex,
      rankFace: 1 + wrong.filter((s) => s.similarity >= right.similarity).length,
      rankFused: 1 + wrong.filter((s) => s.llr >= right.llr).length,
      falseShownFace: wrong.filter((s) => bandFor(s.similarity) !== undefined).length,
      falseShownFused: wrong.filter((s) => s.shown).length,
      trueShownFace: bandFor(right.similarity) !== undefined,
      trueShownFused: right.shown,
    });
  }
  return out;
}

function summarise(label: string, ranked: Ranked[], galleryFoundCases: number) {
  const n = ranked.length;
  const missed = ranked.filter((r) => r.rankFused > 20);
  const share = (f: (r: Ranked) => boolean) => ranked.filter(f).length / n;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const figures = {
    missing_cases: n,
    found_cases: galleryFoundCases,
    face_rank1: share((r) => r.rankFace === 1),
    face_rank5: share((r) => r.rankFace <= 5),
    face_rank20: share((r) => r.rankFace <= 20),
    fused_rank1: share((r) => r.rankFused === 1),
    fused_rank5: share((r) => r.rankFused <= 5),
    fused_rank20: share((r) => r.rankFused <= 20),
    face_false_shown_per_case: ranked.reduce((s, r) => s + r.falseShownFace, 0) / n,
    fused_false_shown_per_case: ranked.reduce((s, r) => s + r.falseShownFused, 0) / n,
    face_true_shown: share((r) => r.trueShownFace),
    fused_true_shown: share((r) => r.trueShownFused),
    fused_outside_top20: missed.length,
    fused_outside_top20_max_similarity: missed.length ? Math.max(...missed.map((r) => r.rightSimilarity)) : null,
    fused_outside_top20_other_province: missed.filter((r) => r.foundInOtherProvince).length,
    fused_outside_top20_wrong_sex_only: missed.filter((r) => !r.foundInOtherProvince && r.sexBoxWrong).length,
  };
  const lines = [
    `${label}: ${n} missing cases against ${galleryFoundCases} found cases`,
    `  right found case first: face alone ${pct(figures.face_rank1)}, fused ${pct(figures.fused_rank1)}`,
    `  in the top 5: face ${pct(figures.face_rank5)}, fused ${pct(figures.fused_rank5)}; top 20: face ${pct(figures.face_rank20)}, fused ${pct(figures.fused_rank20)}`,
    `  at the default band (weak and above): right case shown ${pct(figures.face_true_shown)} face / ${pct(figures.fused_true_shown)} fused; ` +
      `false candidates shown per missing case ${figures.face_false_shown_per_case.toFixed(2)} face / ${figures.fused_false_shown_per_case.toFixed(2)} fused`,
  ];
  if (missed.length > 0) {
    lines.push(
      `  outside the fused top 20: ${missed.length}; the right face similarity at most ${figures.fused_outside_top20_max_similarity!.toFixed(3)}; ` +
        `the facts say another province for ${figures.fused_outside_top20_other_province}, the wrong sex for ${figures.fused_outside_top20_wrong_sex_only} more`,
    );
  }
  return { lines, figures };
}

/** LFW dev: identities with two photos or more are missing (first photo) and found (second); as many one-photo identities are unrelated found cases */
async function lfwCases(embed: Embedder, dir: string, seed: number) {
  const r = rng(seed);
  const identities = await readIdentityFolders(dir);
  const pairs = identities.filter((i) => i.items.length >= 2);
  const singles = identities.filter((i) => i.items.length === 1);
  const unrelated = shuffle(singles, r).slice(0, pairs.length);
  const vectors = await embed("lfw-dev", dir, [
    ...pairs.flatMap((i) => i.items.slice(0, 2)),
    ...unrelated.map((i) => i.items[0]!),
  ]);
  const people: { person: Person; c: GeneratedCase }[] = [];
  const distractors: { person: Person; c: GeneratedCase }[] = [];
  // adults photographed a few years apart, found 2016–2026
  const adult = (person: Person) => {
    const atMissingPhoto = r.uniform(20, 65);
    const foundDateMs = Date.parse("2016-01-01") + r.uniform(0, 10) * YEAR;
    return generateCase(person, r, { atMissingPhoto, atFound: atMissingPhoto + r.uniform(0, 4) }, foundDateMs);
  };
  for (const i of pairs) {
    const [a, b] = [vectors.get(i.items[0]!), vectors.get(i.items[1]!)];
    if (!a || !b) continue;
    const person = { name: i.name, sex: sexOf(i.name, r), missingPhotos: [a], foundPhotos: [b] };
    people.push({ person, c: adult(person) });
  }
  for (const i of unrelated) {
    const v = vectors.get(i.items[0]!);
    if (!v) continue;
    const person = { name: i.name, sex: sexOf(i.name, r), missingPhotos: [], foundPhotos: [v] };
    distractors.push({ person, c: adult(person) });
  }
  return { people, gallery: [...people, ...distractors] };
}

/**
 * The fused LLR that pairs of different people exceed at each band's false-match rate, and the
 * face-only LLR at the same rates. Photo dates play no part: the gap between the photos is a
 * warning on the candidate, it changes no stranger's score.
 */
async function fusedBandEdges(embed: Embedder, dir: string, seed: number) {
  const { people, gallery } = await lfwCases(embed, dir, seed);
  const pairs: PairFacts[] = [];
  for (const m of people) for (const f of gallery) if (f.person !== m.person) pairs.push(pairFacts(m, f));
  const descending = (values: number[]) => Float64Array.from(values).sort().reverse();
  const faceLlrs = descending(pairs.map((p) => faceLlr(p.face.similarity)));
  const fusedLlrs = descending(pairs.map((p) => fuseEvidence(p).llr));
  const at = (sorted: Float64Array, rate: number) => sorted[Math.floor(rate * sorted.length)]!;
  const faceAtRate = CALIBRATION.bands.map((b) => ({ band: b.band, faceLlr: at(faceLlrs, b.falseMatchRate) }));
  const edges = CALIBRATION.bands.map((b) => {
    const minLlr = at(fusedLlrs, b.falseMatchRate) + 1e-6;
    return { band: b.band, minLlr, above: fusedLlrs.filter((x) => x >= minLlr).length };
  });
  return { pairs: pairs.length, faceAtRate, edges };
}

/**
 * The duplicate rule's edges: every photo of the LFW development half is a missing report of an
 * adult with generated facts; every pair of reports of different people is a stranger pair. The
 * edge of a rate is the fused duplicate LLR that this share of stranger pairs reaches.
 */
async function duplicateBandEdges(embed: Embedder, dir: string, seed: number) {
  const r = rng(seed + 1000);
  const identities = await readIdentityFolders(dir);
  const vectors = await embed(
    "lfw-dev",
    dir,
    identities.flatMap((i) => i.items),
  );
  const reports: { id: number; v: Float32Array; facts: MissingFacts; photoDate: string }[] = [];
  identities.forEach((identity, id) => {
    const sex = sexOf(identity.name, r);
    for (const item of identity.items) {
      const v = vectors.get(item);
      if (!v) continue;
      const atMissingPhoto = r.uniform(20, 65);
      const foundDateMs = Date.parse("2016-01-01") + r.uniform(0, 10) * YEAR;
      const c = generateCase(
        { name: identity.name, sex, missingPhotos: [v], foundPhotos: [] },
        r,
        { atMissingPhoto, atFound: atMissingPhoto + r.uniform(0, 4) },
        foundDateMs,
      );
      reports.push({ id, v, facts: c.missing!.facts, photoDate: c.missing!.photoDate });
    }
  });
  const llrs: number[] = [];
  for (let i = 0; i < reports.length; i++)
    for (let j = i + 1; j < reports.length; j++) {
      const a = reports[i]!;
      const b = reports[j]!;
      if (a.id === b.id) continue;
      llrs.push(
        fuseDuplicate({
          kind: "missing",
          face: { similarity: cosine(a.v, b.v), photoDates: [a.photoDate, b.photoDate] },
          cases: [a.facts, b.facts],
        }).llr,
      );
    }
  const sorted = Float64Array.from(llrs).sort().reverse();
  // the edge in force (1e-6) and the one above it for comparison
  const rates: [string, number][] = [
    ...(Object.entries(DUPLICATE_BANDS.falseMatchRate) as [string, number][]),
    ["(1e-5, for comparison)", 1e-5],
  ];
  const edges = rates.map(([band, rate]) => {
    const minLlr = sorted[Math.floor(rate * sorted.length)]! + 1e-6;
    return { band, rate, minLlr, above: sorted.filter((x) => x >= minLlr).length };
  });
  return { pairs: sorted.length, edges };
}

async function lfwCrossMatch(embed: Embedder, dir: string, seed: number, withNames: boolean) {
  const { people, gallery } = await lfwCases(embed, dir, seed);
  if (withNames) giveNames(people, gallery.slice(people.length), seed);
  const label = `LFW dev (one photo missing, another found, plus as many unrelated found cases)${withNames ? ", with names" : ""}`;
  return summarise(label, crossMatch(people, gallery), gallery.length);
}

/** LAG, one half: each person's folder with its young photos (y/) and adult photos, people with both only */
export async function lagPeople(
  dir: string,
  split: LagSplit,
): Promise<{ folders: string[]; listed: { name: string; young: string[]; adult: string[] }[] }> {
  const half = LAG_SPLITS[split];
  const folders = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && half.folders.test(e.name))
    .map((e) => e.name)
    .sort();
  const listed: { name: string; young: string[]; adult: string[] }[] = [];
  for (const name of folders) {
    const adult = (await readdir(join(dir, name), { withFileTypes: true }))
      .filter((e) => e.isFile() && IMAGE.test(e.name))
      .map((e) => join(dir, name, e.name))
      .sort();
    const youngDir = join(dir, name, "y");
    const young = existsSync(youngDir)
      ? (await readdir(youngDir))
          .filter((f) => IMAGE.test(f))
          .map((f) => join(youngDir, f))
          .sort()
      : [];
    if (young.length && adult.length) listed.push({ name, young, adult });
  }
  return { folders, listed };
}

/**
 * False-match rates at each face band edge by the age group of the photos, on the data at hand:
 * pairs of different people's photos, young × young (two missing children: a possible duplicate),
 * young × adult (a missing child and a found adult) and adult × adult, on a LAG half, against the
 * LFW development half (adults) on which the bands were set. LAG labels photos young (y/) or adult
 * and gives no ages, so "under 12" and "12–17" cannot be told apart here: the young group holds
 * both (children and teenagers).
 */
async function bandsByAge(embed: Embedder, lagDir: string, lfwDir: string, split: LagSplit) {
  const { listed } = await lagPeople(lagDir, split);
  const vectors = await embed(
    LAG_SPLITS[split].tag,
    lagDir,
    listed.flatMap((p) => [...p.young, ...p.adult]),
  );
  const of = (paths: string[]) => paths.flatMap((p) => (vectors.has(p) ? [vectors.get(p)!] : []));
  const young = listed.flatMap((p, id) => of(p.young).map((v) => ({ id, v })));
  const adult = listed.flatMap((p, id) => of(p.adult).map((v) => ({ id, v })));
  const lfwIdentities = existsSync(lfwDir) ? await readIdentityFolders(lfwDir) : [];
  const lfwVectors = lfwIdentities.length
    ? await embed(
        "lfw-dev",
        lfwDir,
        lfwIdentities.flatMap((i) => i.items),
      )
    : new Map<string, Float32Array>();
  const lfw = lfwIdentities.flatMap((identity, id) =>
    identity.items.flatMap((p) => (lfwVectors.has(p) ? [{ id, v: lfwVectors.get(p)! }] : [])),
  );
  const edges = CALIBRATION.bands.map((b) => ({ band: b.band, similarity: b.minSimilarity, rate: b.falseMatchRate }));
  type Face = { id: number; v: Float32Array };
  const count = (a: Face[], b: Face[], same: boolean) => {
    const above = edges.map(() => 0);
    let pairs = 0;
    for (let i = 0; i < a.length; i++)
      for (let j = same ? i + 1 : 0; j < b.length; j++) {
        if (a[i]!.id === b[j]!.id) continue;
        pairs++;
        const s = cosine(a[i]!.v, b[j]!.v);
        edges.forEach((e, k) => {
          if (s >= e.similarity) above[k]!++;
        });
      }
    return { pairs, rates: above.map((n) => n / Math.max(1, pairs)) };
  };
  const groups = [
    { group: "LFW dev adults × adults (the calibration)", ...count(lfw, lfw, true) },
    { group: `LAG ${split} adult × adult`, ...count(adult, adult, true) },
    { group: `LAG ${split} young × adult (missing child ↔ found adult)`, ...count(young, adult, false) },
    { group: `LAG ${split} young × young (two missing children)`, ...count(young, young, true) },
  ];
  const reference = groups[0]!.rates;
  const lines = [
    `false-match rates of different people's photos at each face band edge, by age group (LAG ${split}: ${young.length} young and ${adult.length} adult photos of ${listed.length} people; young = the set's y/ folder: children and teenagers, ages not given)`,
    `  ${"group".padEnd(62)} ${edges.map((e) => `${e.band} ≥ ${e.similarity}`.padEnd(26)).join("")}`,
    ...groups.map(
      (g) =>
        `  ${`${g.group} (${g.pairs.toLocaleString("en")} pairs)`.padEnd(62)} ${g.rates
          .map((rate, k) =>
            `${rate.toExponential(2)}${reference[k] ? ` (${(rate / reference[k]!).toFixed(1)}×)` : ""}`.padEnd(26),
          )
          .join("")}`,
    ),
  ];
  return {
    lines,
    figures: {
      band_edges: edges,
      groups: groups.map((g) => ({
        group: g.group,
        pairs: g.pairs,
        false_match_rates: g.rates,
        times_lfw: g.rates.map((x, k) => (reference[k] ? x / reference[k]! : null)),
      })),
    },
  };
}

/** LAG, one half: young photos → missing case, adult photos → found case, one of each per person */
async function lagCrossMatch(embed: Embedder, dir: string, seed: number, split: LagSplit, withNames: boolean) {
  const r = rng(seed);
  const half = LAG_SPLITS[split];
  const { folders, listed } = await lagPeople(dir, split);
  const vectors = await embed(
    half.tag,
    dir,
    listed.flatMap((p) => [...p.young, ...p.adult]),
  );
  const people: { person: Person; c: GeneratedCase }[] = [];
  for (const p of listed) {
    const missingPhotos = p.young.flatMap((f) => (vectors.has(f) ? [vectors.get(f)!] : []));
    const foundPhotos = p.adult.flatMap((f) => (vectors.has(f) ? [vectors.get(f)!] : []));
    if (!missingPhotos.length || !foundPhotos.length) continue;
    const person = { name: p.name, sex: sexOf(p.name, r), missingPhotos, foundPhotos };
    // a child or teenager in the missing photo (2–16), found as an adult (18–50), found during
    // the registry's life (2020 – mid-2026); last seen within 2 years of the photo
    const atMissingPhoto = r.uniform(2, 16);
    const atFound = Math.max(atMissingPhoto + 5, r.uniform(18, 50));
    const foundDateMs = Date.parse("2020-01-01") + r.uniform(0, 6.5) * YEAR;
    people.push({ person, c: generateCase(person, r, { atMissingPhoto, atFound }, foundDateMs) });
  }
  const skippedPeople = folders.length - people.length;
  if (withNames) giveNames(people, [], seed);
  const result = summarise(
    `LAG ${half.label}; young photos missing, adult photos found${withNames ? "; with names" : ""}`,
    crossMatch(people, people),
    people.length,
  );
  result.lines.push(`  ${skippedPeople} of ${folders.length} people left out (no young or no adult photo with a face)`);
  return result;
}
