// Document stores on Firestore, one collection each (names from the original TORA FACE guide
// where it names them).
import { getFirestore, type DocumentReference, type Firestore, type Query } from "firebase-admin/firestore";
import type { AuditLog, CaseStore, OfficerStore, Page, PageRequest, PhotoStore, SearchHistoryStore } from "../../ports/index.js";
import type { AuditEntry, Case, Officer, Photo, SearchHistoryEntry } from "../../schemas/index.js";
import { decodePosition, encodePosition } from "../positions.js";
import { fromStoredSearch, toStoredSearch, type StoredSearchHistoryEntry } from "../stored-search.js";
import { adminApp } from "./app.js";

export const COLLECTIONS = {
  officers: "police_users",
  cases: "cases",
  photos: "photos",
  faces: "faces",
  searches: "search_history",
  audit: "audit_logs",
  rateLimits: "rate_limits",
  matches: "matches",
  notifications: "notifications",
  tombstones: "case_tombstones",
  erasures: "erasure_requests",
  bulletins: "bulletins",
  operations: "operations",
  backups: "backups",
} as const;

/** Firestore's batch limit is 500 writes; stay below it */
export const BATCH = 400;

export function firestore(): Firestore {
  return getFirestore(adminApp());
}

const data = <T>(snap: { data(): unknown }): T => snap.data() as T;

export async function read<T>(ref: DocumentReference): Promise<T | undefined> {
  const snap = await ref.get();
  return snap.exists ? data<T>(snap) : undefined;
}

/** deletes what a query finds, in batches; returns how many */
export async function deleteAll(db: Firestore, query: Query): Promise<number> {
  let deleted = 0;
  for (;;) {
    const snap = await query.limit(BATCH).select().get();
    if (snap.empty) return deleted;
    const batch = db.batch();
    snap.docs.forEach((d) => batch.delete(d.ref));
    await batch.commit();
    deleted += snap.size;
  }
}

/**
 * One page ascending by `field` then by `tieField` (a field holding the document's own id), after
 * a position; the query must already carry its filters.
 */
export async function ascendingPage<T>(
  query: Query,
  field: string,
  tieFields: string[],
  page: PageRequest,
  valueOf: (item: T) => [string, string],
): Promise<Page<T>> {
  let q = tieFields.reduce((acc, f) => acc.orderBy(f), query.orderBy(field));
  const after = decodePosition(page.after);
  if (after) q = q.startAfter(after[0], ...(JSON.parse(after[1]) as string[]));
  const items = (await q.limit(page.limit).get()).docs.map((d) => data<T>(d));
  const last = items.at(-1);
  if (!last) return { items };
  const [value, tie] = valueOf(last);
  return { items, next: encodePosition(value, tie) };
}

export function firestoreOfficers(db: Firestore): OfficerStore {
  const col = db.collection(COLLECTIONS.officers);
  return {
    get: (uid) => read<Officer>(col.doc(uid)),
    findByEmail: async (email) => (await col.where("email", "==", email).limit(1).get()).docs.map((d) => data<Officer>(d))[0],
    put: async (officer) => void (await col.doc(officer.uid).set(officer)),
    async list({ status, role, limit }) {
      let q: Query = col;
      if (status) q = q.where("status", "==", status);
      if (role) q = q.where("role", "==", role);
      return (await q.orderBy("createdAt", "desc").limit(limit).get()).docs.map((d) => data<Officer>(d));
    },
  };
}

export function firestoreCases(db: Firestore): CaseStore {
  const col = db.collection(COLLECTIONS.cases);
  return {
    get: (id) => read<Case>(col.doc(id)),
    put: async (value) => void (await col.doc(value.id).set(value)),
    async findByExternalRef(externalRef, country, limit) {
      let q: Query = col.where("externalRef", "==", externalRef);
      if (country) q = q.where("country", "==", country);
      return (await q.orderBy("createdAt", "desc").limit(limit).get()).docs.map((d) => data<Case>(d));
    },
    async list(filter, page) {
      let q: Query = col;
      for (const [field, value] of Object.entries(filter)) if (value) q = q.where(field, "==", value);
      q = q.orderBy("createdAt", "desc").orderBy("id", "desc");
      if (page.cursor) {
        const [createdAt, id] = JSON.parse(Buffer.from(page.cursor, "base64url").toString("utf8")) as [string, string];
        q = q.startAfter(createdAt, id);
      }
      const docs = (await q.limit(page.limit + 1).get()).docs.map((d) => data<Case>(d));
      const shown = docs.slice(0, page.limit);
      const last = shown.at(-1);
      return {
        cases: shown,
        ...(docs.length > page.limit && last ? { nextCursor: Buffer.from(JSON.stringify([last.createdAt, last.id])).toString("base64url") } : {}),
      };
    },
    async countByCountryAndStatus() {
      const out: { country: Case["country"]; status: Case["status"]; count: number }[] = [];
      for (const country of ["BI", "RW"] as const)
        for (const status of ["open", "resolved", "closed"] as const) {
          const count = (await col.where("country", "==", country).where("status", "==", status).count().get()).data().count;
          if (count > 0) out.push({ country, status, count });
        }
      return out;
    },
    delete: async (id) => void (await col.doc(id).delete()),
    listRetentionDue: (before, page) =>
      ascendingPage<Case>(col.where("status", "in", ["resolved", "closed"]).where("retentionUntil", "<=", before), "retentionUntil", ["id"], page, (c) => [
        c.retentionUntil ?? "",
        JSON.stringify([c.id]),
      ]),
    listOpenInactive: (before, page) =>
      ascendingPage<Case>(col.where("status", "==", "open").where("updatedAt", "<", before), "updatedAt", ["id"], page, (c) => [
        c.updatedAt,
        JSON.stringify([c.id]),
      ]),
  };
}

