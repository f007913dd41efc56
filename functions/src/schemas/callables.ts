// Every callable's name, input, output and who may call it: the registry the functions, the portal
// and a mobile client are typed from. Adding a callable starts here (and its row in callable-access.ts).
import type { z } from "zod";
import { callableAccess, type CallableAccess } from "./callable-access.js";
import { getStatsInput, listAuditLogsInput, listAuditLogsOutput, statsOutput } from "./audit.js";
import {
  caseOutput,
  closeCaseInput,
  reopenCaseInput,
  confirmCaseStillNeededInput,
  createCaseInput,
  getCaseInput,
  getCaseOutput,
  listCasesInput,
  listCasesOutput,
  updateCaseInput,
} from "./cases.js";
import { listCaseCandidatesInput, listCaseCandidatesOutput, openCandidatePairInput } from "./candidates.js";
import { strictEmpty } from "./empty.js";
import {
  confirmReunificationInput,
  confirmReunificationOutput,
  getMatchInput,
  getMatchOutput,
  listMatchesInput,
  listMatchesOutput,
  listNotificationsInput,
  listNotificationsOutput,
  markNotificationsReadInput,
  markNotificationsReadOutput,
  matchOutput,
  reviewMatchInput,
} from "./matches.js";
import {
  getEvidenceFileInput,
  getEvidenceFileOutput,
  getEvidenceFilePdfInput,
  getEvidenceFilePdfOutput,
} from "./evidence.js";
import {
  approveAppealBulletinInput,
  bulletinOutput,
  bulletinsOutput,
  draftAppealBulletinInput,
  listAppealBulletinsInput,
} from "./bulletins.js";
import { modelMigrationOutput, startModelMigrationInput, startTemplateKeyRotationInput } from "./model-migration.js";
import {
  approveCaseErasureOutput,
  declineCaseErasureInput,
  erasureRequestIdInput,
  erasureRequestOutput,
  erasureRequestsOutput,
  listErasureRequestsInput,
  requestCaseErasureInput,
} from "./retention.js";
import {
  decisionInput,
  listOfficersInput,
  myProfileOutput,
  officerOutput,
  officersOutput,
  officerUidInput,
  registerOfficerInput,
  setRoleInput,
  setSearchBudgetInput,
} from "./officers.js";
import {
  chooseCasePhotoFaceInput,
  getPhotoThumbnailInput,
  getPhotoThumbnailOutput,
  listCasePhotosInput,
  listCasePhotosOutput,
  photoOutput,
  retractCasePhotoInput,
  uploadCasePhotoInput,
} from "./photos.js";
import {
  listSearchHistoryInput,
  listSearchHistoryOutput,
  recordSearchOutcomeInput,
  recordSearchOutcomeOutput,
  searchFacesInput,
  searchFacesOutput,
} from "./search.js";
import {
  searchClipInput,
  searchClipOutput,
  submitCaseDraftInput,
  submitCaseDraftOutput,
  verifyFacesInput,
  verifyFacesOutput,
} from "./field-search.js";
import {
  agreementIdInput,
  agreementOutput,
  confirmCrossBorderPairInput,
  crossBorderPairOutput,
  decideCrossBorderRequestInput,
  getCrossBorderPairInput,
  getCrossBorderPairOutput,
  getCrossBorderRequestInput,
  getCrossBorderRequestOutput,
  listAgreementsOutput,
  listCrossBorderPairsInput,
  listCrossBorderPairsOutput,
  listCrossBorderRequestsInput,
  listCrossBorderRequestsOutput,
  openCrossBorderPairInput,
  proposeAgreementInput,
  receivedRequestOutput,
  requestCrossBorderSearchInput,
  reviewCrossBorderPairInput,
  revokeAgreementInput,
  sentRequestOutput,
  withdrawCrossBorderRequestInput,
} from "./cross-border.js";
import { familySmsOutput, listFamilySmsInput, listFamilySmsOutput, sendFamilySmsInput } from "./sms.js";

