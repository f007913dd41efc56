// Document stores of local mode, each a thin view of one collection. Every read-modify-write is one
// BEGIN IMMEDIATE transaction (database.ts), whatever process of the emulator runs it.
import type { DatabaseSync } from "node:sqlite";
import type {
  AuditLog,
  CaseStore,
  OfficerStore,
  Page,
  PhotoClaimContext,
  PhotoStore,
  SearchHistoryStore,
} from "../../ports/index.js";
import type { AuditEntry, Case, Officer, Photo } from "../../schemas/index.js";
import type { CaseFilter } from "../../ports/index.js";
import { decodePosition, encodePosition } from "../positions.js";
import { checkCaseFilter, storedCase } from "../stored-case.js";
import { fromStoredSearch, toStoredSearch, type StoredSearchHistoryEntry } from "../stored-search.js";
import { DocTable, LOCAL_COLLECTIONS, transaction } from "./database.js";
import { writePhotoFaces } from "./face-vectors.js";

export function localOfficers(db: DatabaseSync): OfficerStore {
  const table = new DocTable<Officer>(db, LOCAL_COLLECTIONS.officers, (o) => o.createdAt);
  return {
    get: async (uid) => table.get(uid),
    findByEmail: async (email) => table.query({ email }, 1)[0]?.value,
    put: async (officer) => table.put(officer.uid, officer),
    update: async (uid, change) =>
      transaction(db, () => {
        const admins = table.query({ role: "admin", status: "approved" }, 2).length;
        return table.updateWithin(uid, (current) => change(current, admins));
      }),
    list: async ({ status, role, limit }) => table.query({ status, role }, limit).map((r) => r.value),
  };
}

const encodeCursor = (c: { sortKey: string; id: string }): string =>
  Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(cursor: string): { sortKey: string; id: string } | undefined {
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return typeof c.sortKey === "string" && typeof c.id === "string" ? c : undefined;
  } catch {
    return undefined;
  }
}

/** one page of `table` ascending by a JSON field then id, after a position */
function ascendingPage<T>(
  table: DocTable<T>,
  field: string,
  condition: string,
  params: (string | number)[],
  page: { limit: number; after?: string },
): Page<T> {
  const after = decodePosition(page.after);
  const key = `json_extract(data, '$.${field}')`;
  const rows = table.select(
    after ? `(${condition}) AND (${key} > ? OR (${key} = ? AND id > ?))` : condition,
    after ? [...params, after[0], after[0], after[1]] : params,
    `${key}, id`,
    page.limit,
  );
  const last = rows.at(-1);
  return {
    items: rows.map((r) => r.value),
    ...(last ? { next: encodePosition(String((last.value as Record<string, unknown>)[field]), last.id) } : {}),
  };
}

/** the cases collection as every local store of cases writes it: with its search keys (stored-case.ts) */
class CaseTable extends DocTable<Case> {
  override put(id: string, value: Case): void {
    super.put(id, storedCase(value));
  }
}
export const caseTable = (db: DatabaseSync): DocTable<Case> =>
  new CaseTable(db, LOCAL_COLLECTIONS.cases, (c) => c.createdAt);

/** a case listing's filters as SQL on the JSON document (every filter of CaseFilter) */
function caseConditions(filter: CaseFilter): { sql: string[]; params: string[] } {
  checkCaseFilter(filter);
  const sql: string[] = [];
  const params: string[] = [];
  for (const field of ["country", "status", "kind", "stationKey"] as const) {
    const value = filter[field];
    if (value === undefined) continue;
    sql.push(`json_extract(data, '$.${field}') = ?`);
    params.push(value);
  }
  if (filter.officerUid !== undefined) {
    sql.push("EXISTS (SELECT 1 FROM json_each(docs.data, '$.officerUids') WHERE json_each.value = ?)");
    params.push(filter.officerUid);
  }
  if (filter.anyKey !== undefined) {
    sql.push(
      `EXISTS (SELECT 1 FROM json_each(docs.data, '$.searchKeys') WHERE json_each.value IN (${filter.anyKey.map(() => "?").join(", ")}))`,
    );
    params.push(...filter.anyKey);
  }
  return { sql, params };
}

