// Cross-border search: an officer of one country asks the other country's police to search its own
// open cases for one of theirs. What crosses is written here, field by field: the request's faces
// (embeddings, deleted by the receiving side once decided) and the facts fusion reads; back come the
// candidates in words (a case reference, a band, the factors, the photo age gap, whom to call). Never
// a photo, a stored vector or a contact — a contact only once officers of both countries confirmed
// a pair. The wire itself (envelope, message kinds) is in peer-protocol.ts.
import { z } from "zod";
import { caseKindSchema, familyContactSchema, sealedSchema } from "./cases.js";
import {
  countrySchema,
  idSchema,
  isoDateTimeSchema,
  pageCursorSchema,
  pageSizeSchema,
  requiredText,
  roleSchema,
  text,
  uidSchema,
} from "./common.js";
import { matchStateSchema, reviewReasonSchema } from "./matches.js";
import { factorSchema, foundFactsSchema, fusedBandSchema, missingFactsSchema } from "./reunification.js";
import { outcomeSchema } from "./search.js";

/** how long a request may be decided, and its results used to open pairs, unless the officer asks for less */
const CROSS_BORDER_VALID_DAYS = 14;
export const CROSS_BORDER_MAX_VALID_DAYS = 30;
/** faces of the case sent with a request (its best photos' faces) */
export const CROSS_BORDER_MAX_FACES = 5;
/** candidates the searching side sends back */
export const CROSS_BORDER_CANDIDATES = 10;

/** why the other country's data may be searched: stable codes the portal translates (`crossBorder.legalBasis.<code>`) */
export const crossBorderLegalBasisSchema = z.enum([
  /** a child or a person at risk: their vital interest */
  "vital_interest",
  /** the family asked for the search and consented */
  "family_consent",
  /** the two police forces' cooperation agreement (bilateral, EAPCCO, INTERPOL) */
  "police_cooperation",
  /** a court or prosecutor ordered it */
  "court_order",
]);

/** what the search is for (`crossBorder.purpose.<code>`) */
export const crossBorderPurposeSchema = z.enum([
  /** find the family of a found person, or a missing person among the found */
  "reunification",
  /** put a name to a found person who cannot say who they are (a child, a patient, the deceased) */
  "identification",
]);

/** a face as it crosses: the requesting side's embedding, not protected by its keys (the receiver prepares it for its own index) */
export const peerFaceSchema = z.strictObject({
  embedding: z.array(z.number().min(-1).max(1)).length(128),
  modelVersion: z.string().min(1).max(64),
  /** the photo's date: the ages at the photo dates and the photo age gap */
  photoDate: z.iso.date().optional(),
});
export type PeerFace = z.infer<typeof peerFaceSchema>;

/** the facts fusion reads and nothing else: names, sex, ages, dates, places — no contact, no description */
export const peerFactsSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("missing"), facts: missingFactsSchema }),
  z.strictObject({ kind: z.literal("found"), facts: foundFactsSchema }),
]);
export type PeerFacts = z.infer<typeof peerFactsSchema>;

/** a case of the other country as officers refer to it: its id there, its file number, its kind, its station */
export const peerCaseRefSchema = z.strictObject({
  country: countrySchema,
  id: idSchema,
  externalRef: text(120).optional(),
  kind: caseKindSchema,
  station: text(120),
});
export type PeerCaseRef = z.infer<typeof peerCaseRefSchema>;

/** the officer to call about a case on the other side (their work details, never a family's) */
export const peerOfficerSchema = z.strictObject({
  name: text(120),
  rank: text(60).optional(),
  station: text(120),
  phone: z
    .string()
    .regex(/^\+\d{8,15}$/)
    .optional(),
});
export type PeerOfficer = z.infer<typeof peerOfficerSchema>;

/** what the searching side returns per candidate: what an officer needs to decide whether to call, nothing else */
export const peerCandidateSchema = z.strictObject({
  rank: z.int().min(1),
  case: peerCaseRefSchema,
  officer: peerOfficerSchema.optional(),
  band: fusedBandSchema,
  /** the fused LLR and the face similarity behind it (numbers, not biometrics) */
  score: z.number(),
  similarity: z.number(),
  faceBand: fusedBandSchema,
  /** every factor of the fused score: code, parameters, LLR, English sentence */
  factors: z.array(factorSchema).max(40),
  photoAgeGapYears: z.int().optional(),
});
export type PeerCandidate = z.infer<typeof peerCandidateSchema>;

