// The reunification figures measured THROUGH THE PRODUCT: folders with case.json built from a face
// set (photos linked, never copied into the repository), imported with `tora-face import`, then
// read back with `tora-face candidates --all --json` and `tora-face matches --all --json`, as an
// operator would. The facts are those of the reunification eval's generator (reunification.ts),
// seeded.
//   npm run eval -- --product lag [--split dev|holdout] [--distractors 2000,10000|0] [--names] [--seed S] [--work DIR] [--cache DIR]
//   npm run eval -- --product lfw [--choose-centred] [--seed S] [--work DIR] [--cache DIR]
// lag: each person's young photos (y/) are a missing case, the adult photos a found case; then
// unrelated found cases from the LFW development half are added (cumulatively) and the lists read
// again; a second store holds the twice-reported children (two missing reports of one child, each
// with half of the young photos) for the duplicate rule. lfw: one photo missing, another found,
// plus as many unrelated found cases (--choose-centred: the photos waiting for a choice of face get
// the one in the middle, as an officer would choose in a portrait). The work folder (default /tmp/tora-product-eval) holds the
// generated folders, the stores and the key of who is who; the analysis cache (default inside it)
// holds embeddings: both stay outside the repository. The last stdout line is one JSON object.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { facesDir, functionsRoot, repoRoot } from "../paths.js";
import type { FoundFacts, MissingFacts } from "../schemas/reunification.js";
import { readIdentityFolders } from "./identity-folders.js";
import {
  generateCase,
  lagPeople,
  LAG_SPLITS,
  rng,
  secondReport,
  sexOf,
  shuffle,
  YEAR,
  type GeneratedCase,
  type LagSplit,
  type Person,
  type Rng,
} from "./reunification.js";

const usage = `usage:
  npm run eval -- --product lag [--split dev|holdout] [--distractors 2000,10000|0] [--names] [--seed S] [--work DIR] [--cache DIR]   (LAG: ../data/lag or TORA_LAG_DIR)
  npm run eval -- --product lfw [--choose-centred] [--seed S] [--work DIR] [--cache DIR]   (LFW dev: ../shared/faces/lfw-dev or TORA_FACES_DIR)
--choose-centred: after the imports, the operator takes the face nearest the centre of every photo waiting for a choice (tora-face choose-face --centre)`;

