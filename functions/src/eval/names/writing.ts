// How people write a name they heard: a model of the writer, not of the comparator. It is the
// source of the generated name test set (generate-pairs.ts) and of the names in the
// reunification eval's facts, and it is written from the habits of the people who write names
// down (families, officers, a clerk who hears a baptismal name through French or English
// spelling), never from matching/names.ts: nothing here is imported from the comparator.
import givenNamesData from "../../matching/given-names.json" with { type: "json" };
import realNamesData from "../../matching/real-names.json" with { type: "json" };

/** the random source the callers pass in (seeded) */
export interface Draw {
  next(): number;
}
const pick = <T>(r: Draw, list: readonly T[]): T => list[Math.floor(r.next() * list.length)]!;
const chance = (r: Draw, p: number) => r.next() < p;

/** rewrite one occurrence of `from` (a regex with one match picked at random), or undefined when there is none */
function rewriteOne(word: string, from: RegExp, to: (match: string) => string, r: Draw): string | undefined {
  const matches = [...word.matchAll(new RegExp(from.source, from.flags.includes("g") ? from.flags : `${from.flags}g`))];
  if (matches.length === 0) return undefined;
  const m = pick(r, matches);
  const at = m.index;
  return word.slice(0, at) + to(m[0]) + word.slice(at + m[0].length);
}

/**
 * A baptismal name (French, English) written by someone who heard it: a doubled letter
 * single or a single one doubled, a silent final e dropped after d, tt (never after l, n, s:
 * Louise is not Louis; nor after c, which would turn hard), ç as s or c, au or eau as o, ai as è, a soft g
 * as j, a hard c as k and a soft one as s, qu as k, ph as f, th as t, h dropped, s between
 * vowels as z, y as i, x as ks, accents dropped.
 */
const BAPTISMAL_HABITS: ((w: string, r: Draw) => string | undefined)[] = [
  (w, r) => rewriteOne(w, /([bcdfglmnprst])\1/, (m) => m[0]!, r),
  (w, r) => rewriteOne(w, /[aeiouy][lnmrt][aeiouy]/, (m) => m[0]! + m[1]! + m[1]! + m[2]!, r),
  (w) => (/(d|tt)e$/.test(w) ? w.slice(0, -1) : undefined),
  (w, r) => rewriteOne(w, /ç/, () => pick(r, ["s", "c"]), r),
  (w, r) => rewriteOne(w, /eau|au/, () => "o", r),
  (w, r) => rewriteOne(w, /ai(?![aeiou])/, () => "è", r),
  (w, r) => rewriteOne(w, /g(?=[eéèiy])/i, (m) => (m === "G" ? "J" : "j"), r),
  (w, r) => rewriteOne(w, /c(?=[aouklrt])|c$/i, (m) => (m === "C" ? "K" : "k"), r),
  (w, r) => rewriteOne(w, /c(?=[eéèiy])/i, (m) => (m === "C" ? "S" : "s"), r),
  (w, r) => rewriteOne(w, /qu|que$/, () => "k", r),
  (w, r) => rewriteOne(w, /ph/i, (m) => (m[0] === "P" ? "F" : "f"), r),
  (w, r) => rewriteOne(w, /th/i, (m) => (m[0] === "T" ? "T" : "t"), r),
  (w, r) => rewriteOne(w, /(?<=[aeiouéè])s(?=[aeiouéè])/, () => "z", r),
  (w, r) => rewriteOne(w, /y/, () => "i", r),
  (w, r) => rewriteOne(w, /x$/, () => "ks", r),
  (w) => (/[éèêëàâîïôûç]/.test(w) ? w.normalize("NFD").replace(/\p{M}/gu, "") : undefined),
];

/**
 * A Kirundi or Kinyarwanda name written by ear: y between vowels dropped or i for y, r for l
 * and l for r, ou for u (French transcription), a vowel doubled, the other country's
 * orthography (vy/by, c/cy).
 */
const NAME_HABITS: ((w: string, r: Draw) => string | undefined)[] = [
  (w, r) => rewriteOne(w, /(?<=[aeiou])y(?=[aeiou])/, () => "", r),
  (w, r) => rewriteOne(w, /iy(?=[aeiou])/, () => "i", r),
  (w, r) => rewriteOne(w, /r/, () => "l", r),
  (w, r) => rewriteOne(w, /l/, () => "r", r),
  (w, r) => rewriteOne(w, /u/, () => "ou", r),
  (w, r) => rewriteOne(w, /[aeiou](?=[^aeiou])/, (m) => m + m, r),
  (w, r) => rewriteOne(w, /vy|by/, (m) => (m === "vy" ? "by" : "vy"), r),
  (w, r) => rewriteOne(w, /cy|c(?=[aeiou])/, (m) => (m === "cy" ? "c" : "cy"), r),
];

/**
 * The augment, the vowel some write before a noun and others drop: u before mu, mw, ru, rw,
 * bu; i before n or m and a consonant, gi, ki, cy; a before ka, ga. Mutesi/Umutesi, Ngabire/
 * Ingabire, Gihozo/Igihozo. (Uwimana is not U + Wimana: "uwa" is the word "of".)
 */
const AUGMENTED = /^(u(?=mu|mw|ru|rw|bu)|i(?=n[bcdfghjkpstvz]|m[bpfv]|gi|ki|cy)|a(?=ka|ga))(.{4,})$/;

/** names that bear the augment as people write them: a noun (Umutoni, Ingabire), never a family name such as Rutagarama */
export function bearsAugment(name: string): boolean {
  return AUGMENTED.test(name.toLowerCase());
}

