// Match pairs and officers' notifications on Firestore. A pair changes in a transaction: the
// cross-match of two photos of one case, or a review and a re-score, never lose each other's work.
import type { Firestore, Query } from "firebase-admin/firestore";
import type { MatchFilter, MatchStore, NotificationStore } from "../../ports/index.js";
import type { Match, Notification } from "../../schemas/index.js";
import { COLLECTIONS, readIn, updateDoc } from "./firestore-stores.js";

const BATCH = 400;

async function deleteAll(db: Firestore, query: Query): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await query.limit(BATCH).get();
    if (page.empty) return deleted;
    const batch = db.batch();
    page.docs.forEach((d) => batch.delete(d.ref));
    await batch.commit();
    deleted += page.size;
  }
}

export function firestoreMatches(db: Firestore): MatchStore {
  const col = db.collection(COLLECTIONS.matches);
  const filtered = (filter: MatchFilter): Query => {
    let q: Query = col;
    if (filter.country) q = q.where("country", "==", filter.country);
    if (filter.kind) q = q.where("kind", "==", filter.kind);
    if (filter.casesOpen !== undefined) q = q.where("casesOpen", "==", filter.casesOpen);
    if (filter.states) q = q.where("state", "in", filter.states);
    if (filter.concernsAny) q = q.where("concerns", "array-contains-any", filter.concernsAny);
    return q;
  };
  const forCase = (caseId: string) => col.where("caseIds", "array-contains", caseId);
  return {
    async get(id) {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as Match) : undefined;
    },
    update: (id, change) => updateDoc(db, col.doc(id), change),
    remove: (id, when) =>
      db.runTransaction(async (tx) => {
        const current = await readIn<Match>(tx, col.doc(id));
        if (!current || !when(current)) return false;
        tx.delete(col.doc(id));
        return true;
      }),
    listForCase: async (caseId) =>
      (await forCase(caseId).get()).docs.map((d) => d.data() as Match).sort((a, b) => (a.id < b.id ? -1 : 1)),
    async list(filter, page) {
      let q = filtered(filter).orderBy("score", "desc").orderBy("id", "desc");
      if (page.cursor) {
        const [score, id] = JSON.parse(Buffer.from(page.cursor, "base64url").toString("utf8")) as [number, string];
        q = q.startAfter(score, id);
      }
      const docs = (await q.limit(page.limit + 1).get()).docs.map((d) => d.data() as Match);
      const shown = docs.slice(0, page.limit);
      const last = shown.at(-1);
      return {
        matches: shown,
        ...(docs.length > page.limit && last
          ? { nextCursor: Buffer.from(JSON.stringify([last.score, last.id])).toString("base64url") }
          : {}),
      };
    },
    count: async (filter) => (await filtered(filter).count().get()).data().count,
    deleteForCase: (caseId) => deleteAll(db, forCase(caseId)),
  };
}

export function firestoreNotifications(db: Firestore): NotificationStore {
  const col = db.collection(COLLECTIONS.notifications);
  const unread = (uid: string) => col.where("uid", "==", uid).where("read", "==", false);
  /** query fields: `read` mirrors readAt (Firestore cannot query for an absent field), `caseIds` the cases' ids */
  type Stored = Notification & { read: boolean; caseIds: string[] };
  const strip = ({ read: _read, caseIds: _caseIds, ...n }: Stored): Notification => n;
  return {
    async create(notification) {
      try {
        const stored: Stored = {
          ...notification,
          read: notification.readAt !== undefined,
          caseIds: notification.cases.map((c) => c.id),
        };
        await col.doc(notification.id).create(stored);
        return true;
      } catch (error) {
        // ALREADY_EXISTS: the same event delivered again
        if ((error as { code?: number }).code === 6) return false;
        throw error;
      }
    },
    async list(uid, { unreadOnly, limit }) {
      const q = unreadOnly ? unread(uid) : col.where("uid", "==", uid);
      return (await q.orderBy("createdAt", "desc").limit(limit).get()).docs.map((d) => strip(d.data() as Stored));
    },
    countUnread: async (uid) => (await unread(uid).count().get()).data().count,
    async markRead(uid, ids, at) {
      const snaps =
        ids === "all"
          ? (await unread(uid).get()).docs
          : (await Promise.all(ids.map((id) => col.doc(id).get()))).filter((d) => d.exists);
      const mine = snaps.filter((d) => d.get("uid") === uid && d.get("read") === false);
      for (let i = 0; i < mine.length; i += BATCH) {
        const batch = db.batch();
        mine.slice(i, i + BATCH).forEach((d) => batch.update(d.ref, { readAt: at, read: true }));
        await batch.commit();
      }
      return mine.length;
    },
    deleteForCase: (caseId) => deleteAll(db, col.where("caseIds", "array-contains", caseId)),
  };
}
