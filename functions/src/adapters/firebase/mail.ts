// E-mail to officers through the Firebase "Trigger Email" extension: a document in `mail` is an
// e-mail to send. Where the extension is not installed, the documents wait unsent. Either way a TTL
// policy on `expireAt` (firestore.indexes.json) deletes each one MAIL_KEEP_HOURS later, with the
// address it names. (Verification links are Firebase Auth's own e-mail, sent from the portal.)
import type { Firestore } from "firebase-admin/firestore";
import { MAIL_KEEP_HOURS, type Notifier } from "../../ports/index.js";

export function triggerEmailNotifier(db: Firestore, now: () => Date = () => new Date()): Notifier {
  return {
    async notifyOfficer(email, message) {
      await db
        .collection("mail")
        .add({ to: [email], message, expireAt: new Date(now().getTime() + MAIL_KEEP_HOURS * 3_600_000) });
    },
  };
}
