// Match pairs (missing ↔ found, and possible duplicates of one kind), their review that
// remembers, and the officers' notifications: documents and callables.
import { z } from "zod";
import { caseDoc, caseKindSchema, caseView, custodyContactSchema, familyContactSchema } from "./cases.js";
import {
  countrySchema,
  idSchema,
  isoDateTimeSchema,
  pageCursorSchema,
  pageSizeSchema,
  text,
  uidSchema,
} from "./common.js";
import { fusedBandSchema, fusedScoreSchema } from "./reunification.js";
import { outcomeSchema } from "./search.js";

/** `{missingCaseId}_{foundCaseId}`, or for a possible duplicate the two case ids in sorted order */
export const matchIdSchema = z.string().regex(/^[A-Za-z0-9_-]{3,257}$/, "not a match reference");

/** reunification: a missing case and a found case; duplicate: two cases of one kind that may be the same person */
export const matchKindSchema = z.enum(["reunification", "duplicate"]);
export type MatchKind = z.infer<typeof matchKindSchema>;

/**
 * new: not reviewed yet; potential, no_candidate, inconclusive: the reviewer's outcome;
 * confirmed: a second officer confirmed the reunification (reunification pairs only).
 */
export const matchStateSchema = z.enum(["new", "potential", "no_candidate", "inconclusive", "confirmed"]);
export type MatchState = z.infer<typeof matchStateSchema>;
/** the states that wait for an officer: the queue's default */
export const MATCH_STATES_TO_REVIEW: MatchState[] = ["new", "potential", "inconclusive"];

/** why the reviewer chose the outcome: stable codes the portal translates (`review.reason.<code>`) */
export const reviewReasonSchema = z.enum([
  "faces_match",
  "facts_fit",
  "distinctive_marks",
  "faces_differ",
  "facts_conflict",
  "other_person_identified",
  "photo_quality_poor",
  "needs_more_photos",
  "needs_more_information",
  "other",
]);
export type ReviewReason = z.infer<typeof reviewReasonSchema>;

/** one face of the best face pair: the photo to show as a thumbnail (getPhotoThumbnail) */
export const matchFaceSchema = z.object({
  caseId: idSchema,
  photoId: idSchema,
  faceIndex: z.int(),
  photoDate: z.iso.date().optional(),
});

/** what happened to a pair, kept for ever (stable codes the portal translates: `match.event.<code>`) */
export const matchEventSchema = z.enum([
  "opened",
  "face_changed",
  "facts_changed",
  "reviewed",
  "reopened",
  "confirmed",
]);

const matchHistoryEntrySchema = z.object({
  at: isoDateTimeSchema,
  /** the reviewer's uid, or "system" for the cross-match */
  by: z.string(),
  event: matchEventSchema,
  /** the state after the event */
  state: matchStateSchema,
  outcome: outcomeSchema.optional(),
  reason: reviewReasonSchema.optional(),
  note: z.string().optional(),
  /** the scores at that moment, and the versions that made them */
  similarity: z.number(),
  score: z.number(),
  band: fusedBandSchema,
  modelVersion: z.string(),
  calibrationVersion: z.string(),
  /** reopened: the face similarity the pair was reviewed "no candidate" at */
  reviewedSimilarity: z.number().optional(),
  /** the photo whose face changed the pair */
  photoId: idSchema.optional(),
});
export type MatchHistoryEntry = z.infer<typeof matchHistoryEntrySchema>;

