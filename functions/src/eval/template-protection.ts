// Template protection measured on a pairs file: the same pairs scored as the product scores them
// (the stored photo's vector and the probe's, both under the deployment's template key), and as an
// attacker holding a leaked export would (the public model's vector of a photo, or a vector under a
// guessed key, against the leaked protected vectors). The keys are fresh for each run: what is
// measured is any key, not one.
import { CALIBRATION, cosine } from "../engine/index.js";
import { createTemplateKeys, newTemplateKeySecret } from "../adapters/crypto/template-keys.js";
import { accuracyAt, auc, kFoldAccuracy, tarAtFar } from "./roc.js";
import { pairScore, type PairVectors } from "./verify.js";

interface Scenario {
  name: string;
  label: string;
  /** the pair's score given the stored photo's (a) and the probe's (b) model vectors */
  score: (a: Float32Array, b: Float32Array) => number;
}

export function runProtectionEval(
  pairs: readonly PairVectors[],
  folds: number,
): { figures: Record<string, number | boolean | null>; lines: string[] } {
  const keys = createTemplateKeys(`${newTemplateKeySecret("deployment")},${newTemplateKeySecret("guess")}`);
  const stored = (v: Float32Array) => keys.protect("deployment", v);
  const scenarios: Scenario[] = [
    { name: "plain", label: "without protection (the model's vectors)", score: (a, b) => cosine(a, b) },
    {
      name: "protected",
      label: "with the key (stored vector and probe both protected)",
      score: (a, b) => cosine(stored(a), stored(b)),
    },
    {
      name: "leak_public_model",
      label: "leaked export matched with the public model",
      score: (a, b) => cosine(stored(a), b),
    },
    {
      name: "leak_wrong_key",
      label: "leaked export matched under a wrong key",
      score: (a, b) => cosine(stored(a), keys.protect("guess", b)),
    },
  ];
  const figures: Record<string, number | boolean | null> = {};
  const lines = [`template protection (${pairs.length} pairs, fresh keys, threshold ${CALIBRATION.threshold}):`];
  const scoresOf = new Map<string, number[]>();
  for (const s of scenarios) {
    const scored = pairs.map(({ a, b, same, fold }) => ({ score: pairScore(a, b, s.score), same, fold }));
    scoresOf.set(
      s.name,
      scored.map((x) => x.score),
    );
    const kfold = folds > 1 ? kFoldAccuracy(scored, folds) : undefined;
    const row = {
      accuracy: kfold ? kfold.mean : null,
      accuracy_at_default_threshold: accuracyAt(scored, CALIBRATION.threshold),
      tar_at_far_0_001: tarAtFar(scored, 0.001).tar,
      auc: auc(scored),
    };
    for (const [k, v] of Object.entries(row)) figures[`protection_${s.name}_${k}`] = v;
    const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(2)} %`);
    lines.push(
      `  ${s.label}: accuracy ${pct(row.accuracy)}${kfold ? ` (${folds}-fold)` : ""}, at the default threshold ${pct(row.accuracy_at_default_threshold)}, TAR at FAR 0.1 % ${pct(row.tar_at_far_0_001)}, AUC ${row.auc.toFixed(5)}`,
    );
  }
  // protection keeps every score to float32 rounding: no decision may change at any threshold the product uses
  const plain = scoresOf.get("plain")!;
  const prot = scoresOf.get("protected")!;
  const maxDelta = plain.reduce((m, p, i) => Math.max(m, Math.abs(p - prot[i]!)), 0);
  const flipped = plain.filter((p, i) => p >= CALIBRATION.threshold !== prot[i]! >= CALIBRATION.threshold).length;
  figures.protection_max_score_change = maxDelta;
  figures.protection_decisions_changed = flipped;
  figures.protection_accuracy_identical =
    figures.protection_plain_accuracy === figures.protection_protected_accuracy &&
    figures.protection_plain_accuracy_at_default_threshold ===
      figures.protection_protected_accuracy_at_default_threshold;
  lines.push(
    `  largest score change under the key: ${maxDelta.toExponential(2)}; decisions changed at the default threshold: ${flipped}; accuracy identical: ${figures.protection_accuracy_identical ? "yes" : "NO"}`,
  );
  return { figures, lines };
}
