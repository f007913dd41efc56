// What the portal needs to be honest with its users, and what oversight needs: refused access to
// another country's case or to a family contact is audited; the portal learns what the caller may
// do; the audit log names the people behind uids; administrators cannot act on themselves.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listAuditLogs } from "../../src/services/audit.js";
import { createCase, getCase } from "../../src/services/cases.js";
import { setOfficerRole, suspendOfficer } from "../../src/services/officers.js";
import { listSearchHistory, searchFaces } from "../../src/services/search.js";
import { uploadCasePhoto } from "../../src/services/photos.js";
import { codeOf } from "../support/codes.js";
import { skipReason, smoke } from "../support/data.js";
import { actor, admin, memoryDeps, officerBI, officerRW, type TestDeps, officerRecordOf } from "../support/deps.js";

const input = {
  kind: "missing" as const,
  country: "BI" as const,
  station: "Muyinga",
  externalRef: "MUK-2026-0113",
  subject: { names: ["Aline Ndayishimiye"], aliases: [], sex: "female" as const },
  familyContact: { name: "Claudine", phone: "+25779000111" },
};
const colleague = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });

async function withOfficers(deps: TestDeps): Promise<void> {
  for (const [a, name, email] of [
    [admin, "Admin Nkurunziza", "admin@police.bi"],
    [officerBI, "Officer Habimana", "habimana@police.bi"],
    [officerRW, "Officer Uwimana", "uwimana@police.rw"],
  ] as const)
    await deps.officers.put(officerRecordOf(a, { name, email }));
}

describe("oversight", () => {
  it("refused access to another country's case and to a family contact leaves an audit entry", async () => {
    const deps = memoryDeps();
    const { case: c } = await createCase(deps, officerBI, input);
    expect(await codeOf(getCase(deps, officerRW, { caseId: c.id, includeFamilyContact: false }))).toBe(
      "permission-denied",
    );
    expect(await codeOf(getCase(deps, colleague, { caseId: c.id, includeFamilyContact: true }))).toBe(
      "permission-denied",
    );
    const refused = await deps.audit.list({ action: "access.refused", limit: 10 });
    expect(refused.map((e) => [e.actor, e.target.id, e.details?.reason]).sort()).toEqual(
      [
        [officerRW.uid, c.id, "other_country"],
        [colleague.uid, c.id, "family_contact_not_allowed"],
      ].sort(),
    );
  });

  it("the case says what the caller may do with it", async () => {
    const deps = memoryDeps();
    const { case: c } = await createCase(deps, officerBI, input);
    expect((await getCase(deps, officerBI, { caseId: c.id, includeFamilyContact: false })).access).toEqual({
      mayChange: true,
      mayReadFamilyContact: true,
      mayReadCustodyContact: false,
    });
    expect((await getCase(deps, colleague, { caseId: c.id, includeFamilyContact: false })).access).toEqual({
      mayChange: false,
      mayReadFamilyContact: false,
      mayReadCustodyContact: false,
    });
    expect((await getCase(deps, admin, { caseId: c.id, includeFamilyContact: false })).access).toEqual({
      mayChange: true,
      mayReadFamilyContact: true,
      mayReadCustodyContact: false,
    });
    const { case: noContact } = await createCase(deps, officerBI, { ...input, familyContact: undefined });
    expect(
      (await getCase(deps, officerBI, { caseId: noContact.id, includeFamilyContact: false })).access
        .mayReadFamilyContact,
    ).toBe(false);
  });

  it("the audit log names the officers behind the uids and filters by e-mail", async () => {
    const deps = memoryDeps();
    await withOfficers(deps);
    await createCase(deps, officerBI, input);
    await createCase(deps, officerRW, { ...input, country: "RW" });
    const all = await listAuditLogs(deps, admin, { limit: 50 });
    expect(all.actors[officerBI.uid]).toEqual({ name: "Officer Habimana", email: "habimana@police.bi" });
    expect(all.actors[officerRW.uid]).toEqual({ name: "Officer Uwimana", email: "uwimana@police.rw" });
    const one = await listAuditLogs(deps, admin, { actorEmail: "Uwimana@Police.rw", limit: 50 });
    expect(one.entries.map((e) => e.actor)).toEqual([officerRW.uid]);
    expect((await listAuditLogs(deps, admin, { actorEmail: "nobody@police.bi", limit: 50 })).entries).toEqual([]);
  });

  it("administrators cannot suspend themselves or change their own role", async () => {
    const deps = memoryDeps();
    await withOfficers(deps);
    const error = (await suspendOfficer(deps, admin, { uid: admin.uid, note: "x" }).catch((e: unknown) => e)) as {
      code: string;
      details: { reason: string };
    };
    expect(error.code).toBe("failed-precondition");
    expect(error.details.reason).toBe("self_change");
    expect(await codeOf(setOfficerRole(deps, admin, { uid: admin.uid, role: "officer" }))).toBe("failed-precondition");
    expect((await deps.officers.get(admin.uid))!).toMatchObject({ role: "admin", status: "approved" });
  });
});

