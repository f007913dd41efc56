import { describe, expect, it } from "vitest";
import {
  callables,
  callerLevels,
  createCaseInput,
  hasForeignPrototype,
  listCasesInput,
  registerOfficerInput,
  searchFacesInput,
} from "../../src/schemas/index.js";

const officer = {
  name: "Jean Ndayishimiye",
  badgeNumber: "BI-4521",
  rank: "Inspector",
  station: "Bujumbura Centre",
  country: "BI",
  phone: "+25779123456",
};

describe("callable boundary", () => {
  it("refuses an own __proto__ key at any depth, before parsing", () => {
    expect(hasForeignPrototype(JSON.parse('{"__proto__": {"role": "admin"}}'))).toBe(true);
    expect(hasForeignPrototype({ a: [JSON.parse('{"__proto__": {}}')] })).toBe(true);
    const inherited = Object.create({ role: "admin" });
    expect(hasForeignPrototype({ nested: inherited })).toBe(true);
    expect(hasForeignPrototype({ a: [1, { b: "c" }], d: null })).toBe(false);
  });

  it("refuses Infinity and fractions where whole numbers are expected", () => {
    expect(listCasesInput.safeParse({ limit: Infinity }).success).toBe(false);
    expect(listCasesInput.safeParse({ limit: 2.5 }).success).toBe(false);
    expect(listCasesInput.parse({})).toEqual({ limit: 25 });
  });

  it("refuses invisible and direction-changing characters in text, and NFC-normalises names", () => {
    const named = (name: string) => registerOfficerInput.safeParse({ ...officer, name });
    for (const sneaky of [
      "Admin\u202E nimdA",
      "Jean\u200BPaul",
      "Je\uFEFFan",
      "Jean\u2028Paul",
      "Jean\u2066x\u2069",
      "Jean\uD800",
      "Jean\u200E",
    ]) {
      const result = named(sneaky);
      expect(result.success, JSON.stringify(sneaky)).toBe(false);
      expect(result.error!.issues[0]!.message).toBe("must not contain invisible or direction-changing characters");
    }
    // "é" typed as e + combining acute accent is stored as the single precomposed letter
    expect(registerOfficerInput.parse({ ...officer, name: "Rene\u0301 Nshimirimana" }).name).toBe(
      "Ren\u00e9 Nshimirimana",
    );
    expect(named("Ndayishimiye Jean-Claude 😀").success).toBe(true);
    // a byte-order mark at either end is blank space: trimmed like any other
    expect(registerOfficerInput.parse({ ...officer, name: "\uFEFFJean" }).name).toBe("Jean");
    const description = createCaseInput.safeParse({
      kind: "missing",
      country: "BI",
      station: "Ngozi",
      subject: { description: "scar\u202Eon the chin" },
    });
    expect(description.success).toBe(false);
  });

  it("refuses unknown keys rather than ignoring them", () => {
    expect(registerOfficerInput.safeParse({ ...officer, role: "admin" }).success).toBe(false);
    expect(registerOfficerInput.safeParse(officer).success).toBe(true);
  });

  it("validates officer details with messages a person understands", () => {
    const bad = registerOfficerInput.safeParse({ ...officer, phone: "079123456", country: "KE" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(" | ");
    expect(messages).toMatch(/\+257… \(Burundi\) or \+250… \(Rwanda\)/);
  });

  it("requires a purpose for every search and bounds inline probes", () => {
    expect(searchFacesInput.safeParse({ probe: { contentBase64: "AAAA" } }).success).toBe(false);
    expect(searchFacesInput.safeParse({ probe: { contentBase64: "AAAA" }, purpose: { reason: "" } }).success).toBe(
      false,
    );
    // the number of candidates depends on the mode the search runs in (10, or the investigative top K)
    const parsed = searchFacesInput.parse({
      probe: { contentBase64: "AAAA" },
      purpose: { reason: "found child at Kamenge" },
    });
    expect(parsed.mode).toBe("auto");
    expect("limit" in parsed).toBe(false);
    expect(
      searchFacesInput.safeParse({ probe: { contentBase64: "A".repeat(12_000_000) }, purpose: { reason: "x" } })
        .success,
    ).toBe(false);
    expect(
      searchFacesInput.safeParse({ probe: { storagePath: "probes/u1/../../cases/x" }, purpose: { reason: "x" } })
        .success,
    ).toBe(false);
  });

  it("rejects an age range whose minimum exceeds its maximum", () => {
    const input = { kind: "missing", country: "BI", station: "Ngozi", subject: { ageRange: { min: 12, max: 8 } } };
    expect(createCaseInput.safeParse(input).success).toBe(false);
  });

  it("every callable's input refuses a key it does not know, and names who may call it", () => {
    const lax = Object.entries(callables)
      .filter(([, def]) => def.input.safeParse({ unexpectedKey: 1 }).success)
      .map(([name]) => name);
    expect(lax, "inputs that accept an unknown key").toEqual([]);
    for (const [name, def] of Object.entries(callables))
      expect(Object.keys(callerLevels), name).toContain(def.access.caller);
  });
});