export const crossBorderDecisionSchema = z.strictObject({
  outcome: z.enum(["approved", "declined"]),
  at: isoDateTimeSchema,
  /** the supervisor (or administrator) who decided, as their country names them */
  by: z.strictObject({ name: text(120), role: roleSchema }).optional(),
  /** or the standing agreement that pre-approved it */
  agreementId: idSchema.optional(),
  reason: text(500),
});

/** where the search looked on the other side: its open cases of the other kind, how many had a searchable face */
export const peerScopeSchema = z.strictObject({ openCases: z.int(), withFaces: z.int() });

// ---------------------------------------------------------------------------- requests

/** pending until the other side decides; approved with its results; declined; expired; withdrawn by the asking side */
const sentRequestStateSchema = z.enum(["pending", "approved", "declined", "expired", "withdrawn"]);

/** a request as the asking side keeps it (its own record: its case, what it sent, what came back) */
const sentRequestDoc = z.object({
  id: idSchema,
  from: countrySchema,
  to: countrySchema,
  caseId: idSchema,
  caseKind: caseKindSchema,
  externalRef: z.string().optional(),
  purpose: crossBorderPurposeSchema,
  legalBasis: crossBorderLegalBasisSchema,
  note: z.string().optional(),
  /** how many faces were sent (the faces themselves are the case's, never copied) */
  faces: z.int(),
  modelVersion: z.string(),
  requestedBy: uidSchema,
  requestedAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  state: sentRequestStateSchema,
  decision: crossBorderDecisionSchema.optional(),
  results: z.array(peerCandidateSchema).optional(),
  scope: peerScopeSchema.optional(),
  calibrationVersion: z.string().optional(),
  updatedAt: isoDateTimeSchema,
});
export type SentRequest = z.infer<typeof sentRequestDoc>;

/** a standing agreement's class a request falls in (computed by the receiving side from the facts) */
export const agreementClassSchema = z.enum([
  /** a found person under 18 (the estimate's upper bound): a child without their family */
  "unaccompanied_children",
  /** a missing person under 18 on the day last seen */
  "missing_children",
]);
export type AgreementClass = z.infer<typeof agreementClassSchema>;

/**
 * A request as the receiving side keeps it. While it waits, the facts and the faces (sealed with the
 * receiving side's key ring) are here for the decision and the search; both are deleted when it is
 * decided. A declined, withdrawn or expired request is deleted whole: its audit lines remain.
 */
const receivedRequestDoc = z.object({
  id: idSchema,
  from: countrySchema,
  to: countrySchema,
  case: peerCaseRefSchema,
  requester: peerOfficerSchema,
  purpose: crossBorderPurposeSchema,
  legalBasis: crossBorderLegalBasisSchema,
  note: z.string().optional(),
  facts: peerFactsSchema.optional(),
  sealedFaces: sealedSchema.optional(),
  faceCount: z.int(),
  modelVersion: z.string(),
  /** the classes of standing agreements the request falls in */
  classes: z.array(agreementClassSchema),
  receivedAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  state: z.enum(["pending", "approved"]),
  decision: crossBorderDecisionSchema.optional(),
  /** what this side sent back: its own cases' references (a pair may be opened only for one of them) */
  results: z.array(peerCandidateSchema).optional(),
  /** the decision reached the asking side (else it is sent again when asked) */
  delivered: z.boolean().optional(),
  updatedAt: isoDateTimeSchema,
});
export type ReceivedRequest = z.infer<typeof receivedRequestDoc>;
/** what a supervisor sees: never the sealed faces */
export const receivedRequestView = receivedRequestDoc.omit({ sealedFaces: true });

// ---------------------------------------------------------------------------- pairs

/** who acted on a pair, as their own side vouches for them */
const pairActorSchema = z.strictObject({
  uid: uidSchema,
  name: text(120),
  country: countrySchema,
  role: roleSchema,
  /** an officer of the pair's case on their side, or a supervisor or administrator of their country */
  standing: z.enum(["case_officer", "supervisor", "admin"]),
});
export type PairActor = z.infer<typeof pairActorSchema>;