export function localCases(db: DatabaseSync): CaseStore {
  const table = caseTable(db);
  return {
    get: async (id) => table.get(id),
    put: async (value) => table.put(value.id, value),
    update: async (id, change) => table.update(id, change),
    findByExternalRef: async (externalRef, country, limit) =>
      table.query({ externalRef, country }, limit).map((r) => r.value),
    async list(filter, page) {
      const { sql, params } = caseConditions(filter);
      const rows = table.newestFirst(sql, params, page.limit + 1, page.cursor ? decodeCursor(page.cursor) : undefined);
      const more = rows.length > page.limit;
      const shown = rows.slice(0, page.limit);
      const last = shown.at(-1);
      return {
        cases: shown.map((r) => r.value),
        ...(more && last ? { nextCursor: encodeCursor({ sortKey: last.sortKey, id: last.id }) } : {}),
      };
    },
    countByCountryAndStatus: async () =>
      table
        .countBy(["country", "status"])
        .map((r) => ({ country: r.key[0] as Case["country"], status: r.key[1] as Case["status"], count: r.count })),
    delete: async (id) => void table.delete(id),
    listRetentionDue: async (before, page) =>
      ascendingPage(
        table,
        "retentionUntil",
        "json_extract(data, '$.status') IN ('resolved', 'closed') AND json_extract(data, '$.retentionUntil') <= ?",
        [before],
        page,
      ),
    listOpenInactive: async (before, page) =>
      ascendingPage(
        table,
        "updatedAt",
        "json_extract(data, '$.status') = 'open' AND json_extract(data, '$.updatedAt') < ?",
        [before],
        page,
      ),
  };
}

export function localPhotos(db: DatabaseSync): PhotoStore {
  const table = new DocTable<Photo>(db, LOCAL_COLLECTIONS.photos, (p) => p.createdAt);
  const hashes = new DocTable<{ caseId: string; photoId: string }>(db, LOCAL_COLLECTIONS.photoHashes);
  const cases = caseTable(db);
  const tombstones = new DocTable<unknown>(db, LOCAL_COLLECTIONS.tombstones);
  const id = (caseId: string, photoId: string): string => `${caseId}/${photoId}`;
  const hashId = (caseId: string, sha256: string): string => `${caseId}/${sha256}`;
  /** the record and the case's key on its bytes, inside a transaction the caller holds */
  const write = (photo: Photo) => {
    table.put(id(photo.caseId, photo.photoId), photo);
    hashes.put(hashId(photo.caseId, photo.sha256), { caseId: photo.caseId, photoId: photo.photoId });
  };
  return {
    get: async (caseId, photoId) => table.get(id(caseId, photoId)),
    put: async (photo) => transaction(db, () => write(photo)),
    claim: async (caseId, photoId, sha256, decide) =>
      transaction(db, () => {
        const holder = hashes.get(hashId(caseId, sha256));
        const sameBytes = holder ? table.get(id(caseId, holder.photoId)) : undefined;
        const sameId = table.get(id(caseId, photoId));
        const record = cases.get(caseId);
        const context: PhotoClaimContext = {
          ...(record ? { case: record } : {}),
          purging: tombstones.get(caseId) !== undefined,
          ...(sameId ? { sameId } : {}),
          ...(sameBytes ? { sameBytes } : {}),
        };
        const claimed = decide(context);
        if (claimed) write(claimed);
        return { context, ...(claimed ? { claimed } : {}) };
      }),
    update: async (caseId, photoId, change) =>
      transaction(db, () => {
        const before = table.get(id(caseId, photoId));
        const changed = change(before);
        if (changed) {
          table.put(id(caseId, photoId), changed.photo);
          if (changed.faces) {
            // faces carry the case's status as it stands now, whatever the caller read before
            const status = cases.get(caseId)?.status;
            const docs = status ? changed.faces.docs.map((f) => ({ ...f, caseStatus: status })) : changed.faces.docs;
            writePhotoFaces(db, caseId, photoId, docs, changed.faces.space);
          }
        }
        const after = changed?.photo ?? before;
        return { ...(before ? { before } : {}), ...(after ? { after } : {}), written: changed !== undefined };
      }),
    remove: async (caseId, photoId, when) =>
      transaction(db, () => {
        const current = table.get(id(caseId, photoId));
        if (!current || !when(current)) return false;
        table.delete(id(caseId, photoId));
        if (hashes.get(hashId(caseId, current.sha256))?.photoId === photoId)
          hashes.delete(hashId(caseId, current.sha256));
        return true;
      }),
    list: async (caseId) =>
      table
        .query({ caseId }, 1000)
        .map((r) => r.value)
        .reverse(),
    listProcessing: async (updatedBefore, limit) =>
      table
        .query({ status: "processing" }, 100_000)
        .map((r) => r.value)
        .filter((p) => p.updatedAt < updatedBefore)
        .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1))
        .slice(0, limit),
    listWithSeveralIndexedFaces: async (limit) =>
      table
        .query({}, 1_000_000)
        .map((r) => r.value)
        .filter((p) => p.facesIndexed > 1)
        .slice(0, limit),
    listIndexed: async (page) =>
      ascendingPage(table, "createdAt", "json_extract(data, '$.status') = 'indexed'", [], page),
    deleteForCase: async (caseId) =>
      transaction(db, () => {
        hashes.deleteWhere("json_extract(data, '$.caseId') = ?", [caseId]);
        return table.deleteWhere("json_extract(data, '$.caseId') = ?", [caseId]);
      }),
    async countRejectedByReason() {
      const counts = new Map<string, number>();
      for (const { value } of table.query({ status: "rejected" }, 100_000))
        for (const r of value.reasons) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
      return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count);
    },
  };
}

