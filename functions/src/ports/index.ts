import type { CaseStore, PhotoStore } from "./cases.js";
import type { FaceIndex } from "./faces.js";
import type { BlobStore, Clock, EventLog, FaceAnalyzer, KeyRing, RateLimiter } from "./infrastructure.js";
import type { IdentityProvider, Notifier, OfficerStore } from "./officers.js";
import type { AuditLog, SearchHistoryStore } from "./searches.js";

export * from "./cases.js";
export * from "./faces.js";
export * from "./infrastructure.js";
export * from "./officers.js";
export * from "./searches.js";

export interface Limits {
  searchesPerMinute: number;
  uploadsPerHour: number;
  /** years a closed case is kept before the retention sweep erases it */
  caseRetentionYears: number;
}

export const DEFAULT_LIMITS: Limits = { searchesPerMinute: 10, uploadsPerHour: 200, caseRetentionYears: 5 };

/** Everything a use case may touch. Services receive it; adapters build it. */
export interface Deps {
  officers: OfficerStore;
  identity: IdentityProvider;
  notifier: Notifier;
  cases: CaseStore;
  photos: PhotoStore;
  faces: FaceIndex;
  searches: SearchHistoryStore;
  audit: AuditLog;
  rateLimiter: RateLimiter;
  blobs: BlobStore;
  clock: Clock;
  keyRing: KeyRing;
  analyzer: () => Promise<FaceAnalyzer>;
  events: EventLog;
  limits: Limits;
  /** 16+ random bytes (base64) keyed into IP hashes; from a secret in production */
  ipHashKey?: string;
}