export const pairEventSchema = z.strictObject({
  id: z.uuid(),
  at: isoDateTimeSchema,
  event: z.enum(["opened", "reviewed", "confirmed"]),
  /** the pair's state after it */
  state: matchStateSchema,
  by: pairActorSchema,
  outcome: outcomeSchema.optional(),
  reason: reviewReasonSchema.optional(),
  note: text(1000).optional(),
});
export type PairEvent = z.infer<typeof pairEventSchema>;

/** the candidate's evidence as the searching side computed it */
export const pairEvidenceSchema = peerCandidateSchema.pick({
  band: true,
  score: true,
  similarity: true,
  faceBand: true,
  factors: true,
  photoAgeGapYears: true,
});

/** a pair's state and history: the asking side keeps it, the other side mirrors it */
export const pairStateSchema = z.strictObject({
  state: matchStateSchema,
  version: z.int().min(1),
  history: z.array(pairEventSchema),
});
export type PairState = z.infer<typeof pairStateSchema>;

/** a case's contact as it crosses once a pair is confirmed: the family's (missing) or the custody's (found) */
export const peerContactSchema = z.strictObject({
  kind: z.enum(["family", "custody"]),
  /** a family's contact carries its SMS consent and language; a custody contact is the same shape without them */
  contact: familyContactSchema,
});
export type PeerContact = z.infer<typeof peerContactSchema>;

/**
 * One half of a cross-border pair: each side keeps the half about its own case. The asking side's
 * half holds the pair's state (the authority); the other side's half mirrors it at the version it
 * was last told. After a confirmation, each half holds the other side's contact, sealed with its
 * own key ring.
 */
