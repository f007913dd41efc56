// Verification on an LFW-style pairs file.
import { readFile } from "node:fs/promises";
import { CALIBRATION, cosine, type FaceEngine } from "../engine/index.js";
import { embedImages } from "./embed-images.js";
import { imagePath, parsePairsFile } from "./pairs-file.js";
import { accuracyAt, auc, bestThreshold, kFoldAccuracy, rocCurve, tarAtFar, type RocPoint } from "./roc.js";

/** a pair with a missing face counts as a non-match (the lowest possible cosine) */
const MISSING_FACE_SCORE = -1;

/** a pair's score under a comparison, the lowest possible where a face is missing */
export const pairScore = (
  a: Float32Array | undefined,
  b: Float32Array | undefined,
  compare: (a: Float32Array, b: Float32Array) => number,
): number => (a && b ? compare(a, b) : MISSING_FACE_SCORE);

interface VerificationReport {
  figures: Record<string, number | null>;
  roc: RocPoint[];
  lines: string[];
  /** each pair's score, in the file's order */
  scores: number[];
  /** each pair's two embeddings (undefined: no face), in the file's order */
  vectors: PairVectors[];
}

export interface PairVectors {
  a?: Float32Array;
  b?: Float32Array;
  same: boolean;
  fold: number;
}

export async function runVerification(
  engine: FaceEngine,
  pairsPath: string,
  imagesDir: string,
): Promise<VerificationReport> {
  const { folds, pairs } = parsePairsFile(await readFile(pairsPath, "utf8"));
  const paths = pairs.flatMap((p) => [imagePath(imagesDir, p.a), imagePath(imagesDir, p.b)]);
  const embedded = await embedImages(engine, paths, "embedding");
  const vectors: PairVectors[] = pairs.map((p) => ({
    a: embedded.embeddings.get(imagePath(imagesDir, p.a)),
    b: embedded.embeddings.get(imagePath(imagesDir, p.b)),
    same: p.same,
    fold: p.fold ?? 0,
  }));
  const scored = vectors.map(({ a, b, same, fold }) => ({ score: pairScore(a, b, cosine), same, fold }));
  const kfold = folds > 1 ? kFoldAccuracy(scored, folds) : undefined;
  const far = tarAtFar(scored, 0.001);
  const genuine = scored.filter((s) => s.same).length;
  const figures = {
    pairs: scored.length,
    genuine_pairs: genuine,
    impostor_pairs: scored.length - genuine,
    folds: folds > 1 ? folds : 0,
    accuracy: kfold ? kfold.mean : null,
    accuracy_sd: kfold ? kfold.sd : null,
    best_threshold_accuracy: accuracyAt(scored, bestThreshold(scored)),
    best_threshold: bestThreshold(scored),
    default_threshold: CALIBRATION.threshold,
    accuracy_at_default_threshold: accuracyAt(scored, CALIBRATION.threshold),
    tar_at_far_0_001: far.tar,
    threshold_at_far_0_001: far.threshold,
    auc: auc(scored),
    images: embedded.embeddings.size,
    no_face: embedded.noFace.length,
    unreadable: embedded.unreadable.length,
    pairs_with_missing_face: scored.filter((s) => s.score === MISSING_FACE_SCORE).length,
    images_per_s: embedded.embeddings.size / embedded.seconds,
  };
  const pct = (v: number | null): string => (v === null ? "n/a" : `${(v * 100).toFixed(2)} %`);
  const lines = [
    `pairs: ${figures.pairs} (${genuine} same, ${figures.impostor_pairs} different)${kfold ? `, ${folds} folds` : ", no folds"}`,
    kfold
      ? `accuracy (${folds}-fold, threshold from the other folds): ${pct(kfold.mean)} ± ${pct(kfold.sd)}`
      : "accuracy: no folds in this file (see best-threshold accuracy)",
    `accuracy at the best threshold on all pairs (optimistic): ${pct(figures.best_threshold_accuracy)} at ${figures.best_threshold.toFixed(3)}`,
    `accuracy at the default threshold ${CALIBRATION.threshold}: ${pct(figures.accuracy_at_default_threshold)}`,
    `TAR at FAR 0.1 %: ${pct(far.tar)} (threshold ${far.threshold.toFixed(3)}; ${far.impostors} impostor pairs, so FAR steps are ${(100 / far.impostors).toFixed(3)} %)`,
    `AUC: ${figures.auc.toFixed(5)}`,
    `images: ${figures.images}, no face: ${figures.no_face}, unreadable: ${figures.unreadable} (pairs with a missing face count as non-matches: ${figures.pairs_with_missing_face})`,
    `speed: ${figures.images_per_s.toFixed(1)} images/s`,
  ];
  return { figures, roc: rocCurve(scored), lines, scores: scored.map((s) => s.score), vectors };
}