export function localSearches(db: DatabaseSync): SearchHistoryStore {
  const table = new DocTable<StoredSearchHistoryEntry>(db, "search_history", (s) => s.createdAt);
  return {
    put: async (entry) => table.put(entry.id, toStoredSearch(entry)),
    get: async (id) => {
      const stored = table.get(id);
      return stored ? fromStoredSearch(stored) : undefined;
    },
    list: async ({ uid, limit }) => table.query({ user_uid: uid }, limit).map((r) => fromStoredSearch(r.value)),
    async countPerDay(sinceIso) {
      const counts = new Map<string, number>();
      for (const { value } of table.query({}, 1_000_000)) {
        if (value.createdAt < sinceIso) break;
        const day = value.createdAt.slice(0, 10);
        counts.set(day, (counts.get(day) ?? 0) + 1);
      }
      return [...counts].map(([day, count]) => ({ day, count })).sort((a, b) => (a.day < b.day ? -1 : 1));
    },
    async listCreatedBefore(before, page) {
      const { items, next } = ascendingPage(
        table,
        "createdAt",
        "json_extract(data, '$.createdAt') < ?",
        [before],
        page,
      );
      return { items: items.map(fromStoredSearch), ...(next ? { next } : {}) };
    },
    async listMentioning(caseId, probeSha256s, limit) {
      // a case id anywhere in the entry (purpose, candidates, outcomes), or one of the photos as the probe
      const shas = probeSha256s.length
        ? ` OR json_extract(data, '$.probeSha256') IN (${probeSha256s.map(() => "?").join(", ")})`
        : "";
      const condition = `EXISTS (SELECT 1 FROM json_tree(docs.data) WHERE json_tree.key = 'caseId' AND json_tree.atom = ?)${shas}`;
      return table.select(condition, [caseId, ...probeSha256s], "id", limit).map((r) => fromStoredSearch(r.value));
    },
  };
}

export function localAudit(db: DatabaseSync): AuditLog {
  const table = new DocTable<AuditEntry>(db, "audit_logs", (e) => e.at);
  return {
    async append(entry) {
      if (table.get(entry.id)) throw new Error("audit entries are append-only");
      table.put(entry.id, entry);
    },
    async list({ actor, action, from, to, limit }) {
      // filter by time in SQL order (newest first), the rest in the WHERE clause
      const rows = table.query({ actor, action }, from || to ? 100_000 : limit).map((r) => r.value);
      return rows.filter((e) => (!from || e.at >= from) && (!to || e.at <= to)).slice(0, limit);
    },
  };
}
