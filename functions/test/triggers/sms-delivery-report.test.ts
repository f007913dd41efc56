// POST smsDeliveryReport: the gateway's delivery reports come in only with the URL's token, are
// read as form fields, and are answered 200 whatever became of them (recorded, a repeat, not ours).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsDeliveryReport } from "../../src/index.js";
import { setDepsForTesting } from "../../src/runtime/deps.js";
import { createCase } from "../../src/services/cases.js";
import { sendFamilySms } from "../../src/services/family-sms.js";
import { memoryDeps, officerBI, type TestDeps } from "../support/deps.js";

const TOKEN = "report-token-of-this-test";

async function post(query: Record<string, string>, body: unknown, method = "POST") {
  const sent: { status?: number } = {};
  const response = {
    set: () => response,
    status(code: number) {
      sent.status = code;
      return response;
    },
    send: () => response,
  };
  await (smsDeliveryReport as unknown as (req: unknown, res: unknown) => Promise<void>)(
    { method, query, body, headers: {} },
    response,
  );
  return sent.status;
}

let deps: TestDeps;
let providerMessageId: string;
let messageId: string;
beforeAll(async () => {
  process.env.SMS_REPORT_TOKEN = TOKEN;
  deps = memoryDeps();
  setDepsForTesting(deps);
  const { case: record } = await createCase(deps, officerBI, {
    kind: "missing",
    country: "BI",
    station: "Gitega",
    externalRef: "GI-2026-3",
    subject: { names: [], aliases: [], sex: "unknown" },
    familyContact: { name: "N", phone: "+25779000222", smsConsent: true, smsLanguage: "fr" },
  });
  const { message } = await sendFamilySms(deps, officerBI, {
    caseId: record.id,
    reason: "family_needed",
    approved: true,
  });
  providerMessageId = message.providerMessageId!;
  messageId = message.id;
});
afterAll(() => {
  setDepsForTesting(undefined);
  delete process.env.SMS_REPORT_TOKEN;
});

describe("smsDeliveryReport", () => {
  it("refuses a report without the token, or with another", async () => {
    const report = { id: providerMessageId, status: "Success", phoneNumber: "+25779000222" };
    expect(await post({}, report)).toBe(403);
    expect(await post({ token: "report-token-of-this-tesX" }, report)).toBe(403);
    expect(await post({ token: TOKEN }, report, "GET")).toBe(405);
    expect((await deps.sms.messages.get(messageId))!.status).toBe("sent");
  });

  it("records a report once, answering 200 to a repeat and to a report that is not ours", async () => {
    const report = { id: providerMessageId, status: "Failed", failureReason: "AbsentSubscriber", networkCode: "64110" };
    expect(await post({ token: TOKEN }, { nonsense: true })).toBe(400);
    expect(await post({ token: TOKEN }, report)).toBe(200);
    expect(await post({ token: TOKEN }, report)).toBe(200);
    expect(await post({ token: TOKEN }, { id: "ATXid_other", status: "Success" })).toBe(200);
    const stored = (await deps.sms.messages.get(messageId))!;
    expect(stored).toMatchObject({
      status: "undelivered",
      reports: [{ status: "Failed", failureReason: "AbsentSubscriber" }],
    });
    expect(await deps.audit.list({ action: "sms.delivery", limit: 10 })).toHaveLength(1);
  });
});
