// SMS to families end to end, through the Africa's Talking adapter to a local fake of its HTTP API:
// what is sent (station and file number only, in the family's language), who may send it, when,
// how often, how failures are retried, and how delivery reports are kept — once each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { africasTalkingSms } from "../../src/adapters/africas-talking-sms.js";
import { sendFamilySmsInput, type Case } from "../../src/schemas/index.js";
import { createCase } from "../../src/services/cases.js";
import { familySmsText, listFamilySms, recordSmsDeliveryReport, sendFamilySms } from "../../src/services/family-sms.js";
import { codeOf } from "../support/codes.js";
import { actor, memoryDeps, officerBI, officerRW, supervisorBI, type TestDeps } from "../support/deps.js";
import { fakeAfricasTalking, type FakeAfricasTalking } from "../support/fake-africas-talking.js";
import { reunifiedFixture } from "../support/matches.js";

let fake: FakeAfricasTalking;
beforeAll(async () => (fake = await fakeAfricasTalking()));
afterAll(() => fake.close());

const PHONE = "+25779000111";

function smsDeps(limits: { smsPerCase?: number; smsPerDay?: number } = {}): TestDeps {
  return memoryDeps(limits, {
    smsProvider: africasTalkingSms({ username: "tora", apiKey: "k", baseUrl: fake.url, timeoutMs: 200 }),
    smsRetryDelaysMs: [5, 10],
  });
}

async function familyCase(
  deps: TestDeps,
  family: { smsConsent?: boolean; smsLanguage?: "rn" | "rw" | "fr" | "sw" | "en" } = {
    smsConsent: true,
    smsLanguage: "rn",
  },
  kind: "missing" | "found" = "missing",
) {
  const { case: view } = await createCase(deps, officerBI, {
    kind,
    country: "BI",
    station: "Ngozi",
    externalRef: `NG-2026-${Math.floor(Math.random() * 1e6)}`,
    subject: { names: ["Aline Uwase"], aliases: [], sex: "female", description: "green dress" },
    ...(kind === "missing" ? { familyContact: { name: "Jeanne Uwase", phone: PHONE, ...family } } : {}),
  });
  return (await deps.cases.get(view.id))!;
}

const send = (deps: TestDeps, record: Case, reason: "family_needed" | "reunification_confirmed" = "family_needed") =>
  sendFamilySms(deps, officerBI, { caseId: record.id, reason, approved: true });

