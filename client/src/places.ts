// The administrative lists for place pickers in forms: each country's current first-level units
// (Burundi: provinces since 2025; Rwanda: provinces and the City of Kigali) with their second-level
// units (communes; districts), and the former names families still use, each with the current
// units it now lies in. The lists' one home is the backend's matching/places.json (with sources
// and dates); the matcher reads a former name as the units it became, so a form may send it as
// typed. Loaded on demand (loadPlaceLists in index.ts): about 40 kB that only forms need.
import placesData from "../../functions/src/matching/places.json" with { type: "json" };
import type { Country } from "../../functions/src/schemas/index.js";

export interface PlaceUnitChoice {
  /** the official name: what a form stores */
  name: string;
  /** its name in the languages where it has its own ("Intara y'Amajyaruguru" for Northern Province) */
  names?: Record<string, string>;
  /** the second-level units' names */
  children: string[];
}

export interface FormerPlaceName {
  name: string;
  level: 1 | 2;
  /** the current first-level units it lies in now (several when a former province was split) */
  nowLevel1: string[];
  /** the current second-level unit, where the lists map the former name to one */
  nowLevel2?: string;
  /** a former second-level unit's former first-level unit (Kiremba: Ngozi) */
  formerLevel1?: string;
}

export interface CountryPlaceLists {
  /** what the two levels are called: province → commune (Burundi), province → district (Rwanda) */
  levels: readonly [string, string];
  units: PlaceUnitChoice[];
  former: FormerPlaceName[];
}

interface RawUnit {
  id: string;
  name: string;
  names?: Record<string, string>;
  children: { id: string; name: string }[];
}
interface RawCountry {
  levels: string[];
  units: RawUnit[];
  former: {
    level1: { name: string; now: string[] }[];
    level2: { name: string; now: string; nowLevel2?: string; formerLevel1?: string }[];
  };
}

const lists = new Map<Country, CountryPlaceLists>();

/** a country's current units and former names, for a form's selects */
export function placeLists(country: Country): CountryPlaceLists {
  const cached = lists.get(country);
  if (cached) return cached;
  const raw = (placesData.countries as Record<Country, RawCountry>)[country];
  const names = new Map<string, string>();
  for (const unit of raw.units) {
    names.set(unit.id, unit.name);
    for (const child of unit.children) names.set(child.id, child.name);
  }
  const nameOf = (id: string): string => {
    const name = names.get(id);
    if (name === undefined) throw new Error(`places.json: ${country} names an unknown unit ${id}`);
    return name;
  };
  const built: CountryPlaceLists = {
    levels: [raw.levels[0] ?? "province", raw.levels[1] ?? "district"],
    units: raw.units.map((u) => ({
      name: u.name,
      ...(u.names ? { names: u.names } : {}),
      children: u.children.map((c) => c.name),
    })),
    former: [
      ...raw.former.level1.map((f): FormerPlaceName => ({ name: f.name, level: 1, nowLevel1: f.now.map(nameOf) })),
      ...raw.former.level2.map((f): FormerPlaceName => ({
        name: f.name,
        level: 2,
        nowLevel1: [nameOf(f.now)],
        ...(f.nowLevel2 ? { nowLevel2: nameOf(f.nowLevel2) } : {}),
        ...(f.formerLevel1 ? { formerLevel1: f.formerLevel1 } : {}),
      })),
    ],
  };
  lists.set(country, built);
  return built;
}
