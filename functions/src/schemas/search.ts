import { z } from "zod";
import { caseKindSchema, caseStatusSchema } from "./cases.js";
import { countrySchema, idSchema, isoDateTimeSchema, pageSizeSchema, requiredText, text, uidSchema } from "./common.js";
import { boxSchema, inlineImage, qualitySchema, reasonSchema } from "./photos.js";
import { PROBE_PATH } from "./storage-paths.js";

export const bandSchema = z.enum(["strong", "possible", "weak"]);
/** a candidate's band; an investigative search also lists faces below the match threshold */
export const candidateBandSchema = z.enum([...bandSchema.options, "below_threshold"]);
/**
 * identify: only candidates at or above the match threshold (NIST's identification mode);
 * investigate: the top K whatever their score, for long-missing persons whose photos are years old
 * (NIST's investigative mode); auto: investigate when the case searched for has photos that old.
 */
export const searchModeSchema = z.enum(["auto", "identify", "investigate"]);
export const outcomeSchema = z.enum(["potential_candidate", "no_candidate", "inconclusive"]);
export type SearchOutcome = z.infer<typeof outcomeSchema>;

const searchPurposeSchema = z.union([
  z.strictObject({ caseId: idSchema }),
  z.strictObject({ reason: requiredText(500) }),
]);
/** what the officer types: a case id, the reference officers know the case by (e.g. "MUK-2026-0113"), or a reason */
export const searchPurposeInputSchema = z.union([
  z.strictObject({ caseId: idSchema }),
  z.strictObject({ caseRef: requiredText(120) }),
  z.strictObject({ reason: requiredText(500) }),
]);

export const searchFacesInput = z.strictObject({
  probe: z.union([
    z.strictObject({ contentBase64: inlineImage }),
    /** a Storage object the caller uploaded under probes/{uid}/; deleted after the search */
    z.strictObject({ storagePath: z.string().regex(PROBE_PATH) }),
  ]),
  purpose: searchPurposeInputSchema,
  filters: z
    .strictObject({
      kind: caseKindSchema.optional(),
      country: countrySchema.optional(),
      status: caseStatusSchema.optional(),
    })
    .default({}),
  mode: searchModeSchema.default("auto"),
  /** candidate cases per probe face (default 10; an investigative search: the deployment's top K, 20) */
  limit: z.int().min(1).max(50).optional(),
  /** when the searched photo was taken: the years to each candidate's photo are reported from it (unknown: no gap is claimed) */
  probePhotoDate: z.iso.date().optional(),
});
export type SearchFacesInput = z.infer<typeof searchFacesInput>;
/** what a use case is given: the parsed input, where the mode may be left to its default */
export type SearchFacesRequest = Omit<SearchFacesInput, "mode"> & { mode?: SearchFacesInput["mode"] };

export const candidateSchema = z.object({
  caseId: idSchema,
  externalRef: z.string().optional(),
  kind: caseKindSchema,
  country: countrySchema,
  similarity: z.number(),
  band: candidateBandSchema,
  /** the best-matching photo of the case, and every matching photo */
  photo: z.object({ caseId: idSchema, photoId: idSchema, faceIndex: z.int() }),
  matchedPhotos: z.int(),
  /** years between the searched photo and the candidate's, when both dates are known and it is 2 years or more: the face score is less reliable */
  photoAgeGapYears: z.int().optional(),
});
export type Candidate = z.infer<typeof candidateSchema>;

const probeFaceResultSchema = z.object({
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
  /** the mode the search ran in, and why: asked for, or chosen because the case's photos are years old */
  mode: z.enum(["identify", "investigate"]),
  modeReason: z.enum(["asked", "old_photos", "default"]),
  /** the search was limited to this country's cases (an officer's own country, or the filter an admin chose) */
  searchedCountry: countrySchema.optional(),
  /** the kind of cases searched: the one asked for, or for a search tied to a case the other kind (that case itself is left out) */
  searchedKind: caseKindSchema.optional(),
  /** the case named as purpose, resolved from its id or reference */
  purposeCaseId: idSchema.optional(),
});
export type SearchFacesOutput = z.infer<typeof searchFacesOutput>;

/** what a history entry records, when it is not a photo searched against the gallery: a photo compared with one case, a video clip's tracks */
export const searchHistoryKindSchema = z.enum(["verify", "clip"]);

const searchHistoryDoc = z.object({
  id: idSchema,
  /** stored as `user_uid` in Firestore, the field name of the original TORA FACE guide */
  userUid: uidSchema,
  purpose: searchPurposeSchema,
  kind: searchHistoryKindSchema.optional(),
  filters: z.object({
    kind: caseKindSchema.optional(),
    country: countrySchema.optional(),
    status: caseStatusSchema.optional(),
  }),
  /** the probe photo's hash; removed with the candidates when the search is reduced */
  probeSha256: z.string().optional(),
  modelVersion: z.string(),
  createdAt: isoDateTimeSchema,
  faces: z.array(
    z.object({
      index: z.int(),
      candidates: z.array(z.object({ caseId: idSchema, similarity: z.number(), band: candidateBandSchema })),
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
  limit: pageSizeSchema,
});
export const listSearchHistoryOutput = z.object({
  entries: z.array(searchHistoryDoc),
  /** what people know the cases searched for by (file number, else the person's name), by case id; a case gone is absent */
  caseRefs: z.record(z.string(), z.string()),
});

export const recordSearchOutcomeInput = z.strictObject({
  searchId: idSchema,
  faceIndex: z.int().min(0).max(63),
  caseId: idSchema,
  outcome: outcomeSchema,
  note: text(1000).default(""),
});
export const recordSearchOutcomeOutput = z.object({ entry: searchHistoryDoc });
