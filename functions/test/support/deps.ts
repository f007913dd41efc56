// In-memory deps for service tests: ":memory:" SQLite, blobs in memory, claims in the local
// identity store, a settable clock, and the real engine (loaded only when a test analyses a photo).
import { createLocalDeps, type LocalDeps, type LocalDepsOptions } from "../../src/adapters/local/deps.js";
import { localIdentity } from "../../src/adapters/local/identity.js";
import { silentEvents } from "../../src/runtime/events.js";
import { openDatabase } from "../../src/adapters/local/database.js";
import { newKeyRingSecret } from "../../src/adapters/crypto/aes-keyring.js";
import { createFaceEngine, type FaceEngine } from "../../src/engine/index.js";
import type { Limits } from "../../src/ports/index.js";
import type { Actor } from "../../src/services/actor.js";
import type { Officer } from "../../src/schemas/index.js";
import { withLocalPhotoTrigger } from "../../src/runtime/local-triggers.js";
import { MODELS } from "./data.js";

let engine: FaceEngine | undefined;
export const testAnalyzer = async (): Promise<FaceEngine> => (engine ??= createFaceEngine({ modelsDir: MODELS }));

/** the IP-hashing secret of the test deps (a secret in production) */
export const TEST_IP_HASH_KEY = "dGVzdC1pcC1oYXNoLWtleS1vZi0zMi1ieXRlcyE=";

/** the template keys of the test deps (a secret in production) */
export const TEST_TEMPLATE_KEYS = newKeyRingSecret("test-template");

export interface TestDeps extends LocalDeps {
  clockAt: { now: Date };
  revocations(uid: string): number;
}

/** the store in memory by default; a database file and a blob folder when a test reads them back */
export function memoryDeps(
  limits: Partial<Limits> = {},
  options: Partial<Omit<LocalDepsOptions, "clock" | "identity" | "limits">> = {},
): TestDeps {
  const clockAt = { now: new Date("2026-11-25T10:00:00.000Z") };
  const identity = localIdentity(openDatabase(":memory:"));
  const deps = createLocalDeps({
    database: ":memory:",
    keyRingSecret: newKeyRingSecret("test"),
    // one fixed template key: a test that reopens a store on disk finds its vectors under it
    templateKeySecret: TEST_TEMPLATE_KEYS,
    analyzer: testAnalyzer,
    events: silentEvents,
    ...options,
    identity,
    clock: { now: () => new Date(clockAt.now) },
    limits,
  });
  // the same object, its photo store wrapped as in local mode (a photo write runs what the
  // production trigger on photo documents runs): its ports (models) read deps.analyzer, which tests may replace
  return withLocalPhotoTrigger(
    Object.assign(deps, { ipHashKey: TEST_IP_HASH_KEY, clockAt, revocations: (uid: string) => identity.revoked(uid) }),
  );
}

export const actor = (uid: string, claims: Actor["claims"], emailVerified = true): Actor => ({
  uid,
  emailVerified,
  claims,
});

/** the officer record behind a test actor: its role, status and country (what the callables read) */
export const officerRecordOf = (a: Actor, details: Partial<Officer> = {}): Officer => ({
  uid: a.uid,
  name: "N",
  badgeNumber: "B-1",
  rank: "R",
  station: "S",
  country: a.claims.country ?? "BI",
  phone: "+25779123456",
  role: a.claims.role ?? "officer",
  status: a.claims.status ?? "pending",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...details,
});
export const admin = actor("admin-1", { role: "admin", status: "approved", country: "BI" });
export const officerBI = actor("officer-bi", { role: "officer", status: "approved", country: "BI" });
export const officerRW = actor("officer-rw", { role: "officer", status: "approved", country: "RW" });
export const supervisorBI = actor("supervisor-bi", { role: "supervisor", status: "approved", country: "BI" });
export const pending = actor("pending-1", { role: "officer", status: "pending", country: "BI" });
export const suspended = actor("suspended-1", { role: "officer", status: "suspended", country: "BI" });
export const unverified = actor("unverified-1", { role: "officer", status: "approved", country: "BI" }, false);
