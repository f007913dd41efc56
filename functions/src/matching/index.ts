// The reunification matcher: pure functions over case facts (no I/O but the bundled JSON lists).
// Outside code imports this file, never the modules beside it.
export { compareNames, compareNameStrings, nameReadings, nameWords, phoneticKey, NAME_GRADES } from "./names.js";
export type { NameComparison, NameGrade, NamedSubject, NameToken } from "./names.js";
export { chanceOfSharing, comparePlaces, placeUnits, resolvePlace } from "./places.js";
export type { PlaceComparison, PlaceRelation, PlaceUnit, ResolvedPlace } from "./places.js";
export { ageGap, daysBetween, estimateSpread, formatAgeInterval, foundAgeAt, missingAgeAt, yearsBetween, FAMILY_AGE_SLACK_YEARS } from "./ages.js";
export type { AgeInterval } from "./ages.js";
export { FACE_CALIBRATED_GAP_YEARS, FACE_EVIDENCE, faceBandEdges, faceLlr } from "./face-evidence.js";
export type { FaceEvidenceCalibration } from "./face-evidence.js";
export { ageLlr, FACT_MODEL, FUSION_CALIBRATION, FUSED_BANDS, FUSION_VERSION, fusedBandEdges, fusedBandFor, fuseEvidence, maxFactPenalty } from "./fusion.js";
export type { PairFacts } from "./fusion.js";