interface CaseFolder {
  ref: string;
  person: string;
  photos: string[];
  caseFile: Record<string, unknown>;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * --names: what every missing report carries in life, the child's names as the family gives them —
 * a Kirundi name (personal, drawn from common ones, so strangers share one now and then) and a
 * baptismal name of the child's sex (shared by thousands) — written in either order, the Kirundi
 * name in capitals or not. A second report of the same child spells them by ear: r for l, i for y,
 * a doubled or dropped letter, a hyphen or not; now and then only one of the two names, or another
 * baptismal name. Found persons who cannot say who they are carry none. Without --names the
 * reports carry no name, as the reunification eval's generator.
 */
const KIRUNDI_NAMES = [
  "Ndayishimiye",
  "Niyonkuru",
  "Hakizimana",
  "Nshimirimana",
  "Ndikumana",
  "Niyongabo",
  "Irakoze",
  "Iradukunda",
  "Nkurunziza",
  "Ntakirutimana",
  "Bizimana",
  "Havyarimana",
  "Nduwimana",
  "Ndayizeye",
  "Niyonzima",
  "Habonimana",
  "Manirakiza",
  "Nibigira",
  "Ndihokubwayo",
  "Nzeyimana",
  "Kwizera",
  "Uwimana",
  "Mugisha",
  "Ishimwe",
  "Nijimbere",
  "Ndabaneze",
  "Niyomwungere",
  "Barutwanayo",
  "Gahungu",
  "Hatungimana",
  "Ininahazwe",
  "Kubwimana",
  "Minani",
  "Nahimana",
  "Niyibizi",
  "Nsabimana",
  "Ntahomvukiye",
  "Nzobonimpa",
  "Sindayigaya",
  "Bigirimana",
  "Butoyi",
  "Harerimana",
  "Irambona",
  "Kaneza",
  "Niyokwizera",
  "Ndizeye",
  "Nduwayo",
  "Ngendakumana",
  "Nimubona",
  "Rurihose",
];
const GIVEN_NAMES = {
  female: [
    "Marie",
    "Jeanne",
    "Claudine",
    "Francine",
    "Esperance",
    "Josiane",
    "Aline",
    "Diane",
    "Sandrine",
    "Chantal",
    "Annick",
    "Béatrice",
  ],
  male: [
    "Jean",
    "Pierre",
    "Claude",
    "Eric",
    "Emmanuel",
    "Joseph",
    "Innocent",
    "Patrick",
    "Fabrice",
    "Olivier",
    "Désiré",
    "Gérard",
  ],
} as const;

interface ChildName {
  kirundi: string;
  given: string;
}
function childName(sex: "female" | "male", r: Rng): ChildName {
  const given = r.chance(0.25) ? `${r.pick(GIVEN_NAMES[sex])}-${r.pick(GIVEN_NAMES[sex])}` : r.pick(GIVEN_NAMES[sex]);
  return { kirundi: r.pick(KIRUNDI_NAMES), given };
}
/** one spelling by ear of a Kirundi name */
function byEar(name: string, r: Rng): string {
  const edits = [
    (n: string) => n.replace(/r/, "l"),
    (n: string) => n.replace(/y/, "i"),
    (n: string) => n.replace(/iy/, "y"),
    (n: string) => n.replace(/([bdgkmnz])/, "$1$1"),
  ];
  const edited = r.pick(edits)(name);
  return edited === name ? name : edited;
}
function written(name: ChildName, r: Rng, secondReport: boolean): string[] {
  let { kirundi, given } = name;
  if (secondReport) {
    if (r.chance(0.4)) kirundi = byEar(kirundi, r);
    if (r.chance(0.5)) given = given.replace("-", " ");
    if (r.chance(0.05)) given = given.split(/[- ]/)[0]!;
  }
  if (secondReport && r.chance(0.1)) return [r.chance(0.5) ? kirundi.toUpperCase() : given];
  return [r.chance(0.5) ? `${kirundi.toUpperCase()} ${given}` : `${given} ${kirundi}`];
}
const noPerson = (p: Person) => ({ ...p, missingPhotos: [], foundPhotos: [] });

function missingCaseFile(facts: MissingFacts, photoDate: string, photos: string[]) {
  return {
    legalBasis: "family_report",
    subject: {
      names: facts.names ?? [],
      sex: facts.sex,
      ...(facts.birthYear !== undefined ? { birthYear: facts.birthYear } : {}),
      ...(facts.ageAtDisappearance !== undefined ? { ageAtDisappearance: facts.ageAtDisappearance } : {}),
      lastSeenDate: facts.lastSeenDate,
      lastSeenPlace: facts.lastSeenPlace,
    },
    photoDates: Object.fromEntries(photos.map((p) => [linkName(p), photoDate])),
  };
}

function foundCaseFile(facts: FoundFacts, photoDate: string, photos: string[]) {
  return {
    legalBasis: "vital_interest",
    subject: { names: facts.names ?? [], sex: facts.sex, ageRange: facts.estimatedAgeRange },
    found: { dateFound: facts.dateFound, foundPlace: facts.foundPlace, condition: "alive", cannotIdentify: true },
    photoDates: Object.fromEntries(photos.map((p) => [linkName(p), photoDate])),
  };
}

/** a photo's name inside its case folder: unique even when two source folders hold the same file name */
const linkName = (path: string): string =>
  `${basename(join(path, "..")).replace(/[^A-Za-z0-9_-]/g, "_")}-${basename(path)}`;

async function writeFolders(root: string, folders: CaseFolder[]): Promise<void> {
  await rm(root, { recursive: true, force: true });
  for (const f of folders) {
    const dir = join(root, f.ref);
    await mkdir(dir, { recursive: true });
    for (const photo of f.photos) await symlink(resolve(photo), join(dir, linkName(photo)));
    await writeFile(join(dir, "case.json"), JSON.stringify(f.caseFile));
  }
}

/** the product's own command line, on one store */
function tora(store: string, cache: string, args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", join(functionsRoot, "src", "cli", "main.ts"), ...args], {
    cwd: functionsRoot,
    env: {
      ...process.env,
      TORA_LOCAL_DB: join(store, "tora.sqlite"),
      TORA_LOCAL_BLOBS: join(store, "blobs"),
      TORA_EMBEDDING_CACHE: cache,
    },
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function importInto(
  store: string,
  cache: string,
  folder: string,
  kind: "missing" | "found",
  log: (l: string) => void,
): void {
  const out = tora(store, cache, ["import", folder, "--kind", kind, "--json"]).trim().split("\n");
  log(`  import ${kind} ${folder}: ${out[0]}; ${out.find((l) => l.startsWith("cross-match:")) ?? ""}`);
}

interface ListLine {
  case_id: string;
  external_ref: string | null;
  faces: number;
  scope: { open_cases: number; with_faces: number };
  candidates: { external_ref: string | null; band: string }[];
  ms: number;
}
interface PairLine {
  kind: "reunification" | "duplicate";
  band: string;
  cases: { external_ref: string; kind: string }[];
}

/** what the product shows for the missing cases: the right found case's rank in each list, and the queue's pairs */
function measure(store: string, cache: string, personOf: Map<string, string>, label: string) {
  const lists = tora(store, cache, ["candidates", "--all", "--kind", "missing", "--json"])
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ListLine);
  const { matches } = JSON.parse(tora(store, cache, ["matches", "--all", "--json"]).trim().split("\n").at(-1)!) as {
    matches: PairLine[];
  };
  const missingRefs = [...personOf.keys()].filter((r) => r.startsWith("M"));
  const listOf = new Map(lists.map((l) => [l.external_ref!, l]));
  let first = 0;
  let top20 = 0;
  let withoutFace = 0;
  let belowWeak = 0;
  let listed = 0;
  const times: number[] = [];
  for (const ref of missingRefs) {
    const list = listOf.get(ref);
    if (!list || list.faces === 0) {
      withoutFace++;
      continue;
    }
    times.push(list.ms);
    const rank = list.candidates.findIndex(
      (c) => c.external_ref !== null && personOf.get(c.external_ref) === personOf.get(ref),
    );
    if (rank === 0) first++;
    if (rank >= 0 && rank < 20) top20++;
    belowWeak += list.candidates.filter((c) => c.band === "below_threshold").length;
    listed += list.candidates.length;
  }
  const n = missingRefs.length;
  const same = (p: PairLine) => personOf.get(p.cases[0]!.external_ref) === personOf.get(p.cases[1]!.external_ref);
  const reunification = matches.filter((m) => m.kind === "reunification");
  const duplicates = matches.filter((m) => m.kind === "duplicate");
  const missingDuplicates = duplicates.filter((m) => m.cases[0]!.kind === "missing");
  const foundDuplicates = duplicates.filter((m) => m.cases[0]!.kind === "found");
  const foundCases = new Set([...personOf.keys()].filter((r) => r.startsWith("F"))).size;
  times.sort((a, b) => a - b);
  const figures = {
    missing_cases: n,
    found_cases: foundCases,
    // the found cases a list compared with: open, with a searchable face (a photo with several faces waits for an officer)
    found_cases_with_faces: lists[0]?.scope.with_faces ?? 0,
    missing_without_face: withoutFace,
    right_first: first / n,
    right_top20: top20 / n,
    below_weak_share: belowWeak / Math.max(1, listed),
    list_ms_median: times[Math.floor(times.length / 2)] ?? null,
    queue_right_pairs: reunification.filter(same).length / n,
    queue_false_pairs_per_missing_case: reunification.filter((m) => !same(m)).length / n,
    false_duplicates_per_missing_case: missingDuplicates.filter((m) => !same(m)).length / n,
    false_duplicates_per_found_case: foundDuplicates.filter((m) => !same(m)).length / Math.max(1, foundCases),
  };
  const lines = [
    `${label}: ${n} missing cases, ${foundCases} found cases, ${figures.found_cases_with_faces} with a searchable face (candidates --all --json, matches --all --json)`,
    `  right found case first ${pct(figures.right_first)}, in the top 20 ${pct(figures.right_top20)} (${withoutFace} missing case(s) without an accepted face count as misses)`,
    `  ${pct(figures.below_weak_share)} of the listed candidates below the weak band; list ${figures.list_ms_median?.toFixed(0)} ms median`,
    `  the queue: right pair opened for ${pct(figures.queue_right_pairs)}, ${figures.queue_false_pairs_per_missing_case.toFixed(2)} false pairs per missing case; ` +
      `false duplicates ${figures.false_duplicates_per_missing_case.toFixed(3)} per missing (child) case, ${figures.false_duplicates_per_found_case.toFixed(3)} per found case`,
  ];
  return { lines, figures };
}

/** the twice-reported children: recall of the duplicate rule, and its false duplicates, from `matches --kind duplicate` */
function measureDuplicates(store: string, cache: string, personOf: Map<string, string>, twice: Set<string>) {
  const { matches } = JSON.parse(
    tora(store, cache, ["matches", "--all", "--kind", "duplicate", "--json"]).trim().split("\n").at(-1)!,
  ) as {
    matches: PairLine[];
  };
  const cases = personOf.size;
  const proposed = new Set<string>();
  let falsePairs = 0;
  for (const m of matches) {
    const [a, b] = m.cases.map((c) => personOf.get(c.external_ref));
    if (a === b && a !== undefined) proposed.add(a);
    else falsePairs++;
  }
  const figures = {
    missing_cases: cases,
    twice_reported: twice.size,
    twice_reported_proposed: [...twice].filter((p) => proposed.has(p)).length / twice.size,
    false_duplicates_per_case: falsePairs / cases,
  };
  const lines = [
    `twice-reported children (two missing reports of one child, half of the young photos each, the second report told with its own noise): ${twice.size} of ${cases} missing cases`,
    `  proposed as possible duplicates ${pct(figures.twice_reported_proposed)}; false duplicates ${figures.false_duplicates_per_case.toFixed(3)} per missing case`,
  ];
  return { lines, figures };
}

/** unrelated found cases from the LFW development half: each photo a found adult with generated facts; LAG's people left out by name */
async function lfwDistractors(count: number, seed: number, lagNames: Set<string>) {
  const dir = join(facesDir(), "lfw-dev");
  if (!existsSync(dir)) return { folders: [] as CaseFolder[], distinct: 0, reason: `LFW dev not found at ${dir}` };
  const r = rng(seed + 2000);
  const identities = (await readIdentityFolders(dir)).filter((i) => !lagNames.has(i.name.toLowerCase()));
  const photos = shuffle(
    identities.flatMap((i) => i.items.map((p) => ({ name: i.name, p }))),
    r,
  );
  const folders: CaseFolder[] = [];
  for (let k = 0; k < count; k++) {
    const { name, p } = photos[k % photos.length]!;
    const person = { name, sex: sexOf(name, r), missingPhotos: [], foundPhotos: [] };
    const atFound = r.uniform(18, 65);
    const c = generateCase(
      person,
      r,
      { atMissingPhoto: atFound - 2, atFound },
      Date.parse("2020-01-01") + r.uniform(0, 6.5) * YEAR,
    );
    folders.push({
      ref: `FX${String(k).padStart(5, "0")}`,
      person: `lfw:${name}`,
      photos: [p],
      caseFile: foundCaseFile(c.found.facts, c.found.photoDate, [p]),
    });
  }
  return { folders, distinct: Math.min(count, photos.length) };
}

async function lagProduct(
  dir: string,
  split: LagSplit,
  seed: number,
  work: string,
  cache: string,
  distractors: number[],
  names: boolean,
  log: (l: string) => void,
) {
  const { folders, listed } = await lagPeople(dir, split);
  const r = rng(seed);
  // names drawn from their own sequence: the other facts stay those of a run without names
  const rn = rng(seed + 5000);
  const nameOf = new Map<string, ChildName>();
  const withNames = (facts: MissingFacts, person: string, sex: "female" | "male", second = false): MissingFacts => {
    if (!names) return facts;
    if (!nameOf.has(person)) nameOf.set(person, childName(sex, rn));
    return { ...facts, names: written(nameOf.get(person)!, rn, second) };
  };
  const missing: CaseFolder[] = [];
  const found: CaseFolder[] = [];
  const generated: { p: (typeof listed)[number]; c: GeneratedCase; i: number }[] = [];
  listed.forEach((p, i) => {
    const person = noPerson({ name: p.name, sex: sexOf(p.name, r), missingPhotos: [], foundPhotos: [] });
    // as the reunification eval: a child or teenager in the missing photo (2–16), found as an adult (18–50), 2020 – mid-2026
    const atMissingPhoto = r.uniform(2, 16);
    const atFound = Math.max(atMissingPhoto + 5, r.uniform(18, 50));
    const c = generateCase(person, r, { atMissingPhoto, atFound }, Date.parse("2020-01-01") + r.uniform(0, 6.5) * YEAR);
    const id = String(i).padStart(4, "0");
    missing.push({
      ref: `M${id}`,
      person: p.name,
      photos: p.young,
      caseFile: missingCaseFile(withNames(c.missing!.facts, p.name, person.sex), c.missing!.photoDate, p.young),
    });
    found.push({
      ref: `F${id}`,
      person: p.name,
      photos: p.adult,
      caseFile: foundCaseFile(c.found.facts, c.found.photoDate, p.adult),
    });
    generated.push({ p, c, i });
  });
  const personOf = new Map([...missing, ...found].map((f) => [f.ref, f.person]));
  const lines: string[] = [
    `LAG ${LAG_SPLITS[split].label}: ${listed.length} of ${folders.length} people have young and adult photos; missing reports ${names ? "with the child's names (--names)" : "without names"}`,
  ];
  const say = (l: string) => {
    lines.push(l);
    log(l);
  };

  // store A: the set's own found cases, then + distractors, cumulatively
  const store = join(work, "store-lag");
  await rm(store, { recursive: true, force: true });
  await writeFolders(join(work, "lag", "found"), found);
  await writeFolders(join(work, "lag", "missing"), missing);
  importInto(store, cache, join(work, "lag", "found"), "found", log);
  importInto(store, cache, join(work, "lag", "missing"), "missing", log);
  const steps: Record<string, unknown>[] = [];
  const base = measure(store, cache, personOf, "the set's own found cases");
  base.lines.forEach(say);
  steps.push({ distractors: 0, ...base.figures });

  // a celebrity of LAG may be in LFW too: such an LFW person is not unrelated, and is left out
  const allLagNames = new Set((await readdir(dir)).map((n) => n.toLowerCase()));
  const wanted = [...distractors].sort((a, b) => a - b);
  if (wanted.length) {
    const pool = await lfwDistractors(wanted.at(-1)!, seed, allLagNames);
    if (!pool.folders.length) say(`  unrelated found cases: SKIPPED, ${pool.reason}`);
    let imported = 0;
    for (const total of wanted) {
      if (!pool.folders.length) break;
      const batch = pool.folders.slice(imported, total);
      const folder = join(work, "lag", `distractors-${imported}-${total}`);
      await writeFolders(folder, batch);
      importInto(store, cache, folder, "found", log);
      imported = total;
      for (const f of batch) personOf.set(f.ref, f.person);
      const distinct = Math.min(total, pool.distinct);
      const m = measure(
        store,
        cache,
        personOf,
        `+ ${total} unrelated found cases (${distinct} distinct LFW photos${distinct < total ? `, ${total - distinct} of them used twice with other facts` : ""})`,
      );
      m.lines.forEach(say);
      steps.push({ distractors: total, distinct_distractor_photos: distinct, ...m.figures });
    }
  }

  // store B: the duplicate rule on twice-reported children
  const r2 = rng(seed + 3000);
  const dupFolders: CaseFolder[] = [];
  const twice = new Set<string>();
  for (const { p, c, i } of generated) {
    const id = String(i).padStart(4, "0");
    if (p.young.length >= 2) {
      twice.add(p.name);
      const [a, b] = [p.young.filter((_, k) => k % 2 === 0), p.young.filter((_, k) => k % 2 === 1)];
      const sex = c.truth.sex;
      dupFolders.push({
        ref: `M${id}a`,
        person: p.name,
        photos: a,
        caseFile: missingCaseFile(withNames(c.missing!.facts, p.name, sex), c.missing!.photoDate, a),
      });
      dupFolders.push({
        ref: `M${id}b`,
        person: p.name,
        photos: b,
        caseFile: missingCaseFile(withNames(secondReport(c, r2), p.name, sex, true), c.missing!.photoDate, b),
      });
    } else
      dupFolders.push({
        ref: `M${id}`,
        person: p.name,
        photos: p.young,
        caseFile: missingCaseFile(withNames(c.missing!.facts, p.name, c.truth.sex), c.missing!.photoDate, p.young),
      });
  }
  const dupStore = join(work, "store-lag-duplicates");
  await rm(dupStore, { recursive: true, force: true });
  await writeFolders(join(work, "lag", "missing-twice"), dupFolders);
  importInto(dupStore, cache, join(work, "lag", "missing-twice"), "missing", log);
  const dups = measureDuplicates(dupStore, cache, new Map(dupFolders.map((f) => [f.ref, f.person])), twice);
  dups.lines.forEach(say);
  await writeFile(join(work, "key-lag.json"), JSON.stringify(Object.fromEntries(personOf)));
  return { lines, figures: { split, people: listed.length, steps, duplicates: dups.figures } };
}

async function lfwProduct(seed: number, work: string, cache: string, chooseCentred: boolean, log: (l: string) => void) {
  const dir = join(facesDir(), "lfw-dev");
  const r = rng(seed);
  const identities = await readIdentityFolders(dir);
  const pairs = identities.filter((i) => i.items.length >= 2);
  const singles = shuffle(
    identities.filter((i) => i.items.length === 1),
    r,
  ).slice(0, pairs.length);
  const missing: CaseFolder[] = [];
  const found: CaseFolder[] = [];
  // adults photographed a few years apart, found 2016–2026, as the reunification eval's lfw mode
  const adult = (name: string) => {
    const atMissingPhoto = r.uniform(20, 65);
    const foundDateMs = Date.parse("2016-01-01") + r.uniform(0, 10) * YEAR;
    return generateCase(
      noPerson({ name, sex: sexOf(name, r), missingPhotos: [], foundPhotos: [] }),
      r,
      { atMissingPhoto, atFound: atMissingPhoto + r.uniform(0, 4) },
      foundDateMs,
    );
  };
  pairs.forEach((i, k) => {
    const c = adult(i.name);
    const id = String(k).padStart(4, "0");
    missing.push({
      ref: `M${id}`,
      person: i.name,
      photos: [i.items[0]!],
      caseFile: missingCaseFile(c.missing!.facts, c.missing!.photoDate, [i.items[0]!]),
    });
    found.push({
      ref: `F${id}`,
      person: i.name,
      photos: [i.items[1]!],
      caseFile: foundCaseFile(c.found.facts, c.found.photoDate, [i.items[1]!]),
    });
  });
  singles.forEach((i, k) => {
    const c = adult(i.name);
    found.push({
      ref: `FU${String(k).padStart(4, "0")}`,
      person: i.name,
      photos: [i.items[0]!],
      caseFile: foundCaseFile(c.found.facts, c.found.photoDate, [i.items[0]!]),
    });
  });
  const store = join(work, "store-lfw");
  await rm(store, { recursive: true, force: true });
  await writeFolders(join(work, "lfw", "found"), found);
  await writeFolders(join(work, "lfw", "missing"), missing);
  importInto(store, cache, join(work, "lfw", "found"), "found", log);
  importInto(store, cache, join(work, "lfw", "missing"), "missing", log);
  // LFW's photos are portraits with faces of bystanders at the edges: the person is the one in the middle
  if (chooseCentred)
    log(`  choose-face --centre: ${tora(store, cache, ["choose-face", "--centre"]).trim().split("\n").at(-1)}`);
  const personOf = new Map([...missing, ...found].map((f) => [f.ref, f.person]));
  const m = measure(
    store,
    cache,
    personOf,
    "LFW dev (one photo missing, another found, plus as many unrelated found cases)",
  );
  m.lines.forEach(log);
  return { lines: m.lines, figures: m.figures };
}

export async function runProductEval(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      product: { type: "string" },
      images: { type: "string" },
      split: { type: "string", default: "dev" },
      distractors: { type: "string", default: "2000" },
      names: { type: "boolean", default: false },
      "choose-centred": { type: "boolean", default: false },
      seed: { type: "string", default: "1" },
      work: { type: "string", default: join("/tmp", "tora-product-eval") },
      cache: { type: "string" },
      json: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  const mode = values.product;
  if (values.help || (mode !== "lag" && mode !== "lfw")) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const split = values.split as LagSplit;
  const seed = Number(values.seed);
  const distractors = values.distractors === "0" ? [] : values.distractors.split(",").map(Number);
  if (!(split in LAG_SPLITS) || !Number.isInteger(seed) || distractors.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(`eval: bad --split, --seed or --distractors\n${usage}`);
    return 2;
  }
  const work = resolve(values.work);
  if (work.startsWith(repoRoot)) {
    console.error(
      `eval: --work must be outside the repository (${work}): it holds links to the face set and stores of its embeddings`,
    );
    return 2;
  }
  const cache = resolve(values.cache ?? join(work, "analysis-cache"));
  await mkdir(work, { recursive: true });
  const log = (l: string) => console.error(l);
  const started = Date.now();
  let figures: Record<string, unknown>;
  let lines: string[];
  if (mode === "lag") {
    const dir = resolve(values.images ?? process.env.TORA_LAG_DIR ?? join(repoRoot, "..", "data", "lag"));
    if (!existsSync(dir)) {
      const reason = `images not found at ${dir} (set TORA_LAG_DIR or --images)`;
      console.log(`SKIPPED product lag: ${reason}`);
      console.log(JSON.stringify({ mode: "product-lag", skipped: reason }));
      return 0;
    }
    ({ lines, figures } = await lagProduct(dir, split, seed, work, cache, distractors, values.names!, log));
  } else {
    if (!existsSync(join(facesDir(), "lfw-dev"))) {
      const reason = `LFW dev not found at ${join(facesDir(), "lfw-dev")} (set TORA_FACES_DIR)`;
      console.log(`SKIPPED product lfw: ${reason}`);
      console.log(JSON.stringify({ mode: "product-lfw", skipped: reason }));
      return 0;
    }
    ({ lines, figures } = await lfwProduct(seed, work, cache, values["choose-centred"]!, log));
  }
  lines.forEach((l) => console.log(l));
  const json = JSON.stringify({
    mode: `product-${mode}`,
    seed,
    names: values.names,
    work,
    minutes: Math.round((Date.now() - started) / 600) / 100,
    ...figures,
  });
  if (values.json) await writeFile(resolve(values.json), `${json}\n`);
  console.log(json);
  return 0;
}
