// A case drafted without network, sent when the network returns: once, however often it is sent.
import { describe, expect, it } from "vitest";
import { draftCaseId, submitCaseDraft } from "../../src/services/case-drafts.js";
import { codeOf } from "../support/codes.js";
import { throughBoundary } from "../support/boundary.js";
import { memoryDeps, officerBI, officerRecordOf, officerRW, suspended } from "../support/deps.js";

const draft = (draftId: string) => ({
  draftId,
  case: {
    kind: "missing" as const,
    country: "BI" as const,
    station: "Ngozi",
    subject: { names: ["Aline"], aliases: [], sex: "female" as const },
  },
});

describe("submitCaseDraft", () => {
  it("creates the case the first time and answers with the same case when the draft is sent again", async () => {
    const deps = memoryDeps();
    const id = "5f0c1c1e-8a4b-4c6d-9e2f-1a2b3c4d5e6f";
    const first = await submitCaseDraft(deps, officerBI, draft(id));
    expect(first.created).toBe(true);
    expect(first.case).toMatchObject({
      id: draftCaseId(officerBI.uid, id),
      createdBy: officerBI.uid,
      subject: { names: ["Aline"] },
    });
    const again = await submitCaseDraft(deps, officerBI, draft(id));
    expect(again).toEqual({ case: first.case, created: false });
    const [one, two] = await Promise.all([
      submitCaseDraft(deps, officerBI, draft(id)),
      submitCaseDraft(deps, officerBI, draft(id)),
    ]);
    expect([one.case.id, two.case.id]).toEqual([first.case.id, first.case.id]);
    expect((await deps.cases.list({}, { limit: 10 })).cases).toHaveLength(1);
    expect((await deps.audit.list({ action: "case.create", limit: 10 })).length).toBe(1);
  });

  it("another officer's draft with the same id is another case; the country and the account are checked like createCase", async () => {
    const deps = memoryDeps();
    const id = "5f0c1c1e-8a4b-4c6d-9e2f-1a2b3c4d5e6f";
    const mine = await submitCaseDraft(deps, officerBI, draft(id));
    const colleague = await submitCaseDraft(deps, { ...officerBI, uid: "officer-bi-2" }, draft(id));
    expect(colleague.case.id).not.toBe(mine.case.id);
    expect(await codeOf(submitCaseDraft(deps, officerRW, draft(id)))).toBe("permission-denied");
    await deps.officers.put(officerRecordOf(suspended));
    expect(await codeOf(throughBoundary(deps, "submitCaseDraft", submitCaseDraft)(suspended, draft(id)))).toBe(
      "permission-denied",
    );
  });
});
