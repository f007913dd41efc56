import type { DatabaseSync } from "node:sqlite";
import type { Clock, Notifier } from "../../ports/index.js";
import { DocTable } from "./database.js";

interface OutgoingMail {
  to: string;
  at: string;
  subject?: string;
  text?: string;
}

/** local mode keeps outgoing messages in the database; the sweep deletes them after MAIL_KEEP_HOURS */
export function localOutbox(db: DatabaseSync, clock: Clock): Notifier & { sent(): OutgoingMail[] } {
  const table = new DocTable<OutgoingMail>(db, "mail_outbox", (m) => m.at);
  let sequence = 0;
  const keep = (mail: OutgoingMail) => table.put(`${mail.at}-${++sequence}-${mail.to}`, mail);
  return {
    async notifyOfficer(email, message) {
      keep({ to: email, ...message, at: clock.now().toISOString() });
    },
    sent: () => table.query({}, 1000).map((r) => r.value),
  };
}
