// Shapes of the SMS to a family: the consent and language recorded with the family contact, the
// one message an officer approves (it names no person and no detail, only the station and the
// file number), its delivery as the provider reports it, and the callables that send and list.
import { z } from "zod";
import { countrySchema, idSchema, isoDateTimeSchema, uidSchema } from "./common.js";

/** the languages an SMS is written in: Kirundi, Kinyarwanda, French, Swahili, English */
export const smsLanguageSchema = z.enum(["rn", "rw", "fr", "sw", "en"]);
export type SmsLanguage = z.infer<typeof smsLanguageSchema>;

/** recorded with the family contact at intake, sealed with it */
export const familySmsFields = {
  /** the family agreed to be sent an SMS about the report */
  smsConsent: z.boolean().optional(),
  /** the language the family reads an SMS in */
  smsLanguage: smsLanguageSchema.optional(),
};

/** why the family is written to: a confirmed reunification, or the police need them */
export const smsReasonSchema = z.enum(["reunification_confirmed", "family_needed"]);
export type SmsReason = z.infer<typeof smsReasonSchema>;

/**
 * queued: reserved, not yet accepted by the provider; sent: accepted by the provider; delivered /
 * undelivered: its delivery report; refused: the provider refused it (never retried); failed: every
 * attempt ended in a timeout or a server error
 */
const smsStatusSchema = z.enum(["queued", "sent", "delivered", "undelivered", "refused", "failed"]);
export type SmsStatus = z.infer<typeof smsStatusSchema>;

/** one message to a family: never the phone number, never the text (both follow from the case) */
const smsMessageDoc = z.object({
  id: idSchema,
  caseId: idSchema,
  country: countrySchema,
  reason: smsReasonSchema,
  language: smsLanguageSchema,
  /** the UTC day it was asked for: what the per-day limit counts */
  day: z.iso.date(),
  status: smsStatusSchema,
  /** the provider that took it ("africastalking", "outbox") and its id for the message */
  provider: z.string(),
  providerMessageId: z.string().optional(),
  attempts: z.int().min(0),
  /** the provider's code of the last refusal or failure (e.g. 403 InvalidPhoneNumber, timeout, http_503) */
  lastError: z.string().optional(),
  /** the delivery reports received, each once (a repeated report changes nothing) */
  reports: z.array(z.object({ status: z.string(), failureReason: z.string().optional(), at: isoDateTimeSchema })),
  /** the officer who approved it */
  sentBy: uidSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SmsMessage = z.infer<typeof smsMessageDoc>;

export const sendFamilySmsInput = z.strictObject({
  caseId: idSchema,
  reason: smsReasonSchema,
  /** the officer's explicit approval of this message to this family */
  approved: z.literal(true, { error: "approved: the officer must approve the message (approved: true)" }),
});
export const familySmsOutput = z.object({ message: smsMessageDoc });
export const listFamilySmsInput = z.strictObject({ caseId: idSchema });
export const listFamilySmsOutput = z.object({ messages: z.array(smsMessageDoc) });

/** a delivery report as the provider posts it (Africa's Talking: form fields id, status, failureReason…) */
export const smsDeliveryReportSchema = z.object({
  id: z.string().min(1).max(200),
  status: z.string().min(1).max(60),
  failureReason: z.string().max(200).optional(),
});
export type SmsDeliveryReport = z.infer<typeof smsDeliveryReportSchema>;
