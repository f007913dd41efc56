// Person names as families and officers write them in Burundi and Rwanda: a Kirundi or
// Kinyarwanda name (personal, not a family name: siblings have different ones, so a match is
// strong evidence) and one or more baptismal names (French, English, or their Kirundi and
// Kinyarwanda forms: weak evidence, shared by thousands), in any order, with or without
// hyphens, accents and capitals, and spelled by ear: r/l, ou/u, y/i, doubled letters, dropped
// vowels, the augment (Umutesi/Mutesi), initials and short forms; a baptismal name by the ear
// of a French or English speller (Jeannine/Jeanine, Gaudence/Godence, Théophile/Teofile).
// A by-ear rule never joins two real, established names (real-names.json): Nshimiyimana and
// Nshimirimana are two names, not one name misheard.
import givenNamesData from "./given-names.json" with { type: "json" };
import realNamesData from "./real-names.json" with { type: "json" };

export type NameGrade = "exact" | "strong" | "partial" | "none";
export const NAME_GRADES: readonly NameGrade[] = ["none", "partial", "strong", "exact"];

/** how two words of a matched pair were read as one name */
type WordMatch = "exact" | "spelling" | "by_ear" | "augment" | "other_form" | "initial";

export interface NameComparison {
  grade: NameGrade;
  /** the two spellings that matched best, as written */
  pair?: [string, string];
  /** the words of `pair` read as one, as written, with how; exact words are left out */
  words?: { a: string; b: string; how: WordMatch }[];
  /** for ordering comparisons of the same grade: matched tokens weighted by how well they match */
  score: number;
}

export interface NamedSubject {
  names?: readonly string[];
  aliases?: readonly string[];
}

type TokenKind = "given" | "distinctive" | "initial";
export interface NameToken {
  text: string;
  /** the word as written (case and accents kept), for explanations */
  written: string;
  key: string;
  kind: TokenKind;
  /** class index of a known baptismal name (given-names.json, or a baptismal name of real-names.json) */
  givenClass?: number;
}

const MAX_TOKENS = 6;
const particles = new Set(givenNamesData.particles);

/** Spelling by ear → one key: the comparisons below run on keys. */
export function phoneticKey(token: string): string {
  return token
    .replace(/tch/g, "c")
    .replace(/ch/g, "sh")
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/qu/g, "k")
    .replace(/ck/g, "k")
    .replace(/dj/g, "j")
    .replace(/ou/g, "u")
    .replace(/y/g, "i")
    .replace(/l/g, "r")
    .replace(/(.)\1+/g, "$1");
}

/** a Kirundi or Kinyarwanda name in either orthography: Havyarimana (Kirundi) is Habyarimana (Kinyarwanda), Ciza is Cyiza */
function nameKey(token: string): string {
  return phoneticKey(token.replace(/vy/g, "by").replace(/cy/g, "c").replace(/jy/g, "j"));
}

/**
 * A baptismal name as a French or English speller hears it: silent h, au/o, ai/e, soft c and
 * g (Cécile/Sesile, Gérard/Jérard, François/Fransois: the lists lose the cedilla), hard c/k/qu, s/z, x/ks, the final e after c, d, t
 * (Gaudence/Godence, Odette/Odett) but not after l, n, s, where it makes the feminine name
 * (Louise, Pauline). Used for baptismal names only, never between Kirundi names.
 */
function earKey(token: string): string {
  return phoneticKey(
    token
      .replace(/ch/g, "sh")
      .replace(/ph/g, "f")
      .replace(/th/g, "t")
      .replace(/(qu|q|ck)/g, "k")
      .replace(/eau|au/g, "o")
      .replace(/coi/g, "soi")
      .replace(/[ae]i(?=[^aeiou]|$)/g, "e")
      .replace(/c(?=[eiy])/g, "s")
      .replace(/c/g, "k")
      .replace(/g(?=[eiy])/g, "j")
      .replace(/x/g, "ks")
      .replace(/z/g, "s")
      .replace(/h/g, ""),
  ).replace(/([cdt])e$/, "$1");
}

/** lower case, no accents, no apostrophes; words split on spaces, hyphens, dots and commas */
export function nameWords(raw: string): string[] {
  return writtenWords(raw).map((w) => w.text);
}

