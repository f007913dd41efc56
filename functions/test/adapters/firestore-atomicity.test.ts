// The Firestore adapters' read-modify-writes run in transactions, and Cloud Storage writes are
// create-only — shown here without the Firestore emulator (it needs Java 21), on a recording fake
// of the Firestore client: every read and write is recorded with how it was made (inside
// runTransaction, in a batch, or directly), and the fake runs each transaction's function twice,
// discarding the first attempt, as Firestore does when a conflicting write wins.
import { describe, expect, it } from "vitest";
import type { Firestore } from "firebase-admin/firestore";
import { firestoreCaseDecisions } from "../../src/adapters/firebase/case-decisions.js";
import { firestoreFaceIndex } from "../../src/adapters/firebase/firestore-faces.js";
import { firestoreMatches } from "../../src/adapters/firebase/firestore-matches.js";
import { firestoreErasures } from "../../src/adapters/firebase/firestore-operations.js";
import { firestoreCases, firestoreOfficers, firestorePhotos } from "../../src/adapters/firebase/firestore-stores.js";
import { storageBlobs } from "../../src/adapters/firebase/storage-blobs.js";
import { BlobExistsError } from "../../src/ports/index.js";
import { caseFixture, faceFixture, matchFixture, officerFixture, photoFixture } from "../contract/port-contract.js";

type Via = "transaction" | "batch" | "direct";
interface Entry {
  op: "get" | "query" | "set" | "create" | "update" | "delete";
  path: string;
  via: Via;
}
type Data = Record<string, unknown>;
type Filter = [string, string, unknown];

/** a Firestore client in memory that records what each call did, and how */
class RecordingFirestore {
  readonly docs = new Map<string, Data>();
  log: Entry[] = [];
  /** attempts each transaction's function gets; every attempt but the last is thrown away */
  attempts = 2;

  collection(name: string) {
    return this.collectionAt(name);
  }

  private collectionAt(path: string) {
    return Object.assign(this.query(path, []), { doc: (id: string) => this.doc(`${path}/${id}`) });
  }

  doc(path: string) {
    const id = path.split("/").at(-1)!;
    const record = (op: Entry["op"]) => this.log.push({ op, path, via: "direct" });
    const ref = {
      path,
      id,
      kind: "doc" as const,
      collection: (name: string) => this.collectionAt(`${path}/${name}`),
      get: async () => (record("get"), this.snapshot(path)),
      set: async (data: Data) => (record("set"), this.docs.set(path, structuredClone(data))),
      create: async (data: Data) => (record("create"), this.docs.set(path, structuredClone(data))),
      update: async (data: Data) => (record("update"), this.docs.set(path, { ...this.docs.get(path), ...data })),
      delete: async () => (record("delete"), this.docs.delete(path)),
    };
    return ref;
  }

  snapshot(path: string) {
    const data = this.docs.get(path);
    return {
      id: path.split("/").at(-1)!,
      ref: this.doc(path),
      exists: data !== undefined,
      data: () => (data === undefined ? undefined : structuredClone(data)),
      get: (field: string) => data?.[field],
    };
  }

  query(collection: string, filters: Filter[], limit?: number) {
    const run = () => {
      const prefix = `${collection}/`;
      const found = [...this.docs.keys()]
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
        .filter((p) => filters.every(([field, op, value]) => matches(this.docs.get(p)![field], op, value)))
        .sort()
        .slice(0, limit)
        .map((p) => this.snapshot(p));
      return { docs: found, size: found.length, empty: found.length === 0 };
    };
    const q = {
      kind: "query" as const,
      path: `${collection}?${filters.map((f) => f.join(" ")).join("&")}`,
      run,
      where: (field: string, op: string, value: unknown) =>
        this.query(collection, [...filters, [field, op, value]], limit),
      limit: (n: number) => this.query(collection, filters, n),
      select: () => q,
      orderBy: () => q,
      get: async () => (this.log.push({ op: "query", path: q.path, via: "direct" }), run()),
    };
    return q;
  }

