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
  source: "PENDING",
  threshold: 0.3,
  bands: [
    { band: "strong", minSimilarity: 0.45, falseMatchRate: 1e-4 },
    { band: "possible", minSimilarity: 0.38, falseMatchRate: 1e-3 },
    { band: "weak", minSimilarity: 0.3, falseMatchRate: 1e-2 },
  ],
};

/** the band of a similarity, or undefined below the match threshold */
export function bandFor(similarity: number, calibration: Calibration = CALIBRATION): Band | undefined {
  return calibration.bands.find((b) => similarity >= b.minSimilarity)?.band;
}
