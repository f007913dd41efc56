// Local mode: every port on one SQLite file (or :memory:) and a blob folder (or memory).
import { createKeyRing } from "../crypto/aes-keyring.js";
import type { Clock, Deps, EventLog, FaceAnalyzer, IdentityProvider, Limits, Retention, SearchSettings } from "../../ports/index.js";
import { DEFAULT_LIMITS, DEFAULT_RETENTION, DEFAULT_SEARCH } from "../../ports/index.js";
import { systemClock } from "../system-clock.js";
import { diskBlobStore, memoryBlobStore } from "./blob-store.js";
import { openDatabase } from "./database.js";
import { localFaceIndex } from "./face-index.js";
import { localMatches, localNotifications } from "./matches.js";
import { localIdentity } from "./identity.js";
import { localOutbox } from "./outbox.js";
import { localRateLimiter } from "./rate-limiter.js";
import { localAudit, localCases, localOfficers, localPhotos, localSearches } from "./stores.js";

export interface LocalDepsOptions {
  /** a file path, or ":memory:" */
  database: string;
  /** a folder, or undefined for blobs in memory */
  blobDir?: string;
  keyRingSecret: string;
  analyzer: () => Promise<FaceAnalyzer>;
  events: EventLog;
  identity?: IdentityProvider;
  clock?: Clock;
  limits?: Partial<Limits>;
  retention?: Partial<Retention>;
  search?: Partial<SearchSettings>;
}

export function createLocalDeps(options: LocalDepsOptions): Deps & { identity: IdentityProvider } {
  const db = openDatabase(options.database);
  const clock = options.clock ?? systemClock;
  return {
    officers: localOfficers(db),
    identity: options.identity ?? localIdentity(db),
    notifier: localOutbox(db, clock),
    cases: localCases(db),
    photos: localPhotos(db),
    faces: localFaceIndex(db),
    matches: localMatches(db),
    notifications: localNotifications(db),
    searches: localSearches(db),
    audit: localAudit(db),
    rateLimiter: localRateLimiter(db, clock),
    blobs: options.blobDir ? diskBlobStore(options.blobDir) : memoryBlobStore(),
    clock,
    keyRing: createKeyRing(options.keyRingSecret),
    analyzer: options.analyzer,
    events: options.events,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    retention: { ...DEFAULT_RETENTION, ...options.retention },
    search: { ...DEFAULT_SEARCH, ...options.search },
  };
}
