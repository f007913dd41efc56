// SMS to families on Firestore: `sms_messages/{id}` and the limits' counters `sms_counters/{key}`
// (a case's, a country's UTC day's), reserved in one transaction with the message they count.
import type { Firestore } from "firebase-admin/firestore";
import type { SmsMessageStore } from "../../ports/index.js";
import type { SmsMessage } from "../../schemas/index.js";
import { COLLECTIONS, deleteAll, read, readIn, updateDoc } from "./firestore-stores.js";

export function firestoreSmsMessages(db: Firestore): SmsMessageStore {
  const messages = db.collection(COLLECTIONS.smsMessages);
  const counters = db.collection(COLLECTIONS.smsCounters);
  return {
    reserve: (message, quota) =>
      db.runTransaction(async (tx) => {
        const caseRef = counters.doc(`case-${message.caseId}`);
        const dayRef = counters.doc(`day-${message.country}-${message.day}`);
        const perCase = (await readIn<{ count: number }>(tx, caseRef))?.count ?? 0;
        const perDay = (await readIn<{ count: number }>(tx, dayRef))?.count ?? 0;
        if (perCase >= quota.perCase) return "case_limit" as const;
        if (perDay >= quota.perDay) return "day_limit" as const;
        tx.set(caseRef, { count: perCase + 1 });
        tx.set(dayRef, { count: perDay + 1 });
        tx.create(messages.doc(message.id), message);
        return "reserved" as const;
      }),
    get: (id) => read<SmsMessage>(messages.doc(id)),
    update: (id, change) => updateDoc(db, messages.doc(id), change),
    findByProviderId: async (provider, providerMessageId) =>
      (
        await messages
          .where("provider", "==", provider)
          .where("providerMessageId", "==", providerMessageId)
          .limit(1)
          .get()
      ).docs.map((d) => d.data() as SmsMessage)[0],
    listForCase: async (caseId) =>
      (await messages.where("caseId", "==", caseId).orderBy("createdAt", "desc").limit(100).get()).docs.map(
        (d) => d.data() as SmsMessage,
      ),
    async deleteForCase(caseId) {
      await counters.doc(`case-${caseId}`).delete();
      return deleteAll(db, messages.where("caseId", "==", caseId));
    },
  };
}
