import { z } from "zod";
import {
  countrySchema,
  idSchema,
  isoDateTimeSchema,
  pageCursorSchema,
  pageSizeSchema,
  requiredText,
  text,
  uidSchema,
} from "./common.js";
import {
  crossMatchPolicySchema,
  foundDetailsSchema,
  foundDetailsUpdateSchema,
  legalBasisSchema,
  placeSchema,
  sexSchema,
} from "./reunification.js";
import { familySmsFields } from "./sms.js";

export const caseKindSchema = z.enum(["missing", "found"]);
export const caseStatusSchema = z.enum(["open", "resolved", "closed"]);
export type CaseKind = z.infer<typeof caseKindSchema>;
export type CaseStatus = z.infer<typeof caseStatusSchema>;

const year = z.int().min(1900).max(2100);
const age = z.int().min(0).max(120);
/** the subject's fields without defaults: an update names only what it changes */
const subjectFields = {
  names: z.array(requiredText(120)).max(10),
  aliases: z.array(requiredText(120)).max(10),
  sex: sexSchema,
  /** a missing person's birth year, as the family gives it */
  birthYear: year,
  /** a missing person's age on the day last seen, when the family knows an age rather than a birth year */
  ageAtDisappearance: age,
  /** an age range: for a found person, the officer's estimate on the day found */
  ageRange: z.strictObject({ min: age, max: age }).refine((r) => r.min <= r.max, "age range: min must not exceed max"),
  /** where a missing person was last seen: structured (country → level 1 → level 2 + text), or as free text (cases before places were structured) */
  lastSeenPlace: z.union([text(200), placeSchema]),
  lastSeenDate: z.iso.date(),
  description: text(2000),
};
const subjectSchema = z.strictObject({
  ...subjectFields,
  names: subjectFields.names.default([]),
  aliases: subjectFields.aliases.default([]),
  sex: subjectFields.sex.default("unknown"),
  birthYear: subjectFields.birthYear.optional(),
  ageAtDisappearance: subjectFields.ageAtDisappearance.optional(),
  ageRange: subjectFields.ageRange.optional(),
  lastSeenPlace: subjectFields.lastSeenPlace.optional(),
  lastSeenDate: subjectFields.lastSeenDate.optional(),
  description: subjectFields.description.optional(),
});
/** a change to some of the subject's fields: absent fields stay as they are (no defaults apply) */
const subjectUpdateSchema = z.strictObject(subjectFields).partial();

/** someone to call about the case; sealed on the case, opened only for those who may read it */
const contactSchema = z.strictObject({
  name: requiredText(120),
  /** to the person (a family) or their role (a nurse in charge, a shelter's director) */
  relationship: text(60).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+\d{8,15}$/, "phone: international format, e.g. +25779123456"),
  notes: text(500).optional(),
});
/** the missing person's family, with their consent to an SMS and its language (schemas/sms.ts) */
export const familyContactSchema = contactSchema.extend(familySmsFields);
export type FamilyContact = z.infer<typeof familyContactSchema>;
/** who holds a found person now (hospital, shelter, host family) */
export const custodyContactSchema = contactSchema;
export type CustodyContact = z.infer<typeof custodyContactSchema>;

/** AES-256-GCM ciphertext with the id of the key that sealed it (for rotation) */
export const sealedSchema = z.strictObject({
  keyId: z.string().min(1).max(64),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});
export type Sealed = z.infer<typeof sealedSchema>;

/** a found case's details, its custody contact, and a missing case's facts belong to that kind only */
function kindOnlyFields(
  value: { kind?: CaseKind; found?: unknown; custodyContact?: unknown; subject?: { ageAtDisappearance?: unknown } },
  ctx: z.RefinementCtx,
) {
  if (value.kind === "missing" && value.found !== undefined)
    ctx.addIssue({ code: "custom", path: ["found"], message: "only found cases have found details" });
  if (value.kind === "missing" && value.custodyContact !== undefined)
    ctx.addIssue({ code: "custom", path: ["custodyContact"], message: "only found cases have a custody contact" });
  if (value.kind === "found" && value.subject?.ageAtDisappearance !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["subject", "ageAtDisappearance"],
      message: "only missing cases have an age at disappearance",
    });
}

/** a new case's fields, before the rules that tie some of them to the kind */
const createCaseFields = z.strictObject({
  kind: caseKindSchema,
  country: countrySchema,
  station: requiredText(120),
  /** the reference the case is known by outside TORA FACE (file number, import folder name) */
  externalRef: text(120).optional(),
  subject: subjectSchema,
  familyContact: familyContactSchema.optional(),
  /** found cases: date and place found, where held now, condition */
  found: foundDetailsSchema.optional(),
  custodyContact: custodyContactSchema.optional(),
  legalBasis: legalBasisSchema.optional(),
  /** absent: the case is cross-matched */
  crossMatch: crossMatchPolicySchema.optional(),
});
export const createCaseInput = createCaseFields.superRefine(kindOnlyFields);
export type CreateCaseInput = z.infer<typeof createCaseInput>;

