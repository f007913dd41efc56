import type { CaseTombstone, ErasureRequest } from "../schemas/index.js";

export interface CaseTombstoneStore {
  get(caseId: string): Promise<CaseTombstone | undefined>;
  put(tombstone: CaseTombstone): Promise<void>;
}

export interface ErasureRequestStore {
  get(id: string): Promise<ErasureRequest | undefined>;
  put(request: ErasureRequest): Promise<void>;
  /** newest first */
  list(filter: { status?: ErasureRequest["status"]; caseId?: string; limit: number }): Promise<ErasureRequest[]>;
}

/**
 * Short-lived records (rate-limit windows, verification e-mails). Firestore deletes them itself
 * through TTL policies on `expireAt`; where nothing does (local mode), the sweep deletes them.
 */
export interface ExpiringRecords {
  deleteExpired(now: Date, limit: number): Promise<number>;
}
