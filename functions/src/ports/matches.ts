import type { Country, Match, MatchKind, MatchState, Notification } from "../schemas/index.js";
import type { Change, Updated } from "./updates.js";

export interface MatchFilter {
  country?: Country;
  states?: MatchState[];
  kind?: MatchKind;
  /** only pairs whose two cases are open (the queue) */
  casesOpen?: boolean;
  /** only pairs concerning any of these (Match.concerns: `u:{uid}`, `s:{station key}`), at most 30 */
  concernsAny?: string[];
}

/** The match pairs (`matches/{missingCaseId}_{foundCaseId}`), one document per pair of cases. */
export interface MatchStore {
  get(id: string): Promise<Match | undefined>;
  /**
   * Reads the pair, applies `change` and writes what it returns, atomically (ports/updates.ts):
   * concurrent cross-matches and reviews of one pair never lose each other's work. `after` is the
   * pair as stored when the call ends.
   */
  update(id: string, change: Change<Match>): Promise<Updated<Match>>;
  /** deletes the pair when `when` holds of it, atomically (a confirmation meanwhile keeps it); true when deleted */
  remove(id: string, when: (current: Match) => boolean): Promise<boolean>;
  /** every pair of a case, on either side */
  listForCase(caseId: string): Promise<Match[]>;
  /** highest score first; the cursor is opaque */
  list(
    filter: MatchFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ matches: Match[]; nextCursor?: string }>;
  count(filter: MatchFilter): Promise<number>;
  /** deletes every pair of a case (a purge or an erasure); returns how many */
  deleteForCase(caseId: string): Promise<number>;
}

/** What the portal reads as "notifications": one document per officer and event. */
export interface NotificationStore {
  /** writes it unless one with its id exists; true when written */
  create(notification: Notification): Promise<boolean>;
  /** newest first */
  list(uid: string, options: { unreadOnly: boolean; limit: number }): Promise<Notification[]>;
  countUnread(uid: string): Promise<number>;
  /** marks the officer's own notifications read (ids of others are ignored); returns how many changed */
  markRead(uid: string, ids: string[] | "all", at: string): Promise<number>;
  /** deletes every notification about a case (a purge or an erasure); returns how many */
  deleteForCase(caseId: string): Promise<number>;
}