/** the words of a written name, each as matched (`text`) and as written */
function writtenWords(raw: string): { text: string; written: string }[] {
  return raw
    .split(/[\s\-.,;:/()]+/)
    .flatMap((chunk) => {
      const texts = chunk
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/['’‘`´]/g, "")
        .split(/[^a-z]+/)
        .filter((w) => w.length > 0);
      return texts.length === 1
        ? [{ text: texts[0]!, written: chunk }]
        : texts.map((text) => ({ text, written: text }));
    })
    .filter((w) => w.text.length > 0);
}

// ---------------------------------------------------------------------------- the lists

/** real Kirundi and Kinyarwanda names: spelling key → the real spellings with that key and how many people bear them */
const realNames = new Map<string, number>();
for (const [name, count] of Object.entries(realNamesData.names))
  realNames.set(nameKey(name), (realNames.get(nameKey(name)) ?? 0) + count);
/** a name borne by at least this many people of the sources is established: no ear rule joins two of them */
const ESTABLISHED_NAME_COUNT = 2;
/** a spelling borne by one person folds into a name this many times as common (a spelling slip in the sources) */
const FOLD_RATIO = 5;

const givenClassOfKey = new Map<string, number>();
const givenClassSex: string[] = [];
givenNamesData.classes.forEach((c, i) => {
  givenClassSex.push(c.sex);
  for (const form of c.forms) givenClassOfKey.set(phoneticKey(form), i);
});
// every other baptismal name (the common list, the baptismal names of the real lists) is a class of its own
for (const form of [...givenNamesData.common, ...Object.keys(realNamesData.given)]) {
  const key = phoneticKey(form);
  if (givenClassOfKey.has(key) || Object.hasOwn(realNamesData.names, form) || particles.has(form)) continue;
  givenClassOfKey.set(key, givenClassSex.length);
  givenClassSex.push("u");
}
/** by-ear keys of the classes, when one key means one class */
const givenClassOfEarKey = new Map<string, number>();
const ambiguousEarKeys = new Set<string>();
for (const [key, cls] of givenClassOfKey) {
  const ear = earKey(key);
  const seen = givenClassOfEarKey.get(ear);
  if (seen !== undefined && seen !== cls) ambiguousEarKeys.add(ear);
  else givenClassOfEarKey.set(ear, cls);
}
for (const ear of ambiguousEarKeys) givenClassOfEarKey.delete(ear);

const phrases = givenNamesData.phrases.map((p) => ({ keys: p.tokens.map(phoneticKey), nicknames: p.nicknames }));
const nicknameKeys = new Set(givenNamesData.phrases.flatMap((p) => p.nicknames.map(phoneticKey)));
const phraseWordKeys = new Set(givenNamesData.phrases.flatMap((p) => p.tokens.map(phoneticKey)));

/** the class of a baptismal name: its spelling, else (a word that is no real Kirundi name) its sound */
function givenClassOf(text: string, key: string): number | undefined {
  const byKey = givenClassOfKey.get(key);
  if (byKey !== undefined) return byKey;
  if (realNames.has(nameKey(text))) return undefined;
  return givenClassOfEarKey.get(earKey(text));
}

function isGivenKey(key: string): boolean {
  return givenClassOfKey.has(key) || nicknameKeys.has(key) || phraseWordKeys.has(key);
}

// ---------------------------------------------------------------------------- readings

/** `given` forces the kind of a word built from given names ("jean"+"claude", "jado") */
function makeToken(text: string, written: string, given = false): NameToken {
  const key = phoneticKey(text);
  if (text.length === 1) return { text, written, key, kind: "initial" };
  const givenClass = givenClassOf(text, key);
  return {
    text,
    written,
    key,
    kind: given || givenClass !== undefined || isGivenKey(key) ? "given" : "distinctive",
    givenClass,
  };
}

/** "JB", "JC" without dots are initials too: a short word without a vowel */
function splitInitials(word: { text: string; written: string }): { text: string; written: string }[] {
  return word.text.length <= 3 && !/[aeiouy]/.test(word.text) && !isGivenKey(phoneticKey(word.text))
    ? [...word.text].map((c, i) => ({ text: c, written: word.written[i] ?? c }))
    : [word];
}

/**
 * The ways one written name can be read: its words, particles and titles removed, plus each
 * reading where two adjacent words are one ("Jean Claude" ~ "Jeanclaude") or where a compound
 * baptismal name is its nickname ("Jean de Dieu" ~ "Jado").
 */
export function nameReadings(raw: string): NameToken[][] {
  const words = writtenWords(raw)
    .filter((w) => !particles.has(w.text))
    .flatMap(splitInitials)
    .slice(0, MAX_TOKENS);
  const tokens = words.map((w) => makeToken(w.text, w.written));
  const readings: NameToken[][] = [tokens];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [x, y] = [tokens[i]!, tokens[i + 1]!];
    // only baptismal names are glued (Jean Claude ~ Jeanclaude, Dieu Donné ~ Dieudonné): glued
    // Kirundi names would pass a difference in the last letters for a spelling slip
    const glued = makeToken(x.text + y.text, `${x.written} ${y.written}`);
    if (glued.kind === "distinctive" && (x.kind === "distinctive" || y.kind === "distinctive")) continue;
    const joined = makeToken(glued.text, glued.written, true);
    readings.push([...tokens.slice(0, i), joined, ...tokens.slice(i + 2)]);
  }
  const keys = tokens.map((t) => t.key);
  for (const phrase of phrases) {
    const at = keys.findIndex((_, i) => phrase.keys.every((k, j) => keys[i + j] === k));
    if (at >= 0) {
      const written = tokens
        .slice(at, at + phrase.keys.length)
        .map((t) => t.written)
        .join(" ");
      for (const nick of phrase.nicknames)
        readings.push([
          ...tokens.slice(0, at),
          makeToken(nick, written, true),
          ...tokens.slice(at + phrase.keys.length),
        ]);
    }
  }
  return readings;
}