export const caseOutcomeSchema = z.enum(["reunified"]);
/** how a case was resolved by a confirmed match */
const reunificationRecordSchema = z.object({
  matchId: idSchema,
  otherCaseId: idSchema,
  /** the officer who marked the pair a potential candidate, and the second officer who confirmed it */
  markedBy: uidSchema,
  confirmedBy: uidSchema,
  at: isoDateTimeSchema,
});

export const caseDoc = z.object({
  id: idSchema,
  kind: caseKindSchema,
  status: caseStatusSchema,
  country: countrySchema,
  station: z.string(),
  externalRef: z.string().optional(),
  subject: subjectSchema,
  familyContact: sealedSchema.optional(),
  found: foundDetailsSchema.optional(),
  custodyContact: sealedSchema.optional(),
  legalBasis: legalBasisSchema.optional(),
  /** absent (cases from before the policy): cross-matched */
  crossMatch: crossMatchPolicySchema.optional(),
  outcome: caseOutcomeSchema.optional(),
  reunification: reunificationRecordSchema.optional(),
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
  /** the last re-opening (reopenCase): who, when, why, and what the case was */
  reopened: z.object({ by: z.string(), at: isoDateTimeSchema, reason: z.string(), from: caseStatusSchema }).optional(),
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
  /**
   * what a case search asks for, written by the stores with every write of the case (one
   * transaction): the keys of its names and file number (matching/name-search.ts) and its station's
   * key. Derived, never set by a use case, never shown.
   */
  searchKeys: z.array(z.string()).optional(),
  stationKey: z.string().optional(),
});
export type Case = z.infer<typeof caseDoc>;
/** what clients see: never the ciphertext, nor the stores' search keys */
export const caseView = caseDoc
  .omit({ familyContact: true, custodyContact: true, searchKeys: true, stationKey: true })
  .extend({ hasFamilyContact: z.boolean(), hasCustodyContact: z.boolean() });
export type CaseView = z.infer<typeof caseView>;

/** an edit changes facts; a status changes through closeCase, reopenCase and confirmReunification (services/case-status.ts) */
const CASE_STATUS_NOT_EDITED =
  "A case's status is not changed by an edit: close it (closeCase), re-open it (reopenCase) or confirm its reunification (confirmReunification)";

export const updateCaseInput = z.strictObject(
  {
    caseId: idSchema,
    station: requiredText(120).optional(),
    externalRef: text(120).optional(),
    subject: subjectUpdateSchema.optional(),
    familyContact: familyContactSchema.optional(),
    found: foundDetailsUpdateSchema.optional(),
    custodyContact: custodyContactSchema.optional(),
    legalBasis: legalBasisSchema.optional(),
    crossMatch: crossMatchPolicySchema.optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" && issue.keys.includes("status") ? CASE_STATUS_NOT_EDITED : undefined,
  },
);
export type UpdateCaseInput = z.infer<typeof updateCaseInput>;
export const closeCaseInput = z.strictObject({ caseId: idSchema, reason: requiredText(500) });
export const reopenCaseInput = z.strictObject({ caseId: idSchema, reason: requiredText(500) });
export const getCaseInput = z.strictObject({
  caseId: idSchema,
  includeFamilyContact: z.boolean().default(false),
  includeCustodyContact: z.boolean().default(false),
});
export const getCaseOutput = z.object({
  case: caseView,
  familyContact: familyContactSchema.optional(),
  custodyContact: custodyContactSchema.optional(),
  /** what the caller may do with this case: the portal offers only that */
  access: z.object({ mayChange: z.boolean(), mayReadFamilyContact: z.boolean(), mayReadCustodyContact: z.boolean() }),
});
export const caseOutput = z.object({ case: caseView });
/** whose cases a listing shows: the caller's own (their default in the portal), their station's, or the country's */
export const caseScopeSchema = z.enum(["mine", "station", "all"]);
export const listCasesInput = z.strictObject({
  country: countrySchema.optional(),
  status: caseStatusSchema.optional(),
  kind: caseKindSchema.optional(),
  /** absent: all (every case the caller may read) */
  scope: caseScopeSchema.optional(),
  /** a station by its name (case, accents and spacing aside); with scope "station", another station than the caller's */
  station: requiredText(120).optional(),
  /** a name, with the matcher's spelling tolerance, or a file number (whole, or one of its parts with digits) */
  query: requiredText(120).optional(),
  limit: pageSizeSchema,
  cursor: pageCursorSchema.optional(),
});
export type ListCasesInput = z.infer<typeof listCasesInput>;
export const listCasesOutput = z.object({ cases: z.array(caseView), nextCursor: z.string().optional() });

export const confirmCaseStillNeededInput = z.strictObject({ caseId: idSchema });
