// The domain's ports: what the use cases need from the outside world, each a small interface
// named for the domain. Adapters (firebase/, local/) implement them; services receive them as Deps.
import type { BlobStore } from "./blob-store.js";
import type { AppealWriter, BulletinStore } from "./bulletins.js";
import type { CaseDecisions, CaseStore, PhotoStore } from "./cases.js";
import type { Clock } from "./clock.js";
import type { EventLog } from "./events.js";
import type { FaceAnalyzer, FaceModels } from "./face-analyzer.js";
import type { FaceIndex, FaceVectors } from "./faces.js";
import type { KeyRing } from "./key-ring.js";
import type { MatchStore, NotificationStore } from "./matches.js";
import type { IdentityProvider, Notifier, OfficerStore } from "./officers.js";
import type { OperationsStore, ReembedQueue } from "./operations.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { CaseTombstoneStore, ErasureRequestStore, ExpiringRecords } from "./retention.js";
import type { AuditLog, SearchHistoryStore } from "./searches.js";
import type { Limits, Retention, SearchSettings } from "./settings.js";
import type { CrossBorderPorts } from "./peers.js";
import type { TemplateKeys } from "./template-keys.js";
import type { SmsPorts } from "./sms.js";

export * from "./blob-store.js";
export * from "./bulletins.js";
export * from "./cases.js";
export * from "./clock.js";
export * from "./events.js";
export * from "./face-analyzer.js";
export * from "./faces.js";
export * from "./key-ring.js";
export * from "./matches.js";
export * from "./officers.js";
export * from "./operations.js";
export * from "./paging.js";
export * from "./peers.js";
export * from "./rate-limiter.js";
export * from "./retention.js";
export * from "./searches.js";
export * from "./settings.js";
export * from "./sms.js";
export * from "./template-keys.js";
export * from "./updates.js";

/** Everything a use case may touch. Services receive it; adapters build it. */
export interface Deps {
  officers: OfficerStore;
  identity: IdentityProvider;
  notifier: Notifier;
  cases: CaseStore;
  /** a case's status changes: the case with its pairs, a pair with its cases, each one transaction */
  decisions: CaseDecisions;
  photos: PhotoStore;
  /** the search index, one face at a time: nearest neighbours, and each face's prefilter (case status, country) */
  faces: FaceIndex;
  /** the stored vectors as a whole, by case and model version: what a purge and a model migration need */
  vectors: FaceVectors;
  matches: MatchStore;
  notifications: NotificationStore;
  tombstones: CaseTombstoneStore;
  erasures: ErasureRequestStore;
  expiring: ExpiringRecords;
  bulletins: BulletinStore;
  operations: OperationsStore;
  reembedQueue: ReembedQueue;
  searches: SearchHistoryStore;
  audit: AuditLog;
  rateLimiter: RateLimiter;
  blobs: BlobStore;
  clock: Clock;
  keyRing: KeyRing;
  /** the secret transforms of stored face vectors (template protection) */
  templateKeys: TemplateKeys;
  /** the face engine this build enrols with when no other model is active */
  analyzer: () => Promise<FaceAnalyzer>;
  models: FaceModels;
  appealWriter: AppealWriter;
  events: EventLog;
  limits: Limits;
  retention: Retention;
  search: SearchSettings;
  /** 16+ random bytes (base64) keyed into IP hashes; from a secret in production */
  ipHashKey?: string;
  /** cross-border search: requests, pairs, agreements, the peer allow-list and the link (ports/peers.ts) */
  crossBorder: CrossBorderPorts;
  /** SMS to families: the gateway, the messages and their limits' counters */
  sms: SmsPorts;
}