// ---------------------------------------------------------------------------- words

const VOWELS = new Set([..."aeiou"]);
/** Edit distance where a vowel costs less than a consonant: vowels are what ears disagree on. */
function spellingDistance(a: string, b: string): number {
  const n = a.length,
    m = b.length;
  const cost = (c: string) => (VOWELS.has(c) ? 0.5 : 1);
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + cost(b[j - 1]!);
  for (let i = 1; i <= n; i++) {
    const ca = a[i - 1]!;
    cur[0] = prev[0]! + cost(ca);
    for (let j = 1; j <= m; j++) {
      const cb = b[j - 1]!;
      const substitute = ca === cb ? 0 : VOWELS.has(ca) && VOWELS.has(cb) ? 0.7 : 1;
      cur[j] = Math.min(prev[j]! + cost(ca), cur[j - 1]! + cost(cb), prev[j - 1]! + substitute);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m]!;
}

/** Feminine forms of a baptismal name are another name: Jean/Jeanne, Anastase/Anastasie, Paul/Pauline. */
function genderedPair(a: NameToken, b: NameToken): boolean {
  if (a.givenClass !== undefined && b.givenClass !== undefined) {
    const sa = givenClassSex[a.givenClass],
      sb = givenClassSex[b.givenClass];
    if (sa !== sb && sa !== "u" && sb !== "u") return true;
  }
  const [short, long] = a.text.length <= b.text.length ? [a.text, b.text] : [b.text, a.text];
  const stem = short.replace(/e$/, "");
  return (
    (a.kind === "given" || b.kind === "given") &&
    /^(e|ne|ine|tte|ette|elle|lle|a|ie)$/.test(long.slice(stem.length)) &&
    long.startsWith(stem) &&
    long !== short
  );
}

/**
 * The augment, the initial vowel of a noun that some write and others drop: u before mu, mw,
 * ru, rw, bu, bw, ku (Umutesi/Mutesi, Urukundo/Rukundo), i before a nasal and a consonant,
 * ki, gi, cy, bi, by, ri (Ingabire/Ngabire, Igihozo/Gihozo), a before ka, ga (Akaliza/Kaliza).
 * Uwimana is not U + Wimana: "uwa" is a word of its own (of), not an augment.
 */
const AUGMENTED = /^(u(mu|mw|ru|rw|bu|bw|ku)|i(n[bcdfghjkpstvz]|m[bpfv]|ki|gi|cy|ci|bi|by|ri|ry)|a(ka|ga))/;
function augmentOf(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.length === short.length + 1 && long.slice(1) === short && short.length >= 4 && AUGMENTED.test(long);
}

/** how many people of the real lists bear a name with this spelling key (0: none) */
function realCount(text: string): number {
  return realNames.get(nameKey(text)) ?? 0;
}

/**
 * May an ear rule join these two Kirundi or Kinyarwanda spellings? Not when both are real,
 * different names: two established names stay apart; a spelling borne by one person of the
 * lists folds into a name FOLD_RATIO times as common (a slip in the sources themselves).
 */
function earMayJoin(a: string, b: string): boolean {
  const [ca, cb] = [realCount(a), realCount(b)];
  if (ca === 0 || cb === 0) return true;
  const [rare, common] = ca <= cb ? [ca, cb] : [cb, ca];
  return rare < ESTABLISHED_NAME_COUNT && common >= FOLD_RATIO * rare;
}

type Level = "exact" | "phonetic" | "equivalent" | "augment" | "fuzzy" | "initial" | "different";
const LEVEL_WEIGHT: Record<Level, number> = {
  exact: 1,
  phonetic: 0.95,
  equivalent: 0.9,
  augment: 0.9,
  fuzzy: 0.8,
  initial: 0.3,
  different: 0,
};
const LEVEL_MATCH: Record<Exclude<Level, "different">, WordMatch> = {
  exact: "exact",
  phonetic: "spelling",
  equivalent: "other_form",
  augment: "augment",
  fuzzy: "by_ear",
  initial: "initial",
};

function tokenLevel(a: NameToken, b: NameToken): Level {
  if (a.kind === "initial" || b.kind === "initial") {
    if (a.kind === "initial" && b.kind === "initial") return a.text === b.text ? "initial" : "different";
    return (a.kind === "initial" ? b.text : a.text).startsWith(a.kind === "initial" ? a.text : b.text)
      ? "initial"
      : "different";
  }
  if (a.text === b.text) return "exact";
  if (a.givenClass !== undefined && a.givenClass === b.givenClass) {
    if (a.key === b.key) return "phonetic";
    // one class, two forms: Pierre/Petero is another form, Jeannine/Jeanine a spelling by ear
    return earKey(a.text) === earKey(b.text) ? "fuzzy" : "equivalent";
  }
  if (genderedPair(a, b)) return "different";
  if (a.kind === "given" || b.kind === "given") {
    if (a.key === b.key) return "phonetic";
    // a word that is no known name and sounds like a baptismal name is that name by ear (Frankois)
    const other = a.kind === "given" ? b : a;
    const byEar = other.kind === "given" || realCount(other.text) === 0;
    return byEar && earKey(a.text) === earKey(b.text) ? "fuzzy" : "different";
  }
  if (nameKey(a.text) === nameKey(b.text)) return "phonetic";
  if (augmentOf(a.key, b.key)) return "augment";
  const shorter = Math.min(a.key.length, b.key.length);
  const allowed = shorter >= 9 ? 1.5 : shorter >= 5 ? 1 : 0;
  const close = allowed > 0 && a.key[0] === b.key[0] && spellingDistance(nameKey(a.text), nameKey(b.text)) <= allowed;
  return close && earMayJoin(a.text, b.text) ? "fuzzy" : "different";
}

// ---------------------------------------------------------------------------- names

interface Alignment {
  pairs: { a: NameToken; b: NameToken; level: Level }[];
  unmatchedA: NameToken[];
  unmatchedB: NameToken[];
  weight: number;
}

/** best one-to-one pairing of the words of two readings (at most 6 each: brute force is cheap) */
function align(a: NameToken[], b: NameToken[]): Alignment {
  const [short, long, swapped] = a.length <= b.length ? [a, b, false] : [b, a, true];
  const levels = short.map((s) => long.map((l) => tokenLevel(s, l)));
  let best: number[] = [];
  let bestWeight = -1;
  const used = new Array<boolean>(long.length).fill(false);
  const chosen: number[] = [];
  const search = (i: number, weight: number): void => {
    if (i === short.length) {
      if (weight > bestWeight) [bestWeight, best] = [weight, [...chosen]];
      return;
    }
    for (let j = -1; j < long.length; j++) {
      if (j >= 0 && (used[j] || levels[i]![j] === "different")) continue;
      if (j >= 0) used[j] = true;
      chosen.push(j);
      search(i + 1, weight + (j >= 0 ? LEVEL_WEIGHT[levels[i]![j]!] : 0));
      chosen.pop();
      if (j >= 0) used[j] = false;
    }
  };
  search(0, 0);
  const pairs: Alignment["pairs"] = [];
  const matchedLong = new Set<number>();
  const unmatchedShort: NameToken[] = [];
  best.forEach((j, i) => {
    if (j < 0) unmatchedShort.push(short[i]!);
    else {
      matchedLong.add(j);
      pairs.push(
        swapped
          ? { a: long[j]!, b: short[i]!, level: levels[i]![j]! }
          : { a: short[i]!, b: long[j]!, level: levels[i]![j]! },
      );
    }
  });
  const unmatchedLong = long.filter((_, j) => !matchedLong.has(j));
  return {
    pairs,
    unmatchedA: swapped ? unmatchedLong : unmatchedShort,
    unmatchedB: swapped ? unmatchedShort : unmatchedLong,
    weight: bestWeight,
  };
}

function gradeAlignment(al: Alignment, sizeA: number, sizeB: number): NameGrade {
  const matched = al.pairs.filter((p) => p.level !== "initial");
  if (matched.length === 0) return "none";
  if (sizeA === sizeB && al.pairs.length === sizeA && al.pairs.every((p) => p.level === "exact")) return "exact";
  const distinctiveMatched = matched.some((p) => p.a.kind === "distinctive" || p.b.kind === "distinctive");
  // a word on one side only is an omission (a name not recorded); a word on each side that
  // pairs with nothing is a conflict (Pierre here, Pascal there)
  const conflict = al.unmatchedA.length > 0 && al.unmatchedB.length > 0;
  if (distinctiveMatched) return conflict ? "partial" : "strong";
  return conflict ? "none" : "partial";
}

interface Compared {
  grade: NameGrade;
  score: number;
  words: NonNullable<NameComparison["words"]>;
}

function compareReadings(a: string, b: string): Compared {
  let best: Compared = { grade: "none", score: 0, words: [] };
  for (const ra of nameReadings(a)) {
    for (const rb of nameReadings(b)) {
      const al = align(ra, rb);
      const grade = gradeAlignment(al, ra.length, rb.length);
      const score = al.weight / Math.max(ra.length, rb.length, 1);
      if (
        NAME_GRADES.indexOf(grade) > NAME_GRADES.indexOf(best.grade) ||
        (grade === best.grade && score > best.score)
      ) {
        const words = al.pairs
          .filter((p) => p.level !== "exact" && p.level !== "different")
          .map((p) => ({ a: p.a.written, b: p.b.written, how: LEVEL_MATCH[p.level as Exclude<Level, "different">] }));
        best = { grade, score, words };
      }
    }
  }
  return best;
}

/** two written names of one person? Symmetric. */
export function compareNameStrings(a: string, b: string): NameComparison {
  const { grade, score, words } = compareReadings(a, b);
  if (grade === "none") return { grade, score };
  return words.length ? { grade, score, pair: [a, b], words } : { grade, score, pair: [a, b] };
}

/** the best comparison between any name or alias of one subject and any of the other */
export function compareNames(a: NamedSubject, b: NamedSubject): NameComparison | undefined {
  const as = [...(a.names ?? []), ...(a.aliases ?? [])].filter((n) => nameWords(n).length > 0);
  const bs = [...(b.names ?? []), ...(b.aliases ?? [])].filter((n) => nameWords(n).length > 0);
  if (as.length === 0 || bs.length === 0) return undefined;
  let best: NameComparison = { grade: "none", score: 0 };
  for (const x of as) {
    for (const y of bs) {
      const c = compareNameStrings(x, y);
      if (
        NAME_GRADES.indexOf(c.grade) > NAME_GRADES.indexOf(best.grade) ||
        (c.grade === best.grade && c.score > best.score)
      )
        best = c;
    }
  }
  return best;
}
