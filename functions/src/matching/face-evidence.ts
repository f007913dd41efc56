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
 * The LFW pairs are photos of adults a few years apart at most. Across a larger gap the
 * embedder is less reliable (children grow, adults age), so the face evidence is tempered:
 * raised to the power w = 1 / (1 + (gap − 2) / 10) beyond 2 years — half its weight at
 * 12 years. An assumption, not a measurement (no age-gap set may be committed): what it does
 * is shown by `npm run eval -- --reunification lag`.
 */
export const AGE_GAP_TEMPERING = { freeYears: 2, halfWeightAfterYears: 10 } as const;

export function faceWeightForGap(gapYears: number | undefined): number {
  if (gapYears === undefined) return 1;
  const beyond = Math.max(0, Math.abs(gapYears) - AGE_GAP_TEMPERING.freeYears);
  return 1 / (1 + beyond / AGE_GAP_TEMPERING.halfWeightAfterYears);
}

/** the face-only bands on the LLR scale: the LLR of a similarity at each band edge */
export function faceBandEdges(): { band: Band; minLlr: number }[] {
  return CALIBRATION.bands.map((b) => ({ band: b.band, minLlr: faceLlr(b.minSimilarity) }));
}
