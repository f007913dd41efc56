// Person names as families and officers write them in Burundi and Rwanda: a Kirundi or
// Kinyarwanda name (personal, not a family name: siblings have different ones, so a match is
// strong evidence) and one or more baptismal names (French, English, or their Kirundi and
// Kinyarwanda forms: weak evidence, shared by thousands), in any order, with or without
// hyphens, accents and capitals, and spelled by ear: r/l, ou/u, y/i, doubled letters, dropped
// vowels, initials and short forms.
import givenNamesData from "./given-names.json" with { type: "json" };

export type NameGrade = "exact" | "strong" | "partial" | "none";
export const NAME_GRADES: readonly NameGrade[] = ["none", "partial", "strong", "exact"];

export interface NameComparison {
  grade: NameGrade;
  /** the two spellings that matched best, as written */
  pair?: [string, string];
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
  key: string;
  kind: TokenKind;
  /** class index in given-names.json when the token is a known baptismal name */
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

/** lower case, no accents, no apostrophes; words split on spaces, hyphens, dots and commas */
export function nameWords(raw: string): string[] {
  return raw
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

const givenClassOfKey = new Map<string, number>();
const givenClassSex: string[] = [];
givenNamesData.classes.forEach((c, i) => {
  givenClassSex.push(c.sex);
  for (const form of c.forms) givenClassOfKey.set(phoneticKey(form), i);
});
const commonGivenKeys = new Set(givenNamesData.common.map(phoneticKey));
const phrases = givenNamesData.phrases.map((p) => ({ keys: p.tokens.map(phoneticKey), nicknames: p.nicknames }));
const nicknameKeys = new Set(givenNamesData.phrases.flatMap((p) => p.nicknames.map(phoneticKey)));

function isGivenKey(key: string): boolean {
  return givenClassOfKey.has(key) || commonGivenKeys.has(key) || nicknameKeys.has(key);
}

/** `given` forces the kind of a word built from given names ("jean"+"claude", "jado") */
function makeToken(text: string, given = false): NameToken {
  const key = phoneticKey(text);
  if (text.length === 1) return { text, key, kind: "initial" };
  const givenClass = givenClassOfKey.get(key);
  return { text, key, kind: given || isGivenKey(key) ? "given" : "distinctive", givenClass };
}

/** "JB", "JC" without dots are initials too: a short word without a vowel */
function splitInitials(word: string): string[] {
  return word.length <= 3 && !/[aeiouy]/.test(word) && !isGivenKey(phoneticKey(word)) ? [...word] : [word];
}

/**
 * The ways one written name can be read: its words, particles and titles removed, plus each
 * reading where two adjacent words are one ("Jean Claude" ~ "Jeanclaude") or where a compound
 * baptismal name is its nickname ("Jean de Dieu" ~ "Jado").
 */
export function nameReadings(raw: string): NameToken[][] {
  const words = nameWords(raw)
    .filter((w) => !particles.has(w))
    .flatMap(splitInitials)
    .slice(0, MAX_TOKENS);
  const tokens = words.map((w) => makeToken(w));
  const readings: NameToken[][] = [tokens];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [x, y] = [tokens[i]!, tokens[i + 1]!];
    // only baptismal names are glued (Jean Claude ~ Jeanclaude, Dieu Donné ~ Dieudonné): glued
    // Kirundi names would pass a difference in the last letters for a spelling slip
    const glued = makeToken(x.text + y.text);
    if (glued.kind === "distinctive" && (x.kind === "distinctive" || y.kind === "distinctive")) continue;
    const joined = makeToken(glued.text, true);
    readings.push([...tokens.slice(0, i), joined, ...tokens.slice(i + 2)]);
  }
  const keys = tokens.map((t) => t.key);
  for (const phrase of phrases) {
    const at = keys.findIndex((_, i) => phrase.keys.every((k, j) => keys[i + j] === k));
    if (at >= 0) {
      for (const nick of phrase.nicknames) readings.push([...tokens.slice(0, at), makeToken(nick, true), ...tokens.slice(at + phrase.keys.length)]);
    }
  }
  return readings;
}

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
    (a.kind === "given" || b.kind === "given") && /^(e|ne|ine|tte|ette|elle|lle|a|ie)$/.test(long.slice(stem.length)) && long.startsWith(stem) && long !== short
  );
}

type Level = "exact" | "phonetic" | "equivalent" | "fuzzy" | "initial" | "different";
const LEVEL_WEIGHT: Record<Level, number> = { exact: 1, phonetic: 0.95, equivalent: 0.9, fuzzy: 0.8, initial: 0.3, different: 0 };

function tokenLevel(a: NameToken, b: NameToken): Level {
  if (a.kind === "initial" || b.kind === "initial") {
    if (a.kind === "initial" && b.kind === "initial") return a.text === b.text ? "initial" : "different";
    return (a.kind === "initial" ? b.text : a.text).startsWith(a.kind === "initial" ? a.text : b.text) ? "initial" : "different";
  }
  if (a.text === b.text) return "exact";
  if (a.givenClass !== undefined && a.givenClass === b.givenClass) return a.key === b.key ? "phonetic" : "equivalent";
  if (genderedPair(a, b)) return "different";
  if (a.key === b.key) return "phonetic";
  if (a.kind === "given" && b.kind === "given") return "different";
  const shorter = Math.min(a.key.length, b.key.length);
  const allowed = shorter >= 9 ? 1.5 : shorter >= 5 ? 1 : 0;
  return allowed > 0 && a.key[0] === b.key[0] && spellingDistance(a.key, b.key) <= allowed ? "fuzzy" : "different";
}

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
      pairs.push(swapped ? { a: long[j]!, b: short[i]!, level: levels[i]![j]! } : { a: short[i]!, b: long[j]!, level: levels[i]![j]! });
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

function compareReadings(a: string, b: string): { grade: NameGrade; score: number } {
  let best = { grade: "none" as NameGrade, score: 0 };
  for (const ra of nameReadings(a)) {
    for (const rb of nameReadings(b)) {
      const al = align(ra, rb);
      const grade = gradeAlignment(al, ra.length, rb.length);
      const score = al.weight / Math.max(ra.length, rb.length, 1);
      if (NAME_GRADES.indexOf(grade) > NAME_GRADES.indexOf(best.grade) || (grade === best.grade && score > best.score)) best = { grade, score };
    }
  }
  return best;
}

/** two written names of one person? Symmetric. */
export function compareNameStrings(a: string, b: string): NameComparison {
  const { grade, score } = compareReadings(a, b);
  return grade === "none" ? { grade, score } : { grade, score, pair: [a, b] };
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
      if (NAME_GRADES.indexOf(c.grade) > NAME_GRADES.indexOf(best.grade) || (c.grade === best.grade && c.score > best.score)) best = c;
    }
  }
  return best;
}
