// Face similarity → likelihood ratio (same person vs two different people), from the genuine
// and impostor similarity distributions of the LFW development half: a logistic fit of
// log(f_genuine / f_impostor) that is linear in the similarity, capped where the data run out
// (fewer than 10 impostor pairs above, or 10 genuine pairs below). Re-derive with
// `npm run eval -- --reunification calibrate` whenever engine/calibration.ts changes.
import { CALIBRATION, type Band } from "../engine/index.js";

export interface FaceEvidenceCalibration {
  /** the engine calibration these constants belong to */
  modelVersion: string;
  source: string;
  /** llr = intercept + slope × similarity, within [minLlr, maxLlr] */
  intercept: number;
  slope: number;
  minLlr: number;
  maxLlr: number;
}

export const FACE_EVIDENCE: FaceEvidenceCalibration = {
  modelVersion: "yunet-2023mar-dynamic+mobilefacenet-paddlex-128@6ced4e0c",
  source:
    "npm run eval -- --reunification calibrate --images ../shared/faces/lfw-dev (2026-11-26): 59,258 genuine and " +
    "14,372,620 impostor pairs from 5,373 faces of 2,086 identities; LLR 0 at similarity 0.296",
  intercept: -10.994,
  slope: 37.116,
  minLlr: -6.819,
  maxLlr: 9.141,
};

/** natural-log likelihood ratio of one face comparison */
export function faceLlr(similarity: number, c: FaceEvidenceCalibration = FACE_EVIDENCE): number {
  return Math.min(c.maxLlr, Math.max(c.minLlr, c.intercept + c.slope * similarity));
}

/**
 * Up to how many years between two photos the face calibration holds. The calibration set's pairs
 * (LFW) are news photographs of adults taken in 2002–2004 (Berg et al., "Names and Faces in the
 * News"): two photos of one person there are at most about two years apart, so a larger gap is
 * beyond what was measured, and a search and a pair's evidence both say so. The face evidence
 * itself is not reweighted across a gap. An age gap lowers the scores of the same person (children
 * grow, adults age) and leaves those of strangers where they are, so no power of the LLR describes
 * it (a power shrinks evidence both ways), and a curve fitted to an age-gap set could not be
 * shipped with the project. The bands stay honest because they are set on strangers' scores
 * (FUSED_BANDS), which the gap does not move; what the gap costs, true matches that score lower, is
 * measured by `npm run eval -- --reunification lag`.
 */
export const FACE_CALIBRATED_GAP_YEARS = 2;

/** the years between two photos, rounded, when they are beyond the calibration; else undefined */
export function gapBeyondCalibration(gapYears: number): number | undefined {
  const years = Math.round(Math.abs(gapYears));
  return years >= FACE_CALIBRATED_GAP_YEARS ? years : undefined;
}

/** the face-only bands on the LLR scale: the LLR of a similarity at each band edge */
export function faceBandEdges(): { band: Band; minLlr: number }[] {
  return CALIBRATION.bands.map((b) => ({ band: b.band, minLlr: faceLlr(b.minSimilarity) }));
}
