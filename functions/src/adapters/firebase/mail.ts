// Email through the Firebase "Trigger Email" extension: a document in `mail` is an email to send
// (where the extension is not installed, the documents wait unsent: e-mail is "not configured").
import type { Firestore } from "firebase-admin/firestore";
import type { Notifier } from "../../ports/index.js";

export function triggerEmailNotifier(db: Firestore): Notifier {
  return {
    async sendEmailVerification(email, link) {
      await db.collection("mail").add({
        to: [email],
        // a TTL policy deletes the message (and its link) a day later
        expireAt: new Date(Date.now() + 24 * 3_600_000),
        message: {
          subject: "TORA FACE: verify your email address",
          text: `Open this link to verify your email address for TORA FACE:\n\n${link}\n\nIf you did not sign up, ignore this message.`,
        },
      });
    },
    async notifyOfficer(email, message) {
      await db.collection("mail").add({ to: [email], message });
    },
  };
}
