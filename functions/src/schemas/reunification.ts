// Shapes of reunification: found-person intake, structured places, the facts a missing ↔ found
// pair is compared on, and the explained fused score. Case documents (cases.ts) carry the intake
// fields; the match pairs, their review and the officers' notifications are in matches.ts.
import { z } from "zod";
import { countrySchema, requiredText, text } from "./common.js";

const year = z.int().min(1900).max(2100);
const age = z.int().min(0).max(120);
const isoDate = z.iso.date();

export const sexSchema = z.enum(["female", "male", "unknown"]);
export type Sex = z.infer<typeof sexSchema>;

const ageRangeSchema = z
  .strictObject({ min: age, max: age })
  .refine((r) => r.min <= r.max, "age range: min must not exceed max");
export type AgeRange = z.infer<typeof ageRangeSchema>;

/**
 * Where someone was last seen or found: country → first level (Burundi: province; Rwanda: province
 * or the City of Kigali) → second level (Burundi: commune; Rwanda: district), each as a unit id
 * from the administrative lists (functions/src/matching/places.json) or as typed, former names
 * included; plus free text (colline, sector, landmark).
 */
export const placeSchema = z.strictObject({
  country: countrySchema,
  level1: text(80).optional(),
  level2: text(80).optional(),
  text: text(200).optional(),
});
export type Place = z.infer<typeof placeSchema>;

export const legalBasisSchema = z.enum(["family_report", "police_inquiry", "vital_interest"]);
/** a case excluded from cross-match says so, with the reason */
export const crossMatchPolicySchema = z.discriminatedUnion("allowed", [
  z.strictObject({ allowed: z.literal(true) }),
  z.strictObject({ allowed: z.literal(false), reason: requiredText(500) }),
]);

export const heldAtKindSchema = z.enum(["hospital", "shelter", "morgue", "police_station", "host_family", "other"]);
export const conditionSchema = z.enum(["alive", "injured", "deceased", "unknown"]);

/** the found-case intake fields without defaults: an update names only what it changes */
const foundDetailsFields = {
  dateFound: isoDate,
  /** where the person was found */
  foundPlace: placeSchema,
  /** where the person is now: a hospital, shelter, morgue, police station, host family… and its name */
  heldAt: z.strictObject({ kind: heldAtKindSchema, name: text(120).optional(), place: placeSchema.optional() }),
  condition: conditionSchema,
  /** the person cannot say who they are (infant, injured, unconscious, deceased) */
  cannotIdentify: z.boolean(),
};

/**
 * What a found case records beyond its subject. The officer's estimate of the person's age is the
 * subject's age range; the custody contact is sealed like the family contact (cases.ts).
 */
export const foundDetailsSchema = z.strictObject({
  ...foundDetailsFields,
  foundPlace: foundDetailsFields.foundPlace.optional(),
  heldAt: foundDetailsFields.heldAt.optional(),
  condition: foundDetailsFields.condition.default("unknown"),
  cannotIdentify: foundDetailsFields.cannotIdentify.default(false),
});
/** a change to some found-case fields: absent fields stay as they are (no defaults apply) */
export const foundDetailsUpdateSchema = z.strictObject(foundDetailsFields).partial();

const names = z.array(requiredText(120)).max(10).default([]);

/** what a missing case tells the matcher (close to cases.ts subject, with a structured place) */
export const missingFactsSchema = z.strictObject({
  names,
  aliases: names,
  sex: sexSchema.default("unknown"),
  birthYear: year.optional(),
  /** when the family knows an age rather than a birth year: the age on lastSeenDate */
  ageAtDisappearance: age.optional(),
  lastSeenDate: isoDate.optional(),
  lastSeenPlace: placeSchema.optional(),
});
export type MissingFacts = z.input<typeof missingFactsSchema>;

/** what a found case tells the matcher */
export const foundFactsSchema = z.strictObject({
  names,
  aliases: names,
  sex: sexSchema.default("unknown"),
  /** an officer's estimate on dateFound */
  estimatedAgeRange: ageRangeSchema.optional(),
  dateFound: isoDate.optional(),
  foundPlace: placeSchema.optional(),
});
export type FoundFacts = z.input<typeof foundFactsSchema>;

/** the best face pair of a missing ↔ found case pair, with the dates its photos were taken */
export const facePairEvidenceSchema = z.strictObject({
  /** calibrated cosine similarity of the two embeddings */
  similarity: z.number().min(-1).max(1),
  missingPhotoDate: isoDate.optional(),
  foundPhotoDate: isoDate.optional(),
});
export type FacePairEvidence = z.infer<typeof facePairEvidenceSchema>;

/** stable codes the portal translates (`factor.<code>` with the params); the sentence is the fallback */
export const factorCodeSchema = z.enum([
  "face_similarity",
  "photo_age_gap",
  "photo_age_gap_unknown",
  "sex_same",
  "sex_different",
  "age_overlap",
  "age_close",
  "age_edge",
  "age_apart",
  "found_after_last_seen",
  "found_before_last_seen",
  "place_same_level2",
  "place_same_level1",
  "place_different_level1",
  "place_different_country",
  "names_exact",
  "names_strong",
  "names_partial",
  "names_none",
  "facts_penalty_bounded",
  "strong_face_kept",
  /** a child's photo: the bands were set on adults' photos (a note, no weight) */
  "child_photo",
  /** possible duplicates: two reports of one kind compared (neither side is "missing" or "found") */
  "reports_sex_different",
  "reports_age_fit",
  "reports_age_apart",
  "reports_dates_close",
  "reports_dates_apart",
  "reports_place_different_country",
]);
export type FactorCode = z.infer<typeof factorCodeSchema>;

export const factorSchema = z.object({
  code: factorCodeSchema,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** natural-log likelihood ratio this factor adds (0 for notes that explain a bound) */
  llr: z.number(),
  /** English sentence: the CLI's text and the portal's fallback */
  sentence: z.string(),
});
export type Factor = z.infer<typeof factorSchema>;

/** "below_threshold" is a band too: investigative lists show such candidates, labelled */
export const fusedBandSchema = z.enum(["strong", "possible", "weak", "below_threshold"]);
export type FusedBand = z.infer<typeof fusedBandSchema>;

export const fusedScoreSchema = z.object({
  /** natural-log likelihood ratio, same person vs different persons; absolute, never relative to other candidates */
  llr: z.number(),
  band: fusedBandSchema,
  /** the band of the face similarity alone, for comparison */
  faceBand: fusedBandSchema,
  factors: z.array(factorSchema),
  calibrationVersion: z.string(),
});
export type FusedScore = z.infer<typeof fusedScoreSchema>;
