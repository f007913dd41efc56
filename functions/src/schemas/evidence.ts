// The reunification evidence file: one record of a missing ↔ found pair for child-protection
// services, a judge or the other country's police — both cases' facts, both faces, the scores and
// every factor, the review history with the officers' names, the two officers who decided. As data
// (getEvidenceFile: language-neutral codes, the reader's words are applied by the renderer) and as
// a PDF in a chosen language (getEvidenceFilePdf).
import { z } from "zod";
import { caseView, custodyContactSchema, familyContactSchema } from "./cases.js";
import { countrySchema, isoDateTimeSchema, uidSchema, type Country } from "./common.js";
import { matchDoc, matchFaceSchema, matchIdSchema } from "./matches.js";

/** the languages a record is written in: the portal's five */
export const recordLanguageSchema = z.enum(["en", "fr", "rn", "rw", "sw"]);
export type RecordLanguage = z.infer<typeof recordLanguageSchema>;

/** a record's times are written in the pair's country's time zone (both Central Africa Time, UTC+2) */
export const RECORD_TIME_ZONES: Record<Country, string> = { BI: "Africa/Bujumbura", RW: "Africa/Kigali" };

/** an officer as the record names them: never a phone or an e-mail address */
const namedOfficerSchema = z.object({
  uid: uidSchema,
  name: z.string(),
  rank: z.string(),
  badgeNumber: z.string(),
  station: z.string(),
  country: countrySchema,
});
export type NamedOfficer = z.infer<typeof namedOfficerSchema>;

/** one face of the best pair with its photo as a thumbnail made for this record (never stored), or why it is missing */
const evidenceFaceSchema = matchFaceSchema.extend({
  /** data:image/jpeg;base64,… */
  thumbnail: z.string().optional(),
  unavailable: z.enum(["photo_not_stored", "photo_unreadable"]).optional(),
});

/** who marked the pair a potential candidate and who confirmed the reunification (four eyes), when, with the confirmation's note */
const evidenceDecisionSchema = z.object({ by: z.string(), at: isoDateTimeSchema, note: z.string().optional() });

const evidenceFileSchema = z.object({
  match: matchDoc,
  /** both cases in full, in the order of the pair (missing, found) */
  cases: z.tuple([caseView, caseView]),
  faces: z.tuple([evidenceFaceSchema, evidenceFaceSchema]),
  marked: evidenceDecisionSchema.optional(),
  confirmed: evidenceDecisionSchema.optional(),
  /** every officer the record names (history, decisions, who produced it), by uid; "system" is the cross-match */
  officers: z.record(z.string(), namedOfficerSchema),
  /** the pair is not a confirmed reunification: the record says so on every page */
  underReview: z.boolean(),
  /** only when asked for and the reader may read them (getMatch's rule); each reading is audited */
  familyContact: familyContactSchema.optional(),
  custodyContact: custodyContactSchema.optional(),
  /** whether the reader may ask for the contacts */
  mayReadContacts: z.boolean(),
  producedAt: isoDateTimeSchema,
  producedBy: z.string(),
  /** the time zone its times are written in: the pair's country's */
  timeZone: z.string(),
});
export type EvidenceFile = z.infer<typeof evidenceFileSchema>;

export const getEvidenceFileInput = z.strictObject({
  matchId: matchIdSchema,
  /** after a confirmed reunification, for those who may read them: the family's and the custody's contacts (audited) */
  includeContacts: z.boolean().default(false),
});
export const getEvidenceFileOutput = evidenceFileSchema;

export const getEvidenceFilePdfInput = getEvidenceFileInput.extend({ language: recordLanguageSchema });
export const getEvidenceFilePdfOutput = z.object({
  fileName: z.string(),
  /** the PDF (A4), base64 */
  contentBase64: z.string(),
  /** sha256 of the PDF, also in the audit entry: a copy can be checked against the log */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.int().min(1),
});
