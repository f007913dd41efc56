// Match pairs and notifications of local mode, on the docs table of the local database.
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { MatchFilter, MatchStore, NotificationStore } from "../../ports/index.js";
import type { Match, Notification } from "../../schemas/index.js";
import { DocTable, LOCAL_COLLECTIONS, transaction } from "./database.js";

const MATCHES = LOCAL_COLLECTIONS.matches;
const NOTIFICATIONS = "notifications";

/** scores as text that sorts like the numbers (LLRs lie well within ±10^5) */
const scoreKey = (score: number): string => (score + 1e5).toFixed(6).padStart(14, "0");

const encodeCursor = (c: { sortKey: string; id: string }): string =>
  Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(cursor: string | undefined): { sortKey: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return typeof c.sortKey === "string" && typeof c.id === "string" ? c : undefined;
  } catch {
    return undefined;
  }
}

function whereOf(filter: MatchFilter): { sql: string; params: SQLInputValue[] } {
  const clauses = ["collection = ?"];
  const params: SQLInputValue[] = [MATCHES];
  const equal = (field: string, value: SQLInputValue) => {
    clauses.push(`json_extract(data, '$.${field}') = ?`);
    params.push(value);
  };
  if (filter.country) equal("country", filter.country);
  if (filter.kind) equal("kind", filter.kind);
  // JSON booleans read as 1 and 0
  if (filter.casesOpen !== undefined) equal("casesOpen", filter.casesOpen ? 1 : 0);
  if (filter.concernsAny) {
    clauses.push(
      `EXISTS (SELECT 1 FROM json_each(docs.data, '$.concerns') WHERE json_each.value IN (${filter.concernsAny.map(() => "?").join(", ")}))`,
    );
    params.push(...filter.concernsAny);
  }
  if (filter.states) {
    clauses.push(`json_extract(data, '$.state') IN (${filter.states.map(() => "?").join(", ")})`);
    params.push(...filter.states);
  }
  return { sql: clauses.join(" AND "), params };
}

/** the pairs collection as every local store of pairs writes it (sorted by score) */
export const matchTable = (db: DatabaseSync) => new DocTable<Match>(db, MATCHES, (m) => scoreKey(m.score));

/** every pair of a case, on either side, by id */
export function pairsOfCase(db: DatabaseSync, caseId: string): Match[] {
  const rows = db
    .prepare(
      "SELECT data FROM docs WHERE collection = ? AND (json_extract(data, '$.caseIds[0]') = ? OR json_extract(data, '$.caseIds[1]') = ?) ORDER BY id",
    )
    .all(MATCHES, caseId, caseId) as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as Match);
}

export function localMatches(db: DatabaseSync): MatchStore {
  const table = matchTable(db);
  const remove = db.prepare("DELETE FROM docs WHERE collection = ? AND id = ?");
  const listForCase = (caseId: string): Match[] => pairsOfCase(db, caseId);
  return {
    get: async (id) => table.get(id),
    update: async (id, change) => table.update(id, change),
    remove: async (id, when) =>
      transaction(db, () => {
        const current = table.get(id);
        return current !== undefined && when(current) && table.delete(id);
      }),
    listForCase: async (caseId) => listForCase(caseId),
    async list(filter, page) {
      const where = whereOf(filter);
      const after = decodeCursor(page.cursor);
      const cursorSql = after ? " AND (sort_key < ? OR (sort_key = ? AND id < ?))" : "";
      const params = [...where.params, ...(after ? [after.sortKey, after.sortKey, after.id] : []), page.limit + 1];
      const rows = db
        .prepare(
          `SELECT id, data, sort_key FROM docs WHERE ${where.sql}${cursorSql} ORDER BY sort_key DESC, id DESC LIMIT ?`,
        )
        .all(...params) as {
        id: string;
        data: string;
        sort_key: string;
      }[];
      const shown = rows.slice(0, page.limit);
      const last = shown.at(-1);
      return {
        matches: shown.map((r) => JSON.parse(r.data) as Match),
        ...(rows.length > page.limit && last
          ? { nextCursor: encodeCursor({ sortKey: last.sort_key, id: last.id }) }
          : {}),
      };
    },
    async count(filter) {
      const where = whereOf(filter);
      return Number(
        (db.prepare(`SELECT COUNT(*) AS n FROM docs WHERE ${where.sql}`).get(...where.params) as { n: number }).n,
      );
    },
    async deleteForCase(caseId) {
      return transaction(db, () => {
        const pairs = listForCase(caseId);
        for (const m of pairs) remove.run(MATCHES, m.id);
        return pairs.length;
      });
    },
  };
}

export function localNotifications(db: DatabaseSync): NotificationStore {
  const table = new DocTable<Notification>(db, NOTIFICATIONS, (n) => n.createdAt);
  const unreadOf = (uid: string) =>
    (
      db
        .prepare(
          "SELECT data FROM docs WHERE collection = ? AND json_extract(data, '$.uid') = ? AND json_extract(data, '$.readAt') IS NULL",
        )
        .all(NOTIFICATIONS, uid) as {
        data: string;
      }[]
    ).map((r) => JSON.parse(r.data) as Notification);
  return {
    async create(notification) {
      return transaction(db, () => {
        if (table.get(notification.id)) return false;
        table.put(notification.id, notification);
        return true;
      });
    },
    async list(uid, { unreadOnly, limit }) {
      const rows = db
        .prepare(
          `SELECT data FROM docs WHERE collection = ? AND json_extract(data, '$.uid') = ?${unreadOnly ? " AND json_extract(data, '$.readAt') IS NULL" : ""} ORDER BY sort_key DESC, id DESC LIMIT ?`,
        )
        .all(NOTIFICATIONS, uid, limit) as { data: string }[];
      return rows.map((r) => JSON.parse(r.data) as Notification);
    },
    countUnread: async (uid) => unreadOf(uid).length,
    async markRead(uid, ids, at) {
      return transaction(db, () => {
        const unread = unreadOf(uid).filter((n) => ids === "all" || ids.includes(n.id));
        for (const n of unread) table.put(n.id, { ...n, readAt: at });
        return unread.length;
      });
    },
    async deleteForCase(caseId) {
      return transaction(db, () => {
        const rows = db
          .prepare(
            "SELECT id FROM docs WHERE collection = ? AND (json_extract(data, '$.cases[0].id') = ? OR json_extract(data, '$.cases[1].id') = ?)",
          )
          .all(NOTIFICATIONS, caseId, caseId) as { id: string }[];
        const remove = db.prepare("DELETE FROM docs WHERE collection = ? AND id = ?");
        for (const r of rows) remove.run(NOTIFICATIONS, r.id);
        return rows.length;
      });
    },
  };
}
