// Every query the Firebase adapters can run has its index in firestore.indexes.json. Production
// answers a query without its index with FAILED_PRECONDITION (an officer sees "internal"), and no
// emulator checks indexes, so each adapter method is driven here with every combination of the
// optional filters its port accepts, through a fake Firestore client that records the queries.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { firestoreCaseDecisions } from "../../src/adapters/firebase/case-decisions.js";
import { firestoreFaceVectors } from "../../src/adapters/firebase/firestore-face-vectors.js";
import { firestoreFaceIndex } from "../../src/adapters/firebase/firestore-faces.js";
import { firestoreMatches, firestoreNotifications } from "../../src/adapters/firebase/firestore-matches.js";
import {
  firestoreBulletins,
  firestoreErasures,
  firestoreOperations,
  firestoreTombstones,
} from "../../src/adapters/firebase/firestore-operations.js";
import {
  firestoreAudit,
  firestoreCases,
  firestoreOfficers,
  firestorePhotos,
  firestoreSearches,
} from "../../src/adapters/firebase/firestore-stores.js";
import { triggerEmailNotifier } from "../../src/adapters/firebase/mail.js";
import {
  firestoreAgreements,
  firestoreCrossBorderPairs,
  firestorePeerDirectory,
  firestorePeerLedger,
  firestoreReceivedRequests,
  firestoreSentRequests,
} from "../../src/adapters/firebase/firestore-cross-border.js";
import { firestoreRateLimiter } from "../../src/adapters/firebase/rate-limiter.js";
import { firestoreSmsMessages } from "../../src/adapters/firebase/firestore-sms.js";
import { functionsRoot, repoRoot } from "../../src/paths.js";
import { systemClock } from "../../src/adapters/system-clock.js";
import { describeNeed, indexNeed, missingIndex, type IndexesFile } from "../support/firestore-index-rules.js";
import { recordingFirestore, type RecordedQuery } from "../support/recording-firestore.js";

const indexes = JSON.parse(readFileSync(join(repoRoot, "firestore.indexes.json"), "utf8")) as IndexesFile;

/** every sub-object of `full`: each optional filter present or absent */
function combinations<T extends object>(full: T): Partial<T>[] {
  const keys = Object.keys(full) as (keyof T)[];
  return Array.from({ length: 2 ** keys.length }, (_, mask) =>
    Object.fromEntries(keys.filter((_, i) => mask & (1 << i)).map((k) => [k, full[k]])),
  ) as Partial<T>[];
}

const page = { limit: 10 };
const after = {
  limit: 10,
  after: Buffer.from(JSON.stringify(["2026-01-01", JSON.stringify(["x"])])).toString("base64url"),
};
const cursor = Buffer.from(JSON.stringify(["2026-01-01", "x"])).toString("base64url");
const vector = new Float32Array(128);
const space = { modelVersion: "m1", templateKeyId: "k1" };
const face = {
  faceId: "c1_p1_0",
  caseId: "c1",
  photoId: "p1",
  ...space,
  embedding: Array.from(vector),
} as never;
const search = {
  id: "s1",
  userUid: "u1",
  purpose: { caseId: "c1" },
  faces: [],
  outcomes: [],
  createdAt: "2026-01-01",
} as never;
const notification = { id: "n1", uid: "u1", cases: [{ id: "c1" }] } as never;

type Drive = (db: RecordedDb) => { adapter: object; calls: (adapter: never) => Promise<unknown>[] };
type RecordedDb = ReturnType<typeof recordingFirestore>["db"];

/**
 * Each Firestore adapter with every call its port allows that can change the query: each
 * combination of optional filters, with and without a cursor. A method missing here fails the
 * coverage test below, so a new query cannot arrive without its index being checked.
 */
