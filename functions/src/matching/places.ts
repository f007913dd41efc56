// Places along the administrative levels (Burundi: province → commune, reorganised in 2025;
// Rwanda: province → district), from the lists in places.json. Officers and families write
// places by hand, in several languages and often with the names in use before 2025: the
// resolver reads ids, current names, former names and spellings by ear.
import type { Country } from "../schemas/common.js";
import type { Place } from "../schemas/reunification.js";
import { phoneticKey } from "./names.js";
import placesData from "./places.json" with { type: "json" };

export interface PlaceUnit {
  id: string;
  name: string;
}

export interface ResolvedPlace {
  country: Country;
  /** the first-level unit; several when a former name now spans several (Rumonge → Burunga, Bujumbura) */
  level1: PlaceUnit[];
  level2?: PlaceUnit;
  /** how the place was read, for the factor sentence: a former name resolves "via" it */
  via?: { former: string; basis?: string };
  /** what was written, for sentences */
  label?: string;
}

export type PlaceRelation = "same_level2" | "same_level1" | "different_level1" | "different_country" | "unknown";

export interface PlaceComparison {
  relation: PlaceRelation;
  /** the shared first-level unit, or each side's */
  level1?: string;
  level2?: [string, string];
  /** a former name was used on either side: said in the sentence */
  viaFormer?: string[];
}

interface Entry {
  level1: PlaceUnit[];
  level2?: PlaceUnit;
  former?: string;
  basis?: string;
  current: boolean;
}

interface CountryIndex {
  byKey: Map<string, Entry[]>;
  byId: Map<string, Entry>;
  level1Names: Map<string, string>;
  /** how many level-2 units each level-1 unit has: the chance two strangers share a unit */
  level2Counts: Map<string, number>;
}

/** words that say what kind of unit follows, in the four languages */
const UNIT_WORDS = new Set(
  "province provinces provincia intara ya y commune komine district akarere of de du la l city ville umujyi wa mairie town centre center secteur sector umurenge zone colline umutumba hill quartier".split(
    " ",
  ),
);

function placeKey(text: string): string {
  const words = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, " ")
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0 && !UNIT_WORDS.has(w));
  return words.map(phoneticKey).join("");
}

const indexes = new Map<Country, CountryIndex>();
for (const [country, data] of Object.entries(placesData.countries) as [
  Country,
  (typeof placesData.countries)["BI"],
][]) {
  const index: CountryIndex = { byKey: new Map(), byId: new Map(), level1Names: new Map(), level2Counts: new Map() };
  const add = (text: string, entry: Entry) => {
    const key = placeKey(text);
    if (!key) return;
    const list = index.byKey.get(key) ?? [];
    list.push(entry);
    index.byKey.set(key, list);
  };
  const units = new Map<string, PlaceUnit>();
  for (const l1 of data.units as {
    id: string;
    name: string;
    aliases?: string[];
    names?: Record<string, string>;
    children: { id: string; name: string; aliases?: string[] }[];
  }[]) {
    const unit1 = { id: l1.id, name: l1.name };
    units.set(l1.id, unit1);
    index.level1Names.set(l1.id, l1.name);
    index.level2Counts.set(l1.id, l1.children.length);
    const e1: Entry = { level1: [unit1], current: true };
    index.byId.set(l1.id, e1);
    for (const name of [l1.name, ...(l1.aliases ?? []), ...Object.values(l1.names ?? {})]) add(name, e1);
    for (const l2 of l1.children) {
      const unit2 = { id: l2.id, name: l2.name };
      units.set(l2.id, unit2);
      const e2: Entry = { level1: [unit1], level2: unit2, current: true };
      index.byId.set(l2.id, e2);
      for (const name of [l2.name, ...(l2.aliases ?? [])]) add(name, e2);
    }
  }
  for (const f of data.former.level1 as { name: string; now: string[]; note?: string }[]) {
    add(f.name, { level1: f.now.map((id) => units.get(id)!), former: f.name, basis: f.note, current: false });
  }
  for (const f of data.former.level2 as {
    name: string;
    now: string;
    nowLevel2?: string;
    basis: string;
    formerLevel1?: string;
  }[]) {
    add(f.name, {
      level1: [units.get(f.now)!],
      level2: f.nowLevel2 ? units.get(f.nowLevel2) : undefined,
      former: f.formerLevel1 ? `${f.name} (${f.formerLevel1})` : f.name,
      basis: f.basis,
      current: false,
    });
  }
  indexes.set(country, index);
}

function lookup(index: CountryIndex, text: string): Entry[] {
  const byId = index.byId.get(text.trim().toLowerCase());
  if (byId) return [byId];
  const key = placeKey(text);
  if (!key) return [];
  const exact = index.byKey.get(key);
  if (exact) return exact;
  // a slip of the pen in a long name (Ngozzi, Bujumbira): one consonant or two vowels
  if (key.length < 6) return [];
  const near: Entry[] = [];
  for (const [k, entries] of index.byKey)
    if (k[0] === key[0] && Math.abs(k.length - key.length) <= 1 && closeSpelling(k, key)) near.push(...entries);
  return near;
}

function closeSpelling(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return Math.max(a.length, b.length) - i - j <= 1;
}

type Role = "level1" | "level2" | "any";
const LEVEL1_WORDS = /\b(province|provincia|intara)\b/i;
/** "Province de Gitega" names the province, not the commune of the same name */
function roleOf(piece: string): Role {
  return LEVEL1_WORDS.test(piece) ? "level1" : "any";
}

