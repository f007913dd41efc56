// Local stores of what operations keep: tombstones, erasure requests, appeals, the
// operations' own state, and the short-lived records that Firestore's TTL policies delete.
import type { DatabaseSync } from "node:sqlite";
import type {
  BulletinStore,
  CaseTombstoneStore,
  ErasureRequestStore,
  ExpiringRecords,
  OperationsStore,
} from "../../ports/index.js";
import { MAIL_KEEP_HOURS, MAX_RATE_WINDOW_SECONDS } from "../../ports/index.js";
import type {
  BackupRecord,
  Bulletin,
  CaseTombstone,
  ErasureRequest,
  ModelState,
  SweepState,
} from "../../schemas/index.js";
import { DocTable, LOCAL_COLLECTIONS, transaction } from "./database.js";

export function localTombstones(db: DatabaseSync): CaseTombstoneStore {
  const table = new DocTable<CaseTombstone>(db, LOCAL_COLLECTIONS.tombstones, (t) => t.purgeStartedAt);
  return {
    get: async (caseId) => table.get(caseId),
    put: async (t) => table.put(t.caseId, t),
    async list(page) {
      const rows = table.select(page.after ? "id > ?" : "1", page.after ? [page.after] : [], "id", page.limit);
      const last = rows.at(-1);
      return { items: rows.map((r) => r.value), ...(last ? { next: last.id } : {}) };
    },
  };
}

export function localErasures(db: DatabaseSync): ErasureRequestStore {
  const table = new DocTable<ErasureRequest>(db, LOCAL_COLLECTIONS.erasures, (r) => r.requestedAt);
  return {
    get: async (id) => table.get(id),
    put: async (r) => table.put(r.id, r),
    createPending: async (request) =>
      transaction(db, () => {
        const pending = table.query({ caseId: request.caseId, status: "pending" }, 1)[0]?.value;
        if (pending) return { created: false, pending };
        table.put(request.id, request);
        return { created: true, pending: request };
      }),
    update: async (id, change) => table.update(id, change),
    list: async ({ status, caseId, limit }) => table.query({ status, caseId }, limit).map((r) => r.value),
  };
}

export function localBulletins(db: DatabaseSync): BulletinStore {
  const table = new DocTable<Bulletin>(db, "bulletins", (b) => b.draftedAt);
  return {
    get: async (id) => table.get(id),
    put: async (b) => table.put(b.id, b),
    listForCase: async (caseId) => table.query({ caseId }, 100).map((r) => r.value),
    deleteForCase: async (caseId) => table.deleteWhere("json_extract(data, '$.caseId') = ?", [caseId]),
  };
}

export function localOperations(db: DatabaseSync): OperationsStore {
  const state = new DocTable<unknown>(db, "operations");
  const backups = new DocTable<BackupRecord>(db, "backups", (b) => b.startedAt);
  return {
    getSweepState: async () => state.get("retention_sweep") as SweepState | undefined,
    putSweepState: async (s) => state.put("retention_sweep", s),
    getModelState: async () => state.get("face_model") as ModelState | undefined,
    putModelState: async (s) => state.put("face_model", s),
    putBackup: async (b) => backups.put(b.id, b),
    lastBackup: async () => backups.query({}, 1)[0]?.value,
  };
}

/** what Firestore's TTL policies do in production, done by the sweep here */
export function localExpiringRecords(db: DatabaseSync): ExpiringRecords {
  const outbox = new DocTable<{ at: string }>(db, "mail_outbox", (m) => m.at);
  return {
    async deleteExpired(now, limit) {
      const rateBefore = now.getTime() - MAX_RATE_WINDOW_SECONDS * 1000;
      const rate = Number(
        db
          .prepare("DELETE FROM rate_events WHERE rowid IN (SELECT rowid FROM rate_events WHERE at <= ? LIMIT ?)")
          .run(rateBefore, limit).changes,
      );
      const mailBefore = new Date(now.getTime() - MAIL_KEEP_HOURS * 3_600_000).toISOString();
      const mail = outbox.deleteWhere(
        "rowid IN (SELECT rowid FROM docs WHERE collection = 'mail_outbox' AND sort_key < ? LIMIT ?)",
        [mailBefore, Math.max(0, limit - rate)],
      );
      return rate + mail;
    },
  };
}
