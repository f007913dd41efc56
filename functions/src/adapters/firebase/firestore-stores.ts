// Document stores on Firestore, one collection each (names from the original TORA FACE guide
// where it names them). Every read-modify-write is a transaction (runTransaction): Firestore's
// server SDK locks what the transaction read until it commits, and runs the change again when a
// conflicting write won, so no officer's edit is lost to another's.
import {
  getFirestore,
  type DocumentReference,
  type Firestore,
  type Query,
  type Transaction,
} from "firebase-admin/firestore";
import type {
  AuditLog,
  CaseStore,
  Change,
  OfficerStore,
  Page,
  PageRequest,
  PhotoClaimContext,
  PhotoStore,
  SearchHistoryStore,
  Updated,
} from "../../ports/index.js";
import type { AuditEntry, Case, FaceDoc, Officer, Photo, SearchHistoryEntry } from "../../schemas/index.js";
import { decodePosition, encodePosition } from "../positions.js";
import { checkCaseFilter, storedCase } from "../stored-case.js";
import { fromStoredSearch, toStoredSearch, type StoredSearchHistoryEntry } from "../stored-search.js";
import { adminApp } from "./app.js";
import { faceDocument, inSpace } from "./firestore-faces.js";

export const COLLECTIONS = {
  officers: "police_users",
  cases: "cases",
  photos: "photos",
  /** under a case: `cases/{caseId}/photo_hashes/{sha256}` → the photo holding those bytes (the case's uniqueness key) */
  photoHashes: "photo_hashes",
  faces: "faces",
  searches: "search_history",
  audit: "audit_logs",
  rateLimits: "rate_limits",
  matches: "matches",
  notifications: "notifications",
  tombstones: "case_tombstones",
  erasures: "erasure_requests",
  /** `erasure_pending/{caseId}` → the case's pending erasure request: one at a time */
  erasurePending: "erasure_pending",
  bulletins: "bulletins",
  operations: "operations",
  backups: "backups",
  smsMessages: "sms_messages",
  /** `sms_counters/case-{caseId}`, `sms_counters/day-{country}-{day}`: what the SMS limits count */
  smsCounters: "sms_counters",
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

/** a document read inside a transaction */
export async function readIn<T>(tx: Transaction, ref: DocumentReference): Promise<T | undefined> {
  const snap = await tx.get(ref);
  return snap.exists ? data<T>(snap) : undefined;
}

/** what a read-modify-write reports (ports/updates.ts) */
export const updated = <T>(before: T | undefined, changed: T | undefined): Updated<T> => {
  const after = changed ?? before;
  return { ...(before ? { before } : {}), ...(after ? { after } : {}), written: changed !== undefined };
};

/** the read-modify-write of ports/updates.ts on one document, in a transaction */
export function updateDoc<T>(db: Firestore, ref: DocumentReference, change: Change<T>): Promise<Updated<T>> {
  return db.runTransaction(async (tx) => {
    const before = await readIn<T>(tx, ref);
    const changed = change(before);
    if (changed) tx.set(ref, changed);
    return updated(before, changed);
  });
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
async function ascendingPage<T>(
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
    findByEmail: async (email) =>
      (await col.where("email", "==", email).limit(1).get()).docs.map((d) => data<Officer>(d))[0],
    put: async (officer) => void (await col.doc(officer.uid).set(officer)),
    update: (uid, change) =>
      db.runTransaction(async (tx) => {
        const before = await readIn<Officer>(tx, col.doc(uid));
        // the approved administrators are read (and so locked) too: two demotions at once cannot leave none
        const admins = (await tx.get(col.where("role", "==", "admin").where("status", "==", "approved").limit(2))).size;
        const changed = change(before, admins);
        if (changed) tx.set(col.doc(uid), changed);
        return updated(before, changed);
      }),
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
    // every write carries the case's search keys (stored-case.ts), in the same write
    put: async (value) => void (await col.doc(value.id).set(storedCase(value))),
    update: (id, change) =>
      updateDoc<Case>(db, col.doc(id), (current) => {
        const changed = change(current);
        return changed && storedCase(changed);
      }),
    async findByExternalRef(externalRef, country, limit) {
      let q: Query = col.where("externalRef", "==", externalRef);
      if (country) q = q.where("country", "==", country);
      return (await q.orderBy("createdAt", "desc").limit(limit).get()).docs.map((d) => data<Case>(d));
    },
    async list(filter, page) {
      checkCaseFilter(filter);
      let q: Query = col;
      for (const field of ["country", "status", "kind", "stationKey"] as const)
        if (filter[field] !== undefined) q = q.where(field, "==", filter[field]);
      if (filter.officerUid !== undefined) q = q.where("officerUids", "array-contains", filter.officerUid);
      if (filter.anyKey !== undefined) q = q.where("searchKeys", "array-contains-any", filter.anyKey);
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
        ...(docs.length > page.limit && last
          ? { nextCursor: Buffer.from(JSON.stringify([last.createdAt, last.id])).toString("base64url") }
          : {}),
      };
    },
    async countByCountryAndStatus() {
      const out: { country: Case["country"]; status: Case["status"]; count: number }[] = [];
      for (const country of ["BI", "RW"] as const)
        for (const status of ["open", "resolved", "closed"] as const) {
          const count = (await col.where("country", "==", country).where("status", "==", status).count().get()).data()
            .count;
          if (count > 0) out.push({ country, status, count });
        }
      return out;
    },
    delete: async (id) => void (await col.doc(id).delete()),
    listRetentionDue: (before, page) =>
      ascendingPage<Case>(
        col.where("status", "in", ["resolved", "closed"]).where("retentionUntil", "<=", before),
        "retentionUntil",
        ["id"],
        page,
        (c) => [c.retentionUntil ?? "", JSON.stringify([c.id])],
      ),
    listOpenInactive: (before, page) =>
      ascendingPage<Case>(
        col.where("status", "==", "open").where("updatedAt", "<", before),
        "updatedAt",
        ["id"],
        page,
        (c) => [c.updatedAt, JSON.stringify([c.id])],
      ),
  };
}

