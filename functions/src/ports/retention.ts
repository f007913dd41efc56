import type { CaseTombstone, ErasureRequest } from "../schemas/index.js";
import type { Page, PageRequest } from "./paging.js";
import type { Change, Updated } from "./updates.js";

export interface CaseTombstoneStore {
  get(caseId: string): Promise<CaseTombstone | undefined>;
  put(tombstone: CaseTombstone): Promise<void>;
  /** every tombstone, by case id (after a restore, each is checked for a case that came back) */
  list(page: PageRequest): Promise<Page<CaseTombstone>>;
}

export interface ErasureRequestStore {
  get(id: string): Promise<ErasureRequest | undefined>;
  /** writes a whole request (fixtures, a restore); a new request is `createPending`, a decision `update` */
  put(request: ErasureRequest): Promise<void>;
  /** writes the pending request unless one for its case is pending already, atomically; returns that one then */
  createPending(request: ErasureRequest): Promise<{ created: boolean; pending: ErasureRequest }>;
  update(id: string, change: Change<ErasureRequest>): Promise<Updated<ErasureRequest>>;
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
