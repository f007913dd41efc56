import { z } from "zod";
import { caseKindSchema, caseStatusSchema } from "./cases.js";
import { countrySchema, idSchema, isoDateTimeSchema, requiredText, text, uidSchema } from "./common.js";
import { boxSchema, inlineImage, qualitySchema, reasonSchema } from "./photos.js";
import { PROBE_PATH } from "./storage-paths.js";

export const bandSchema = z.enum(["strong", "possible", "weak"]);
export const outcomeSchema = z.enum(["potential_candidate", "no_candidate", "inconclusive"]);

export const searchPurposeSchema = z.union([
  z.strictObject({ caseId: idSchema }),
  z.strictObject({ reason: requiredText(500) }),
]);

export const searchFacesInput = z.strictObject({
  probe: z.union([
    z.strictObject({ contentBase64: inlineImage }),
    /** a Storage object the caller uploaded under probes/{uid}/; deleted after the search */
    z.strictObject({ storagePath: z.string().regex(PROBE_PATH) }),
  ]),
  purpose: searchPurposeSchema,
  filters: z
    .strictObject({
      kind: caseKindSchema.optional(),
      country: countrySchema.optional(),
      status: caseStatusSchema.optional(),
    })
    .default({}),
  /** candidate cases per probe face */
  limit: z.int().min(1).max(50).default(10),
});
export type SearchFacesInput = z.infer<typeof searchFacesInput>;

export const candidateSchema = z.object({
  caseId: idSchema,
  externalRef: z.string().optional(),
  kind: caseKindSchema,
  country: countrySchema,
  similarity: z.number(),
  band: bandSchema,
  /** the best-matching photo of the case, and every matching photo */
  photo: z.object({ caseId: idSchema, photoId: idSchema, faceIndex: z.int() }),
  matchedPhotos: z.int(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const probeFaceResultSchema = z.object({
  index: z.int(),
  box: boxSchema,
  quality: qualitySchema,
  issues: z.array(reasonSchema),
  candidates: z.array(candidateSchema),
});

export const searchFacesOutput = z.object({
  searchId: idSchema,
  probeSha256: z.string(),
  modelVersion: z.string(),
  threshold: z.number(),
  /** the probe photo's own verdict (no face, too dark …); faces are searched even when weak */
  probeReasons: z.array(reasonSchema),
  faces: z.array(probeFaceResultSchema),
  notice: z.string(),
});
export type SearchFacesOutput = z.infer<typeof searchFacesOutput>;

export const searchHistoryDoc = z.object({
  id: idSchema,
  /** stored as `user_uid` in Firestore, the field name of the original TORA FACE guide */
  userUid: uidSchema,
  purpose: searchPurposeSchema,
  filters: z.object({ kind: caseKindSchema.optional(), country: countrySchema.optional(), status: caseStatusSchema.optional() }),
  /** the probe photo's hash; removed with the candidates when the search is reduced */
  probeSha256: z.string().optional(),
  modelVersion: z.string(),
  createdAt: isoDateTimeSchema,
  faces: z.array(
    z.object({
      index: z.int(),
      candidates: z.array(z.object({ caseId: idSchema, similarity: z.number(), band: bandSchema })),
    }),
  ),
  outcomes: z.array(
    z.object({
      faceIndex: z.int(),
      caseId: idSchema,
      outcome: outcomeSchema,
      note: z.string(),
      by: uidSchema,
      at: isoDateTimeSchema,
    }),
  ),
  /**
   * past the search-history retention only what the audit needs stays: who searched, when, why,
   * how many faces and candidates there were, and the outcomes recorded (without their notes)
   */
  reduced: z.object({ at: isoDateTimeSchema, faces: z.int(), candidates: z.int() }).optional(),
});
export type SearchHistoryEntry = z.infer<typeof searchHistoryDoc>;

export const listSearchHistoryInput = z.strictObject({
  /** admins only: another officer's history; omitted = everyone's for admins, own for officers */
  uid: uidSchema.optional(),
  limit: z.int().min(1).max(100).default(25),
});
export const listSearchHistoryOutput = z.object({ entries: z.array(searchHistoryDoc) });

export const recordSearchOutcomeInput = z.strictObject({
  searchId: idSchema,
  faceIndex: z.int().min(0).max(63),
  caseId: idSchema,
  outcome: outcomeSchema,
  note: text(1000).default(""),
});
export const recordSearchOutcomeOutput = z.object({ entry: searchHistoryDoc });
