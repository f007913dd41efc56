// The pairs of an LFW-style file through the product's own 1:1 path: the first photo of each
// pair enrolled as a case photo (the ingest service, an officer's choice of the centred face where
// the photo waits for one), the second compared with that case by the verification service
// (verifyFaces, what `tora-face verify` and the portal's "Compare with this case" call). The
// score of a pair is the similarity of the probe face nearest the photo's centre (LFW's subject).
import { readFile } from "node:fs/promises";
import { newKeyRingSecret } from "../adapters/crypto/aes-keyring.js";
import { createLocalDeps } from "../adapters/local/deps.js";
import { CALIBRATION, type FaceEngine } from "../engine/index.js";
import type { Deps } from "../ports/index.js";
import { silentEvents } from "../runtime/events.js";
import type { Photo, VerifyFacesOutput } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { createCase } from "../services/cases.js";
import { ServiceError } from "../services/errors.js";
import { chooseCasePhotoFace, uploadCasePhoto } from "../services/photos.js";
import { verifyFaces } from "../services/verify.js";
import { createProgress } from "../terminal/progress.js";
import { imagePath, parsePairsFile } from "./pairs-file.js";
import { accuracyAt, kFoldAccuracy } from "./roc.js";

const MISSING_FACE_SCORE = -1;

type Box = { x: number; y: number; width: number; height: number };
const offCentre = (b: Box, size: { width: number; height: number }) =>
  Math.hypot(b.x + b.width / 2 - size.width / 2, b.y + b.height / 2 - size.height / 2);

interface Enrolled {
  caseId: string;
  /** why the case has no searchable face: the product refused the photo (its reason) */
  refused?: string;
}

/** one case per distinct first photo, enrolled as an officer would: the centred face chosen where the photo shows several */
async function enrol(deps: Deps, path: string): Promise<Enrolled> {
  const { case: c } = await createCase(deps, SYSTEM_ACTOR, {
    kind: "missing",
    country: "BI",
    station: "eval",
    subject: { names: [], aliases: [], sex: "unknown" },
  });
  let photo: Photo;
  try {
    photo = (
      await uploadCasePhoto(deps, SYSTEM_ACTOR, {
        caseId: c.id,
        photoId: "p",
        contentBase64: (await readFile(path)).toString("base64"),
      })
    ).photo;
  } catch (error) {
    if (error instanceof ServiceError) return { caseId: c.id, refused: error.reason };
    throw error;
  }
  if (photo.status === "needs_choice") {
    const size = { width: photo.width ?? 0, height: photo.height ?? 0 };
    const centred = photo.faces.reduce((best, f) => (offCentre(f.box, size) < offCentre(best.box, size) ? f : best));
    photo = (
      await chooseCasePhotoFace(deps, SYSTEM_ACTOR, { caseId: c.id, photoId: photo.photoId, faceIndex: centred.index })
    ).photo;
  }
  return photo.status === "indexed"
    ? { caseId: c.id }
    : { caseId: c.id, refused: photo.reasons.map((r) => r.code).join(",") || photo.status };
}

interface ServiceVerification {
  lines: string[];
  figures: Record<string, number | null>;
}

export async function runServiceVerification(
  engine: FaceEngine,
  pairsPath: string,
  imagesDir: string,
  engineScores: number[],
): Promise<ServiceVerification> {
  const { folds, pairs } = parsePairsFile(await readFile(pairsPath, "utf8"));
  const deps = createLocalDeps({
    database: ":memory:",
    keyRingSecret: newKeyRingSecret("eval"),
    analyzer: async () => engine,
    events: silentEvents,
  });
  const cases = new Map<string, Enrolled>();
  const progress = createProgress("verification service", pairs.length);
  const refusedCases = new Map<string, number>();
  let noProbeFace = 0;
  const started = Date.now();
  const scored: { score: number; same: boolean; fold: number }[] = [];
  for (const pair of pairs) {
    const [a, b] = [imagePath(imagesDir, pair.a), imagePath(imagesDir, pair.b)];
    let enrolled = cases.get(a);
    if (!enrolled) cases.set(a, (enrolled = await enrol(deps, a)));
    let score = MISSING_FACE_SCORE;
    if (enrolled.refused) refusedCases.set(enrolled.refused, (refusedCases.get(enrolled.refused) ?? 0) + 1);
    else {
      const result = await verifyFaces(deps, SYSTEM_ACTOR, {
        caseId: enrolled.caseId,
        probe: { contentBase64: (await readFile(b)).toString("base64") },
      }).catch((error: unknown) => {
        if (error instanceof ServiceError && error.reason === "image_refused") return undefined;
        throw error;
      });
      const face = result && centredFace(result);
      if (face) score = face.similarity;
      else noProbeFace++;
    }
    scored.push({ score, same: pair.same, fold: pair.fold ?? 0 });
    progress.tick();
  }
  progress.done();
  return report(scored, engineScores, folds, { refusedCases, noProbeFace, seconds: (Date.now() - started) / 1000 });
}

