// The administrative lists and the resolver: current units, former names (Burundi before 2025,
// Rwanda before 2006) mapped to the units they are in now, and comparison along the levels.
import { describe, expect, it } from "vitest";
import { chanceOfSharing, comparePlaces, placeUnits, resolvePlace } from "../../src/matching/index.js";
import places from "../../src/matching/places.json" with { type: "json" };
import type { Place } from "../../src/schemas/reunification.js";

const at = (p: Place) => {
  const r = resolvePlace(p);
  return [r.level1.map((u) => u.name).join("+"), r.level2?.name].filter(Boolean).join(" / ");
};

describe("administrative lists", () => {
  it("hold Burundi's 5 provinces and 42 communes, and Rwanda's 5 provinces and 30 districts", () => {
    const count = (c: "BI" | "RW") => [placeUnits(c).length, placeUnits(c).reduce((n, u) => n + u.level2.length, 0)];
    expect(count("BI")).toEqual([5, 42]);
    expect(count("RW")).toEqual([5, 30]);
  });

  it("keep Burundi's 18 former provinces and 119 former communes, each mapped into its new province", () => {
    const bi = places.countries.BI;
    expect(bi.former.level1).toHaveLength(18);
    expect(bi.former.level2).toHaveLength(119);
    const newProvinceOf = new Map(bi.former.level1.map((f) => [f.name, f.now]));
    for (const f of bi.former.level2) {
      expect(newProvinceOf.get(f.formerLevel1!), f.name).toContain(f.now);
      if (f.nowLevel2) expect(f.nowLevel2.startsWith(`${f.now}.`), f.name).toBe(true);
      expect(f.basis.length, `${f.name}: every mapping says what it rests on`).toBeGreaterThan(10);
    }
  });

  it("name their sources and dates, and have unique ids", () => {
    for (const country of Object.values(places.countries)) {
      expect(country.sources.length).toBeGreaterThan(0);
      for (const s of country.sources) expect(s.accessed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const ids = (["BI", "RW"] as const).flatMap((c) =>
      placeUnits(c).flatMap((u) => [u.level1.id, ...u.level2.map((l) => l.id)]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("resolvePlace", () => {
  it("maps Burundi's former provinces to the new ones", () => {
    expect(at({ country: "BI", level1: "Ngozi" })).toBe("Butanyerera");
    expect(at({ country: "BI", level1: "Kayanza" })).toBe("Butanyerera");
    expect(at({ country: "BI", text: "Bujumbura Rural" })).toBe("Bujumbura");
    expect(at({ country: "BI", text: "Bujumbura Mairie" })).toBe("Bujumbura");
    expect(at({ country: "BI", text: "Karuzi" })).toBe("Gitega");
    expect(at({ country: "BI", text: "Province de Cankuzo" })).toBe("Buhumuza");
    expect(resolvePlace({ country: "BI", level1: "Ngozi" }).via?.former).toBe("Ngozi");
  });

  it("keeps a split former province as both of its new provinces", () => {
    expect(at({ country: "BI", level1: "Rumonge" })).toBe("Burunga+Bujumbura");
  });

  it("maps former communes to the new commune where a source says which, else to the new province", () => {
    expect(at({ country: "BI", text: "Gatara" })).toBe("Butanyerera / Matongo");
    expect(at({ country: "BI", text: "colline Rusaka, commune Butaganzwa, Kayanza" })).toBe("Butanyerera / Matongo");
    expect(at({ country: "BI", text: "Butaganzwa" })).toBe("Buhumuza / Butaganzwa");
    expect(at({ country: "BI", text: "Bugarama" })).toBe("Bujumbura");
    expect(at({ country: "BI", text: "Mutimbuzi" })).toBe("Bujumbura");
    expect(at({ country: "BI", text: "Isale" })).toBe("Bujumbura / Isare");
    expect(at({ country: "BI", text: "Nyanza-Lac" })).toBe("Burunga / Nyanza");
  });

  it("reads current names, ids, the province named as such, and slips of the pen", () => {
    expect(at({ country: "BI", text: "Ngozi" })).toBe("Butanyerera / Ngozi");
    expect(at({ country: "BI", level2: "bi.gitega.mwaro" })).toBe("Gitega / Mwaro");
    expect(at({ country: "BI", text: "Province de Gitega" })).toBe("Gitega");
    expect(at({ country: "BI", text: "Gitega" })).toBe("Gitega / Gitega");
    expect(at({ country: "BI", text: "Ngozzi" })).toBe("Butanyerera / Ngozi");
    expect(at({ country: "BI", text: "Kilundo" })).toBe("Butanyerera / Kirundo");
  });

  it("reads Rwanda's provinces in Kinyarwanda, French and English, and former prefecture towns", () => {
    expect(at({ country: "RW", text: "Intara y'Amajyaruguru" })).toBe("Northern Province");
    expect(at({ country: "RW", text: "Province du Sud" })).toBe("Southern Province");
    expect(at({ country: "RW", text: "Kigali" })).toBe("City of Kigali");
    expect(at({ country: "RW", text: "Butare" })).toBe("Southern Province / Huye");
    expect(at({ country: "RW", text: "Ruhengeri" })).toBe("Northern Province / Musanze");
  });

  it("give each unit's own name in a language that has one, and read it back (what a form shows is what a family says)", () => {
    const units = places.countries.RW.units as { name: string; names?: Record<string, string> }[];
    for (const unit of units)
      for (const language of ["fr", "rw", "rn", "sw"]) {
        const name = unit.names?.[language];
        expect(name, `${unit.name} in ${language}`).toBeTruthy();
        expect(at({ country: "RW", text: name! })).toBe(unit.name);
      }
    expect(at({ country: "RW", text: "Mkoa wa Kaskazini" })).toBe("Northern Province");
  });

  it("reads a name in the case's country (Muhanga is a Burundian commune and a Rwandan district)", () => {
    expect(at({ country: "BI", text: "Muhanga" })).toBe("Butanyerera / Muhanga");
    expect(at({ country: "RW", text: "Muhanga" })).toBe("Southern Province / Muhanga");
  });

  it("resolves unknown text to the country alone", () => {
    expect(resolvePlace({ country: "BI", text: "near the big market" }).level1).toEqual([]);
  });
});

describe("comparePlaces", () => {
  const cmp = (a: Place, b: Place) => comparePlaces(resolvePlace(a), resolvePlace(b));
  it("goes down the levels", () => {
    expect(cmp({ country: "BI", text: "Gatara" }, { country: "BI", text: "Matongo" })).toMatchObject({
      relation: "same_level2",
      level2: ["Matongo", "Matongo"],
    });
    expect(cmp({ country: "BI", text: "Ngozi" }, { country: "BI", text: "Kiremba" })).toMatchObject({
      relation: "same_level1",
      level1: "Butanyerera",
    });
    expect(cmp({ country: "BI", level1: "Ngozi" }, { country: "BI", text: "Kiremba" })).toMatchObject({
      relation: "same_level1",
      viaFormer: ["Ngozi"],
    });
    expect(cmp({ country: "BI", text: "Ngozi" }, { country: "BI", text: "Rumonge" }).relation).toBe("different_level1");
    expect(cmp({ country: "BI", text: "Ngozi" }, { country: "RW", text: "Huye" }).relation).toBe("different_country");
    expect(cmp({ country: "BI", text: "somewhere" }, { country: "BI", text: "Ngozi" }).relation).toBe("unknown");
  });

  it("has no opinion on the province when a split former province may be either", () => {
    expect(cmp({ country: "BI", level1: "Rumonge" }, { country: "BI", text: "Mukaza" }).relation).toBe("unknown");
    expect(cmp({ country: "BI", level1: "Rumonge" }, { country: "BI", text: "Ngozi" }).relation).toBe(
      "different_level1",
    );
  });

  it("derives the chance that strangers share a unit from the lists", () => {
    expect(chanceOfSharing("BI").level2).toBeCloseTo(1 / 42);
    expect(chanceOfSharing("BI").level1).toBeGreaterThan(0.2);
    expect(chanceOfSharing("RW").level1).toBeCloseTo((3 ** 2 + 7 ** 2 + 5 ** 2 + 8 ** 2 + 7 ** 2) / 30 ** 2);
  });
});
