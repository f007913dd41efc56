// Long-missing persons: a search tied to a case whose photos are years old, or asked for by the
// officer, lists the top K faces whatever their score (NIST's investigative mode), each with its
// band ("below threshold" is one), the years between the photos, and a notice that says plainly
// that most of the list is not the person.
import { readFileSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../src/services/cases.js";
import { uploadCasePhoto } from "../../src/services/photos.js";
import { INVESTIGATIVE_NOTICE, SEARCH_NOTICE, searchFaces } from "../../src/services/search.js";
import { skipReason, smoke } from "../support/data.js";
import { memoryDeps, officerBI, type TestDeps } from "../support/deps.js";

const skip = skipReason({ models: true, faces: true }, "investigative search");
const b64 = (path: string): string => readFileSync(path).toString("base64");

describe.skipIf(skip)("investigative search", () => {
  let deps: TestDeps;
  const caseOf: Record<string, string> = {};

  beforeAll(async () => {
    deps = memoryDeps({ searchesPerMinute: 1000, searchesPerDay: 1000 });
    for (const person of readdirSync(smoke("people"))) {
      const { case: c } = await createCase(deps, officerBI, {
        kind: person === "amy" ? "missing" : "found",
        country: "BI",
        station: "Ngozi",
        externalRef: person,
        subject: { names: [person], aliases: [], sex: "unknown" },
      });
      caseOf[person] = c.id;
      // amy's photo is ten years old: the child went missing in 2016
      await uploadCasePhoto(deps, officerBI, {
        caseId: c.id,
        contentBase64: b64(smoke("people", person, `${person}1.png`)),
        photoDate: person === "amy" ? "2016-06-01" : "2026-10-01",
      });
    }
  }, 120_000);

  it("identification lists only candidates above the threshold; the investigative list the top K whatever their score", async () => {
    const probe = { contentBase64: b64(smoke("people", "raj", "raj2.png")) };
    const identify = await searchFaces(deps, officerBI, {
      probe,
      purpose: { reason: "x" },
      filters: { kind: "found" },
      mode: "identify",
    });
    expect(identify).toMatchObject({ mode: "identify", modeReason: "asked", notice: SEARCH_NOTICE });
    const above = identify.faces[0]!.candidates;
    expect(above.every((c) => c.band !== "below_threshold" && c.similarity >= identify.threshold)).toBe(true);

    const investigate = await searchFaces(deps, officerBI, {
      probe,
      purpose: { reason: "x" },
      filters: { kind: "found" },
      mode: "investigate",
      limit: 6,
    });
    expect(investigate).toMatchObject({ mode: "investigate", modeReason: "asked", notice: INVESTIGATIVE_NOTICE });
    const list = investigate.faces[0]!.candidates;
    expect(list).toHaveLength(6);
    expect(list[0]!.externalRef).toBe("raj");
    expect(list.every((c, i) => i === 0 || c.similarity <= list[i - 1]!.similarity)).toBe(true);
    expect(list.filter((c) => c.band === "below_threshold").length).toBeGreaterThan(0);
    expect(list.filter((c) => c.band === "below_threshold").every((c) => c.similarity < investigate.threshold)).toBe(
      true,
    );
    // the identification candidates are the head of the investigative list
    expect(list.slice(0, above.length).map((c) => c.caseId)).toEqual(above.map((c) => c.caseId));
    expect(investigate.notice).toMatch(/Most of this list is NOT the person/);
  });

  it("a search for a case whose photos are years old runs as an investigative search, with the default top K", async () => {
    const deps5 = { ...deps, search: { ...deps.search, investigativeTopK: 5 } };
    const probe = { contentBase64: b64(smoke("people", "amy", "amy2.png")) };
    const forOldCase = await searchFaces(deps5, officerBI, {
      probe,
      purpose: { caseRef: "amy" },
      filters: { kind: "missing" },
    });
    expect(forOldCase).toMatchObject({ mode: "investigate", modeReason: "old_photos", purposeCaseId: caseOf.amy });
    const forRecentCase = await searchFaces(deps5, officerBI, {
      probe,
      purpose: { caseRef: "raj" },
      filters: { kind: "found" },
    });
    expect(forRecentCase).toMatchObject({ mode: "identify", modeReason: "default" });
    const found = await searchFaces(deps5, officerBI, {
      probe,
      purpose: { caseRef: "amy" },
      filters: { kind: "found" },
    });
    expect(found.faces[0]!.candidates).toHaveLength(5);
  });

  it("a search for a case looks among the other kind's cases, says so, and never lists the case itself", async () => {
    const probe = { contentBase64: b64(smoke("people", "amy", "amy2.png")) };
    const result = await searchFaces(deps, officerBI, { probe, purpose: { caseRef: "amy" }, filters: {}, limit: 10 });
    expect(result).toMatchObject({ searchedKind: "found", purposeCaseId: caseOf.amy, mode: "investigate" });
    const listed = result.faces[0]!.candidates;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.map((c) => c.caseId)).not.toContain(caseOf.amy);
    expect(listed.every((c) => c.kind === "found")).toBe(true);
    // the same photo without the case: amy's own case comes first
    const without = await searchFaces(deps, officerBI, {
      probe,
      purpose: { reason: "x" },
      filters: {},
      mode: "investigate",
      limit: 10,
    });
    expect(without.faces[0]!.candidates[0]!.caseId).toBe(caseOf.amy);
    expect(without.searchedKind).toBeUndefined();
  });

  it("says how many years lie between the searched photo and each candidate's", async () => {
    const probe = { contentBase64: b64(smoke("people", "amy", "amy3.png")) };
    const result = await searchFaces(deps, officerBI, {
      probe,
      purpose: { reason: "x" },
      filters: {},
      mode: "investigate",
      limit: 10,
      probePhotoDate: "2026-11-01",
    });
    const amy = result.faces[0]!.candidates.find((c) => c.caseId === caseOf.amy)!;
    expect(amy.photoAgeGapYears).toBe(10);
    // photos a month apart: within the calibration, nothing to report
    expect(result.faces[0]!.candidates.find((c) => c.caseId === caseOf.raj)!.photoAgeGapYears).toBeUndefined();
    // a childhood photo of 2011 searched against the same case: the gap is measured from the photo's date, not from today
    const childhood = await searchFaces(deps, officerBI, {
      probe,
      purpose: { reason: "x" },
      filters: {},
      mode: "investigate",
      limit: 10,
      probePhotoDate: "2011-06-01",
    });
    // amy's case photos are of 2016-06-01: five years after the searched photo
    expect(childhood.faces[0]!.candidates.find((c) => c.caseId === caseOf.amy)!.photoAgeGapYears).toBe(5);
  });

  it("claims no photo age gap when the searched photo's date is unknown (not 'today')", async () => {
    const probe = { contentBase64: b64(smoke("people", "amy", "amy3.png")) };
    const result = await searchFaces(deps, officerBI, {
      probe,
      purpose: { reason: "x" },
      filters: {},
      mode: "investigate",
      limit: 10,
    });
    expect(result.faces[0]!.candidates.every((c) => c.photoAgeGapYears === undefined)).toBe(true);
  });
});