/** the probe face nearest the centre of the photo: LFW's subject */
const centredFace = (result: VerifyFacesOutput) =>
  result.faces.reduce<VerifyFacesOutput["faces"][number] | undefined>(
    (best, f) => (!best || offCentre(f.box, result) < offCentre(best.box, result) ? f : best),
    undefined,
  );

function report(
  scored: { score: number; same: boolean; fold: number }[],
  engineScores: number[],
  folds: number,
  counts: { refusedCases: Map<string, number>; noProbeFace: number; seconds: number },
): ServiceVerification {
  const threshold = CALIBRATION.threshold;
  const engine = scored.map((s, i) => ({ ...s, score: engineScores[i]! }));
  const both = scored.filter((s, i) => s.score !== MISSING_FACE_SCORE && engine[i]!.score !== MISSING_FACE_SCORE);
  const maxDifference = Math.max(
    0,
    ...scored.map((s, i) => (both.includes(s) ? Math.abs(s.score - engine[i]!.score) : 0)),
  );
  const decisionsDiffer = scored.filter((s, i) => s.score >= threshold !== engine[i]!.score >= threshold).length;
  const kfold = folds > 1 ? kFoldAccuracy(scored, folds) : undefined;
  const refused = [...counts.refusedCases.values()].reduce((n, c) => n + c, 0);
  // the comparison alone: the pairs whose case photo the product enrolled (its quality rules refuse some the evaluation scores)
  const enrolledPairs = scored.flatMap((s, i) =>
    s.score === MISSING_FACE_SCORE && engine[i]!.score !== MISSING_FACE_SCORE ? [] : [i],
  );
  const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
  const figures = {
    service_accuracy_at_threshold: accuracyAt(scored, threshold),
    engine_accuracy_at_threshold: accuracyAt(engine, threshold),
    service_accuracy: kfold ? kfold.mean : null,
    service_accuracy_sd: kfold ? kfold.sd : null,
    pairs_deciding_differently: decisionsDiffer,
    max_score_difference: maxDifference,
    pairs_case_photo_refused: refused,
    enrolled_pairs: enrolledPairs.length,
    service_accuracy_enrolled_pairs: accuracyAt(
      enrolledPairs.map((i) => scored[i]!),
      threshold,
    ),
    engine_accuracy_enrolled_pairs: accuracyAt(
      enrolledPairs.map((i) => engine[i]!),
      threshold,
    ),
    pairs_probe_without_face: counts.noProbeFace,
    service_seconds: counts.seconds,
  };
  const lines = [
    `through the verification service (enrolment by the ingest service, comparison by verifyFaces):`,
    `  accuracy at the calibrated threshold ${threshold}: ${pct(figures.service_accuracy_at_threshold)} (the evaluation's, engine alone: ${pct(figures.engine_accuracy_at_threshold)})`,
    kfold ? `  accuracy (${folds}-fold): ${pct(kfold.mean)} ± ${pct(kfold.sd)}` : "  no folds in this file",
    `  pairs decided differently from the evaluation: ${decisionsDiffer}; largest score difference where both have a face: ${maxDifference.toFixed(5)} (the service rounds to 4 decimals)`,
    `  on the ${enrolledPairs.length} pairs whose case photo the product enrolled: ${pct(figures.service_accuracy_enrolled_pairs)} (evaluation: ${pct(figures.engine_accuracy_enrolled_pairs)})`,
    `  pairs whose case photo the product refused to enrol: ${refused}${refused ? ` (${[...counts.refusedCases].map(([r, n]) => `${r}: ${n}`).join(", ")})` : ""}; probes without a face: ${counts.noProbeFace}`,
    `  ${counts.seconds.toFixed(0)} s through the service`,
  ];
  return { lines, figures };
}
