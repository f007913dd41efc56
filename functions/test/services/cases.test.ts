import { describe, expect, it } from "vitest";
import { closeCase } from "../../src/services/case-status.js";
import { createCase, getCase, listCases, updateCase } from "../../src/services/cases.js";
import { caseDoc, createCaseInput, updateCaseInput } from "../../src/schemas/index.js";
import { codeOf } from "../support/codes.js";
import { throughBoundary } from "../support/boundary.js";
import type { Actor } from "../../src/services/actor.js";
import {
  admin,
  memoryDeps,
  officerBI,
  officerRW,
  pending,
  supervisorBI,
  suspended,
  unverified,
  actor,
  officerRecordOf,
} from "../support/deps.js";
import { faceFixture } from "../contract/port-contract.js";

const input = {
  kind: "missing" as const,
  country: "BI" as const,
  station: "Ngozi",
  subject: {
    names: ["Eric Niyonzima"],
    aliases: [],
    sex: "male" as const,
    ageRange: { min: 8, max: 10 },
    lastSeenPlace: "Ngozi market",
  },
  familyContact: { name: "Claudine Niyonzima", relationship: "mother", phone: "+25779000111" },
};

describe("cases", () => {
  it("seals the family contact: the store never holds it in clear", async () => {
    const deps = memoryDeps();
    const { case: view } = await createCase(deps, officerBI, input);
    expect(view.hasFamilyContact).toBe(true);
    expect("familyContact" in view).toBe(false);
    const stored = await deps.cases.get(view.id);
    expect(JSON.stringify(stored)).not.toContain("Claudine");
    expect(JSON.stringify(stored)).not.toContain("+25779000111");
    expect(stored!.familyContact!.keyId).toBe("test");
    // an open case has no retention date: its clock starts when it is resolved or closed
    expect(stored!.retentionUntil).toBeUndefined();
  });

  it("opens the family contact only for the case's officers, supervisors and admins, auditing each time", async () => {
    const deps = memoryDeps();
    const { case: view } = await createCase(deps, officerBI, input);
    const own = await getCase(deps, officerBI, { caseId: view.id, includeFamilyContact: true });
    expect(own.familyContact).toEqual(input.familyContact);
    expect(
      (await getCase(deps, supervisorBI, { caseId: view.id, includeFamilyContact: true })).familyContact?.name,
    ).toBe("Claudine Niyonzima");
    expect((await getCase(deps, admin, { caseId: view.id, includeFamilyContact: true })).familyContact?.phone).toBe(
      "+25779000111",
    );
    const colleague = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
    expect(await codeOf(getCase(deps, colleague, { caseId: view.id, includeFamilyContact: true }))).toBe(
      "permission-denied",
    );
    expect(
      (await getCase(deps, colleague, { caseId: view.id, includeFamilyContact: false })).familyContact,
    ).toBeUndefined();
    expect(await deps.audit.list({ action: "case.decrypt_contact", limit: 10 })).toHaveLength(3);
  });

  it.each([
    ["unauthenticated", undefined, "unauthenticated"],
    ["unverified", unverified, "permission-denied"],
    ["pending", pending, "permission-denied"],
    ["suspended", suspended, "permission-denied"],
    ["wrong country", officerRW, "permission-denied"],
  ] as [string, Actor | undefined, string][])("refuses %s callers", async (_label, caller, expected) => {
    const deps = memoryDeps();
    if (caller) await deps.officers.put(officerRecordOf(caller));
    const { case: view } = await createCase(deps, officerBI, input);
    expect(await codeOf(throughBoundary(deps, "createCase", createCase)(caller, input))).toBe(expected);
    const byId = { caseId: view.id };
    expect(await codeOf(throughBoundary(deps, "getCase", getCase)(caller, byId))).toBe(expected);
    expect(await codeOf(throughBoundary(deps, "updateCase", updateCase)(caller, { ...byId, station: "Kirundo" }))).toBe(
      expected,
    );
    expect(await codeOf(throughBoundary(deps, "closeCase", closeCase)(caller, { ...byId, reason: "x" }))).toBe(
      expected,
    );
    expect((await deps.cases.get(view.id))!.station).toBe("Ngozi");
    expect((await deps.cases.list({}, { limit: 10 })).cases).toHaveLength(1);
  });

  // every field of the case: an update that names one changes that one, and nothing else
  const subjectChanges: [string, Record<string, unknown>][] = [
    ["names", { names: ["Eric N."] }],
    ["aliases", { aliases: ["Kiki"] }],
    ["sex", { sex: "female" }],
    ["birthYear", { birthYear: 2016 }],
    ["ageRange", { ageRange: { min: 9, max: 11 } }],
    ["lastSeenPlace", { lastSeenPlace: "Kirundo bus station" }],
    [
      "lastSeenPlace (structured)",
      { lastSeenPlace: { country: "BI", level1: "Butanyerera", level2: "Kirundo", text: "bus station" } },
    ],
    ["ageAtDisappearance", { ageAtDisappearance: 9 }],
    ["lastSeenDate", { lastSeenDate: "2026-10-01" }],
    ["description", { description: "blue school uniform" }],
  ];
  it.each(subjectChanges)("an update of the subject's %s keeps every other field", async (_field, change) => {
    const deps = memoryDeps();
    const full = {
      ...input,
      externalRef: "NGO-2026-0042",
      subject: {
        ...input.subject,
        aliases: ["Eddy"],
        birthYear: 2017,
        lastSeenDate: "2026-09-30",
        description: "scar on the chin",
      },
    };
    const { case: view } = await createCase(deps, officerBI, full);
    const { case: updated } = await updateCase(deps, officerBI, { caseId: view.id, subject: change });
    expect(updated.subject).toEqual({ ...view.subject, ...change });
    expect(updated).toEqual({ ...view, subject: { ...view.subject, ...change }, updatedAt: updated.updatedAt });
  });

  it("updates of the station, the reference, the status or the family contact keep the rest", async () => {
    const deps = memoryDeps();
    const { case: view } = await createCase(deps, officerBI, { ...input, externalRef: "NGO-2026-0042" });
    const sealedBefore = (await deps.cases.get(view.id))!.familyContact;
    expect((await updateCase(deps, officerBI, { caseId: view.id, station: "Kirundo" })).case).toEqual({
      ...view,
      station: "Kirundo",
      updatedAt: expect.any(String),
    });
    expect((await updateCase(deps, officerBI, { caseId: view.id, externalRef: "KIR-1" })).case).toMatchObject({
      ...view,
      station: "Kirundo",
      externalRef: "KIR-1",
      updatedAt: expect.any(String),
    });
    expect((await deps.cases.get(view.id))!.familyContact).toEqual(sealedBefore);
    await updateCase(deps, officerBI, {
      caseId: view.id,
      familyContact: { name: "Jean Niyonzima", phone: "+25779000222" },
    });
    const after = (await getCase(deps, officerBI, { caseId: view.id, includeFamilyContact: true })).case;
    expect(after.subject).toEqual(view.subject);
    expect(after).toMatchObject({ station: "Kirundo", externalRef: "KIR-1", status: "open" });
  });

  it("a partial update through the callable's schema applies no defaults", () => {
    const parsed = updateCaseInput.parse({ caseId: "c1", subject: { description: "new description" } });
    expect(parsed.subject).toEqual({ description: "new description" });
  });

  it("officers list only their country's cases; admins all", async () => {
    const deps = memoryDeps();
    await createCase(deps, officerBI, input);
    await createCase(deps, officerRW, { ...input, country: "RW" });
    expect((await listCases(deps, officerBI, { limit: 10 })).cases.map((c) => c.country)).toEqual(["BI"]);
    expect(await codeOf(listCases(deps, officerBI, { limit: 10, country: "RW" }))).toBe("permission-denied");
    expect((await listCases(deps, admin, { limit: 10 })).cases).toHaveLength(2);
  });

  it("closing a case takes its faces out of open-case searches and is audited", async () => {
    const deps = memoryDeps();
    const { case: view } = await createCase(deps, officerBI, input);
    const v = Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));
    await deps.faces.replacePhotoFaces(view.id, "p1", [faceFixture(view.id, "p1", 0, v)]);
    await closeCase(deps, officerBI, { caseId: view.id, reason: "reunited with family" });
    const open = await deps.faces.findNearest({
      vector: Float32Array.from(v),
      filter: { caseStatus: "open" },
      limit: 5,
      distanceThreshold: 0.5,
    });
    expect(open).toEqual([]);
    expect(await codeOf(updateCase(deps, officerBI, { caseId: view.id, station: "x" }))).toBe("failed-precondition");
    expect((await deps.audit.list({ action: "case.close", limit: 5 })).map((e) => e.target.id)).toEqual([view.id]);
  });
});

