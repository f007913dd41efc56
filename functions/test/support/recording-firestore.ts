// A stand-in for the Admin SDK's Firestore client that records the shape of every query the
// Firebase adapters run (collection, scope, filters, order, vector search) and answers from a
// small generic document, so that each adapter method can be driven without a database. What a
// query needs from firestore.indexes.json is decided in firestore-index-rules.ts.
import type { Firestore } from "firebase-admin/firestore";

export type Scope = "COLLECTION" | "COLLECTION_GROUP";
export type Direction = "ASCENDING" | "DESCENDING";

export interface RecordedQuery {
  collectionGroup: string;
  scope: Scope;
  filters: { field: string; op: string }[];
  orders: { field: string; direction: Direction }[];
  /** findNearest: the vector field and the query vector's dimension */
  vector?: { field: string; dimension: number };
  /** how it ran: get, count, a transaction's read */
  via: "get" | "count" | "transaction";
}

interface QueryState {
  collectionGroup: string;
  scope: Scope;
  filters: RecordedQuery["filters"];
  orders: RecordedQuery["orders"];
  cursor: boolean;
  vector?: RecordedQuery["vector"];
}

/**
 * Every document the fake returns: the fields the adapters read, with values of the right types.
 * A query returns it once per distinct shape, then nothing, so that loops over pages end.
 */
function genericDocument(id: string): Record<string, unknown> {
  return {
    id,
    uid: "u1",
    caseId: "c1",
    photoId: "p1",
    faceId: "c1_p1_0",
    modelVersion: "m1",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    retentionUntil: "2026-01-01T00:00:00.000Z",
    requestedAt: "2026-01-01T00:00:00.000Z",
    draftedAt: "2026-01-01T00:00:00.000Z",
    startedAt: "2026-01-01T00:00:00.000Z",
    at: "2026-01-01T00:00:00.000Z",
    score: 1,
    read: false,
    status: "open",
    reasons: [{ code: "no_face" }],
    hits: [],
    user_uid: "u1",
    caseIds: ["c1"],
    embedding: { toArray: () => new Array(128).fill(0) },
    vector_distance: 0.1,
  };
}

export interface RecordingFirestore {
  db: Firestore;
  queries: RecordedQuery[];
}

export function recordingFirestore(): RecordingFirestore {
  const queries: RecordedQuery[] = [];
  const answered = new Set<string>();

  const record = (state: QueryState, via: RecordedQuery["via"]): boolean => {
    const { cursor, ...shape } = state;
    queries.push({ ...shape, via, filters: [...shape.filters], orders: [...shape.orders] });
    const key = JSON.stringify([shape, cursor, via]);
    if (answered.has(key)) return false;
    answered.add(key);
    return true;
  };

  function docSnapshot(path: string, exists: boolean) {
    const id = path.split("/").at(-1)!;
    const data = exists ? genericDocument(id) : undefined;
    return {
      id,
      exists,
      ref: docRef(path),
      data: () => data,
      get: (field: string) => data?.[field],
    };
  }

  function querySnapshot(path: string, withDoc: boolean) {
    const docs = withDoc ? [docSnapshot(`${path}/d1`, true)] : [];
    return { docs, empty: docs.length === 0, size: docs.length, forEach: (f: (d: unknown) => void) => docs.forEach(f) };
  }

  function query(state: QueryState, path: string): Record<string, unknown> {
    const next = (change: Partial<QueryState>) => query({ ...state, ...change }, path);
    return {
      where(field: string | object, op?: string) {
        if (typeof field !== "string")
          throw new Error("the recording fake does not know composite Filter objects yet: teach it before using them");
        return next({ filters: [...state.filters, { field, op: op! }] });
      },
      orderBy: (field: string, direction: "asc" | "desc" = "asc") =>
        next({ orders: [...state.orders, { field, direction: direction === "desc" ? "DESCENDING" : "ASCENDING" }] }),
      limit: () => next({}),
      limitToLast: () => next({}),
      offset: () => next({}),
      select: () => next({}),
      startAfter: () => next({ cursor: true }),
      startAt: () => next({ cursor: true }),
      endBefore: () => next({ cursor: true }),
      endAt: () => next({ cursor: true }),
      withConverter: () => next({}),
      get: async () => querySnapshot(path, record(state, "get")),
      count: () => ({ get: async () => (record(state, "count"), { data: () => ({ count: 1 }) }) }),
      findNearest(options: { vectorField: string; queryVector: number[] }) {
        const vector = { field: options.vectorField, dimension: options.queryVector.length };
        return { get: async () => querySnapshot(path, record({ ...state, vector }, "get")) };
      },
      _state: state,
    };
  }

  function collection(path: string): Record<string, unknown> {
    const id = path.split("/").at(-1)!;
    return {
      ...query({ collectionGroup: id, scope: "COLLECTION", filters: [], orders: [], cursor: false }, path),
      id,
      path,
      doc: (docId = `auto${queries.length}`) => docRef(`${path}/${docId}`),
      add: async () => docRef(`${path}/added`),
    };
  }

  function docRef(path: string): Record<string, unknown> {
    return {
      id: path.split("/").at(-1),
      path,
      collection: (sub: string) => collection(`${path}/${sub}`),
      get: async () => docSnapshot(path, true),
      set: async () => undefined,
      create: async () => undefined,
      update: async () => undefined,
      delete: async () => undefined,
    };
  }

  const writes = () => {
    const batch = {
      set: () => batch,
      create: () => batch,
      update: () => batch,
      delete: () => batch,
      commit: async () => [],
    };
    return batch;
  };

  const isQuery = (target: Record<string, unknown>): target is { _state: QueryState; path: string } =>
    "_state" in target;

  const db = {
    collection,
    collectionGroup: (id: string) =>
      query({ collectionGroup: id, scope: "COLLECTION_GROUP", filters: [], orders: [], cursor: false }, id),
    doc: docRef,
    batch: writes,
    bulkWriter: () => ({ ...writes(), close: async () => undefined, flush: async () => undefined }),
    getAll: async (...refs: { path: string }[]) => refs.map((r) => docSnapshot(r.path, true)),
    async runTransaction<T>(body: (tx: unknown) => Promise<T>): Promise<T> {
      const tx = {
        ...writes(),
        async get(target: Record<string, unknown>) {
          if (isQuery(target)) return querySnapshot(target.path, record(target._state, "transaction"));
          return docSnapshot(String(target.path), true);
        },
        getAll: async (...refs: { path: string }[]) => refs.map((r) => docSnapshot(r.path, true)),
      };
      return body(tx);
    },
  };
  return { db: db as unknown as Firestore, queries };
}
