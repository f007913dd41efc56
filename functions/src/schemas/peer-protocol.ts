// The wire between two deployments (two countries' police): one envelope, a closed list of message
// kinds, each with its payload and its reply. Both sides parse with these schemas, so a message
// either means exactly what this file says or is refused. Who may send what, and what each side
// does with it: services/cross-border-peer.ts; how the calling deployment proves who it is:
// adapters/firebase/peer-https.ts (HTTPS) and adapters/local/peer-local.ts (one process).
import { z } from "zod";
import { countrySchema, idSchema, isoDateTimeSchema, text } from "./common.js";
import {
  agreementDoc,
  agreementPartySchema,
  CROSS_BORDER_MAX_FACES,
  CROSS_BORDER_CANDIDATES,
  crossBorderDecisionSchema,
  crossBorderLegalBasisSchema,
  crossBorderPurposeSchema,
  pairEventSchema,
  pairEvidenceSchema,
  pairStateSchema,
  peerCandidateSchema,
  peerCaseRefSchema,
  peerContactSchema,
  peerFaceSchema,
  peerFactsSchema,
  peerOfficerSchema,
  peerScopeSchema,
} from "./cross-border.js";
import { ERROR_REASONS, type ErrorReason } from "./errors.js";

export const PEER_PROTOCOL_VERSION = 1;
/**
 * A message's issue time may differ from the receiving side's clock by at most this much (and so may
 * its ID token's); its id is remembered for twice as long, so a replay inside the window is refused
 * as seen and one after it as too old.
 */
export const PEER_WINDOW_SECONDS = 300;

const pairIdSchema = z.string().regex(/^xb[0-9a-f]{30}$/);
const requestIdPayload = z.strictObject({ requestId: idSchema });
const none = z.strictObject({});

/** a decision as it reaches the asking side: with the results when approved */
const decidedPayloadSchema = z.strictObject({
  requestId: idSchema,
  decision: crossBorderDecisionSchema,
  results: z.array(peerCandidateSchema).max(CROSS_BORDER_CANDIDATES).optional(),
  scope: peerScopeSchema.optional(),
  calibrationVersion: z.string().max(200).optional(),
});
export type DecidedPayload = z.infer<typeof decidedPayloadSchema>;

/** every message kind: what it carries, and what the receiving side answers */
export const peerMessages = {
  /** asker → searcher: a new request; answered pending, or approved by a standing agreement with its results */
  "request.submit": {
    payload: z.strictObject({
      id: idSchema,
      case: peerCaseRefSchema,
      requester: peerOfficerSchema,
      purpose: crossBorderPurposeSchema,
      legalBasis: crossBorderLegalBasisSchema,
      note: text(500).optional(),
      facts: peerFactsSchema,
      faces: z.array(peerFaceSchema).min(1).max(CROSS_BORDER_MAX_FACES),
      sentAt: isoDateTimeSchema,
      expiresAt: isoDateTimeSchema,
    }),
    reply: z.strictObject({ state: z.enum(["pending", "approved"]), decided: decidedPayloadSchema.optional() }),
  },
  /** asker → searcher: the asking officer withdrew it; the searcher deletes it */
  "request.withdraw": { payload: requestIdPayload.extend({ reason: text(500) }), reply: none },
  /** searcher → asker: the decision, with the results when approved */
  "request.decided": { payload: decidedPayloadSchema, reply: none },
  /** asker → searcher: the decision again, when it did not arrive (pending: not decided yet; gone: declined, withdrawn or expired) */
  "request.status": {
    payload: requestIdPayload,
    reply: z.strictObject({ state: z.enum(["pending", "approved", "gone"]), decided: decidedPayloadSchema.optional() }),
  },
  /** asker → searcher: a candidate becomes a pair; the searcher opens its half on its own case */
  "pair.open": {
    payload: z.strictObject({
      pairId: pairIdSchema,
      requestId: idSchema,
      candidateCaseId: idSchema,
      requestingCase: peerCaseRefSchema,
      requester: peerOfficerSchema,
      evidence: pairEvidenceSchema,
      state: pairStateSchema,
    }),
    reply: none,
  },
  /** searcher → asker: an officer of the searching side reviews or confirms; the asker (who keeps the pair's state) decides */
  "pair.act": {
    payload: z.strictObject({
      pairId: pairIdSchema,
      event: pairEventSchema,
      /** with a confirmation: the searching side's contact, kept only if the confirmation holds */
      contact: peerContactSchema.optional(),
    }),
    reply: z.strictObject({ state: pairStateSchema, contact: peerContactSchema.optional() }),
  },
  /** asker → searcher: the pair's state after an event (and, once confirmed, the asker's contact) */
  "pair.sync": {
    payload: z.strictObject({ pairId: pairIdSchema, state: pairStateSchema, contact: peerContactSchema.optional() }),
    reply: z.strictObject({ version: z.int(), contact: peerContactSchema.optional() }),
  },
  /** searcher → asker: the pair's state as the asker keeps it (a sync that did not arrive) */
  "pair.state": {
    payload: z.strictObject({ pairId: pairIdSchema }),
    reply: z.strictObject({ state: pairStateSchema, contact: peerContactSchema.optional() }),
  },
  /** one administrator → the other country: a standing agreement to accept */
  "agreement.propose": { payload: z.strictObject({ agreement: agreementDoc.strict() }), reply: none },
  /** the other administrator accepted it */
  "agreement.accept": {
    payload: z.strictObject({ agreementId: idSchema, by: agreementPartySchema, at: isoDateTimeSchema }),
    reply: none,
  },
  /** either administrator ended it */
  "agreement.revoke": {
    payload: z.strictObject({
      agreementId: idSchema,
      by: agreementPartySchema,
      at: isoDateTimeSchema,
      reason: text(500),
    }),
    reply: none,
  },
} as const;

export type PeerMessageKind = keyof typeof peerMessages;
export type PeerPayload<K extends PeerMessageKind> = z.infer<(typeof peerMessages)[K]["payload"]>;
export type PeerReply<K extends PeerMessageKind> = z.infer<(typeof peerMessages)[K]["reply"]>;
const peerMessageKindSchema = z.enum(Object.keys(peerMessages) as [PeerMessageKind, ...PeerMessageKind[]]);

/** one message: its id (remembered by the receiver, create-only), who sends it to whom, when */
export const peerEnvelopeSchema = z.strictObject({
  v: z.literal(PEER_PROTOCOL_VERSION),
  id: z.uuid(),
  kind: peerMessageKindSchema,
  from: countrySchema,
  to: countrySchema,
  issuedAt: isoDateTimeSchema,
  payload: z.unknown(),
});
export type PeerEnvelope = z.infer<typeof peerEnvelopeSchema>;

/** the receiving side's answer: the reply, or the reason it refused (a reason of the catalogue) */
export const peerAnswerSchema = z.union([
  z.strictObject({ ok: z.literal(true), reply: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    reason: z.string().refine((r): r is ErrorReason => Object.hasOwn(ERROR_REASONS, r)),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
]);
export type PeerAnswer = z.infer<typeof peerAnswerSchema>;
