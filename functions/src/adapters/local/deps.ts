// Local mode: every port on one SQLite file (or :memory:) and a blob folder (or memory).
import { randomBytes } from "node:crypto";
import { createKeyRing } from "../crypto/aes-keyring.js";
import { createTemplateKeys, newTemplateKeySecret } from "../crypto/template-keys.js";
import type {
  AppealWriter,
  Clock,
  Deps,
  EventLog,
  FaceAnalyzer,
  FaceModels,
  IdentityProvider,
  Limits,
  Retention,
  SearchSettings,
  SmsProvider,
} from "../../ports/index.js";
import { DEFAULT_LIMITS, DEFAULT_RETENTION, DEFAULT_SEARCH, DEFAULT_SMS_RETRY_DELAYS_MS } from "../../ports/index.js";
import { singleModel } from "../face-models.js";
import { systemClock } from "../system-clock.js";
import { templateAppealWriter } from "../appeal-template.js";
import { diskBlobStore, memoryBlobStore } from "./blob-store.js";
import { openDatabase } from "./database.js";
import { localCaseDecisions } from "./case-decisions.js";
import { localFaceIndex } from "./face-index.js";
import { localFaceVectors } from "./face-vectors.js";
import { localMatches, localNotifications } from "./matches.js";
import { localIdentity } from "./identity.js";
import {
  localBulletins,
  localErasures,
  localExpiringRecords,
  localOperations,
  localTombstones,
} from "./operation-stores.js";
import { localOutbox } from "./outbox.js";
import { localSmsMessages, localSmsOutbox } from "./sms.js";
import { localRateLimiter } from "./rate-limiter.js";
import { localReembedQueue, type LocalReembedQueue } from "./reembed-queue.js";
import { localAudit, localCases, localOfficers, localPhotos, localSearches } from "./stores.js";
import {
  localAgreements,
  localCrossBorderPairs,
  localPeerDirectory,
  localPeerLedger,
  localReceivedRequests,
  localSentRequests,
} from "./cross-border.js";
import { unlinkedPeers } from "../peer-envelope.js";
import type { Country } from "../../schemas/index.js";

export interface LocalDepsOptions {
  /** a file path, or ":memory:" */
  database: string;
  /** a folder, or undefined for blobs in memory */
  blobDir?: string;
  keyRingSecret: string;
  /** the template keys of the stored vectors; a store in memory may do without (a fresh key) */
  templateKeySecret?: string;
  analyzer: () => Promise<FaceAnalyzer>;
  /** the models the store may be migrated between; default: the analyzer's alone */
  models?: FaceModels;
  appealWriter?: AppealWriter;
  events: EventLog;
  identity?: IdentityProvider;
  clock?: Clock;
  limits?: Partial<Limits>;
  retention?: Partial<Retention>;
  search?: Partial<SearchSettings>;
  /** the countries whose records this store holds (default both: one deployment for the two) */
  countries?: Country[];
  /** the SMS gateway (default: the outbox in this store) and the waits between its attempts */
  smsProvider?: SmsProvider;
  smsRetryDelaysMs?: number[];
}

export type LocalDeps = Deps & { identity: IdentityProvider; reembedQueue: LocalReembedQueue };

export function createLocalDeps(options: LocalDepsOptions): LocalDeps {
  // a store on disk outlives this process: its vectors need the same keys next time
  if (options.templateKeySecret === undefined && options.database !== ":memory:")
    throw new Error("a local store on disk needs its template keys (TORA_TEMPLATE_KEYS or the dev key file)");
  const db = openDatabase(options.database);
  const clock = options.clock ?? systemClock;
  const smsProvider = options.smsProvider ?? localSmsOutbox(db, clock);
  const deps: LocalDeps = {
    officers: localOfficers(db),
    identity: options.identity ?? localIdentity(db),
    notifier: localOutbox(db, clock),
    cases: localCases(db),
    decisions: localCaseDecisions(db),
    photos: localPhotos(db),
    faces: localFaceIndex(db),
    vectors: localFaceVectors(db),
    matches: localMatches(db),
    notifications: localNotifications(db),
    tombstones: localTombstones(db),
    erasures: localErasures(db),
    expiring: localExpiringRecords(db),
    bulletins: localBulletins(db),
    operations: localOperations(db),
    reembedQueue: localReembedQueue(),
    searches: localSearches(db),
    audit: localAudit(db),
    rateLimiter: localRateLimiter(db, clock),
    blobs: options.blobDir ? diskBlobStore(options.blobDir, clock) : memoryBlobStore(clock),
    clock,
    keyRing: createKeyRing(options.keyRingSecret),
    templateKeys: createTemplateKeys(options.templateKeySecret ?? newTemplateKeySecret(`mem-${randomId()}`)),
    analyzer: options.analyzer,
    // the engine deps.analyzer holds now (a test or a new build may replace it)
    models: options.models ?? singleModel(() => deps.analyzer()),
    appealWriter: options.appealWriter ?? templateAppealWriter(),
    events: options.events,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    retention: { ...DEFAULT_RETENTION, ...options.retention },
    search: { ...DEFAULT_SEARCH, ...options.search },
    crossBorder: {
      countries: options.countries ?? ["BI", "RW"],
      sent: localSentRequests(db),
      received: localReceivedRequests(db),
      pairs: localCrossBorderPairs(db),
      agreements: localAgreements(db),
      peers: localPeerDirectory(db),
      ledger: localPeerLedger(db),
      // the runtime links the sides it holds (runtime/cross-border.ts)
      link: unlinkedPeers,
    },
    sms: {
      provider: () => smsProvider,
      messages: localSmsMessages(db),
      retryDelaysMs: options.smsRetryDelaysMs ?? DEFAULT_SMS_RETRY_DELAYS_MS,
    },
  };
  return deps;
}

const randomId = (): string => randomBytes(6).toString("hex");
