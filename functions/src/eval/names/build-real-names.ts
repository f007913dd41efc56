// Builds functions/src/matching/real-names.json: Kirundi and Kinyarwanda personal names as real
// people bear them, each with how many people of the sources bear it, and the baptismal names
// of the same people (the reunification eval draws names from both). Only the derived table is
// kept: no source file, no full name, no other field of a person's record.
//   npm run names -w functions -- build --masakhaner DIR --parliament FILE[,FILE…] [--out FILE]
// DIR: the Kinyarwanda CoNLL files of MasakhaNER 1.0 and 2.0 (data/kin/*.txt and
// MasakhaNER2.0/data/kin/*.txt of github.com/masakhane-io/masakhane-ner, copied into one folder);
// FILE: CSV files with a `name` column, the family name in capitals (EveryPolitician term files).
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import givenNamesData from "../../matching/given-names.json" with { type: "json" };
import { nameWords, phoneticKey } from "../../matching/index.js";
import { repoRoot } from "../../paths.js";

const REAL_NAMES_FILE = join(repoRoot, "functions", "src", "matching", "real-names.json");

/** Rwanda's births of 2024, the five names given most to girls and to boys (NISR figures as reported, see SOURCES) */
const BIRTHS_2024: Record<string, number> = {
  ineza: 6792,
  uwase: 4606,
  ishimwe: 4545 + 6751,
  irakoze: 2575 + 2362,
  igiraneza: 2329,
  iganze: 3239,
  mugisha: 3009,
  hirwa: 2415,
};

const SOURCES = [
  {
    id: "masakhaner-kin",
    what: "people named in Kinyarwanda news (MasakhaNER 1.0 and 2.0, Kinyarwanda part, PER annotations: 2,555 distinct names of people)",
    ref: "https://github.com/masakhane-io/masakhane-ner (commit ba5843c), files data/kin/{train,dev,test}.txt and MasakhaNER2.0/data/kin/{train,dev,test}.txt",
    licence: "CC BY-NC 4.0 (the annotated data); only word counts are kept here",
    counted:
      "each distinct person span once; a one-word span is dropped when a longer span holds that word (the same person named twice); words not shaped like a Kirundi or Kinyarwanda name, or listed in given-names.json, are not counted as such",
  },
  {
    id: "everypolitician",
    what: "members of Burundi's National Assembly (terms 2010 and 2015) and Rwanda's Chamber of Deputies (term 3)",
    ref: "https://github.com/everypolitician/everypolitician-data, data/Burundi/Assembly/term-2010.csv, term-2015.csv, data/Rwanda/Deputies/term-3.csv (name column only)",
    licence: "CC0 1.0 (EveryPolitician data)",
    counted:
      "each member once per term file; the words in capitals (the family name) are Kirundi or Kinyarwanda names, the others baptismal names",
  },
  {
    id: "births-rw-2024",
    what: "Rwanda's births of 2024: the five names given most to girls and to boys, with the number of children (National Institute of Statistics of Rwanda figures)",
    ref: "'Amazina 10 yahawe impinja nyinshi mu 2024', Imirasire TV, https://imirasiretv.com/amazina-10-yahawe-impinja-nyinshi-mu-2024",
    licence: "facts (ten names and counts)",
    counted: "the number of children given the name, girls and boys added",
  },
] as const;

const givenForms = new Set(
  [
    ...givenNamesData.classes.flatMap((c) => c.forms),
    ...givenNamesData.common,
    ...givenNamesData.phrases.flatMap((p) => p.nicknames),
    ...givenNamesData.particles,
  ].map(phoneticKey),
);

/**
 * Kirundi and Kinyarwanda names are open syllables: a vowel at the end, never two vowels in a
 * row (the orthographies write the glide: Mariya, Ndayishimiye), and between vowels only a
 * nasal, one consonant and a glide (nd, mb, nsh, bw, cy, shy, ndw…): no br, ch, th, st of
 * French and English names.
 */
function bantuShaped(word: string): boolean {
  if (!/^[a-z]{4,}$/.test(word) || !/[aeiou]$/.test(word) || /[aeiou]{2}|[qx]/.test(word)) return false;
  return word
    .split(/[aeiou]+/)
    .filter((c) => c.length > 0)
    .every((c) => /^(?:[nm])?(?:sh|ts|pf|[bcdfghjklprstvz])?[yw]?$/.test(c));
}