describe.skipIf(skipReason({ models: true, faces: true }, "search scope and case references"))(
  "search scope and case references",
  () => {
    const probe = { contentBase64: readFileSync(smoke("people", "penny", "penny5.png")).toString("base64") };

    it("names the case by the reference officers know, says which country it searched, and audits a search outside the caller's scope", async () => {
      const deps = memoryDeps();
      const { case: c } = await createCase(deps, officerBI, input);
      await uploadCasePhoto(deps, officerBI, {
        caseId: c.id,
        fileName: "IMG_0412.JPG",
        contentBase64: readFileSync(smoke("people", "penny", "penny1.png")).toString("base64"),
      });
      expect((await deps.photos.list(c.id))[0]!.fileName).toBe("IMG_0412.JPG");

      const byRef = await searchFaces(deps, officerBI, {
        probe,
        purpose: { caseRef: "MUK-2026-0113" },
        filters: {},
        limit: 3,
      });
      expect(byRef.purposeCaseId).toBe(c.id);
      expect(byRef.searchedCountry).toBe("BI");
      // the reference typed where an id is expected is found too
      expect(
        (await searchFaces(deps, officerBI, { probe, purpose: { caseId: "MUK-2026-0113" }, filters: {}, limit: 3 }))
          .purposeCaseId,
      ).toBe(c.id);
      const [entry] = await deps.searches.list({ uid: officerBI.uid, limit: 1 });
      expect(entry!.purpose).toEqual({ caseId: c.id });
      // the history names the case by its file number
      expect((await listSearchHistory(deps, officerBI, { limit: 5 })).caseRefs).toEqual({ [c.id]: "MUK-2026-0113" });
      expect(
        await codeOf(searchFaces(deps, officerBI, { probe, purpose: { caseRef: "NGO-0000" }, filters: {}, limit: 3 })),
      ).toBe("not-found");
      // another country's reference is not found (not even said to exist)
      expect(
        await codeOf(
          searchFaces(deps, officerRW, { probe, purpose: { caseRef: "MUK-2026-0113" }, filters: {}, limit: 3 }),
        ),
      ).toBe("not-found");
      // an admin without a country filter searches everywhere
      expect(
        (await searchFaces(deps, admin, { probe, purpose: { reason: "x" }, filters: {}, limit: 3 })).searchedCountry,
      ).toBeUndefined();

      expect(
        await codeOf(
          searchFaces(deps, officerRW, { probe, purpose: { reason: "x" }, filters: { country: "BI" }, limit: 3 }),
        ),
      ).toBe("permission-denied");
      const refused = (await deps.audit.list({ action: "access.refused", limit: 5 }))[0]!;
      expect(refused).toMatchObject({
        actor: officerRW.uid,
        target: { type: "search" },
        details: { reason: "other_country", country: "BI" },
      });
    });
  },
);