  batch() {
    const writes: (() => void)[] = [];
    const b = {
      set: (ref: { path: string }, data: Data) => (
        this.log.push({ op: "set", path: ref.path, via: "batch" }),
        writes.push(() => this.docs.set(ref.path, structuredClone(data))),
        b
      ),
      delete: (ref: { path: string }) => (
        this.log.push({ op: "delete", path: ref.path, via: "batch" }),
        writes.push(() => this.docs.delete(ref.path)),
        b
      ),
      update: (ref: { path: string }, data: Data) => (
        this.log.push({ op: "update", path: ref.path, via: "batch" }),
        writes.push(() => this.docs.set(ref.path, { ...this.docs.get(ref.path), ...data })),
        b
      ),
      commit: async () => writes.forEach((w) => w()),
    };
    return b;
  }

  async runTransaction<T>(fn: (tx: unknown) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const writes: (() => void)[] = [];
      const entries: Entry[] = [];
      const read = (target: { kind: "doc" | "query"; path: string; run?: () => unknown }) => {
        entries.push({ op: target.kind === "doc" ? "get" : "query", path: target.path, via: "transaction" });
        return target.kind === "doc" ? this.snapshot(target.path) : target.run!();
      };
      const write = (op: Entry["op"], path: string, apply: () => void) => {
        entries.push({ op, path, via: "transaction" });
        writes.push(apply);
      };
      const tx = {
        get: async (target: { kind: "doc" | "query"; path: string; run?: () => unknown }) => read(target),
        getAll: async (...refs: { kind: "doc"; path: string }[]) => refs.map((r) => read(r)),
        set: (ref: { path: string }, data: Data) =>
          write("set", ref.path, () => this.docs.set(ref.path, structuredClone(data))),
        create: (ref: { path: string }, data: Data) =>
          write("create", ref.path, () => this.docs.set(ref.path, structuredClone(data))),
        update: (ref: { path: string }, data: Data) =>
          write("update", ref.path, () => this.docs.set(ref.path, { ...this.docs.get(ref.path), ...data })),
        delete: (ref: { path: string }) => write("delete", ref.path, () => this.docs.delete(ref.path)),
      };
      const result = await fn(tx);
      // a conflicting write won this attempt: its writes are discarded and the function runs again
      if (attempt < this.attempts) continue;
      this.log.push(...entries);
      writes.forEach((w) => w());
      return result;
    }
  }
}

function matches(actual: unknown, op: string, value: unknown): boolean {
  if (op === "==") return actual === value;
  if (op === "array-contains") return Array.isArray(actual) && actual.includes(value);
  if (op === "in") return Array.isArray(value) && value.includes(actual);
  throw new Error(`the fake does not know the operator ${op}`);
}

function recording() {
  const fake = new RecordingFirestore();
  return { fake, db: fake as unknown as Firestore };
}

/** what a call wrote, and whether every write went through the transaction */
const writes = (fake: RecordingFirestore) => fake.log.filter((e) => e.op !== "get" && e.op !== "query");
const expectAllInTransaction = (fake: RecordingFirestore) => {
  expect(writes(fake).length).toBeGreaterThan(0);
  expect(writes(fake).filter((e) => e.via !== "transaction")).toEqual([]);
};