const callable = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const schemas = {
  registerOfficer: callable(registerOfficerInput, officerOutput),
  getMyProfile: callable(strictEmpty, myProfileOutput),
  listOfficers: callable(listOfficersInput, officersOutput),
  approveOfficer: callable(decisionInput, officerOutput),
  rejectOfficer: callable(decisionInput, officerOutput),
  setOfficerRole: callable(setRoleInput, officerOutput),
  setOfficerSearchBudget: callable(setSearchBudgetInput, officerOutput),
  suspendOfficer: callable(decisionInput, officerOutput),
  reinstateOfficer: callable(officerUidInput, officerOutput),
  createCase: callable(createCaseInput, caseOutput),
  updateCase: callable(updateCaseInput, caseOutput),
  closeCase: callable(closeCaseInput, caseOutput),
  reopenCase: callable(reopenCaseInput, caseOutput),
  getCase: callable(getCaseInput, getCaseOutput),
  listCases: callable(listCasesInput, listCasesOutput),
  uploadCasePhoto: callable(uploadCasePhotoInput, photoOutput),
  chooseCasePhotoFace: callable(chooseCasePhotoFaceInput, photoOutput),
  retractCasePhoto: callable(retractCasePhotoInput, photoOutput),
  listCasePhotos: callable(listCasePhotosInput, listCasePhotosOutput),
  getPhotoThumbnail: callable(getPhotoThumbnailInput, getPhotoThumbnailOutput),
  searchFaces: callable(searchFacesInput, searchFacesOutput),
  listSearchHistory: callable(listSearchHistoryInput, listSearchHistoryOutput),
  recordSearchOutcome: callable(recordSearchOutcomeInput, recordSearchOutcomeOutput),
  listMatches: callable(listMatchesInput, listMatchesOutput),
  getMatch: callable(getMatchInput, getMatchOutput),
  reviewMatch: callable(reviewMatchInput, matchOutput),
  confirmReunification: callable(confirmReunificationInput, confirmReunificationOutput),
  listCaseCandidates: callable(listCaseCandidatesInput, listCaseCandidatesOutput),
  openCandidatePair: callable(openCandidatePairInput, matchOutput),
  listNotifications: callable(listNotificationsInput, listNotificationsOutput),
  markNotificationsRead: callable(markNotificationsReadInput, markNotificationsReadOutput),
  listAuditLogs: callable(listAuditLogsInput, listAuditLogsOutput),
  getStats: callable(getStatsInput, statsOutput),
  confirmCaseStillNeeded: callable(confirmCaseStillNeededInput, caseOutput),
  requestCaseErasure: callable(requestCaseErasureInput, erasureRequestOutput),
  approveCaseErasure: callable(erasureRequestIdInput, approveCaseErasureOutput),
  declineCaseErasure: callable(declineCaseErasureInput, erasureRequestOutput),
  listErasureRequests: callable(listErasureRequestsInput, erasureRequestsOutput),
  startModelMigration: callable(startModelMigrationInput, modelMigrationOutput),
  getModelMigration: callable(strictEmpty, modelMigrationOutput),
  startTemplateKeyRotation: callable(startTemplateKeyRotationInput, modelMigrationOutput),
  draftAppealBulletin: callable(draftAppealBulletinInput, bulletinOutput),
  approveAppealBulletin: callable(approveAppealBulletinInput, bulletinOutput),
  listAppealBulletins: callable(listAppealBulletinsInput, bulletinsOutput),
  getEvidenceFile: callable(getEvidenceFileInput, getEvidenceFileOutput),
  getEvidenceFilePdf: callable(getEvidenceFilePdfInput, getEvidenceFilePdfOutput),
  verifyFaces: callable(verifyFacesInput, verifyFacesOutput),
  searchClip: callable(searchClipInput, searchClipOutput),
  submitCaseDraft: callable(submitCaseDraftInput, submitCaseDraftOutput),
  requestCrossBorderSearch: callable(requestCrossBorderSearchInput, sentRequestOutput),
  listCrossBorderRequests: callable(listCrossBorderRequestsInput, listCrossBorderRequestsOutput),
  getCrossBorderRequest: callable(getCrossBorderRequestInput, getCrossBorderRequestOutput),
  decideCrossBorderRequest: callable(decideCrossBorderRequestInput, receivedRequestOutput),
  withdrawCrossBorderRequest: callable(withdrawCrossBorderRequestInput, sentRequestOutput),
  openCrossBorderPair: callable(openCrossBorderPairInput, crossBorderPairOutput),
  listCrossBorderPairs: callable(listCrossBorderPairsInput, listCrossBorderPairsOutput),
  getCrossBorderPair: callable(getCrossBorderPairInput, getCrossBorderPairOutput),
  reviewCrossBorderPair: callable(reviewCrossBorderPairInput, crossBorderPairOutput),
  confirmCrossBorderPair: callable(confirmCrossBorderPairInput, crossBorderPairOutput),
  proposeCrossBorderAgreement: callable(proposeAgreementInput, agreementOutput),
  acceptCrossBorderAgreement: callable(agreementIdInput, agreementOutput),
  revokeCrossBorderAgreement: callable(revokeAgreementInput, agreementOutput),
  listCrossBorderAgreements: callable(strictEmpty, listAgreementsOutput),
  sendFamilySms: callable(sendFamilySmsInput, familySmsOutput),
  listFamilySms: callable(listFamilySmsInput, listFamilySmsOutput),
} as const;

export type CallableName = keyof typeof schemas;
type Entry<N extends CallableName> = (typeof schemas)[N] & { readonly access: CallableAccess };
/** each callable's input and output schemas, and its caller level, scope and particular refusals */
export const callables = Object.fromEntries(
  Object.entries(schemas).map(([name, entry]) => [name, { ...entry, access: callableAccess[name as CallableName] }]),
) as { readonly [N in CallableName]: Entry<N> };
export type CallableInput<N extends CallableName> = z.input<(typeof callables)[N]["input"]>;
export type CallableOutput<N extends CallableName> = z.output<(typeof callables)[N]["output"]>;