function isGiven(word: string): boolean {
  return givenForms.has(phoneticKey(word));
}

/** distinct person spans of CoNLL files (word, then tag last on the line) */
function personSpans(text: string): string[][] {
  const spans: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    const parts = line.trim().split(/\s+/);
    const tag = parts.length >= 2 ? parts[parts.length - 1] : undefined;
    if (tag === "B-PER") {
      if (current) spans.push(current);
      current = [parts[0]!];
    } else if (tag === "I-PER" && current) current.push(parts[0]!);
    else if (current) {
      spans.push(current);
      current = undefined;
    }
  }
  if (current) spans.push(current);
  return spans;
}

type Counts = Map<string, number>;
const add = (counts: Counts, word: string, n = 1) => counts.set(word, (counts.get(word) ?? 0) + n);

async function countNews(dir: string, names: Counts, given: Counts) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  const distinct = new Set<string>();
  for (const f of files)
    for (const span of personSpans(await readFile(join(dir, f), "utf8"))) distinct.add(span.join(" "));
  const multiWords = new Set([...distinct].filter((s) => s.includes(" ")).flatMap((s) => nameWords(s)));
  let people = 0;
  for (const span of distinct) {
    const words = [...new Set(nameWords(span))];
    if (words.length === 1 && multiWords.has(words[0]!)) continue;
    people++;
    for (const w of words) {
      if (isGiven(w)) add(given, w);
      else if (bantuShaped(w)) add(names, w);
    }
  }
  return people;
}

async function countParliament(files: string[], names: Counts, given: Counts) {
  let people = 0;
  for (const file of files) {
    const [header, ...rows] = (await readFile(file, "utf8")).split(/\r?\n/).filter((l) => l.trim());
    const column = header!.split(",").indexOf("name");
    if (column < 0) throw new Error(`${file}: no 'name' column`);
    for (const row of rows) {
      const full = row.split(",")[column] ?? "";
      people++;
      for (const raw of full.split(/\s+/)) {
        const capitals = raw.length > 1 && raw === raw.toUpperCase() && /\p{L}/u.test(raw);
        for (const w of nameWords(raw)) {
          if (capitals && bantuShaped(w) && !isGiven(w)) add(names, w);
          else if (!capitals && w.length > 2) add(given, w);
        }
      }
    }
  }
  return people;
}

const sorted = (counts: Counts) =>
  Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

export async function buildRealNames(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { masakhaner: { type: "string" }, parliament: { type: "string" }, out: { type: "string" } },
  });
  if (!values.masakhaner || !values.parliament) {
    console.error("usage: npm run names -w functions -- build --masakhaner DIR --parliament FILE[,FILE…] [--out FILE]");
    return 2;
  }
  const names: Counts = new Map();
  const given: Counts = new Map();
  const newsPeople = await countNews(resolve(values.masakhaner), names, given);
  const members = await countParliament(
    values.parliament.split(",").map((f) => resolve(f)),
    names,
    given,
  );
  // a word people bear as a baptismal name (Gisèle, Irène among the members' names) is not a Kirundi name, whatever its shape
  const givenKeys = new Set([...given.keys()].map(phoneticKey));
  for (const word of [...names.keys()]) if (givenKeys.has(phoneticKey(word)) || isGiven(word)) names.delete(word);
  for (const [name, n] of Object.entries(BIRTHS_2024)) add(names, name, n);
  const out = {
    about:
      "Kirundi and Kinyarwanda personal names borne by real people, with the number of people of the sources who bear each (a name's frequency), and the baptismal names of the same people. The name comparator (names.ts) lets a by-ear spelling rule join two spellings only when they are not both real, different names: a rare spelling folds into its common name, two established names stay apart. Built by functions/src/eval/names/build-real-names.ts from the sources below; only these counts are kept.",
    built: new Date().toISOString().slice(0, 10),
    people: { "masakhaner-kin": newsPeople, everypolitician: members },
    sources: SOURCES,
    names: sorted(names),
    given: sorted(given),
  };
  await writeFile(resolve(values.out ?? REAL_NAMES_FILE), `${JSON.stringify(out, null, 1)}\n`);
  console.log(
    `${names.size} Kirundi/Kinyarwanda names and ${given.size} baptismal names from ${newsPeople} people in the news and ${members} members of parliament`,
  );
  return 0;
}
