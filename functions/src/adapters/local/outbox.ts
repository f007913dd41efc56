import type { DatabaseSync } from "node:sqlite";
import type { Clock, Notifier } from "../../ports/index.js";
import { DocTable } from "./database.js";

/** a verification link is useless after a day; the sweep deletes older messages (Firestore: TTL on expireAt) */
export const OUTBOX_KEEP_HOURS = 24;

/** local mode keeps outgoing messages in the database (the Auth emulator also lists its links) */
export function localOutbox(db: DatabaseSync, clock: Clock): Notifier & { sent(): { to: string; link: string; at: string }[] } {
  const table = new DocTable<{ to: string; link: string; at: string }>(db, "mail_outbox", (m) => m.at);
  return {
    async sendEmailVerification(email, link) {
      const at = clock.now().toISOString();
      table.put(`${at}-${email}`, { to: email, link, at });
    },
    sent: () => table.query({}, 1000).map((r) => r.value),
  };
}
