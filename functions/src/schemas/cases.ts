import { z } from "zod";
import { countrySchema, idSchema, isoDateTimeSchema, requiredText, text, uidSchema } from "./common.js";

export const caseKindSchema = z.enum(["missing", "found"]);
export const caseStatusSchema = z.enum(["open", "resolved", "closed"]);
export type CaseKind = z.infer<typeof caseKindSchema>;
export type CaseStatus = z.infer<typeof caseStatusSchema>;

const year = z.int().min(1900).max(2100);
/** the subject's fields without defaults: an update names only what it changes */
const subjectFields = {
  names: z.array(requiredText(120)).max(10),
  aliases: z.array(requiredText(120)).max(10),
  sex: z.enum(["female", "male", "unknown"]),
  birthYear: year,
  ageRange: z.strictObject({ min: z.int().min(0).max(120), max: z.int().min(0).max(120) }).refine((r) => r.min <= r.max, "age range: min must not exceed max"),
  lastSeenPlace: text(200),
  lastSeenDate: z.iso.date(),
  description: text(2000),
};
export const subjectSchema = z.strictObject({
  ...subjectFields,
  names: subjectFields.names.default([]),
  aliases: subjectFields.aliases.default([]),
  sex: subjectFields.sex.default("unknown"),
  birthYear: subjectFields.birthYear.optional(),
  ageRange: subjectFields.ageRange.optional(),
  lastSeenPlace: subjectFields.lastSeenPlace.optional(),
  lastSeenDate: subjectFields.lastSeenDate.optional(),
  description: subjectFields.description.optional(),
});
/** a change to some of the subject's fields: absent fields stay as they are (no defaults apply) */
export const subjectUpdateSchema = z.strictObject(subjectFields).partial();

export const familyContactSchema = z.strictObject({
  name: requiredText(120),
  relationship: text(60).optional(),
  phone: z.string().trim().regex(/^\+\d{8,15}$/, "phone: international format, e.g. +25779123456"),
  notes: text(500).optional(),
});
export type FamilyContact = z.infer<typeof familyContactSchema>;

/** AES-256-GCM ciphertext with the id of the key that sealed it (for rotation) */
export const sealedSchema = z.strictObject({
  keyId: z.string().min(1).max(64),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});
export type Sealed = z.infer<typeof sealedSchema>;

export const createCaseInput = z.strictObject({
  kind: caseKindSchema,
  country: countrySchema,
  station: requiredText(120),
  /** the reference the case is known by outside TORA FACE (file number, import folder name) */
  externalRef: text(120).optional(),
  subject: subjectSchema,
  familyContact: familyContactSchema.optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseInput>;

export const caseDoc = z.object({
  id: idSchema,
  kind: caseKindSchema,
  status: caseStatusSchema,
  country: countrySchema,
  station: z.string(),
  externalRef: z.string().optional(),
  subject: subjectSchema,
  familyContact: sealedSchema.optional(),
  /** the officers responsible for the case (may read the family contact) */
  officerUids: z.array(uidSchema),
  createdBy: uidSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  closedAt: isoDateTimeSchema.optional(),
  closeReason: z.string().optional(),
  /** who closed it ("system" for the command line) */
  closedBy: z.string().optional(),
  resolvedAt: isoDateTimeSchema.optional(),
  resolvedBy: z.string().optional(),
  /**
   * when the case's photos, faces and contacts may be purged: counted from its resolution or
   * closing (retention settings); absent while it is open, which is never purged automatically
   */
  retentionUntil: isoDateTimeSchema.optional(),
  /** an open case without activity: its officers were asked whether it is still needed, and answered */
  review: z
    .object({
      requestedAt: isoDateTimeSchema.optional(),
      confirmedAt: isoDateTimeSchema.optional(),
      confirmedBy: z.string().optional(),
    })
    .optional(),
});
export type Case = z.infer<typeof caseDoc>;
/** what clients see: never the ciphertext */
export const caseView = caseDoc.omit({ familyContact: true }).extend({ hasFamilyContact: z.boolean() });
export type CaseView = z.infer<typeof caseView>;

export const updateCaseInput = z.strictObject({
  caseId: idSchema,
  station: requiredText(120).optional(),
  externalRef: text(120).optional(),
  subject: subjectUpdateSchema.optional(),
  familyContact: familyContactSchema.optional(),
  status: z.enum(["open", "resolved"]).optional(),
});
export const closeCaseInput = z.strictObject({ caseId: idSchema, reason: requiredText(500) });
export const getCaseInput = z.strictObject({ caseId: idSchema, includeFamilyContact: z.boolean().default(false) });
export const getCaseOutput = z.object({ case: caseView, familyContact: familyContactSchema.optional() });
export const caseOutput = z.object({ case: caseView });
export const listCasesInput = z.strictObject({
  country: countrySchema.optional(),
  status: caseStatusSchema.optional(),
  kind: caseKindSchema.optional(),
  limit: z.int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
});
export type ListCasesInput = z.infer<typeof listCasesInput>;
export const listCasesOutput = z.object({ cases: z.array(caseView), nextCursor: z.string().optional() });

export const confirmCaseStillNeededInput = z.strictObject({ caseId: idSchema });