export function toggleAugment(name: string): string | undefined {
  const lower = name.toLowerCase();
  const caps = name === name.toUpperCase();
  const withCase = (s: string) => (caps ? s.toUpperCase() : s.charAt(0).toUpperCase() + s.slice(1));
  const dropped = AUGMENTED.exec(lower);
  if (dropped) return withCase(lower.slice(1));
  const augment = /^(mu|mw|ru|rw|bu)/.test(lower)
    ? "u"
    : /^(n[bcdfghjkpstvz]|m[bpfv]|gi|ki|cy)/.test(lower)
      ? "i"
      : /^(ka|ga)/.test(lower)
        ? "a"
        : undefined;
  return augment && lower.length >= 4 ? withCase(augment + lower) : undefined;
}

function applyHabit(word: string, habits: typeof NAME_HABITS, r: Draw): string | undefined {
  const order = [...habits];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const habit of order) {
    const lowered = word === word.toUpperCase() ? word.toLowerCase() : word;
    const out = habit(lowered, r);
    if (out !== undefined && out.toLowerCase() !== lowered.toLowerCase())
      return word === word.toUpperCase() ? out.toUpperCase() : out;
  }
  return undefined;
}

/** a baptismal name as heard: one or two habits, or undefined when none applies */
/** the lists keep names without accents; the cedilla changes how the name sounds, so it comes back */
function frenchSpelling(name: string): string {
  return name.replace(/^(F|f)rancois/, "$1rançois").replace(/^(F|f)RANCOIS/, "$1RANÇOIS");
}

export function baptismalByEar(name: string, r: Draw): string | undefined {
  name = frenchSpelling(name);
  const once = applyHabit(name, BAPTISMAL_HABITS, r);
  if (once === undefined || !chance(r, 0.35)) return once;
  const twice = applyHabit(once, BAPTISMAL_HABITS, r);
  return twice === undefined || twice.toLowerCase() === name.toLowerCase() ? once : twice;
}

/** a Kirundi or Kinyarwanda name as heard, or undefined when no habit applies */
export function nameByEar(name: string, r: Draw): string | undefined {
  return applyHabit(name, NAME_HABITS, r);
}

// ---------------------------------------------------------------------------- people

/** the real lists, less the words the caller keeps apart (the rules' own examples) */
export function realLists(excluded: ReadonlySet<string> = new Set()) {
  const names = Object.entries(realNamesData.names).filter(([n]) => n.length >= 4 && !excluded.has(n));
  const given = Object.entries(realNamesData.given).filter(
    ([n]) => n.length > 2 && !excluded.has(n) && !givenNamesData.particles.includes(n),
  );
  return { names, given };
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** a person's full name as a family writes it: the Kirundi name in capitals or not, the baptismal name before or after */
export function writeFullName(kirundi: string, baptismal: string | undefined, r: Draw): string {
  const k = chance(r, 0.5) ? kirundi.toUpperCase() : capital(kirundi);
  if (!baptismal) return k;
  const b = capital(frenchSpelling(baptismal));
  return chance(r, 0.6) ? `${k} ${b}` : `${b} ${k}`;
}

/**
 * The same person's name as another person writes it: the order and capitals of their own,
 * and by ear now and then (a found adult giving the name to an officer, a family at intake).
 */
export function rewriteFullName(
  kirundi: string,
  baptismal: string | undefined,
  r: Draw,
  byEar: { kirundi: number; baptismal: number; augment: number },
): string {
  let k = kirundi;
  if (bearsAugment(k) && chance(r, byEar.augment)) k = toggleAugment(k) ?? k;
  if (chance(r, byEar.kirundi)) k = nameByEar(k, r) ?? k;
  let b = baptismal;
  if (b && chance(r, byEar.baptismal)) b = baptismalByEar(b, r) ?? b;
  return writeFullName(k, b, r);
}

/** the sex a baptismal name is given to, where the lists say it (given-names.json classes), else undefined */
function baptismalSex(name: string): "female" | "male" | undefined {
  const cls = givenNamesData.classes.find((c) => c.forms.includes(name));
  return cls?.sex === "f" ? "female" : cls?.sex === "m" ? "male" : undefined;
}

/**
 * A name for a generated person, drawn from the real lists: a Kirundi or Kinyarwanda name
 * (each name weighted by how many people bear it, capped so that the few names of the birth
 * statistics do not crowd out the rest) and, for 85 in 100, a baptismal name of the right sex
 * where the lists tell it.
 */
export function drawPerson(sex: "female" | "male", r: Draw): { kirundi: string; baptismal?: string } {
  const { names, given } = lists();
  const kirundi = pickWeighted(r, names);
  if (!chance(r, 0.85)) return { kirundi };
  for (let tries = 0; tries < 20; tries++) {
    const baptismal = pickWeighted(r, given);
    const s = baptismalSex(baptismal);
    if (s === undefined || s === sex) return { kirundi, baptismal };
  }
  return { kirundi };
}

let cachedLists: { names: [string, number][]; given: [string, number][] } | undefined;
function lists() {
  return (cachedLists ??= realLists());
}

function pickWeighted(r: Draw, entries: readonly [string, number][]): string {
  const cap = 20;
  const total = entries.reduce((s, [, c]) => s + Math.min(c, cap), 0);
  let x = r.next() * total;
  for (const [name, c] of entries) {
    x -= Math.min(c, cap);
    if (x < 0) return name;
  }
  return entries[entries.length - 1]![0];
}