const ADAPTERS: Record<string, Drive> = {
  firestoreOfficers: (db) => ({
    adapter: firestoreOfficers(db),
    calls: (a: ReturnType<typeof firestoreOfficers>) => [
      a.get("u1"),
      a.findByEmail("a@example.org"),
      a.put({ uid: "u1" } as never),
      a.update("u1", () => undefined),
      ...combinations({ status: "approved" as const, role: "admin" as const }).map((f) => a.list({ ...f, limit: 10 })),
    ],
  }),
  firestoreCases: (db) => ({
    adapter: firestoreCases(db),
    calls: (a: ReturnType<typeof firestoreCases>) => [
      a.get("c1"),
      a.put({ id: "c1", station: "Ngozi", subject: { names: ["Mutesi"], aliases: [] } } as never),
      a.update("c1", () => undefined),
      a.findByExternalRef("REF", undefined, 5),
      a.findByExternalRef("REF", "BI", 5),
      // the case search: each equality filter with no array condition, the officer's own cases, or search keys
      ...combinations({
        country: "BI" as const,
        status: "open" as const,
        kind: "missing" as const,
        stationKey: "ngozi centre",
      }).flatMap((f) =>
        [{}, { officerUid: "u1" }, { anyKey: ["n:mts", "g:3"] }].flatMap((array) => [
          a.list({ ...f, ...array }, { limit: 10 }),
          a.list({ ...f, ...array }, { limit: 10, cursor }),
        ]),
      ),
      a.countByCountryAndStatus(),
      a.delete("c1"),
      a.listRetentionDue("2026-01-01", page),
      a.listRetentionDue("2026-01-01", after),
      a.listOpenInactive("2026-01-01", page),
      a.listOpenInactive("2026-01-01", after),
    ],
  }),
  firestorePhotos: (db) => ({
    adapter: firestorePhotos(db),
    calls: (a: ReturnType<typeof firestorePhotos>) => [
      a.get("c1", "p1"),
      a.put({ caseId: "c1", photoId: "p1" } as never),
      a.claim("c1", "p1", "sha", () => undefined),
      a.update("c1", "p1", () => undefined),
      a.remove("c1", "p1", () => false),
      a.list("c1"),
      a.countRejectedByReason(),
      a.listProcessing("2026-01-01", 10),
      a.listWithSeveralIndexedFaces(10),
      a.listIndexed(page),
      a.listIndexed(after),
      a.deleteForCase("c1"),
    ],
  }),
  firestoreSearches: (db) => ({
    adapter: firestoreSearches(db),
    calls: (a: ReturnType<typeof firestoreSearches>) => [
      a.put(search),
      a.get("s1"),
      a.list({ limit: 10 }),
      a.list({ uid: "u1", limit: 10 }),
      a.countPerDay("2026-01-01"),
      a.listCreatedBefore("2026-01-01", page),
      a.listCreatedBefore("2026-01-01", after),
      a.listMentioning("c1", [], 10),
      a.listMentioning("c1", ["sha"], 10),
    ],
  }),
  firestoreSmsMessages: (db) => ({
    adapter: firestoreSmsMessages(db),
    calls: (a: ReturnType<typeof firestoreSmsMessages>) => [
      a.reserve({ id: "m1", caseId: "c1", country: "BI", day: "2026-01-01" } as never, { perCase: 3, perDay: 200 }),
      a.get("m1"),
      a.update("m1", () => undefined),
      a.findByProviderId("africastalking", "ATXid_1"),
      a.listForCase("c1"),
      a.deleteForCase("c1"),
    ],
  }),
  firestoreAudit: (db) => ({
    adapter: firestoreAudit(db),
    calls: (a: ReturnType<typeof firestoreAudit>) => [
      a.append({ id: "a1" } as never),
      ...combinations({ actor: "u1", action: "case.create", from: "2026-01-01", to: "2026-02-01" }).map((f) =>
        a.list({ ...f, limit: 10 } as never),
      ),
    ],
  }),
  firestoreFaceIndex: (db) => ({
    adapter: firestoreFaceIndex(db),
    calls: (a: ReturnType<typeof firestoreFaceIndex>) => [
      a.replacePhotoFaces("c1", "p1", [face]),
      ...combinations({
        caseStatus: "open" as const,
        caseKind: "found" as const,
        country: "BI" as const,
        space,
      }).map((filter) => a.findNearest({ vector, filter, limit: 10, distanceThreshold: 0.5 })),
      ...combinations({
        caseStatus: "open" as const,
        caseKind: "found" as const,
        country: "BI" as const,
        space,
      }).map((filter) => a.scoreCases({ vectors: [vector], filter })),
      a.followCaseStatus("c1"),
      a.listForCase("c1"),
      a.countForCase("c1"),
    ],
  }),
  firestoreFaceVectors: (db) => ({
    adapter: firestoreFaceVectors(db),
    calls: (a: ReturnType<typeof firestoreFaceVectors>) => [
      a.replacePhotoFacesOfVersion("c1", "p1", space, [face]),
      a.versionsOfPhoto("c1", "p1"),
      a.photosWithVersion(space, 10),
      a.deletePhotoVersion("c1", "p1", space),
      a.countByModelVersion(),
      a.deleteForCase("c1"),
    ],
  }),
  firestoreMatches: (db) => ({
    adapter: firestoreMatches(db),
    calls: (a: ReturnType<typeof firestoreMatches>) => [
      a.get("m1"),
      a.update("m1", () => undefined),
      a.listForCase("c1"),
      ...combinations({
        country: "BI" as const,
        kind: "reunification" as const,
        casesOpen: true,
        states: ["new" as const],
      }).flatMap((f) => [a.list(f, { limit: 10 }), a.list(f, { limit: 10, cursor }), a.count(f)]),
      // an officer's count of new pairs: those concerning them or their station
      a.count({ country: "BI", states: ["new"], casesOpen: true, concernsAny: ["u:u1", "s:ngozi"] }),
      a.remove("m1", () => false),
      a.deleteForCase("c1"),
    ],
  }),
  firestoreNotifications: (db) => ({
    adapter: firestoreNotifications(db),
    calls: (a: ReturnType<typeof firestoreNotifications>) => [
      a.create(notification),
      a.list("u1", { unreadOnly: false, limit: 10 }),
      a.list("u1", { unreadOnly: true, limit: 10 }),
      a.countUnread("u1"),
      a.markRead("u1", "all", "2026-01-01"),
      a.markRead("u1", ["n1"], "2026-01-01"),
      a.deleteForCase("c1"),
    ],
  }),
  firestoreTombstones: (db) => ({
    adapter: firestoreTombstones(db),
    calls: (a: ReturnType<typeof firestoreTombstones>) => [
      a.get("c1"),
      a.put({ caseId: "c1" } as never),
      a.list({ limit: 10 }),
      a.list({ limit: 10, after: "c0" }),
    ],
  }),
  firestoreErasures: (db) => ({
    adapter: firestoreErasures(db),
    calls: (a: ReturnType<typeof firestoreErasures>) => [
      a.get("e1"),
      a.put({ id: "e1" } as never),
      a.createPending({ id: "e1", caseId: "c1", status: "pending" } as never),
      a.update("e1", () => undefined),
      ...combinations({ status: "pending" as const, caseId: "c1" }).map((f) => a.list({ ...f, limit: 10 })),
    ],
  }),
  firestoreCaseDecisions: (db) => ({
    adapter: firestoreCaseDecisions(db),
    calls: (a: ReturnType<typeof firestoreCaseDecisions>) => [
      a.ofCase("c1", () => undefined),
      a.ofPair("m1", () => undefined),
    ],
  }),
  firestoreBulletins: (db) => ({
    adapter: firestoreBulletins(db),
    calls: (a: ReturnType<typeof firestoreBulletins>) => [
      a.get("b1"),
      a.put({ id: "b1" } as never),
      a.listForCase("c1"),
      a.deleteForCase("c1"),
    ],
  }),
  firestoreOperations: (db) => ({
    adapter: firestoreOperations(db),
    calls: (a: ReturnType<typeof firestoreOperations>) => [
      a.getSweepState(),
      a.putSweepState({} as never),
      a.getModelState(),
      a.putModelState({} as never),
      a.putBackup({ id: "b1" } as never),
      a.lastBackup(),
    ],
  }),
  firestoreRateLimiter: (db) => ({
    adapter: firestoreRateLimiter(db, systemClock),
    calls: (a: ReturnType<typeof firestoreRateLimiter>) => [a.consume("k", 5, 60), a.refund("k")],
  }),
  firestoreSentRequests: (db) => ({
    adapter: firestoreSentRequests(db),
    calls: (a: ReturnType<typeof firestoreSentRequests>) => [
      a.get("r1"),
      a.create({ id: "r1" } as never),
      a.update("r1", () => undefined),
      ...combinations({ caseId: "c1" }).flatMap((f) => [
        a.list({ from: "BI", ...f }, { limit: 10 }),
        a.list({ from: "BI", ...f }, { limit: 10, cursor }),
      ]),
      a.listExpired("2026-01-01", 10),
    ],
  }),
  firestoreReceivedRequests: (db) => ({
    adapter: firestoreReceivedRequests(db),
    calls: (a: ReturnType<typeof firestoreReceivedRequests>) => [
      a.get("r1"),
      a.create({ id: "r1" } as never),
      a.update("r1", () => undefined),
      a.remove("r1", () => true),
      a.list({ to: "BI" }, { limit: 10 }),
      a.list({ to: "BI" }, { limit: 10, cursor }),
      a.listExpired("2026-01-01", 10),
    ],
  }),
  firestoreCrossBorderPairs: (db) => ({
    adapter: firestoreCrossBorderPairs(db),
    calls: (a: ReturnType<typeof firestoreCrossBorderPairs>) => [
      a.get("xb1_BI"),
      a.update("xb1_BI", () => undefined),
      a.listForCase("c1"),
      a.list({ country: "BI" }, 10),
      a.deleteForCase("c1"),
    ],
  }),
  firestoreAgreements: (db) => ({
    adapter: firestoreAgreements(db),
    calls: (a: ReturnType<typeof firestoreAgreements>) => [a.get("a1"), a.update("a1", () => undefined), a.list(10)],
  }),
  firestorePeerDirectory: (db) => ({
    adapter: firestorePeerDirectory(db),
    calls: (a: ReturnType<typeof firestorePeerDirectory>) => [
      a.get("BI"),
      a.list(),
      a.put({ country: "BI" } as never),
      a.remove("BI"),
    ],
  }),
  firestorePeerLedger: (db) => ({
    adapter: firestorePeerLedger(db),
    calls: (a: ReturnType<typeof firestorePeerLedger>) => [a.record("m1", "2026-01-01"), a.sweep("2026-01-01")],
  }),
  triggerEmailNotifier: (db) => ({
    adapter: triggerEmailNotifier(db),
    calls: (a: ReturnType<typeof triggerEmailNotifier>) =>
      Object.values(a).map((send: (...args: string[]) => Promise<unknown>) => send("a@example.org", "x")),
  }),
};

