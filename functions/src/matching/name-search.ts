// Finding a case by a name typed with the same spelling tolerance as the matcher (names.ts), by its
// file number or its station, in a store that answers only exact keys (Firestore's array-contains).
// A case carries keys for every word of its names: the word's consonants as the matcher hears them
// (vowels are what ears disagree on: Umutesi/Mutesi, Habyarimana/Havyarimana share them), the same
// with any one consonant left out (one consonant misheard or dropped), and for a baptismal name its
// class and its sound to a French or English speller (Pierre/Petero, Cécile/Sesile). A query asks
// for any of its words' keys; each case found is then read by the matcher itself, which decides.
import { compareNameStrings, earKey, nameReadings, phoneticKey, type NameToken } from "./names.js";

/** Firestore answers array-contains-any with at most 30 values */
export const MAX_QUERY_KEYS = 30;

const consonants = (key: string): string => key.replace(/[aeiou]/g, "");
/** the matcher's key of a Kirundi or Kinyarwanda word in either orthography (names.ts nameKey) */
const orthographyKey = (text: string): string =>
  phoneticKey(text.replace(/vy/g, "by").replace(/cy/g, "c").replace(/jy/g, "j"));

/** the keys of one word, those a query uses first (the whole skeleton, the class) before the variants */
function wordKeys(token: NameToken): { main: string[]; variants: string[] } {
  if (token.kind === "initial") return { main: [], variants: [] };
  const skeleton = consonants(orthographyKey(token.text));
  // a word of one consonant or none (Ana, Eli) is its own key: its skeleton would join half the names
  if (skeleton.length < 2) return { main: [`w:${orthographyKey(token.text)}`], variants: [] };
  const main = [`n:${skeleton}`];
  if (token.givenClass !== undefined) main.push(`g:${token.givenClass}`);
  // a word that is no known name and sounds like a baptismal name is that name by ear (Frankois)
  main.push(`e:${consonants(earKey(token.text))}`);
  // one consonant misheard (a substitution), added or dropped: the two words share a skeleton with one left out
  const variants =
    skeleton.length >= 3
      ? [...new Set([...skeleton].map((_, i) => `n:${skeleton.slice(0, i)}${skeleton.slice(i + 1)}`))]
      : [];
  return { main, variants };
}

/** every key of a written name: each word of each reading (glued baptismal names, nicknames) */
function nameSearchKeys(name: string): string[] {
  const keys = new Set<string>();
  for (const reading of nameReadings(name))
    for (const token of reading) {
      const { main, variants } = wordKeys(token);
      for (const k of [...main, ...variants]) keys.add(k);
    }
  return [...keys];
}

/** a file number as officers type it: case, spaces and separators aside ("BI/NGZ 2026-0042" = "bingz20260042") */
export function fileNumberKey(ref: string): string {
  return ref
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** the parts of a file number with a digit in them ("0042" of "BI/NGZ/2026/0042"): one may be typed alone */
function fileNumberParts(ref: string): string[] {
  return ref
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p.length >= 3 && /\d/.test(p));
}

/** the keys of a file number: the whole number and its parts with digits */
function fileNumberKeys(ref: string): string[] {
  const whole = fileNumberKey(ref);
  return whole ? [`r:${whole}`, ...fileNumberParts(ref).map((p) => `rp:${p}`)] : [];
}

/** a station's name with case, accents and spacing aside: "Ngozi  Centre" and "ngozi centre" are one station */
export function stationKey(station: string): string {
  return station
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** what a case carries to be found: the keys of its names and aliases, and of its file number */
export function caseSearchKeys(c: { externalRef?: string; subject: { names: string[]; aliases: string[] } }): string[] {
  const keys = new Set<string>();
  for (const name of [...c.subject.names, ...c.subject.aliases]) for (const k of nameSearchKeys(name)) keys.add(k);
  if (c.externalRef) for (const k of fileNumberKeys(c.externalRef)) keys.add(k);
  return [...keys].sort();
}

export interface CaseQuery {
  /** the keys to ask for (any of them), at most MAX_QUERY_KEYS */
  keys: string[];
  /** does a case the keys found answer the query? The matcher reads its names; a file number must be the case's */
  matches(c: { externalRef?: string; subject: { names: string[]; aliases: string[] } }): boolean;
}

/**
 * What an officer typed in the search box: a name (any of its words may be the one recorded, with
 * the matcher's tolerance), or — with a digit in it — a file number (whole, or one of its parts
 * with digits: "0042"). Undefined when nothing searchable was typed (initials alone, punctuation).
 */
export function caseQuery(typed: string): CaseQuery | undefined {
  // names have no digits: what has one is a file number, whole or one of its parts
  if (/\d/.test(typed)) {
    const whole = fileNumberKey(typed);
    const parts = fileNumberParts(typed);
    // a year (2026) is in half the file numbers: the other parts find the case, the matcher checks them all
    const telling = parts.filter((p) => !/^(19|20)\d\d$/.test(p));
    const keys = [`r:${whole}`, ...(telling.length ? telling : parts).map((p) => `rp:${p}`)];
    return {
      keys: keys.slice(0, MAX_QUERY_KEYS),
      matches(c) {
        if (!c.externalRef) return false;
        const own = new Set(fileNumberParts(c.externalRef));
        return fileNumberKey(c.externalRef) === whole || (parts.length > 0 && parts.every((p) => own.has(p)));
      },
    };
  }
  // every reading: "Jean Claude" is also "Jeanclaude", "Jean de Dieu" also "Jado"
  const words = nameReadings(typed)
    .flat()
    .map((token) => ({ ...wordKeys(token), given: token.kind === "given" }));
  // distinctive words first (they find few cases), then baptismal names, the variants last
  const ordered = [...words.filter((w) => !w.given), ...words.filter((w) => w.given)];
  const keys = new Set<string>();
  for (const w of ordered) for (const k of w.main) keys.add(k);
  for (const w of ordered) for (const k of w.variants) keys.add(k);
  if (keys.size === 0) return undefined;
  return {
    keys: [...keys].slice(0, MAX_QUERY_KEYS),
    matches: (c) =>
      [...c.subject.names, ...c.subject.aliases].some((n) => compareNameStrings(typed, n).grade !== "none"),
  };
}
