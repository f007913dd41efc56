import type { AuditEntry, ListAuditLogsInput, SearchHistoryEntry } from "../schemas/index.js";
import type { Page, PageRequest } from "./paging.js";

export interface SearchHistoryStore {
  put(entry: SearchHistoryEntry): Promise<void>;
  get(id: string): Promise<SearchHistoryEntry | undefined>;
  /** newest first; all users when uid is undefined */
  list(filter: { uid?: string; limit: number }): Promise<SearchHistoryEntry[]>;
  countPerDay(sinceIso: string): Promise<{ day: string; count: number }[]>;
  /** searches made before `before`, oldest first (the retention sweep reduces them) */
  listCreatedBefore(before: string, page: PageRequest): Promise<Page<SearchHistoryEntry>>;
  /**
   * up to `limit` searches that name the case (purpose or candidate) or used one of these photos
   * as their probe; a search changed so that it no longer does drops out of the listing
   */
  listMentioning(caseId: string, probeSha256s: string[], limit: number): Promise<SearchHistoryEntry[]>;
}

/** append-only */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(filter: ListAuditLogsInput): Promise<AuditEntry[]>;
}
