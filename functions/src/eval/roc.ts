// Verification metrics over scored pairs (higher score = more alike).

interface Scored {
  score: number;
  same: boolean;
}

export function accuracyAt(items: readonly Scored[], threshold: number): number {
  if (items.length === 0) return 0;
  let correct = 0;
  for (const it of items) if (it.score >= threshold === it.same) correct++;
  return correct / items.length;
}

/** the threshold (a midpoint between neighbouring scores) that maximises accuracy on these pairs */
export function bestThreshold(items: readonly Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  // threshold below everything: every pair called "same"
  let correct = sorted.filter((s) => s.same).length;
  let best = correct;
  let bestT = (sorted[0]?.score ?? 0) - 1e-6;
  for (let i = 0; i < sorted.length; i++) {
    correct += sorted[i]!.same ? -1 : 1;
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    if (correct > best) {
      best = correct;
      bestT = i + 1 < sorted.length ? (sorted[i]!.score + sorted[i + 1]!.score) / 2 : sorted[i]!.score + 1e-6;
    }
  }
  return bestT;
}

interface FoldResult {
  mean: number;
  sd: number;
  perFold: number[];
  thresholds: number[];
}

/** standard LFW protocol: each fold tested at the threshold chosen on the other folds */
export function kFoldAccuracy(items: readonly (Scored & { fold: number })[], folds: number): FoldResult {
  const perFold: number[] = [];
  const thresholds: number[] = [];
  for (let k = 0; k < folds; k++) {
    const threshold = bestThreshold(items.filter((i) => i.fold !== k));
    thresholds.push(threshold);
    perFold.push(
      accuracyAt(
        items.filter((i) => i.fold === k),
        threshold,
      ),
    );
  }
  const mean = perFold.reduce((a, b) => a + b, 0) / folds;
  const sd = Math.sqrt(perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / folds);
  return { mean, sd, perFold, thresholds };
}

/**
 * Threshold that at most `far` of the impostor scores reach, and the share of genuine scores
 * at or above it. With n impostors, FAR below 1/n cannot be measured: the threshold is then just
 * above the highest impostor.
 */
export function tarAtFar(items: readonly Scored[], far: number): { tar: number; threshold: number; impostors: number } {
  const impostors = items
    .filter((i) => !i.same)
    .map((i) => i.score)
    .sort((a, b) => b - a);
  const genuine = items.filter((i) => i.same).map((i) => i.score);
  if (impostors.length === 0 || genuine.length === 0) return { tar: NaN, threshold: NaN, impostors: impostors.length };
  const allowed = Math.floor(far * impostors.length);
  const threshold = impostors[allowed]! + 1e-9;
  return { tar: genuine.filter((s) => s >= threshold).length / genuine.length, threshold, impostors: impostors.length };
}

/** area under the ROC curve = P(genuine score > impostor score), ties counted half */
export function auc(items: readonly Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  const nPos = sorted.filter((s) => s.same).length;
  const nNeg = sorted.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  let rankSum = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.same) rankSum += midRank;
    i = j;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface RocPoint {
  threshold: number;
  far: number;
  tar: number;
}

/** one point per distinct score, from the strictest threshold to the loosest */
export function rocCurve(items: readonly Scored[]): RocPoint[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const nPos = sorted.filter((s) => s.same).length || 1;
  const nNeg = sorted.length - sorted.filter((s) => s.same).length || 1;
  const points: RocPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.same) tp++;
    else fp++;
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    points.push({ threshold: sorted[i]!.score, far: fp / nNeg, tar: tp / nPos });
  }
  return points;
}
