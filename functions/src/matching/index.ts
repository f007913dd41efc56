// The reunification matcher: pure functions over case facts (no I/O but the bundled JSON lists).
// Outside code imports this file, never the modules beside it.
export { compareNames, compareNameStrings, nameReadings, nameWords, phoneticKey, NAME_GRADES } from "./names.js";
export type { NameComparison, NameGrade, NamedSubject, NameToken } from "./names.js";
export { caseQuery, caseSearchKeys, fileNumberKey, stationKey, MAX_QUERY_KEYS } from "./name-search.js";
export type { CaseQuery } from "./name-search.js";
export { chanceOfSharing, comparePlaces, placeUnits, resolvePlace } from "./places.js";
export type { PlaceComparison, PlaceRelation, PlaceUnit, ResolvedPlace } from "./places.js";
export { ageGap, estimateSpread, formatAgeInterval, foundAgeAt, missingAgeAt, FAMILY_AGE_SLACK_YEARS } from "./ages.js";
export { DAYS_PER_YEAR, MS_PER_DAY, daysBetween, spokenInterval, yearsBetween } from "./dates.js";
export type { AgeInterval } from "./ages.js";
export {
  FACE_CALIBRATED_GAP_YEARS,
  FACE_EVIDENCE,
  faceBandEdges,
  faceLlr,
  gapBeyondCalibration,
} from "./face-evidence.js";
export type { FaceEvidenceCalibration } from "./face-evidence.js";
export {
  ageFactorOf,
  ageLlr,
  CHILD_PHOTO_MAX_AGE,
  childPhotoFactors,
  FACT_MODEL,
  photoAgeGroup,
  FUSION_CALIBRATION,
  FUSED_BANDS,
  FUSION_VERSION,
  fusedBandEdges,
  fusedBandFor,
  fuseEvidence,
  maxFactPenalty,
} from "./fusion.js";
export type { PairFacts, PhotoAgeGroup } from "./fusion.js";
export {
  DUPLICATE_BANDS,
  DUPLICATE_MODEL,
  DUPLICATE_VERSION,
  duplicateBandFor,
  duplicateEdge,
  fuseDuplicate,
} from "./duplicates.js";
export type { DuplicateFace, DuplicateFacts } from "./duplicates.js";
export {
  bestFacePair,
  caseFactsOf,
  evidenceFor,
  faceRef,
  foundFactsOf,
  missingFactsOf,
  reunificationEvidence,
} from "./pair-evidence.js";
export type { Evidence, MatchFace } from "./pair-evidence.js";
export { nextPair, PAIR_REOPEN_MARGIN } from "./pair-state.js";