/** photos live under their case: cases/{caseId}/photos/{photoId} */
export function firestorePhotos(db: Firestore): PhotoStore {
  const ref = (caseId: string, photoId: string) => db.collection(COLLECTIONS.cases).doc(caseId).collection(COLLECTIONS.photos).doc(photoId);
  return {
    get: (caseId, photoId) => read<Photo>(ref(caseId, photoId)),
    put: async (photo) => void (await ref(photo.caseId, photo.photoId).set(photo)),
    list: async (caseId) =>
      (await db.collection(COLLECTIONS.cases).doc(caseId).collection(COLLECTIONS.photos).orderBy("createdAt").get()).docs.map((d) => data<Photo>(d)),
    async listProcessing(updatedBefore, limit) {
      const snaps = await db
        .collectionGroup(COLLECTIONS.photos)
        .where("status", "==", "processing")
        .where("updatedAt", "<", updatedBefore)
        .orderBy("updatedAt")
        .limit(limit)
        .get();
      return snaps.docs.map((d) => data<Photo>(d));
    },
    async listWithSeveralIndexedFaces(limit) {
      return (await db.collectionGroup(COLLECTIONS.photos).where("facesIndexed", ">", 1).limit(limit).get()).docs.map((d) => data<Photo>(d));
    },
    listIndexed: (page) =>
      ascendingPage<Photo>(db.collectionGroup(COLLECTIONS.photos).where("status", "==", "indexed"), "createdAt", ["caseId", "photoId"], page, (p) => [
        p.createdAt,
        JSON.stringify([p.caseId, p.photoId]),
      ]),
    deleteForCase: (caseId) => deleteAll(db, db.collection(COLLECTIONS.cases).doc(caseId).collection(COLLECTIONS.photos)),
    async countRejectedByReason() {
      const counts = new Map<string, number>();
      const snaps = await db.collectionGroup(COLLECTIONS.photos).where("status", "==", "rejected").select("reasons").get();
      for (const d of snaps.docs) for (const r of (d.get("reasons") ?? []) as { code: string }[]) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
      return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count);
    },
  };
}

export function firestoreSearches(db: Firestore): SearchHistoryStore {
  const col = db.collection(COLLECTIONS.searches);
  return {
    put: async (entry) => void (await col.doc(entry.id).set(toStoredSearch(entry))),
    get: async (id) => {
      const stored = await read<StoredSearchHistoryEntry>(col.doc(id));
      return stored ? fromStoredSearch(stored) : undefined;
    },
    async list({ uid, limit }) {
      let q: Query = col;
      if (uid) q = q.where("user_uid", "==", uid);
      return (await q.orderBy("createdAt", "desc").limit(limit).get()).docs.map((d) => fromStoredSearch(data<StoredSearchHistoryEntry>(d)));
    },
    async countPerDay(sinceIso) {
      const counts = new Map<string, number>();
      for (const d of (await col.where("createdAt", ">=", sinceIso).select("createdAt").get()).docs) {
        const day = String(d.get("createdAt")).slice(0, 10);
        counts.set(day, (counts.get(day) ?? 0) + 1);
      }
      return [...counts].map(([day, count]) => ({ day, count })).sort((a, b) => (a.day < b.day ? -1 : 1));
    },
    async listCreatedBefore(before, page) {
      const { items, next } = await ascendingPage<StoredSearchHistoryEntry>(col.where("createdAt", "<", before), "createdAt", ["id"], page, (e) => [
        e.createdAt,
        JSON.stringify([e.id]),
      ]);
      return { items: items.map(fromStoredSearch), ...(next ? { next } : {}) };
    },
    async listMentioning(caseId, probeSha256s, limit) {
      // caseIds is written with every entry (stored-search.ts); `in` takes at most 30 values
      const queries: Query[] = [col.where("caseIds", "array-contains", caseId)];
      for (let i = 0; i < probeSha256s.length; i += 30) queries.push(col.where("probeSha256", "in", probeSha256s.slice(i, i + 30)));
      const found = new Map<string, SearchHistoryEntry>();
      for (const q of queries) {
        for (const d of (await q.limit(limit).get()).docs) found.set(d.id, fromStoredSearch(data<StoredSearchHistoryEntry>(d)));
        if (found.size >= limit) break;
      }
      return [...found.values()].slice(0, limit);
    },
  };
}

export function firestoreAudit(db: Firestore): AuditLog {
  const col = db.collection(COLLECTIONS.audit);
  return {
    // create() fails when the id exists: entries are never overwritten
    append: async (entry) => void (await col.doc(entry.id).create(entry)),
    async list({ actor, action, from, to, limit }) {
      let q: Query = col;
      if (actor) q = q.where("actor", "==", actor);
      if (action) q = q.where("action", "==", action);
      if (from) q = q.where("at", ">=", from);
      if (to) q = q.where("at", "<=", to);
      return (await q.orderBy("at", "desc").limit(limit).get()).docs.map((d) => data<AuditEntry>(d));
    },
  };
}
