import type { DatabaseSync } from "node:sqlite";
import type { Clock, Notifier } from "../../ports/index.js";
import { DocTable } from "./database.js";

interface OutgoingMail {
  to: string;
  at: string;
  link?: string;
  subject?: string;
  text?: string;
}
/** a verification link is useless after a day; the sweep deletes older messages (Firestore: TTL on expireAt) */
export const OUTBOX_KEEP_HOURS = 24;

/** local mode keeps outgoing messages in the database (the Auth emulator also lists its links) */
export function localOutbox(db: DatabaseSync, clock: Clock): Notifier & { sent(): OutgoingMail[] } {
  const table = new DocTable<OutgoingMail>(db, "mail_outbox", (m) => m.at);
  let sequence = 0;
  const keep = (mail: OutgoingMail) => table.put(`${mail.at}-${++sequence}-${mail.to}`, mail);
  return {
    async sendEmailVerification(email, link) {
      keep({ to: email, link, at: clock.now().toISOString() });
    },
    async notifyOfficer(email, message) {
      keep({ to: email, ...message, at: clock.now().toISOString() });
    },
    sent: () => table.query({}, 1000).map((r) => r.value),
  };
}
