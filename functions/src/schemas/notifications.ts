// Messages to officers inside the portal. The kinds grow with the product (reunification adds
// its candidates and confirmations); each kind is a key the portal translates with its params.
import { z } from "zod";
import { idSchema, isoDateTimeSchema, uidSchema } from "./common.js";

export const notificationKindSchema = z.enum([
  /** an open case without activity for months: is it still needed? */
  "case_review_due",
]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationDoc = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  officerUid: uidSchema,
  kind: notificationKindSchema,
  caseId: idSchema.optional(),
  /** non-personal facts for the sentence (months, counts) */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  createdAt: isoDateTimeSchema,
  readAt: isoDateTimeSchema.optional(),
});
export type Notification = z.infer<typeof notificationDoc>;

export const listMyNotificationsInput = z.strictObject({ unreadOnly: z.boolean().default(true), limit: z.int().min(1).max(100).default(50) });
export const notificationsOutput = z.object({ notifications: z.array(notificationDoc) });
