// What leaves the system and what stays behind: the tombstone of a purged case, the deletion
// receipt, erasure requests with their second administrator, the sweep's counts and cursors.
import { z } from "zod";
import { caseKindSchema, caseView } from "./cases.js";
import { countrySchema, idSchema, isoDateTimeSchema, officerNamesSchema, requiredText } from "./common.js";

const count = z.int().min(0);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** why a case was purged: resolved as reunified, closed, or erased on request (four-eyes) */
/** why a case left the store: what its tombstone says */
const tombstoneOutcomeSchema = z.enum(["reunified", "closed", "erased"]);
export type TombstoneOutcome = z.infer<typeof tombstoneOutcomeSchema>;

/** what a purge deleted; the photo hashes let anyone check later that a given photo is gone */
const purgeReceiptSchema = z.object({
  photos: count,
  photoSha256: z.array(sha256),
  blobs: count,
  faces: count,
  matches: count,
  notifications: count,
  bulletins: count,
  /** the records of SMS sent to the family (receipts from before SMS existed have none) */
  smsMessages: count.default(0),
  searchesScrubbed: count,
});
export type PurgeReceipt = z.infer<typeof purgeReceiptSchema>;

/**
 * All that remains of a purged case: who it was about is gone, that it existed, how it ended and
 * who decided are kept. While the purge runs the receipt is kept here, so a purge interrupted and
 * run again still reports every photo it deleted; the finished receipt lives in the audit log.
 */
const caseTombstoneDoc = z.object({
  caseId: idSchema,
  kind: caseKindSchema,
  country: countrySchema,
  outcome: tombstoneOutcomeSchema,
  createdAt: isoDateTimeSchema,
  /** when it was resolved or closed; absent for an open case erased on request */
  endedAt: isoDateTimeSchema.optional(),
  /** who resolved or closed it, or the administrator who approved the erasure */
  decidedBy: z.string(),
  /** erasure: the administrator who asked for it */
  requestedBy: z.string().optional(),
  state: z.enum(["purging", "purged"]),
  purgeStartedAt: isoDateTimeSchema,
  purgedAt: isoDateTimeSchema.optional(),
  pendingReceipt: purgeReceiptSchema.optional(),
});
export type CaseTombstone = z.infer<typeof caseTombstoneDoc>;

export const erasureStatusSchema = z.enum(["pending", "executed", "declined"]);
const erasureRequestDoc = z.object({
  id: idSchema,
  caseId: idSchema,
  /** the legal ground, e.g. "family's request under Law 058/2021, art. 22, letter of 3 May" */
  reason: z.string(),
  status: erasureStatusSchema,
  requestedBy: z.string(),
  requestedAt: isoDateTimeSchema,
  /** the second administrator: approved (executed) or declined */
  decidedBy: z.string().optional(),
  decidedAt: isoDateTimeSchema.optional(),
  declineNote: z.string().optional(),
  /** counts of what the purge deleted (the photo hashes are in the audit entry) */
  deleted: purgeReceiptSchema.omit({ photoSha256: true }).optional(),
  /** the case's file number when it was asked for: what the administrators know it by after the erasure */
  externalRef: z.string().optional(),
});
export type ErasureRequest = z.infer<typeof erasureRequestDoc>;

/** the case by its id, or by the file number it is known by (caseRef: an id typed there is read as one too) */
export const requestCaseErasureInput = z.union([
  z.strictObject({ caseId: idSchema, reason: requiredText(500) }),
  z.strictObject({ caseRef: requiredText(120), reason: requiredText(500) }),
]);
export const erasureRequestIdInput = z.strictObject({ requestId: idSchema });
export const declineCaseErasureInput = z.strictObject({ requestId: idSchema, note: requiredText(500) });
export const listErasureRequestsInput = z.strictObject({
  status: erasureStatusSchema.optional(),
  limit: z.int().min(1).max(100).default(50),
});
/** the request with what the administrators need to decide: the case as it stands, or its tombstone */
const erasureRequestView = erasureRequestDoc.extend({
  case: caseView
    .pick({ id: true, kind: true, country: true, status: true, externalRef: true, station: true, createdAt: true })
    .optional(),
});
export const erasureRequestOutput = z.object({ request: erasureRequestView });
export const erasureRequestsOutput = z.object({
  requests: z.array(erasureRequestView),
  officerNames: officerNamesSchema,
});
export const approveCaseErasureOutput = z.object({
  request: erasureRequestView,
  tombstone: caseTombstoneDoc.omit({ pendingReceipt: true }),
});

/** the rules of one sweep, in the order they run */
const sweepRuleSchema = z.enum([
  "expired_records",
  "probes",
  "orphan_blobs",
  "search_history",
  "case_purge",
  "open_case_review",
]);
export type SweepRule = z.infer<typeof sweepRuleSchema>;

const sweepCountsSchema = z.object({
  expiredRecords: count,
  probesDeleted: count,
  /** stored bytes under cases/ without a photo record that keeps them (an upload cut short, a refusal interrupted) */
  orphanBlobsDeleted: count,
  searchesReduced: count,
  casesPurged: count,
  photosDeleted: count,
  facesDeleted: count,
  blobsDeleted: count,
  reviewsRequested: count,
});
export type SweepCounts = z.infer<typeof sweepCountsSchema>;

/** kept between runs: where each rule stopped, so a stopped sweep resumes there */
export const sweepStateDoc = z.object({
  cursors: z.partialRecord(sweepRuleSchema, z.string()),
  /** the rules that reached their end since the last complete sweep: a stopped sweep goes on with the others */
  finished: z.array(sweepRuleSchema).optional(),
  lastRun: sweepCountsSchema.extend({ at: isoDateTimeSchema, complete: z.boolean() }).optional(),
});
export type SweepState = z.infer<typeof sweepStateDoc>;
