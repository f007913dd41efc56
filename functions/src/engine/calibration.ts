// Match threshold and confidence bands for one model version, derived from the impostor
// (different-person) similarity distribution of the LFW development pairs: each band edge is the
// similarity that impostor pairs exceed at the stated false-match rate. Re-derive with
// `npm run eval -- --calibrate …` whenever the model or the pipeline changes.
export type Band = "strong" | "possible" | "weak";

export interface Calibration {
  modelVersion: string;
  source: string;
  /** similarity at or above which a pair is reported as a candidate at all (band "weak") */
  threshold: number;
  bands: { band: Band; minSimilarity: number; falseMatchRate: number }[];
}

export const CALIBRATION: Calibration = {
  modelVersion: "yunet-2023mar-dynamic+mobilefacenet-paddlex-128@6ced4e0c",
  source:
    "npm run eval -- --calibrate --images ../shared/faces/lfw-dev (2026-11-25): 14,372,620 impostor and 59,258 genuine " +
    "pairs from 5,373 faces of 2,086 identities; genuine pairs accepted: 99.51 % (weak), 98.96 % (possible), 97.94 % (strong)",
  threshold: 0.32,
  bands: [
    { band: "strong", minSimilarity: 0.44, falseMatchRate: 1e-5 },
    { band: "possible", minSimilarity: 0.385, falseMatchRate: 1e-4 },
    { band: "weak", minSimilarity: 0.32, falseMatchRate: 1e-3 },
  ],
};

/** the band of a similarity, or undefined below the match threshold */
export function bandFor(similarity: number, calibration: Calibration = CALIBRATION): Band | undefined {
  return calibration.bands.find((b) => similarity >= b.minSimilarity)?.band;
}
