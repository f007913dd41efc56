import type { AuditEntry, ListAuditLogsInput, SearchHistoryEntry } from "../schemas/index.js";

export interface SearchHistoryStore {
  put(entry: SearchHistoryEntry): Promise<void>;
  get(id: string): Promise<SearchHistoryEntry | undefined>;
  /** newest first; all users when uid is undefined */
  list(filter: { uid?: string; limit: number }): Promise<SearchHistoryEntry[]>;
  countPerDay(sinceIso: string): Promise<{ day: string; count: number }[]>;
}

/** append-only */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(filter: ListAuditLogsInput): Promise<AuditEntry[]>;
}
