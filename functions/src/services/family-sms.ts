// SMS to a family on a basic phone. An officer of the case's team approves one message, for a
// confirmed reunification or because the family is needed; it goes to the family contact only if
// the family consented at intake, in the language recorded with the contact, and says nothing but
// the station and the file number. Each message is reserved against the case's and the day's
// limit first (one atomic step), then sent: timeouts and server errors are retried with backoff,
// refusals never. The provider's delivery reports update its status once each. The audit log
// and the events name the message, the case, the outcome — never the number or the text.
import { randomUUID } from "node:crypto";
import { FINAL_SMS_STATUSES, type Deps, type SmsProvider, type SmsSendResult } from "../ports/index.js";
import type { Case, SmsDeliveryReport, SmsLanguage, SmsMessage, SmsReason } from "../schemas/index.js";
import { caseReference } from "../words/case-reference.js";
import { wordingFor } from "../words/dictionaries.js";
import { SYSTEM_ACTOR, type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { mayManage, mustGetCase, openContact } from "./cases.js";
import { ServiceError } from "./errors.js";

/** the one text a family is sent: the station and the file number, nothing about anyone */
export function familySmsText(language: SmsLanguage, record: Pick<Case, "station" | "externalRef" | "id">): string {
  return wordingFor(language).t("sms.family", {
    station: record.station,
    reference: caseReference(record.externalRef, record.id),
  });
}

/** the case is in the state the reason speaks of */
function mustFitReason(record: Case, reason: SmsReason): void {
  if (reason === "reunification_confirmed" && !(record.status === "resolved" && record.outcome === "reunified"))
    throw new ServiceError("sms_not_reunified");
  if (reason === "family_needed" && record.status !== "open") throw new ServiceError("sms_case_closed");
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** one message through the provider: a transient failure is tried again after each of the delays */
async function deliver(
  provider: SmsProvider,
  to: string,
  text: string,
  delays: number[],
): Promise<{ result: SmsSendResult; attempts: number }> {
  let attempts = 0;
  for (;;) {
    const result = await provider.send(to, text);
    attempts += 1;
    const delay = delays[attempts - 1];
    if (result.outcome !== "transient" || delay === undefined) return { result, attempts };
    await pause(delay);
  }
}

export async function sendFamilySms(
  deps: Deps,
  caller: Actor,
  input: { caseId: string; reason: SmsReason; approved: true },
): Promise<{ message: SmsMessage }> {
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_change_not_allowed");
  mustFitReason(record, input.reason);
  if (!record.familyContact) throw new ServiceError("sms_no_contact");
  const contact = openContact(deps, record.familyContact);
  if (contact.smsConsent !== true || !contact.smsLanguage) throw new ServiceError("sms_no_consent");
  const provider = deps.sms.provider();
  if (!provider) throw new ServiceError("sms_not_configured");

  const now = deps.clock.now().toISOString();
  const queued: SmsMessage = {
    id: randomUUID(),
    caseId: record.id,
    country: record.country,
    reason: input.reason,
    language: contact.smsLanguage,
    day: now.slice(0, 10),
    status: "queued",
    provider: provider.name,
    attempts: 0,
    reports: [],
    sentBy: caller.uid,
    createdAt: now,
    updatedAt: now,
  };
  const quota = { perCase: deps.limits.smsPerCase, perDay: deps.limits.smsPerDay };
  const reserved = await deps.sms.messages.reserve(queued, quota);
  if (reserved !== "reserved") {
    await audit(deps, caller, "sms.send", { type: "case", id: record.id }, { reason: input.reason, refused: reserved });
    throw reserved === "case_limit"
      ? new ServiceError("sms_case_limit", { limit: quota.perCase })
      : new ServiceError("sms_day_limit", { limit: quota.perDay, country: record.country });
  }

  const { result, attempts } = await deliver(
    provider,
    contact.phone,
    familySmsText(contact.smsLanguage, record),
    deps.sms.retryDelaysMs,
  );
  const { after } = await deps.sms.messages.update(queued.id, (current) => {
    if (!current) return undefined;
    const at = deps.clock.now().toISOString();
    if (result.outcome === "accepted")
      return { ...current, status: "sent", providerMessageId: result.providerMessageId, attempts, updatedAt: at };
    return {
      ...current,
      status: result.outcome === "refused" ? "refused" : "failed",
      lastError: result.code,
      attempts,
      updatedAt: at,
    };
  });
  const message = after ?? queued;
  await audit(
    deps,
    caller,
    "sms.send",
    { type: "sms", id: message.id },
    {
      caseId: record.id,
      reason: input.reason,
      language: message.language,
      status: message.status,
      attempts,
      provider: provider.name,
      ...(message.lastError ? { error: message.lastError } : {}),
    },
  );
  return { message };
}

export async function listFamilySms(deps: Deps, caller: Actor, input: { caseId: string }) {
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_change_not_allowed");
  return { messages: await deps.sms.messages.listForCase(record.id) };
}

/**
 * A delivery report from the provider. Each report is kept once: the same report again (providers
 * repeat them until answered) changes nothing and is not audited twice. A final status (delivered,
 * undelivered) is not undone by a late report of an earlier stage. Answers what became of it.
 */
export async function recordSmsDeliveryReport(
  deps: Deps,
  report: SmsDeliveryReport,
): Promise<"recorded" | "duplicate" | "unknown"> {
  const provider = deps.sms.provider();
  const found = provider && (await deps.sms.messages.findByProviderId(provider.name, report.id));
  if (!provider || !found) return "unknown";
  const meaning = provider.deliveryStatus(report.status);
  const at = deps.clock.now().toISOString();
  const { after, written } = await deps.sms.messages.update(found.id, (current) => {
    if (!current) return undefined;
    const seen = current.reports.some((r) => r.status === report.status && r.failureReason === report.failureReason);
    if (seen) return undefined;
    const advances = meaning !== undefined && meaning !== "sent" && !FINAL_SMS_STATUSES.includes(current.status);
    return {
      ...current,
      ...(advances ? { status: meaning } : {}),
      reports: [
        ...current.reports,
        { status: report.status, ...(report.failureReason ? { failureReason: report.failureReason } : {}), at },
      ],
      updatedAt: at,
    };
  });
  if (!written || !after) return "duplicate";
  await audit(
    deps,
    SYSTEM_ACTOR,
    "sms.delivery",
    { type: "sms", id: after.id },
    {
      caseId: after.caseId,
      report: report.status,
      status: after.status,
      ...(report.failureReason ? { failureReason: report.failureReason } : {}),
    },
  );
  return "recorded";
}