/** the pieces of free text that may name a unit, most specific last as people write them */
function textPieces(text: string): string[] {
  const parts = text
    .split(/[,;/|()\n]| - /)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 ? [...parts, text] : parts;
}

function sameUnits(a: PlaceUnit[], b: PlaceUnit[]): boolean {
  return a.length === b.length && a.every((u) => b.some((v) => v.id === u.id));
}

/**
 * A place as entered (unit ids, names as typed, former names, free text) → the current units it
 * lies in, as precisely as the text allows. Unknown text resolves to the country alone.
 */
export function resolvePlace(place: Place): ResolvedPlace {
  const index = indexes.get(place.country);
  const label = [place.text, place.level2, place.level1].filter(Boolean).join(", ") || undefined;
  if (!index) return { country: place.country, level1: [], label };
  const candidates: Entry[] = [];
  const level1Hints: Entry[] = [];
  /** second-level readings of a piece that also names a first-level unit ("Kayanza": province before 2025, commune now) */
  const ambiguous = new Set<Entry>();
  const pieces: [string | undefined, Role][] = [
    [place.level1, "level1"],
    [place.level2, "level2"],
    ...(place.text ? textPieces(place.text).map((t): [string, Role] => [t, roleOf(t)]) : []),
  ];
  for (const [piece, role] of pieces) {
    if (!piece) continue;
    const found = lookup(index, piece).filter((e) => role !== "level1" || !e.level2);
    const namesLevel1 = found.some((e) => !e.level2);
    for (const e of found) {
      (e.level2 ? candidates : level1Hints).push(e);
      if (e.level2 && namesLevel1) ambiguous.add(e);
    }
  }
  // prefer a second-level unit consistent with a first-level hint, then current names over former ones
  const hinted = new Set(level1Hints.flatMap((h) => h.level1.map((u) => u.id)));
  const score = (e: Entry) =>
    (e.level1.some((u) => hinted.has(u.id)) ? 2 : 0) + (e.current ? 1 : 0) - (ambiguous.has(e) ? 1.5 : 0);
  const best = [...candidates].sort((a, b) => score(b) - score(a))[0];
  if (best && (hinted.size === 0 || best.level1.some((u) => hinted.has(u.id))))
    return toResolved(place.country, best, label);
  const hint = [...level1Hints].sort(
    (a, b) => Number(b.current) - Number(a.current) || a.level1.length - b.level1.length,
  )[0];
  if (hint) return toResolved(place.country, hint, label);
  if (best) return toResolved(place.country, best, label);
  return { country: place.country, level1: [], label };
}

function toResolved(country: Country, e: Entry, label: string | undefined): ResolvedPlace {
  return {
    country,
    level1: e.level1,
    ...(e.level2 ? { level2: e.level2 } : {}),
    ...(e.former ? { via: { former: e.former, ...(e.basis ? { basis: e.basis } : {}) } } : {}),
    ...(label ? { label } : {}),
  };
}

/** where two places lie relative to each other along the administrative levels */
export function comparePlaces(a: ResolvedPlace, b: ResolvedPlace): PlaceComparison {
  const viaFormer = [a.via?.former, b.via?.former].filter((v): v is string => !!v);
  const extra = viaFormer.length ? { viaFormer } : {};
  if (a.country !== b.country) return { relation: "different_country", ...extra };
  if (a.level1.length === 0 || b.level1.length === 0) return { relation: "unknown", ...extra };
  if (a.level1.length > 1 || b.level1.length > 1) {
    // a former unit now split: no evidence unless the two cannot overlap
    const overlap = a.level1.some((u) => b.level1.some((v) => v.id === u.id));
    return overlap
      ? { relation: "unknown", ...extra }
      : { relation: "different_level1", level1: `${a.level1[0]!.name} / ${b.level1[0]!.name}`, ...extra };
  }
  if (!sameUnits(a.level1, b.level1))
    return { relation: "different_level1", level1: `${a.level1[0]!.name} / ${b.level1[0]!.name}`, ...extra };
  const level1 = a.level1[0]!.name;
  if (a.level2 && b.level2) {
    const level2: [string, string] = [a.level2.name, b.level2.name];
    return a.level2.id === b.level2.id
      ? { relation: "same_level2", level1, level2, ...extra }
      : { relation: "same_level1", level1, level2, ...extra };
  }
  return { relation: "same_level1", level1, ...extra };
}

/**
 * How likely two different people's places are to share a unit, from the lists: the chance
 * that two places drawn uniformly over the second-level units fall in the same first-level
 * unit, or in the same second-level unit.
 */
export function chanceOfSharing(country: Country): { level1: number; level2: number } {
  const index = indexes.get(country);
  if (!index) return { level1: 1, level2: 1 };
  const counts = [...index.level2Counts.values()];
  const total = counts.reduce((s, n) => s + n, 0);
  return { level1: counts.reduce((s, n) => s + (n / total) ** 2, 0), level2: 1 / total };
}

/** every current unit of a country: for forms (select options) and for generated test data */
export function placeUnits(country: Country): { level1: PlaceUnit; level2: PlaceUnit[] }[] {
  const data = placesData.countries[country];
  return (data.units as { id: string; name: string; children: { id: string; name: string }[] }[]).map((l1) => ({
    level1: { id: l1.id, name: l1.name },
    level2: l1.children.map((c) => ({ id: c.id, name: c.name })),
  }));
}
