import type { Notification } from "../schemas/index.js";

/** messages to officers, read in the portal */
export interface NotificationStore {
  /** the same id twice keeps one notification */
  put(notification: Notification): Promise<void>;
  /** newest first */
  listForOfficer(officerUid: string, options: { unreadOnly: boolean; limit: number }): Promise<Notification[]>;
  listForCase(caseId: string): Promise<Notification[]>;
  deleteForCase(caseId: string): Promise<number>;
}
