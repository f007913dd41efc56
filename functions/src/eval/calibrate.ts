// Similarity thresholds at stated false-match rates, from every cross-identity pair of the
// images in identity folders (millions of impostor pairs, enough for FMR 1e-5).
import type { FaceEngine } from "../engine/index.js";
import { embedImages } from "./embed-images.js";
import { readIdentityFolders } from "./identity-folders.js";

const CALIBRATION_FMRS = [1e-2, 1e-3, 1e-4, 1e-5] as const;

export async function runCalibration(engine: FaceEngine, imagesDir: string) {
  const identities = await readIdentityFolders(imagesDir);
  const embedded = await embedImages(
    engine,
    identities.flatMap((i) => i.items),
    "embedding",
  );
  const faces = identities.flatMap((identity, id) =>
    identity.items.flatMap((path) => {
      const v = embedded.embeddings.get(path);
      return v ? [{ id, v }] : [];
    }),
  );
  const impostor: number[] = [];
  const genuine: number[] = [];
  for (let i = 0; i < faces.length; i++) {
    const a = faces[i]!;
    for (let j = i + 1; j < faces.length; j++) {
      const b = faces[j]!;
      let s = 0;
      for (let d = 0; d < a.v.length; d++) s += a.v[d]! * b.v[d]!;
      (a.id === b.id ? genuine : impostor).push(s);
    }
  }
  const sortedImpostor = Float64Array.from(impostor).sort().reverse();
  const thresholds = CALIBRATION_FMRS.map((fmr) => {
    const threshold = sortedImpostor[Math.floor(fmr * sortedImpostor.length)]! + 1e-9;
    return { fmr, threshold, tar: genuine.filter((s) => s >= threshold).length / (genuine.length || 1) };
  });
  const figures: Record<string, number> = {
    impostor_pairs: impostor.length,
    genuine_pairs: genuine.length,
    no_face: embedded.noFace.length,
  };
  for (const t of thresholds) {
    const key = t.fmr.toExponential().replace("-", "m").replace("+", "");
    figures[`threshold_at_fmr_${key}`] = t.threshold;
    figures[`tar_at_fmr_${key}`] = t.tar;
  }
  const lines = [
    `${impostor.length} impostor and ${genuine.length} genuine pairs from ${faces.length} faces of ${identities.length} identities`,
    ...thresholds.map(
      (t) =>
        `FMR ${t.fmr}: similarity >= ${t.threshold.toFixed(4)} (genuine pairs accepted: ${(t.tar * 100).toFixed(2)} %)`,
    ),
  ];
  return { figures, lines };
}
