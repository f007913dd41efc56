// Missing-person appeals: drafted by a language model from a case's non-sensitive facts, in the
// portal's five languages, edited and approved by an officer before anything is published.
import { z } from "zod";
import { caseKindSchema } from "./cases.js";
import { countrySchema, idSchema, isoDateTimeSchema, text } from "./common.js";

export const appealLanguageSchema = z.enum(["en", "fr", "sw", "rn", "rw"]);
export type AppealLanguage = z.infer<typeof appealLanguageSchema>;

const appealText = text(2000).pipe(z.string().min(1, "is required"));
export const appealTextsSchema = z.strictObject({
  en: appealText,
  fr: appealText,
  sw: appealText,
  rn: appealText,
  rw: appealText,
});
export type AppealTexts = z.infer<typeof appealTextsSchema>;

/**
 * Everything a language model may learn about a case: no contact, no officer, no file number, no
 * free text that still holds a phone number or an e-mail address (they are removed first).
 */
export const appealFactsSchema = z.strictObject({
  kind: caseKindSchema,
  country: countrySchema,
  names: z.array(z.string()),
  aliases: z.array(z.string()),
  sex: z.enum(["female", "male", "unknown"]),
  /** years, today: from the birth year or the age range */
  age: z.object({ min: z.int(), max: z.int() }).optional(),
  lastSeenPlace: z.string().optional(),
  lastSeenDate: z.iso.date().optional(),
  description: z.string().optional(),
  /** the police station to contact (a public office, not a person) */
  station: z.string(),
});
export type AppealFacts = z.infer<typeof appealFactsSchema>;

const bulletinDoc = z.object({
  id: idSchema,
  caseId: idSchema,
  /** nothing is published while a draft: an officer of the case edits and approves it */
  status: z.enum(["draft", "approved"]),
  texts: appealTextsSchema,
  /** the officer ticked "show the photo": the case's photo went to the model and goes on the appeal */
  photo: z.object({ caseId: idSchema, photoId: idSchema }).optional(),
  /** the model that drafted it (or the local template) */
  generator: z.string(),
  draftedBy: z.string(),
  draftedAt: isoDateTimeSchema,
  approvedBy: z.string().optional(),
  approvedAt: isoDateTimeSchema.optional(),
  /** the approved texts differ from the draft */
  edited: z.boolean().optional(),
});
export type Bulletin = z.infer<typeof bulletinDoc>;

export const draftAppealBulletinInput = z.strictObject({ caseId: idSchema, includePhoto: z.boolean().default(false) });
export const approveAppealBulletinInput = z.strictObject({ bulletinId: idSchema, texts: appealTextsSchema });
export const listAppealBulletinsInput = z.strictObject({ caseId: idSchema });
export const bulletinOutput = z.object({ bulletin: bulletinDoc });
export const bulletinsOutput = z.object({ bulletins: z.array(bulletinDoc) });
