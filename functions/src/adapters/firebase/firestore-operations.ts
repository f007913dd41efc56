// Firestore stores of what operations keep: tombstones, erasure requests, appeals
// and the operations' own state.
import type { Firestore } from "firebase-admin/firestore";
import type {
  BulletinStore,
  CaseTombstoneStore,
  ErasureRequestStore,
  ExpiringRecords,
  OperationsStore,
} from "../../ports/index.js";
import type {
  BackupRecord,
  Bulletin,
  CaseTombstone,
  ErasureRequest,
  ModelState,
  SweepState,
} from "../../schemas/index.js";
import { COLLECTIONS, deleteAll, read, readIn, updated } from "./firestore-stores.js";

export function firestoreTombstones(db: Firestore): CaseTombstoneStore {
  const col = db.collection(COLLECTIONS.tombstones);
  return {
    get: (caseId) => read<CaseTombstone>(col.doc(caseId)),
    put: async (t) => void (await col.doc(t.caseId).set(t)),
    async list(page) {
      let q = col.orderBy("caseId").limit(page.limit);
      if (page.after) q = q.startAfter(page.after);
      const items = (await q.get()).docs.map((d) => d.data() as CaseTombstone);
      const last = items.at(-1);
      return { items, ...(last ? { next: last.caseId } : {}) };
    },
  };
}

/**
 * Erasure requests, with a marker per case while one is pending (`erasure_pending/{caseId}`): a
 * query cannot lock what it did not find, a marker document can, so two administrators asking at
 * once make one request.
 */
export function firestoreErasures(db: Firestore): ErasureRequestStore {
  const col = db.collection(COLLECTIONS.erasures);
  const marker = (caseId: string) => db.collection(COLLECTIONS.erasurePending).doc(caseId);
  return {
    get: (id) => read<ErasureRequest>(col.doc(id)),
    put: async (r) => void (await col.doc(r.id).set(r)),
    createPending: (request) =>
      db.runTransaction(async (tx) => {
        const pendingId = (await tx.get(marker(request.caseId))).get("requestId") as string | undefined;
        const pending = pendingId ? await readIn<ErasureRequest>(tx, col.doc(pendingId)) : undefined;
        if (pending?.status === "pending") return { created: false, pending };
        tx.set(marker(request.caseId), { requestId: request.id });
        tx.set(col.doc(request.id), request);
        return { created: true, pending: request };
      }),
    update: (id, change) =>
      db.runTransaction(async (tx) => {
        const before = await readIn<ErasureRequest>(tx, col.doc(id));
        const changed = change(before);
        if (changed) {
          tx.set(col.doc(id), changed);
          // decided: the case may be asked about again
          if (before?.status === "pending" && changed.status !== "pending") tx.delete(marker(changed.caseId));
        }
        return updated(before, changed);
      }),
    async list({ status, caseId, limit }) {
      let q: FirebaseFirestore.Query = col;
      if (status) q = q.where("status", "==", status);
      if (caseId) q = q.where("caseId", "==", caseId);
      return (await q.orderBy("requestedAt", "desc").limit(limit).get()).docs.map((d) => d.data() as ErasureRequest);
    },
  };
}

export function firestoreBulletins(db: Firestore): BulletinStore {
  const col = db.collection(COLLECTIONS.bulletins);
  return {
    get: (id) => read<Bulletin>(col.doc(id)),
    put: async (b) => void (await col.doc(b.id).set(b)),
    listForCase: async (caseId) =>
      (await col.where("caseId", "==", caseId).orderBy("draftedAt", "desc").limit(100).get()).docs.map(
        (d) => d.data() as Bulletin,
      ),
    deleteForCase: (caseId) => deleteAll(db, col.where("caseId", "==", caseId)),
  };
}

export function firestoreOperations(db: Firestore): OperationsStore {
  const state = db.collection(COLLECTIONS.operations);
  const backups = db.collection(COLLECTIONS.backups);
  return {
    getSweepState: () => read<SweepState>(state.doc("retention_sweep")),
    putSweepState: async (s) => void (await state.doc("retention_sweep").set(s)),
    getModelState: () => read<ModelState>(state.doc("face_model")),
    putModelState: async (s) => void (await state.doc("face_model").set(s)),
    putBackup: async (b) => void (await backups.doc(b.id).set(b)),
    lastBackup: async () =>
      (await backups.orderBy("startedAt", "desc").limit(1).get()).docs[0]?.data() as BackupRecord | undefined,
  };
}

/** TTL policies on `expireAt` (firestore.indexes.json) delete rate-limit windows and sent e-mails */
export const firestoreExpiringRecords: ExpiringRecords = { deleteExpired: async () => 0 };