describe("Firestore adapters: every read-modify-write is one transaction", () => {
  it("cases.update reads and writes the case inside runTransaction; a retried attempt applies the change once", async () => {
    const { fake, db } = recording();
    const cases = firestoreCases(db);
    await cases.put(caseFixture("c1", { subject: { names: [], aliases: [], sex: "unknown" } }));
    fake.log = [];
    await cases.update("c1", (current) => ({
      ...current!,
      subject: { ...current!.subject, aliases: [...current!.subject.aliases, "Kaneza"] },
    }));
    expectAllInTransaction(fake);
    expect(fake.log).toEqual([
      { op: "get", path: "cases/c1", via: "transaction" },
      { op: "set", path: "cases/c1", via: "transaction" },
    ]);
    expect((await cases.get("c1"))!.subject.aliases).toEqual(["Kaneza"]);
  });

  it("officers.update reads the officer and the approved administrators in the same transaction", async () => {
    const { fake, db } = recording();
    const officers = firestoreOfficers(db);
    await officers.put(officerFixture("a1", { role: "admin", status: "approved" }));
    await officers.put(officerFixture("a2", { role: "admin", status: "approved" }));
    fake.log = [];
    let counted = -1;
    await officers.update("a1", (current, admins) => ((counted = admins), { ...current!, role: "officer" }));
    expect(counted).toBe(2);
    expectAllInTransaction(fake);
    expect(fake.log.map((e) => `${e.op} ${e.path} ${e.via}`)).toEqual([
      "get police_users/a1 transaction",
      "query police_users?role == admin&status == approved transaction",
      "set police_users/a1 transaction",
    ]);
  });

  it("photos.claim reads the case, its tombstone, the id and the bytes' key, and writes the claim with the key, in one transaction", async () => {
    const { fake, db } = recording();
    await firestoreCases(db).put(caseFixture("c1"));
    fake.log = [];
    const photos = firestorePhotos(db);
    const sha = "a".repeat(64);
    const { claimed } = await photos.claim("c1", "p1", sha, (ctx) =>
      ctx.case && !ctx.purging ? photoFixture("c1", "p1", sha) : undefined,
    );
    expect(claimed).toBeDefined();
    expectAllInTransaction(fake);
    expect(fake.log.map((e) => `${e.op} ${e.path}`)).toEqual([
      "get cases/c1",
      "get case_tombstones/c1",
      "get cases/c1/photos/p1",
      `get cases/c1/photo_hashes/${sha}`,
      "set cases/c1/photos/p1",
      `set cases/c1/photo_hashes/${sha}`,
    ]);
    // the same bytes under another id: the key names the photo that holds them
    const again = await photos.claim("c1", "p2", sha, () => undefined);
    expect(again.context.sameBytes?.photoId).toBe("p1");
  });

  it("photos.update writes the record and its faces in one transaction, with the case's status read there; remove too", async () => {
    const { fake, db } = recording();
    await firestoreCases(db).put(caseFixture("c1", { status: "closed" }));
    const photos = firestorePhotos(db);
    await photos.put(photoFixture("c1", "p1", "a".repeat(64)));
    fake.docs.set("faces/old", { caseId: "c1", photoId: "p1", modelVersion: "m" });
    fake.log = [];
    const face = faceFixture(
      "c1",
      "p1",
      0,
      Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0)),
      { caseStatus: "open" },
    );
    await photos.update("c1", "p1", (current) => ({
      photo: { ...current!, status: "indexed" },
      faces: { docs: [face] },
    }));
    expectAllInTransaction(fake);
    expect(writes(fake).map((e) => `${e.op} ${e.path}`)).toEqual([
      "set cases/c1/photos/p1",
      "delete faces/old",
      `set faces/${face.faceId}`,
    ]);
    // every read before the first write, as Firestore requires
    const firstWrite = fake.log.findIndex((e) => e.op !== "get" && e.op !== "query");
    expect(fake.log.slice(firstWrite).every((e) => e.op !== "get" && e.op !== "query")).toBe(true);
    expect(fake.docs.get(`faces/${face.faceId}`)).toMatchObject({ caseStatus: "closed" });
    fake.log = [];
    expect(await photos.remove("c1", "p1", (p) => p.status === "indexed")).toBe(true);
    expectAllInTransaction(fake);
    expect(writes(fake).map((e) => e.path)).toEqual(["cases/c1/photos/p1", `cases/c1/photo_hashes/${"a".repeat(64)}`]);
  });

  it("matches.update and remove, and the case decisions, run in transactions", async () => {
    const { fake, db } = recording();
    const matches = firestoreMatches(db);
    const cases = firestoreCases(db);
    await cases.put(caseFixture("m1"));
    await cases.put(caseFixture("f1", { kind: "found" }));
    fake.log = [];
    await matches.update("m1_f1", () => matchFixture("m1", "f1", { state: "potential" }));
    expectAllInTransaction(fake);

    fake.log = [];
    const decisions = firestoreCaseDecisions(db);
    let pairs = 0;
    await decisions.ofCase("m1", (current, seen) => ((pairs = seen.length), { ...current!, status: "closed" }));
    expect(pairs).toBe(1);
    expectAllInTransaction(fake);
    expect(fake.log.map((e) => `${e.op} ${e.path}`)).toEqual([
      "get cases/m1",
      "query matches?caseIds array-contains m1",
      "set cases/m1",
    ]);

    fake.log = [];
    await decisions.ofPair("m1_f1", (pair, [a, b]) => ({
      pair: { ...pair!, state: "confirmed" },
      cases: [
        { ...a!, status: "resolved" },
        { ...b!, status: "resolved" },
      ],
    }));
    expectAllInTransaction(fake);
    expect(writes(fake).map((e) => e.path)).toEqual(["matches/m1_f1", "cases/m1", "cases/f1"]);

    fake.log = [];
    expect(await matches.remove("m1_f1", (m) => m.state !== "confirmed")).toBe(false);
    expect(await matches.remove("m1_f1", () => true)).toBe(true);
    expectAllInTransaction(fake);
  });

  it("erasure requests: one pending per case through a marker written in the same transaction, released by the decision", async () => {
    const { fake, db } = recording();
    const erasures = firestoreErasures(db);
    const request = {
      id: "e1",
      caseId: "c1",
      reason: "r",
      status: "pending" as const,
      requestedBy: "a1",
      requestedAt: "2026-11-25T10:00:00.000Z",
    };
    expect((await erasures.createPending(request)).created).toBe(true);
    expectAllInTransaction(fake);
    expect(writes(fake).map((e) => e.path)).toEqual(["erasure_pending/c1", "erasure_requests/e1"]);
    expect((await erasures.createPending({ ...request, id: "e2" })).created).toBe(false);
    fake.log = [];
    await erasures.update("e1", (current) => ({ ...current!, status: "declined" }));
    expectAllInTransaction(fake);
    expect(writes(fake).map((e) => `${e.op} ${e.path}`)).toEqual([
      "set erasure_requests/e1",
      "delete erasure_pending/c1",
    ]);
  });

  it("faces follow their case's status inside a transaction that reads the case", async () => {
    const { fake, db } = recording();
    await firestoreCases(db).put(caseFixture("c1", { status: "closed" }));
    fake.docs.set("faces/f1", { caseId: "c1", caseStatus: "open" });
    fake.docs.set("faces/f2", { caseId: "c1", caseStatus: "closed" });
    fake.log = [];
    await firestoreFaceIndex(db).followCaseStatus("c1");
    expectAllInTransaction(fake);
    expect(fake.log.map((e) => `${e.op} ${e.path}`)).toEqual([
      "get cases/c1",
      "query faces?caseId == c1",
      "update faces/f1",
    ]);
    expect(fake.docs.get("faces/f1")).toMatchObject({ caseStatus: "closed" });
  });
});

