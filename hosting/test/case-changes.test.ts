// The edit of a case sends only what the officer changed, and refuses to remove what can only be corrected.
import type { CallableInput } from "@tora-face/client";
import { describe, expect, it } from "vitest";
import { caseChanges } from "../src/screens/case-changes";

type CaseInput = CallableInput<"createCase">;

const missing: CaseInput = {
  kind: "missing",
  country: "BI",
  station: "Ngozi",
  externalRef: "NG-12",
  crossMatch: { allowed: true },
  legalBasis: "family_report",
  subject: {
    names: ["NDAYISHIMIYE Jean-Claude"],
    sex: "male",
    description: "scar on the left hand",
    birthYear: 2011,
    lastSeenDate: "2025-11-20",
    lastSeenPlace: { country: "BI", level1: "Butanyerera", level2: "Ngozi", text: "Kinyami hill" },
  },
};

const found: CaseInput = {
  kind: "found",
  country: "BI",
  station: "Kiremba",
  crossMatch: { allowed: true },
  subject: { names: [], sex: "unknown", ageRange: { min: 12, max: 16 } },
  found: {
    dateFound: "2026-11-01",
    condition: "alive",
    cannotIdentify: true,
    heldAt: { kind: "shelter", name: "Maison Shalom" },
  },
};

const edited = (base: CaseInput, change: (c: CaseInput) => void): CaseInput => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe("the edit of a case", () => {
  it("sends nothing when nothing changed", () => {
    expect(caseChanges(missing, structuredClone(missing))).toEqual({ changes: {}, cleared: [] });
  });

  it("sends only the fields that changed, each part on its own", () => {
    const after = edited(missing, (c) => {
      c.subject.birthYear = 2012;
      c.subject.lastSeenPlace = { country: "BI", level1: "Butanyerera", level2: "Kiremba" };
      c.station = "Ngozi centre";
    });
    expect(caseChanges(missing, after)).toEqual({
      changes: {
        station: "Ngozi centre",
        subject: { birthYear: 2012, lastSeenPlace: { country: "BI", level1: "Butanyerera", level2: "Kiremba" } },
      },
      cleared: [],
    });
    const f = edited(found, (c) => {
      c.found!.condition = "injured";
      c.subject.ageRange = { min: 13, max: 15 };
    });
    expect(caseChanges(found, f).changes).toEqual({
      subject: { ageRange: { min: 13, max: 15 } },
      found: { condition: "injured" },
    });
  });

  it("empties names, the description and the file number; any other field can be corrected, not removed", () => {
    const after = edited(missing, (c) => {
      c.subject.names = [];
      delete c.subject.description;
      delete c.externalRef;
      delete c.subject.lastSeenDate;
      delete c.legalBasis;
    });
    const { changes, cleared } = caseChanges(missing, after);
    expect(changes).toEqual({ externalRef: "", subject: { names: [], description: "" } });
    expect(cleared.sort()).toEqual(["legalBasis", "subject.lastSeenDate"]);
    const emptiedFound = edited(found, (c) => delete c.found!.heldAt);
    expect(caseChanges(found, emptiedFound)).toEqual({ changes: {}, cleared: ["found.heldAt"] });
  });

  it("replaces a sealed contact only with one typed in the form, and records a change of cross-matching with its reason", () => {
    const after = edited(missing, (c) => {
      c.familyContact = { name: "Mama Claude", phone: "+25779111222" };
      c.crossMatch = { allowed: false, reason: "the family asked" };
    });
    expect(caseChanges(missing, after).changes).toEqual({
      crossMatch: { allowed: false, reason: "the family asked" },
      familyContact: { name: "Mama Claude", phone: "+25779111222" },
    });
  });
});