const crossBorderPairDoc = z.object({
  /** `{pairId}_{country}`: the two halves of a pair never collide, even in one store */
  id: z.string().regex(/^xb[0-9a-f]{30}_(BI|RW)$/),
  pairId: z.string().regex(/^xb[0-9a-f]{30}$/),
  requestId: idSchema,
  country: countrySchema,
  peerCountry: countrySchema,
  /** this side asked: it keeps the pair's state */
  authority: z.boolean(),
  ownCase: z.object({ id: idSchema, kind: caseKindSchema }),
  peerCase: peerCaseRefSchema,
  peerOfficer: peerOfficerSchema.optional(),
  evidence: pairEvidenceSchema,
  ...pairStateSchema.shape,
  /** authority: the version the other side holds (behind: it is told again) */
  peerVersion: z.int().optional(),
  /** the other side's contact, sealed with this side's key ring */
  peerContact: z.object({ kind: z.enum(["family", "custody"]), sealed: sealedSchema }).optional(),
  /** this side's contact reached the other side */
  contactSent: z.boolean().optional(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type CrossBorderPair = z.infer<typeof crossBorderPairDoc>;
/** what officers see: the other side's contact only when asked for and allowed (getCrossBorderPair) */
const crossBorderPairView = crossBorderPairDoc.omit({ peerContact: true }).extend({
  hasPeerContact: z.boolean(),
});
export type CrossBorderPairView = z.infer<typeof crossBorderPairView>;

// ---------------------------------------------------------------------------- standing agreements

export const agreementPartySchema = z.strictObject({ country: countrySchema, uid: uidSchema, name: text(120) });

/** proposed by one country's administrator, active once the other's accepts, ended by either */
export const agreementDoc = z.object({
  id: idSchema,
  /** both countries, sorted */
  countries: z.tuple([countrySchema, countrySchema]),
  class: agreementClassSchema,
  /** the last day it pre-approves requests */
  validUntil: z.iso.date(),
  note: z.string().optional(),
  state: z.enum(["proposed", "active", "revoked"]),
  proposedBy: agreementPartySchema,
  proposedAt: isoDateTimeSchema,
  acceptedBy: agreementPartySchema.optional(),
  acceptedAt: isoDateTimeSchema.optional(),
  revoked: z.object({ by: agreementPartySchema, at: isoDateTimeSchema, reason: z.string() }).optional(),
  updatedAt: isoDateTimeSchema,
});
export type Agreement = z.infer<typeof agreementDoc>;

// ---------------------------------------------------------------------------- the peer allow-list

/** another deployment this one talks to: where to call it, and the service account its calls must prove */
export const peerRecordSchema = z.object({
  country: countrySchema,
  /** the other deployment's peer endpoint (its crossBorderPeer function) */
  endpoint: z.url({ protocol: /^https?$/ }),
  /** the service account whose Google-signed ID token that deployment's calls carry */
  serviceAccount: z.email(),
  addedBy: z.string(),
  addedAt: isoDateTimeSchema,
});
export type PeerRecord = z.infer<typeof peerRecordSchema>;

// ---------------------------------------------------------------------------- callables

export const requestCrossBorderSearchInput = z.strictObject({
  caseId: idSchema,
  to: countrySchema,
  purpose: crossBorderPurposeSchema,
  legalBasis: crossBorderLegalBasisSchema,
  /** what the other side's supervisor should know, in a few words */
  note: text(500).optional(),
  validDays: z.int().min(1).max(CROSS_BORDER_MAX_VALID_DAYS).default(CROSS_BORDER_VALID_DAYS),
});
export const sentRequestOutput = z.object({ request: sentRequestDoc });

const crossBorderDirectionSchema = z.enum(["sent", "received"]);
export const listCrossBorderRequestsInput = z.strictObject({
  direction: crossBorderDirectionSchema,
  /** sent requests of one case */
  caseId: idSchema.optional(),
  limit: pageSizeSchema,
  cursor: pageCursorSchema.optional(),
});
export const listCrossBorderRequestsOutput = z.object({
  sent: z.array(sentRequestDoc).optional(),
  received: z.array(receivedRequestView).optional(),
  nextCursor: z.string().optional(),
});

export const getCrossBorderRequestInput = z.strictObject({
  requestId: idSchema,
  direction: crossBorderDirectionSchema,
});
export const getCrossBorderRequestOutput = z.object({
  sent: sentRequestDoc.optional(),
  received: receivedRequestView.optional(),
  access: z.object({ mayDecide: z.boolean(), mayWithdraw: z.boolean(), mayOpenPairs: z.boolean() }),
});

export const decideCrossBorderRequestInput = z.strictObject({
  requestId: idSchema,
  decision: z.enum(["approve", "decline"]),
  reason: requiredText(500),
});
export const receivedRequestOutput = z.object({ request: receivedRequestView.optional(), deleted: z.boolean() });
export const withdrawCrossBorderRequestInput = z.strictObject({ requestId: idSchema, reason: requiredText(500) });

export const openCrossBorderPairInput = z.strictObject({ requestId: idSchema, candidateCaseId: idSchema });
export const crossBorderPairOutput = z.object({ pair: crossBorderPairView });
export const listCrossBorderPairsInput = z.strictObject({ caseId: idSchema.optional(), limit: pageSizeSchema });
export const listCrossBorderPairsOutput = z.object({ pairs: z.array(crossBorderPairView) });
export const getCrossBorderPairInput = z.strictObject({
  pairId: z.string().regex(/^xb[0-9a-f]{30}$/, "not a cross-border pair reference"),
  /** after the confirmation: the other side's contact (audited) and this case's own */
  includeContacts: z.boolean().default(false),
});
export const getCrossBorderPairOutput = z.object({
  pair: crossBorderPairView,
  access: z.object({
    mayReview: z.boolean(),
    mayConfirm: z.boolean(),
    confirmRefusal: z.string().optional(),
    mayReadContacts: z.boolean(),
  }),
  peerContact: peerContactSchema.optional(),
});
export const reviewCrossBorderPairInput = z
  .strictObject({
    pairId: getCrossBorderPairInput.shape.pairId,
    outcome: outcomeSchema,
    reason: reviewReasonSchema,
    note: text(1000).optional(),
  })
  .refine((r) => r.reason !== "other" || !!r.note, { path: ["note"], message: "say why when the reason is 'other'" });
export const confirmCrossBorderPairInput = z.strictObject({
  pairId: getCrossBorderPairInput.shape.pairId,
  note: text(1000).optional(),
});

export const proposeAgreementInput = z.strictObject({
  with: countrySchema,
  class: agreementClassSchema,
  validUntil: z.iso.date(),
  note: text(500).optional(),
});
export const agreementIdInput = z.strictObject({ agreementId: idSchema });
export const revokeAgreementInput = z.strictObject({ agreementId: idSchema, reason: requiredText(500) });
export const agreementOutput = z.object({ agreement: agreementDoc });
export const listAgreementsOutput = z.object({ agreements: z.array(agreementDoc) });