/** drives one adapter, recording its queries and which of its methods were called */
async function drive(name: string): Promise<{ queries: RecordedQuery[]; methods: string[]; called: Set<string> }> {
  const { db, queries } = recordingFirestore();
  const { adapter, calls } = ADAPTERS[name]!(db);
  const called = new Set<string>();
  const watched = new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value === "function" && typeof property === "string") called.add(property);
      return value;
    },
  });
  await Promise.all(calls(watched as never));
  const methods = Object.keys(adapter).filter((k) => typeof (adapter as Record<string, unknown>)[k] === "function");
  return { queries, methods, called };
}

describe("Firestore indexes", () => {
  it("every Firestore adapter of adapters/firebase is driven here", () => {
    const dir = join(functionsRoot, "src", "adapters", "firebase");
    const factories = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), "utf8").matchAll(/export function (\w+)\(db: Firestore/g)].map((m) => m[1]!),
      );
    expect(factories.length).toBeGreaterThan(10);
    expect(Object.keys(ADAPTERS).sort()).toEqual(factories.sort());
  });

  it.each(Object.keys(ADAPTERS))("%s: every method is driven", async (name) => {
    const { methods, called } = await drive(name);
    expect(methods.filter((m) => !called.has(m))).toEqual([]);
  });

  it.each(Object.keys(ADAPTERS))("%s: every query it runs has its index in firestore.indexes.json", async (name) => {
    const { queries } = await drive(name);
    const missing = [...new Set(queries.map((q) => missingIndex(indexes, q)).filter((m) => m !== undefined))];
    expect(missing).toEqual([]);
  });

  it("the recording reaches the queries that need composite indexes (the test can fail)", async () => {
    const { queries } = await drive("firestoreCases");
    const needs = queries.map((q) => describeNeed(indexNeed(q)));
    // the administrator's default Cases page: no filter, newest first
    expect(needs).toContain("cases (COLLECTION): createdAt DESCENDING, id DESCENDING");
    const empty: IndexesFile = { indexes: [], fieldOverrides: [] };
    expect(queries.map((q) => missingIndex(empty, q)).filter(Boolean).length).toBeGreaterThan(5);
  });
});
