import { z } from "zod";
import { countrySchema, isoDateTimeSchema } from "./common.js";

export const auditActionSchema = z.enum([
  "officer.register",
  "officer.approve",
  "officer.reject",
  "officer.role",
  "officer.search_budget",
  "officer.suspend",
  "officer.reinstate",
  "admin.bootstrap",
  "case.create",
  "case.update",
  "case.close",
  "case.reopen",
  "case.decrypt_contact",
  "photo.ingest",
  "photo.choose_face",
  "photo.retract",
  "photo.flag_for_choice",
  "search.run",
  "search.outcome",
  "match.review",
  "match.open",
  "case.candidates",
  "match.confirm",
  "case.reunified",
  "access.refused",
  "case.review_request",
  "case.review_confirm",
  "case.purge",
  "case.erasure_request",
  "case.erasure_approve",
  "case.erasure_decline",
  "retention.sweep",
  "model.migration_start",
  "model.migration_switch",
  "model.migration_done",
  "template.rotation_start",
  "template.rotation_switch",
  "template.rotation_done",
  "bulletin.draft",
  "bulletin.approve",
  "contacts.reseal",
  "match.evidence_file",
  "search.verify",
  "search.clip",
  "xborder.request_send",
  "xborder.request_receive",
  "xborder.request_approve",
  "xborder.request_decline",
  "xborder.request_withdraw",
  "xborder.request_expire",
  "xborder.search",
  "xborder.results_receive",
  "xborder.pair_open",
  "xborder.pair_review",
  "xborder.pair_confirm",
  "xborder.contact_send",
  "xborder.contact_receive",
  "xborder.contact_read",
  "xborder.agreement_propose",
  "xborder.agreement_accept",
  "xborder.agreement_revoke",
  "xborder.peer_set",
  "xborder.peer_refused",
  "sms.send",
  "sms.delivery",
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** what an entry is about; `key_ring`: the family and custody contacts' encryption keys */
export const auditTargetTypeSchema = z.enum([
  "officer",
  "case",
  "photo",
  "search",
  "match",
  "erasure",
  "model",
  "retention",
  "bulletin",
  "key_ring",
  "cross_border_request",
  "cross_border_pair",
  "agreement",
  "peer",
  "sms",
]);

const auditEntryDoc = z.object({
  id: z.string(),
  /** uid, or "system" for the CLI and triggers */
  actor: z.string(),
  action: auditActionSchema,
  target: z.object({ type: auditTargetTypeSchema, id: z.string() }),
  at: isoDateTimeSchema,
  /** HMAC of the caller's IP: lets abuse be correlated without storing the address */
  ipHash: z.string().optional(),
  /** non-personal facts only (role names, counts, outcome codes) */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditEntry = z.infer<typeof auditEntryDoc>;

export const listAuditLogsInput = z.strictObject({
  actor: z.string().max(128).optional(),
  /** the acting officer's e-mail, instead of their uid */
  actorEmail: z.email().max(320).optional(),
  action: auditActionSchema.optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  limit: z.int().min(1).max(200).default(50),
});
export type ListAuditLogsInput = z.infer<typeof listAuditLogsInput>;
export const listAuditLogsOutput = z.object({
  entries: z.array(auditEntryDoc),
  /** who the actors of these entries are, by uid ("system" and unknown uids are absent) */
  actors: z.record(z.string(), z.object({ name: z.string(), email: z.string().optional() })),
  /** what people know the targets by, keyed "{type}:{id}": a case's file number (or names), a pair's two cases, an erasure's case */
  targets: z.record(z.string(), z.string()),
});

export const getStatsInput = z.strictObject({ days: z.int().min(1).max(90).default(14) });
export const statsOutput = z.object({
  casesByStatusAndCountry: z.array(z.object({ country: countrySchema, status: z.string(), count: z.int() })),
  searchesPerDay: z.array(z.object({ day: z.iso.date(), count: z.int() })),
  photosRejectedByReason: z.array(z.object({ code: z.string(), count: z.int() })),
});
