// One SQLite database (Node 22's node:sqlite) holds every collection of local mode: documents as
// JSON, faces with their embedding as a float32 BLOB and the prefilter fields as columns.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { Change, Updated } from "../../ports/index.js";

/** the collections of the docs table that units of work spanning several stores read */
export const LOCAL_COLLECTIONS = {
  officers: "police_users",
  cases: "cases",
  photos: "photos",
  /** a case's uniqueness key on a photo's bytes: `{caseId}/{sha256}` → the photo holding them */
  photoHashes: "photo_hashes",
  matches: "matches",
  tombstones: "case_tombstones",
  erasures: "erasure_requests",
  /** this side's halves of cross-border pairs */
  crossBorderPairs: "cross_border_pairs",
} as const;

export function openDatabase(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // secure_delete: a purged case's rows are overwritten on disk, not left in free pages
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA secure_delete = ON;
    PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS docs (
      collection TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, sort_key TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (collection, id));
    CREATE INDEX IF NOT EXISTS docs_sort ON docs (collection, sort_key DESC, id DESC);
    CREATE TABLE IF NOT EXISTS faces (
      face_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, photo_id TEXT NOT NULL,
      case_kind TEXT NOT NULL, case_status TEXT NOT NULL, country TEXT NOT NULL,
      data TEXT NOT NULL, embedding BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS faces_photo ON faces (case_id, photo_id);
    CREATE TABLE IF NOT EXISTS rate_events (key TEXT NOT NULL, at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS rate_events_key ON rate_events (key, at);
    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT OR IGNORE INTO meta (name, value) VALUES ('faces_version', 0);
  `);
  return db;
}

/**
 * One SQLite transaction: BEGIN IMMEDIATE takes the write lock at once, so the emulator's worker
 * processes sharing the file queue up (busy_timeout) instead of reading the same old value. `work`
 * is synchronous: nothing may be awaited while the lock is held.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

/** JSON documents of one collection */
export class DocTable<T> {
  private readonly getStmt;
  private readonly putStmt;
  constructor(
    private readonly db: DatabaseSync,
    private readonly collection: string,
    private readonly sortKey: (value: T) => string = () => "",
  ) {
    this.getStmt = db.prepare("SELECT data FROM docs WHERE collection = ? AND id = ?");
    this.putStmt = db.prepare("INSERT OR REPLACE INTO docs (collection, id, data, sort_key) VALUES (?, ?, ?, ?)");
  }

  get(id: string): T | undefined {
    const row = this.getStmt.get(this.collection, id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  put(id: string, value: T): void {
    this.putStmt.run(this.collection, id, JSON.stringify(value), this.sortKey(value));
  }

  /** the read-modify-write of ports/updates.ts, in its own transaction */
  update(id: string, change: Change<T>): Updated<T> {
    return transaction(this.db, () => this.updateWithin(id, change));
  }

  /** the same inside a transaction the caller holds */
  updateWithin(id: string, change: Change<T>): Updated<T> {
    const before = this.get(id);
    const changed = change(before);
    if (changed) this.put(id, changed);
    const after = changed ?? before;
    return { ...(before ? { before } : {}), ...(after ? { after } : {}), written: changed !== undefined };
  }

  /** newest first (by sort key), filtered by exact JSON field values */
  query(
    where: Record<string, string | undefined>,
    limit: number,
    after?: { sortKey: string; id: string },
  ): { id: string; value: T; sortKey: string }[] {
    const clauses: string[] = [];
    const params: string[] = [];
    for (const [field, value] of Object.entries(where)) {
      if (value === undefined) continue;
      clauses.push(`json_extract(data, ?) = ?`);
      params.push(`$.${field}`, value);
    }
    return this.newestFirst(clauses, params, limit, after);
  }

  /** newest first (by sort key), filtered by SQL conditions on `data` (ANDed) */
  newestFirst(
    conditions: string[],
    conditionParams: SQLInputValue[],
    limit: number,
    after?: { sortKey: string; id: string },
  ): { id: string; value: T; sortKey: string }[] {
    const clauses = ["collection = ?", ...conditions.map((c) => `(${c})`)];
    const params: SQLInputValue[] = [this.collection, ...conditionParams];
    if (after) {
      clauses.push("(sort_key < ? OR (sort_key = ? AND id < ?))");
      params.push(after.sortKey, after.sortKey, after.id);
    }
    params.push(limit);
    const rows = this.db
      .prepare(
        `SELECT id, data, sort_key FROM docs WHERE ${clauses.join(" AND ")} ORDER BY sort_key DESC, id DESC LIMIT ?`,
      )
      .all(...params) as { id: string; data: string; sort_key: string }[];
    return rows.map((r) => ({ id: r.id, value: JSON.parse(r.data) as T, sortKey: r.sort_key }));
  }

  delete(id: string): boolean {
    return (
      Number(this.db.prepare("DELETE FROM docs WHERE collection = ? AND id = ?").run(this.collection, id).changes) > 0
    );
  }

  /** deletes the documents matching an SQL condition on `data`; returns how many */
  deleteWhere(condition: string, params: SQLInputValue[]): number {
    return Number(
      this.db.prepare(`DELETE FROM docs WHERE collection = ? AND (${condition})`).run(this.collection, ...params)
        .changes,
    );
  }

  /** documents matching an SQL condition on `data` (json_extract …), in the given order */
  select(condition: string, params: SQLInputValue[], orderBy: string, limit: number): { id: string; value: T }[] {
    const rows = this.db
      .prepare(`SELECT id, data FROM docs WHERE collection = ? AND (${condition}) ORDER BY ${orderBy} LIMIT ?`)
      .all(this.collection, ...params, limit) as { id: string; data: string }[];
    return rows.map((r) => ({ id: r.id, value: JSON.parse(r.data) as T }));
  }

  countBy(fields: string[], where: Record<string, string> = {}): { key: string[]; count: number }[] {
    const cols = fields.map((_, i) => `json_extract(data, ?) AS f${i}`).join(", ");
    const whereSql = Object.keys(where)
      .map(() => " AND json_extract(data, ?) = ?")
      .join("");
    const sql = `SELECT ${cols}, COUNT(*) AS n FROM docs WHERE collection = ?${whereSql} GROUP BY ${fields.map((_, i) => `f${i}`).join(", ")}`;
    const params = [
      ...fields.map((f) => `$.${f}`),
      this.collection,
      ...Object.entries(where).flatMap(([f, v]) => [`$.${f}`, v]),
    ];
    const rows = this.db.prepare(sql).all(...params) as Record<string, unknown>[];
    return rows.map((r) => ({ key: fields.map((_, i) => String(r[`f${i}`])), count: Number(r.n) }));
  }
}