describe("Cloud Storage adapter: bytes are written create-only", () => {
  function recordingBucket(existing = new Set<string>()) {
    const saves: { path: string; options: Record<string, unknown> }[] = [];
    const bucket = {
      file: (path: string) => ({
        save: async (_data: Buffer, options: Record<string, unknown>) => {
          saves.push({ path, options });
          const generation = (options.preconditionOpts as { ifGenerationMatch?: number } | undefined)
            ?.ifGenerationMatch;
          // Cloud Storage: generation 0 means "no live object"; an existing one fails the precondition
          if (generation === 0 && existing.has(path))
            throw Object.assign(new Error("At least one of the pre-conditions you specified did not hold."), {
              code: 412,
            });
          existing.add(path);
        },
      }),
    };
    return { saves, bucket };
  }

  it("saves with ifGenerationMatch: 0 and reports an existing object as BlobExistsError", async () => {
    const { saves, bucket } = recordingBucket();
    const blobs = storageBlobs(() => bucket as never);
    await blobs.put("cases/c1/photos/p1", new Uint8Array([1]), "image/jpeg", { uploadedBy: "u1" });
    expect(saves[0]).toMatchObject({
      path: "cases/c1/photos/p1",
      options: {
        contentType: "image/jpeg",
        resumable: false,
        preconditionOpts: { ifGenerationMatch: 0 },
        metadata: { metadata: { uploadedBy: "u1" } },
      },
    });
    await expect(blobs.put("cases/c1/photos/p1", new Uint8Array([2]), "image/jpeg")).rejects.toBeInstanceOf(
      BlobExistsError,
    );
  });
});