describe("found-person intake", () => {
  const foundInput = createCaseInput.parse({
    kind: "found",
    country: "BI",
    station: "Kamenge",
    externalRef: "KAM-2026-0017",
    subject: { sex: "female", ageRange: { min: 4, max: 7 }, description: "red dress" },
    found: {
      dateFound: "2026-11-20",
      foundPlace: { country: "BI", level1: "Bujumbura", level2: "Ntahangwa", text: "near the market" },
      heldAt: { kind: "shelter", name: "Centre Kamenge" },
      condition: "injured",
      cannotIdentify: true,
    },
    custodyContact: { name: "Soeur Béatrice", relationship: "director of the shelter", phone: "+25779333444" },
    legalBasis: "vital_interest",
  });

  it("keeps found cases' own fields, seals the custody contact like the family contact, and opens it only for the case's team", async () => {
    const deps = memoryDeps();
    const { case: view } = await createCase(deps, officerBI, foundInput);
    expect(view).toMatchObject({
      found: foundInput.found,
      legalBasis: "vital_interest",
      hasCustodyContact: true,
      hasFamilyContact: false,
    });
    expect("custodyContact" in view).toBe(false);
    const stored = (await deps.cases.get(view.id))!;
    expect(JSON.stringify(stored)).not.toMatch(/Béatrice|\+25779333444/);
    expect(stored.custodyContact!.keyId).toBe("test");
    const own = await getCase(deps, officerBI, {
      caseId: view.id,
      includeFamilyContact: false,
      includeCustodyContact: true,
    });
    expect(own.custodyContact).toEqual(foundInput.custodyContact);
    expect(own.access.mayReadCustodyContact).toBe(true);
    const colleague = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
    expect(
      await codeOf(
        getCase(deps, colleague, { caseId: view.id, includeFamilyContact: false, includeCustodyContact: true }),
      ),
    ).toBe("permission-denied");
    expect((await deps.audit.list({ action: "access.refused", limit: 5 }))[0]!.details).toMatchObject({
      reason: "custody_contact_not_allowed",
    });
  });

  it("a found case's details belong to found cases; a missing case's age at disappearance to missing cases", () => {
    const missing = createCaseInput.safeParse({
      kind: "missing",
      country: "BI",
      station: "S",
      subject: {},
      found: { dateFound: "2026-11-20" },
    });
    expect(missing.error?.issues.map((i) => i.path.join("."))).toEqual(["found"]);
    const custody = createCaseInput.safeParse({
      kind: "missing",
      country: "BI",
      station: "S",
      subject: {},
      custodyContact: { name: "X", phone: "+25779333444" },
    });
    expect(custody.error?.issues.map((i) => i.path.join("."))).toEqual(["custodyContact"]);
    const found = createCaseInput.safeParse({
      kind: "found",
      country: "BI",
      station: "S",
      subject: { ageAtDisappearance: 5 },
    });
    expect(found.error?.issues.map((i) => i.path.join("."))).toEqual(["subject.ageAtDisappearance"]);
    expect(
      createCaseInput.safeParse({
        kind: "found",
        country: "BI",
        station: "S",
        subject: {},
        found: { dateFound: "2026-11-20", condition: "asleep" },
      }).success,
    ).toBe(false);
    expect(
      createCaseInput.safeParse({
        kind: "missing",
        country: "BI",
        station: "S",
        subject: {},
        crossMatch: { allowed: false },
      }).success,
    ).toBe(false);
  });

  it("cases stored before the intake fields read as they are", () => {
    const old = {
      id: "c1",
      kind: "missing",
      status: "open",
      country: "BI",
      station: "Ngozi",
      subject: { names: ["Eric"], aliases: [], sex: "male", lastSeenPlace: "Ngozi market" },
      officerUids: ["u"],
      createdBy: "u",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      retentionUntil: "2031-01-01T00:00:00.000Z",
    };
    expect(caseDoc.parse(old)).toEqual(old);
  });

  it("an update of found details, legal basis or cross-match policy changes what it names, nothing else, and no default applies", async () => {
    const deps = memoryDeps();
    const { case: view } = await createCase(deps, officerBI, foundInput);
    const parsed = updateCaseInput.parse({
      caseId: view.id,
      found: { heldAt: { kind: "hospital", name: "CHU Kamenge" } },
    });
    expect(parsed.found).toEqual({ heldAt: { kind: "hospital", name: "CHU Kamenge" } });
    const { case: moved } = await updateCase(deps, officerBI, parsed);
    expect(moved).toEqual({
      ...view,
      found: { ...view.found, heldAt: { kind: "hospital", name: "CHU Kamenge" } },
      updatedAt: moved.updatedAt,
    });
    const { case: excluded } = await updateCase(deps, officerBI, {
      caseId: view.id,
      crossMatch: { allowed: false, reason: "court order" },
    });
    expect(excluded).toEqual({
      ...moved,
      crossMatch: { allowed: false, reason: "court order" },
      updatedAt: excluded.updatedAt,
    });
    const { case: custody } = await updateCase(deps, officerBI, {
      caseId: view.id,
      custodyContact: { name: "Dr Ndikumana", phone: "+25779555666" },
    });
    expect(custody).toEqual({ ...excluded, updatedAt: custody.updatedAt });
    expect(
      (await getCase(deps, officerBI, { caseId: view.id, includeFamilyContact: false, includeCustodyContact: true }))
        .custodyContact?.name,
    ).toBe("Dr Ndikumana");
    const { case: missing } = await createCase(deps, officerBI, input);
    expect(await codeOf(updateCase(deps, officerBI, { caseId: missing.id, found: { condition: "alive" } }))).toBe(
      "invalid-argument",
    );
  });
});
