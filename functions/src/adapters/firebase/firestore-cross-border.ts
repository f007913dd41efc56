// Cross-border records on Firestore: requests sent and received, this side's halves of pairs,
// standing agreements, the peer allow-list and the ledger of received messages. Every
// read-modify-write is a transaction (updateDoc); a message id is recorded create-only.
import type { Firestore, Query } from "firebase-admin/firestore";
import type {
  AgreementStore,
  CrossBorderPairStore,
  CursorPage,
  PeerDirectory,
  PeerLedger,
  ReceivedRequestStore,
  SentRequestStore,
} from "../../ports/index.js";
import type { Agreement, CrossBorderPair, PeerRecord, ReceivedRequest, SentRequest } from "../../schemas/index.js";
import { deleteAll, read, readIn, updateDoc } from "./firestore-stores.js";

const CROSS_BORDER_COLLECTIONS = {
  sent: "cross_border_sent",
  received: "cross_border_received",
  pairs: "cross_border_pairs",
  agreements: "cross_border_agreements",
  peers: "cross_border_peers",
  ledger: "peer_messages",
} as const;

const encodeCursor = (sortKey: string, id: string) => Buffer.from(JSON.stringify([sortKey, id])).toString("base64url");
function decodeCursor(cursor: string | undefined): [string, string] | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")
      ? (value as [string, string])
      : undefined;
  } catch {
    return undefined;
  }
}

/** newest first by `field`, then by id; one page and the cursor of the next */
async function newestPage<T extends { id: string }>(
  query: Query,
  field: keyof T & string,
  page: { limit: number; cursor?: string },
): Promise<CursorPage<T>> {
  let q = query.orderBy(field, "desc").orderBy("id", "desc");
  const after = decodeCursor(page.cursor);
  if (after) q = q.startAfter(after[0], after[1]);
  const items = (await q.limit(page.limit + 1).get()).docs.map((d) => d.data() as T);
  const shown = items.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: shown,
    ...(items.length > page.limit && last ? { nextCursor: encodeCursor(String(last[field]), last.id) } : {}),
  };
}

/** create-only: false when the document exists (ALREADY_EXISTS) */
async function createOnly(query: { create(data: object): Promise<unknown> }, value: object): Promise<boolean> {
  try {
    await query.create(value);
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 6) return false;
    throw error;
  }
}

export function firestoreSentRequests(db: Firestore): SentRequestStore {
  const col = db.collection(CROSS_BORDER_COLLECTIONS.sent);
  return {
    get: (id) => read<SentRequest>(col.doc(id)),
    create: (request) => createOnly(col.doc(request.id), request),
    update: (id, change) => updateDoc(db, col.doc(id), change),
    list: ({ from, caseId }, page) => {
      let q: Query = col.where("from", "==", from);
      if (caseId) q = q.where("caseId", "==", caseId);
      return newestPage<SentRequest>(q, "requestedAt", page);
    },
    listExpired: async (before, limit) =>
      (
        await col
          .where("state", "==", "pending")
          .where("expiresAt", "<=", before)
          .orderBy("expiresAt")
          .limit(limit)
          .get()
      ).docs.map((d) => d.data() as SentRequest),
  };
}

export function firestoreReceivedRequests(db: Firestore): ReceivedRequestStore {
  const col = db.collection(CROSS_BORDER_COLLECTIONS.received);
  return {
    get: (id) => read<ReceivedRequest>(col.doc(id)),
    create: (request) => createOnly(col.doc(request.id), request),
    update: (id, change) => updateDoc(db, col.doc(id), change),
    remove: (id, when) =>
      db.runTransaction(async (tx) => {
        const current = await readIn<ReceivedRequest>(tx, col.doc(id));
        if (!current || !when(current)) return false;
        tx.delete(col.doc(id));
        return true;
      }),
    list: ({ to }, page) => newestPage<ReceivedRequest>(col.where("to", "==", to), "receivedAt", page),
    listExpired: async (before, limit) =>
      (await col.where("expiresAt", "<=", before).orderBy("expiresAt").limit(limit).get()).docs.map(
        (d) => d.data() as ReceivedRequest,
      ),
  };
}

export function firestoreCrossBorderPairs(db: Firestore): CrossBorderPairStore {
  const col = db.collection(CROSS_BORDER_COLLECTIONS.pairs);
  const ofCase = (caseId: string) => col.where("ownCase.id", "==", caseId);
  return {
    get: (id) => read<CrossBorderPair>(col.doc(id)),
    update: (id, change) => updateDoc(db, col.doc(id), change),
    listForCase: async (caseId) =>
      (await ofCase(caseId).limit(1000).get()).docs.map((d) => d.data() as CrossBorderPair),
    list: async ({ country }, limit) =>
      (await col.where("country", "==", country).orderBy("createdAt", "desc").limit(limit).get()).docs.map(
        (d) => d.data() as CrossBorderPair,
      ),
    deleteForCase: (caseId) => deleteAll(db, ofCase(caseId)),
  };
}

export function firestoreAgreements(db: Firestore): AgreementStore {
  const col = db.collection(CROSS_BORDER_COLLECTIONS.agreements);
  return {
    get: (id) => read<Agreement>(col.doc(id)),
    update: (id, change) => updateDoc(db, col.doc(id), change),
    list: async (limit) =>
      (await col.orderBy("proposedAt", "desc").limit(limit).get()).docs.map((d) => d.data() as Agreement),
  };
}

export function firestorePeerDirectory(db: Firestore): PeerDirectory {
  const col = db.collection(CROSS_BORDER_COLLECTIONS.peers);
  return {
    get: (country) => read<PeerRecord>(col.doc(country)),
    list: async () =>
      (await col.limit(10).get()).docs
        .map((d) => d.data() as PeerRecord)
        .sort((a, b) => (a.country < b.country ? -1 : 1)),
    put: async (record) => void (await col.doc(record.country).set(record)),
    remove: (country) =>
      db.runTransaction(async (tx) => {
        const exists = (await tx.get(col.doc(country))).exists;
        if (exists) tx.delete(col.doc(country));
        return exists;
      }),
  };
}

export function firestorePeerLedger(db: Firestore): PeerLedger {
  const col = db.collection(CROSS_BORDER_COLLECTIONS.ledger);
  return {
    record: (id, keepUntil) => createOnly(col.doc(id), { keepUntil }),
    sweep: (before) => deleteAll(db, col.where("keepUntil", "<", before)),
  };
}
