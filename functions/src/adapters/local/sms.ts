// Local mode's SMS: the messages and their limits' counters in the SQLite store, and an outbox
// provider that keeps what would have been sent (number, text) in the same store under
// .local-data — the one place a number and a text are written, as the mail outbox does for e-mail.
import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { Clock, SmsMessageStore, SmsProvider } from "../../ports/index.js";
import type { SmsMessage } from "../../schemas/index.js";
import { africasTalkingReportStatus } from "../africas-talking-sms.js";
import { DocTable, transaction } from "./database.js";

export function localSmsMessages(db: DatabaseSync): SmsMessageStore {
  const messages = new DocTable<SmsMessage>(db, "sms_messages", (m) => m.createdAt);
  const counters = new DocTable<{ count: number }>(db, "sms_counters");
  return {
    reserve: async (message, quota) =>
      transaction(db, () => {
        const caseKey = `case:${message.caseId}`;
        const dayKey = `day:${message.country}:${message.day}`;
        const perCase = counters.get(caseKey)?.count ?? 0;
        const perDay = counters.get(dayKey)?.count ?? 0;
        if (perCase >= quota.perCase) return "case_limit";
        if (perDay >= quota.perDay) return "day_limit";
        counters.put(caseKey, { count: perCase + 1 });
        counters.put(dayKey, { count: perDay + 1 });
        messages.put(message.id, message);
        return "reserved";
      }),
    get: async (id) => messages.get(id),
    update: async (id, change) => messages.update(id, change),
    findByProviderId: async (provider, providerMessageId) =>
      messages.query({ provider, providerMessageId }, 1)[0]?.value,
    listForCase: async (caseId) => messages.query({ caseId }, 100).map((r) => r.value),
    deleteForCase: async (caseId) => {
      counters.delete(`case:${caseId}`);
      return messages.deleteWhere("json_extract(data, '$.caseId') = ?", [caseId]);
    },
  };
}

interface OutboxSms {
  id: string;
  to: string;
  text: string;
  at: string;
}

/** an SMS provider that accepts every message into the local store's outbox */
export function localSmsOutbox(db: DatabaseSync, clock: Clock): SmsProvider & { sent(): OutboxSms[] } {
  const outbox = new DocTable<OutboxSms>(db, "sms_outbox", (m) => m.at);
  return {
    name: "outbox",
    async send(to, text) {
      const sms = { id: `outbox-${randomUUID()}`, to, text, at: clock.now().toISOString() };
      outbox.put(sms.id, sms);
      return { outcome: "accepted", providerMessageId: sms.id };
    },
    // reports to the local endpoint are written in Africa's Talking's words, so one client tries both
    deliveryStatus: africasTalkingReportStatus,
    sent: () => outbox.query({}, 1000).map((r) => r.value),
  };
}
