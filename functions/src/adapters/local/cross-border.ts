// Cross-border records of local mode on the docs table: requests sent and received, this side's
// halves of pairs, standing agreements, the peer allow-list and the ledger of received messages.
// Every read-modify-write and every create-only write is one BEGIN IMMEDIATE transaction.
import type { DatabaseSync } from "node:sqlite";
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
import { DocTable, LOCAL_COLLECTIONS, transaction } from "./database.js";

const COLLECTIONS = {
  sent: "cross_border_sent",
  received: "cross_border_received",
  agreements: "cross_border_agreements",
  peers: "cross_border_peers",
  ledger: "peer_messages",
} as const;

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

/** one page, newest first by sort key, with the cursor of the next */
function pageOf<T>(
  table: DocTable<T>,
  where: Record<string, string | undefined>,
  page: { limit: number; cursor?: string },
): CursorPage<T> {
  const rows = table.query(where, page.limit + 1, decodeCursor(page.cursor));
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => r.value),
    ...(rows.length > page.limit && last ? { nextCursor: encodeCursor({ sortKey: last.sortKey, id: last.id }) } : {}),
  };
}

function createOnly<T>(db: DatabaseSync, table: DocTable<T>, id: string, value: T): boolean {
  return transaction(db, () => {
    if (table.get(id) !== undefined) return false;
    table.put(id, value);
    return true;
  });
}

/** requests due to expire: the JSON field compared as ISO text sorts as time */
function expired<T>(table: DocTable<T>, pendingOnly: boolean, before: string, limit: number): T[] {
  const state = pendingOnly ? "json_extract(data, '$.state') = 'pending' AND " : "";
  return table
    .select(`${state}json_extract(data, '$.expiresAt') <= ?`, [before], "json_extract(data, '$.expiresAt'), id", limit)
    .map((r) => r.value);
}

export function localSentRequests(db: DatabaseSync): SentRequestStore {
  const table = new DocTable<SentRequest>(db, COLLECTIONS.sent, (r) => r.requestedAt);
  return {
    get: async (id) => table.get(id),
    create: async (request) => createOnly(db, table, request.id, request),
    update: async (id, change) => table.update(id, change),
    list: async ({ from, caseId }, page) => pageOf(table, { from, caseId }, page),
    listExpired: async (before, limit) => expired(table, true, before, limit),
  };
}

export function localReceivedRequests(db: DatabaseSync): ReceivedRequestStore {
  const table = new DocTable<ReceivedRequest>(db, COLLECTIONS.received, (r) => r.receivedAt);
  return {
    get: async (id) => table.get(id),
    create: async (request) => createOnly(db, table, request.id, request),
    update: async (id, change) => table.update(id, change),
    remove: async (id, when) =>
      transaction(db, () => {
        const current = table.get(id);
        return current !== undefined && when(current) && table.delete(id);
      }),
    list: async ({ to }, page) => pageOf(table, { to }, page),
    listExpired: async (before, limit) => expired(table, false, before, limit),
  };
}

/** this side's halves of pairs, as the unit of work with a case reads them (case-decisions.ts) */
const crossBorderPairTable = (db: DatabaseSync) =>
  new DocTable<CrossBorderPair>(db, LOCAL_COLLECTIONS.crossBorderPairs, (p) => p.createdAt);

export function localCrossBorderPairs(db: DatabaseSync): CrossBorderPairStore {
  const table = crossBorderPairTable(db);
  const ofCase = "json_extract(data, '$.ownCase.id') = ?";
  return {
    get: async (id) => table.get(id),
    update: async (id, change) => table.update(id, change),
    listForCase: async (caseId) => table.select(ofCase, [caseId], "id", 1000).map((r) => r.value),
    list: async ({ country }, limit) => table.query({ country }, limit).map((r) => r.value),
    deleteForCase: async (caseId) => transaction(db, () => table.deleteWhere(ofCase, [caseId])),
  };
}

export function localAgreements(db: DatabaseSync): AgreementStore {
  const table = new DocTable<Agreement>(db, COLLECTIONS.agreements, (a) => a.proposedAt);
  return {
    get: async (id) => table.get(id),
    update: async (id, change) => table.update(id, change),
    list: async (limit) => table.query({}, limit).map((r) => r.value),
  };
}

export function localPeerDirectory(db: DatabaseSync): PeerDirectory {
  const table = new DocTable<PeerRecord>(db, COLLECTIONS.peers);
  return {
    get: async (country) => table.get(country),
    list: async () =>
      table
        .query({}, 10)
        .map((r) => r.value)
        .sort((a, b) => (a.country < b.country ? -1 : 1)),
    put: async (record) => table.put(record.country, record),
    remove: async (country) => table.delete(country),
  };
}

export function localPeerLedger(db: DatabaseSync): PeerLedger {
  const table = new DocTable<{ keepUntil: string }>(db, COLLECTIONS.ledger);
  return {
    record: async (id, keepUntil) => createOnly(db, table, id, { keepUntil }),
    sweep: async (before) =>
      transaction(db, () => table.deleteWhere("json_extract(data, '$.keepUntil') < ?", [before])),
  };
}
