// TORA FACE's client kit, for the web portal and the mobile apps: the typed call, the callable
// registry with its zod validators and types (from the backend's one schema module, never
// re-declared), who may call what, and what a failure means. Outside code imports this file only.
import "./zod-config.js";
export {
  ClientValidationError,
  createClient,
  type CallOptions,
  type Client,
  type InputIssue,
  type Transport,
} from "./client.js";
export { callableAccess, callerLevels, levelErrors, type CallableAccess, type CallerLevel } from "./access.js";
export { inputPatternOf, toInputPattern } from "./patterns.js";
export { tokenClaimsStale } from "./claims.js";
export {
  callableErrorCodes,
  describeFailure,
  reasonOfSentence,
  type CallableErrorCode,
  type Failure,
  type FailureKind,
} from "./errors.js";
export { isPhotoReasonCode, photoReasonCodes, type PhotoReasonCode } from "./photo-reasons.js";
export type { CountryPlaceLists, FormerPlaceName, PlaceUnitChoice } from "./places.js";
export { englishWords, loadWords } from "./words.js";
export {
  fill,
  formatsFor,
  WORD_LANGUAGES,
  wordingOf,
  type Dictionary,
  type Formats,
  type Vars,
  type WordLanguage,
  type Wording,
} from "../../functions/src/words/wording.js";
export { factorSentence, signedLlr } from "../../functions/src/words/factor-sentence.js";
export { caseReference } from "../../functions/src/words/case-reference.js";
export {
  buildEvidenceDocument,
  type EvidenceBlock,
  type EvidenceDocument,
  type EvidenceFaceView,
  type EvidenceRow,
} from "../../functions/src/records/evidence-document.js";
/** the administrative lists for place pickers (./places.ts), loaded when a form first needs them */
export const loadPlaceLists = (): Promise<typeof import("./places.js")> => import("./places.js");
export {
  appealLanguageSchema,
  auditActionSchema,
  auditTargetTypeSchema,
  bandSchema,
  callables,
  candidateBandSchema,
  caseOutcomeSchema,
  conditionSchema,
  confirmRefusalSchema,
  CANDIDATE_LIST_DEFAULT,
  LONG_MISSING_YEARS,
  factorCodeSchema,
  fusedBandSchema,
  heldAtKindSchema,
  legalBasisSchema,
  MATCH_STATES_TO_REVIEW,
  matchEventSchema,
  matchKindSchema,
  matchStateSchema,
  notificationKindSchema,
  reviewReasonSchema,
  searchModeSchema,
  searchHistoryKindSchema,
  casePhotoPath,
  caseKindSchema,
  caseScopeSchema,
  caseStatusSchema,
  agreementClassSchema,
  countrySchema,
  crossBorderLegalBasisSchema,
  crossBorderPurposeSchema,
  ERROR_REASONS,
  erasureStatusSchema,
  idSchema,
  MAX_INLINE_BYTES,
  officerStatusSchema,
  outcomeSchema,
  parseCasePhotoPath,
  photoStatusSchema,
  reasonMessage,
  recordLanguageSchema,
  roleSchema,
  sexSchema,
  smsLanguageSchema,
  smsReasonSchema,
  type AuditAction,
  type CallableInput,
  type CallableName,
  type CallableOutput,
  type CaseKind,
  type CaseStatus,
  type Country,
  type ErrorParams,
  type ErrorReason,
  type EvidenceFile,
  type Factor,
  type FactorCode,
  type Match,
  type MatchState,
  type Notification,
  type Place,
  type OfficerStatus,
  type Photo,
  type PhotoStatus,
  type RecordLanguage,
  type Role,
  type Sex,
  CLIP_FRAME_JPEG_QUALITY,
  CLIP_FRAME_MAX_SIDE,
  CLIP_MAX_FRAMES,
  clipSampleTimes,
} from "../../functions/src/schemas/index.js";