export const matchDoc = z.object({
  id: matchIdSchema,
  kind: matchKindSchema,
  country: countrySchema,
  /** reunification: [missing, found]; duplicate: sorted */
  caseIds: z.tuple([idSchema, idSchema]),
  /** the best face pair of the two cases, in the order of caseIds */
  face: z.object({
    similarity: z.number(),
    /** the face-only band ("below_threshold" included) */
    band: fusedBandSchema,
    faces: z.tuple([matchFaceSchema, matchFaceSchema]),
  }),
  /** reunification pairs: the face and the case facts as one explained score */
  fused: fusedScoreSchema.optional(),
  /** the rank key, highest first: the fused LLR (duplicates: the face LLR) */
  score: z.number(),
  band: fusedBandSchema,
  modelVersion: z.string(),
  calibrationVersion: z.string(),
  state: matchStateSchema,
  /** both cases are open: only such pairs wait in the queue */
  casesOpen: z.boolean(),
  /** the last "no candidate" review: the pair comes back only when new photos beat this face score by REOPEN_MARGIN */
  dismissed: z.object({ similarity: z.number(), by: uidSchema, at: isoDateTimeSchema }).optional(),
  history: z.array(matchHistoryEntrySchema),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Match = z.infer<typeof matchDoc>;

/** what the queue shows of each case of a pair */
const matchCaseSummarySchema = caseDoc
  .pick({ id: true, kind: true, status: true, country: true, station: true, externalRef: true })
  .extend({
    names: z.array(z.string()),
    /** the caller is one of the case's officers */
    mine: z.boolean(),
  });
export type MatchCaseSummary = z.infer<typeof matchCaseSummarySchema>;

export const listMatchesInput = z.strictObject({
  /** default: the pairs waiting for an officer (new, potential, inconclusive) */
  states: z.array(matchStateSchema).min(1).max(5).optional(),
  kind: matchKindSchema.optional(),
  /** one case's pairs, whatever their state unless states is given */
  caseId: idSchema.optional(),
  /** administrators: one country (others see their own country's pairs) */
  country: countrySchema.optional(),
  limit: pageSizeSchema,
  cursor: pageCursorSchema.optional(),
});
export type ListMatchesInput = z.infer<typeof listMatchesInput>;
export const listMatchesOutput = z.object({
  /** highest score first; never normalised by the best pair */
  matches: z.array(z.object({ match: matchDoc, cases: z.tuple([matchCaseSummarySchema, matchCaseSummarySchema]) })),
  /** pairs not reviewed yet in the caller's reach (a badge) */
  newCount: z.int(),
  nextCursor: z.string().optional(),
});

/** why the caller may not confirm, when they may not (an error reason's code) */
export const confirmRefusalSchema = z.enum([
  "match_not_reunification",
  "match_not_potential",
  "match_same_reviewer",
  "match_confirm_not_allowed",
  "match_cases_not_open",
]);

export const getMatchInput = z.strictObject({
  matchId: matchIdSchema,
  /** after a confirmed reunification: the missing person's family contact and the found person's custody contact (audited) */
  includeContacts: z.boolean().default(false),
});
export const getMatchOutput = z.object({
  match: matchDoc,
  /** both cases in full, in the order of caseIds */
  cases: z.tuple([caseView, caseView]),
  access: z.object({
    mayReview: z.boolean(),
    mayConfirm: z.boolean(),
    confirmRefusal: confirmRefusalSchema.optional(),
    mayReadContacts: z.boolean(),
  }),
  familyContact: familyContactSchema.optional(),
  custodyContact: custodyContactSchema.optional(),
});

export type GetMatchOutput = z.infer<typeof getMatchOutput>;

export const reviewMatchInput = z
  .strictObject({
    matchId: matchIdSchema,
    outcome: outcomeSchema,
    reason: reviewReasonSchema,
    note: text(1000).optional(),
  })
  .refine((r) => r.reason !== "other" || !!r.note, { path: ["note"], message: "say why when the reason is 'other'" });
export const confirmReunificationInput = z.strictObject({ matchId: matchIdSchema, note: text(1000).optional() });
export const matchOutput = z.object({ match: matchDoc });
export const confirmReunificationOutput = z.object({ match: matchDoc, cases: z.tuple([caseView, caseView]) });

// ---------------------------------------------------------------------------- notifications

/** stable codes the portal translates (`notification.<kind>`) */
export const notificationKindSchema = z.enum([
  "new_candidate",
  "candidate_reopened",
  "confirmation_needed",
  "reunification_confirmed",
  "possible_duplicate",
  /** an open case without activity for months: is it still needed? (retention) */
  "case_review_due",
]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

const notificationDoc = z.object({
  /** deterministic: one per officer and event of a pair, so a repeated delivery notifies once */
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,512}$/),
  uid: uidSchema,
  kind: notificationKindSchema,
  /** the pair it is about (the reunification kinds) */
  matchId: matchIdSchema.optional(),
  /** the case or the two cases of a pair it is about, as officers know them */
  cases: z
    .array(z.object({ id: idSchema, kind: caseKindSchema, externalRef: z.string().optional() }))
    .min(1)
    .max(2),
  /** non-personal facts for the sentence (months, counts) */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** English fallback */
  message: z.string(),
  createdAt: isoDateTimeSchema,
  readAt: isoDateTimeSchema.optional(),
});
export type Notification = z.infer<typeof notificationDoc>;

export const listNotificationsInput = z.strictObject({ unreadOnly: z.boolean().default(false), limit: pageSizeSchema });
export const listNotificationsOutput = z.object({ notifications: z.array(notificationDoc), unread: z.int() });
export const markNotificationsReadInput = z.union([
  z.strictObject({ ids: z.array(z.string().max(512)).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);
export const markNotificationsReadOutput = z.object({ marked: z.int(), unread: z.int() });