/**
 * Photos live under their case: cases/{caseId}/photos/{photoId}, with the case's key on each
 * photo's bytes beside them (cases/{caseId}/photo_hashes/{sha256}). A claim reads the case, its
 * tombstone, the photo id and the bytes' key in one transaction; a change writes the record and
 * the photo's faces in one transaction.
 */
export function firestorePhotos(db: Firestore): PhotoStore {
  const caseRef = (caseId: string) => db.collection(COLLECTIONS.cases).doc(caseId);
  const ref = (caseId: string, photoId: string) => caseRef(caseId).collection(COLLECTIONS.photos).doc(photoId);
  const hashRef = (caseId: string, sha256: string) => caseRef(caseId).collection(COLLECTIONS.photoHashes).doc(sha256);
  const faces = db.collection(COLLECTIONS.faces);
  const hashKey = (photo: Photo) => ({ caseId: photo.caseId, photoId: photo.photoId });
  return {
    get: (caseId, photoId) => read<Photo>(ref(caseId, photoId)),
    async put(photo) {
      const batch = db.batch();
      batch.set(ref(photo.caseId, photo.photoId), photo);
      batch.set(hashRef(photo.caseId, photo.sha256), hashKey(photo));
      await batch.commit();
    },
    claim: (caseId, photoId, sha256, decide) =>
      db.runTransaction(async (tx) => {
        const [record, tombstone, sameId, holder] = await tx.getAll(
          caseRef(caseId),
          db.collection(COLLECTIONS.tombstones).doc(caseId),
          ref(caseId, photoId),
          hashRef(caseId, sha256),
        );
        const holderId = holder?.exists ? String(holder.get("photoId")) : undefined;
        const sameBytes =
          holderId === undefined ? undefined : holderId === photoId ? sameId : await tx.get(ref(caseId, holderId));
        const context: PhotoClaimContext = {
          ...(record?.exists ? { case: data<Case>(record) } : {}),
          purging: tombstone?.exists === true,
          ...(sameId?.exists ? { sameId: data<Photo>(sameId) } : {}),
          ...(sameBytes?.exists ? { sameBytes: data<Photo>(sameBytes) } : {}),
        };
        const claimed = decide(context);
        if (claimed) {
          tx.set(ref(caseId, photoId), claimed);
          tx.set(hashRef(caseId, sha256), hashKey(claimed));
        }
        return { context, ...(claimed ? { claimed } : {}) };
      }),
    update: (caseId, photoId, change) =>
      db.runTransaction(async (tx) => {
        const before = await readIn<Photo>(tx, ref(caseId, photoId));
        const changed = change(before);
        // every read before the first write, as Firestore requires
        const replaced = changed?.faces;
        const status = replaced
          ? ((await tx.get(caseRef(caseId))).get("status") as Case["status"] | undefined)
          : undefined;
        let old = replaced ? faces.where("caseId", "==", caseId).where("photoId", "==", photoId) : undefined;
        if (old && replaced?.space !== undefined) old = inSpace(old, replaced.space);
        const stale = old ? (await tx.get(old.select())).docs : [];
        if (changed) {
          tx.set(ref(caseId, photoId), changed.photo);
          const keep = new Set(replaced?.docs.map((f) => f.faceId));
          for (const d of stale) if (!keep.has(d.id)) tx.delete(d.ref);
          // faces carry the case's status as the transaction reads it
          for (const face of replaced?.docs ?? [])
            tx.set(
              faces.doc(face.faceId),
              faceDocument({ ...face, ...(status ? { caseStatus: status } : {}) } as FaceDoc),
            );
        }
        return updated(before, changed?.photo);
      }),
    remove: (caseId, photoId, when) =>
      db.runTransaction(async (tx) => {
        const current = await readIn<Photo>(tx, ref(caseId, photoId));
        if (!current || !when(current)) return false;
        const holder = await tx.get(hashRef(caseId, current.sha256));
        tx.delete(ref(caseId, photoId));
        if (holder.exists && holder.get("photoId") === photoId) tx.delete(holder.ref);
        return true;
      }),
    list: async (caseId) =>
      (
        await db.collection(COLLECTIONS.cases).doc(caseId).collection(COLLECTIONS.photos).orderBy("createdAt").get()
      ).docs.map((d) => data<Photo>(d)),
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
      return (await db.collectionGroup(COLLECTIONS.photos).where("facesIndexed", ">", 1).limit(limit).get()).docs.map(
        (d) => data<Photo>(d),
      );
    },
    listIndexed: (page) =>
      ascendingPage<Photo>(
        db.collectionGroup(COLLECTIONS.photos).where("status", "==", "indexed"),
        "createdAt",
        ["caseId", "photoId"],
        page,
        (p) => [p.createdAt, JSON.stringify([p.caseId, p.photoId])],
      ),
    async deleteForCase(caseId) {
      await deleteAll(db, caseRef(caseId).collection(COLLECTIONS.photoHashes));
      return deleteAll(db, caseRef(caseId).collection(COLLECTIONS.photos));
    },
    async countRejectedByReason() {
      const counts = new Map<string, number>();
      const snaps = await db
        .collectionGroup(COLLECTIONS.photos)
        .where("status", "==", "rejected")
        .select("reasons")
        .get();
      for (const d of snaps.docs)
        for (const r of (d.get("reasons") ?? []) as { code: string }[])
          counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
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
      return (await q.orderBy("createdAt", "desc").limit(limit).get()).docs.map((d) =>
        fromStoredSearch(data<StoredSearchHistoryEntry>(d)),
      );
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
      const { items, next } = await ascendingPage<StoredSearchHistoryEntry>(
        col.where("createdAt", "<", before),
        "createdAt",
        ["id"],
        page,
        (e) => [e.createdAt, JSON.stringify([e.id])],
      );
      return { items: items.map(fromStoredSearch), ...(next ? { next } : {}) };
    },
    async listMentioning(caseId, probeSha256s, limit) {
      // caseIds is written with every entry (stored-search.ts); `in` takes at most 30 values
      const queries: Query[] = [col.where("caseIds", "array-contains", caseId)];
      for (let i = 0; i < probeSha256s.length; i += 30)
        queries.push(col.where("probeSha256", "in", probeSha256s.slice(i, i + 30)));
      const found = new Map<string, SearchHistoryEntry>();
      for (const q of queries) {
        for (const d of (await q.limit(limit).get()).docs)
          found.set(d.id, fromStoredSearch(data<StoredSearchHistoryEntry>(d)));
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
