import type { SmsMessage, SmsStatus } from "../schemas/index.js";
import type { Change, Updated } from "./updates.js";

/**
 * What a provider answered to one message. accepted: it took the message (its id comes back in the
 * delivery reports); refused: it will never take this one (a bad number, a blacklisted subscriber,
 * no credit) — never retried; transient: a timeout or a server error — worth another attempt.
 */
export type SmsSendResult =
  | { outcome: "accepted"; providerMessageId: string }
  | { outcome: "refused"; code: string }
  | { outcome: "transient"; code: string };

/** an SMS gateway: Africa's Talking over HTTPS, or the local outbox */
export interface SmsProvider {
  /** names the provider on each message */
  readonly name: string;
  send(to: string, text: string): Promise<SmsSendResult>;
  /** what a status of its delivery reports means; undefined: a status it does not know (kept, nothing changes) */
  deliveryStatus(reportStatus: string): "delivered" | "undelivered" | "sent" | undefined;
}

/** what a reservation must stay within: per case (ever) and per country and UTC day */
interface SmsQuota {
  perCase: number;
  perDay: number;
}

export interface SmsMessageStore {
  /**
   * Writes a new message (status queued) if its case and its country's day are both under their
   * limit, counting it in both — one atomic step, so officers sending at the same moment cannot
   * pass a limit. Answers which limit refused it, if one did.
   */
  reserve(message: SmsMessage, quota: SmsQuota): Promise<"reserved" | "case_limit" | "day_limit">;
  get(id: string): Promise<SmsMessage | undefined>;
  /** the read-modify-write of ports/updates.ts */
  update(id: string, change: Change<SmsMessage>): Promise<Updated<SmsMessage>>;
  /** the message the provider knows by this id */
  findByProviderId(provider: string, providerMessageId: string): Promise<SmsMessage | undefined>;
  /** newest first */
  listForCase(caseId: string): Promise<SmsMessage[]>;
  /** a purge: the case's messages and its counter (the day's counts stay: they hold no case); how many messages */
  deleteForCase(caseId: string): Promise<number>;
}

/** the SMS ports; retryDelaysMs: the waits before the 2nd, 3rd… attempt after a transient failure */
export interface SmsPorts {
  /** undefined where no gateway is configured: sending is refused (sms_not_configured) */
  provider: () => SmsProvider | undefined;
  messages: SmsMessageStore;
  retryDelaysMs: number[];
}

/** three attempts: at once, after 1 s, after 4 s — inside a callable's time, the officer waiting */
export const DEFAULT_SMS_RETRY_DELAYS_MS = [1000, 4000];

/** statuses a message leaves no more (a late report of an earlier stage does not bring it back) */
export const FINAL_SMS_STATUSES: readonly SmsStatus[] = ["delivered", "undelivered", "refused", "failed"];