describe("SMS to families", () => {
  it("sends the family, in their language, the station and file number and nothing else", async () => {
    const deps = smsDeps();
    const record = await familyCase(deps);
    fake.script();
    const before = fake.requests.length;
    const { message } = await send(deps, record);
    expect(message).toMatchObject({ status: "sent", attempts: 1, language: "rn", provider: "africastalking" });
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.form.to).toBe(PHONE);
    expect(sent[0]!.form.message).toBe(familySmsText("rn", record));
    expect(sent[0]!.form.message).toContain("Ngozi");
    expect(sent[0]!.form.message).toContain(record.externalRef);
    for (const word of ["Aline", "Uwase", "Jeanne", "green"]) expect(sent[0]!.form.message).not.toContain(word);
    // the record and the audit keep neither the number nor the text
    const stored = JSON.stringify([await deps.sms.messages.get(message.id), await deps.audit.list({ limit: 50 })]);
    expect(stored).not.toContain(PHONE.slice(1));
    expect(stored).not.toContain("police");
    expect((await deps.audit.list({ action: "sms.send", limit: 5 }))[0]).toMatchObject({
      actor: officerBI.uid,
      target: { type: "sms", id: message.id },
      details: { caseId: record.id, status: "sent", reason: "family_needed" },
    });
  });

  it("writes each language's text with the station and the reference", () => {
    const record = { id: "c1", station: "Kirundo", externalRef: "KI-2026-7" };
    const texts = (["rn", "rw", "fr", "sw", "en"] as const).map((l) => familySmsText(l, record));
    expect(new Set(texts).size).toBe(5);
    for (const text of texts) expect(text).toMatch(/^TORA FACE.*Kirundo.*KI-2026-7$/);
    expect(texts[4]).toBe(
      "TORA FACE: please contact the police station of Kirundo about your report, reference KI-2026-7",
    );
  });

  it("needs the officer's explicit approval", () => {
    expect(sendFamilySmsInput.safeParse({ caseId: "c1", reason: "family_needed" }).success).toBe(false);
    expect(sendFamilySmsInput.safeParse({ caseId: "c1", reason: "family_needed", approved: false }).success).toBe(
      false,
    );
    expect(sendFamilySmsInput.safeParse({ caseId: "c1", reason: "family_needed", approved: true }).success).toBe(true);
  });

  it("refuses without consent, language, contact, or the state the reason speaks of", async () => {
    const deps = smsDeps();
    const reasonOf = async (run: Promise<unknown>) => run.then(() => "ok").catch((e: { reason?: string }) => e.reason);
    expect(await reasonOf(send(deps, await familyCase(deps, { smsLanguage: "fr" })))).toBe("sms_no_consent");
    expect(await reasonOf(send(deps, await familyCase(deps, { smsConsent: true })))).toBe("sms_no_consent");
    expect(await reasonOf(send(deps, await familyCase(deps, {}, "found")))).toBe("sms_no_contact");
    const open = await familyCase(deps);
    expect(await reasonOf(send(deps, open, "reunification_confirmed"))).toBe("sms_not_reunified");
    const found = await familyCase(deps, {}, "found");
    await reunifiedFixture(deps, open.id, found.id, supervisorBI);
    const resolved = (await deps.cases.get(open.id))!;
    expect(await reasonOf(send(deps, resolved, "family_needed"))).toBe("sms_case_closed");
    fake.script();
    expect((await send(deps, resolved, "reunification_confirmed")).message.status).toBe("sent");
  });

  it("is for the case's team only", async () => {
    const deps = smsDeps();
    const record = await familyCase(deps);
    const otherOfficer = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
    const input = { caseId: record.id, reason: "family_needed" as const, approved: true as const };
    expect(await codeOf(sendFamilySms(deps, otherOfficer, input))).toBe("permission-denied");
    expect(await codeOf(sendFamilySms(deps, officerRW, input))).toBe("permission-denied"); // another country
    expect(await codeOf(listFamilySms(deps, otherOfficer, { caseId: record.id }))).toBe("permission-denied");
    fake.script();
    expect(await codeOf(sendFamilySms(deps, supervisorBI, input))).toBe("ok");
  });

  it("never retries a refusal", async () => {
    const deps = smsDeps();
    const record = await familyCase(deps);
    fake.script({ recipient: { statusCode: 406, status: "UserInBlacklist" } });
    const before = fake.requests.length;
    const { message } = await send(deps, record);
    expect(message).toMatchObject({ status: "refused", attempts: 1, lastError: "406 UserInBlacklist" });
    expect(fake.requests.length - before).toBe(1);
  });

  it("retries a timeout and a server error with backoff, and stops after the last attempt", async () => {
    const deps = smsDeps();
    const record = await familyCase(deps);
    fake.script({ silence: true }, { http: 502 });
    const { message } = await send(deps, record);
    expect(message).toMatchObject({ status: "sent", attempts: 3 });
    expect(message.providerMessageId).toMatch(/^ATXid_/);
    fake.script({ silence: true }, { http: 503 }, { silence: true });
    const before = fake.requests.length;
    const { message: failed } = await send(deps, record);
    expect(failed).toMatchObject({ status: "failed", attempts: 3, lastError: "timeout" });
    expect(fake.requests.length - before).toBe(3);
  });

  it("keeps a delivery report once: a repeated report changes nothing and is audited once", async () => {
    const deps = smsDeps();
    const record = await familyCase(deps);
    fake.script();
    const { message } = await send(deps, record);
    const report = { id: message.providerMessageId!, status: "Success" };
    expect(await recordSmsDeliveryReport(deps, report)).toBe("recorded");
    expect(await recordSmsDeliveryReport(deps, report)).toBe("duplicate");
    // a late report of an earlier stage is kept, but does not undo the delivery
    expect(await recordSmsDeliveryReport(deps, { id: report.id, status: "Buffered" })).toBe("recorded");
    const stored = (await deps.sms.messages.get(message.id))!;
    expect(stored.status).toBe("delivered");
    expect(stored.reports.map((r) => r.status)).toEqual(["Success", "Buffered"]);
    expect(await deps.audit.list({ action: "sms.delivery", limit: 10 })).toHaveLength(2);
    expect(await recordSmsDeliveryReport(deps, { id: "ATXid_unknown", status: "Success" })).toBe("unknown");
    const { messages } = await listFamilySms(deps, officerBI, { caseId: record.id });
    expect(messages.map((m) => m.status)).toEqual(["delivered"]);
  });

  it("holds the per-case limit when officers send at the same moment", async () => {
    const deps = smsDeps({ smsPerCase: 2 });
    const record = await familyCase(deps);
    fake.script();
    const codes = await Promise.all([1, 2, 3, 4].map(() => codeOf(send(deps, record))));
    expect(codes.sort()).toEqual(["ok", "ok", "resource-exhausted", "resource-exhausted"]);
    expect((await listFamilySms(deps, officerBI, { caseId: record.id })).messages).toHaveLength(2);
  });

  it("holds the per-day limit of the country, and opens again the next day", async () => {
    const deps = smsDeps({ smsPerDay: 1 });
    fake.script();
    expect(await codeOf(send(deps, await familyCase(deps)))).toBe("ok");
    const second = await familyCase(deps);
    await expect(send(deps, second)).rejects.toMatchObject({ reason: "sms_day_limit" });
    deps.clockAt.now = new Date("2026-11-26T08:00:00.000Z");
    expect(await codeOf(send(deps, second))).toBe("ok");
  });

  it("writes to the outbox of the local store in local mode", async () => {
    const deps = memoryDeps();
    const record = await familyCase(deps, { smsConsent: true, smsLanguage: "sw" });
    const { message } = await send(deps, record);
    expect(message).toMatchObject({ status: "sent", provider: "outbox" });
    const outbox = deps.sms.provider() as unknown as { sent(): { to: string; text: string; id: string }[] };
    expect(outbox.sent()).toEqual([
      expect.objectContaining({ to: PHONE, text: familySmsText("sw", record), id: message.providerMessageId }),
    ]);
  });
});
