// decode → detect → align → embed → quality, for one photo. Pure: bytes in, data out.
import { performance } from "node:perf_hooks";
import type * as ort from "onnxruntime-node";
import { loadManifest, modelByRole, modelVersion as versionOf } from "../models/manifest.js";
import { alignFace, cropScale, type AlignedCrop } from "./align.js";
import { inspectImage, type SourceInfo } from "./decode.js";
import { DARK_MEAN_LUMA, decodeDetections, detectorGeometry, detectorInput, type DetectorConfig } from "./detect.js";
import { buildEmbedderInput, embeddingsFromOutput } from "./embed.js";
import { DEFAULT_QUALITY_RULES, measureQuality, qualityIssues, type QualityRules } from "./quality.js";
import { pixelsForAlignment, pixelsForDetection } from "./resolution.js";
import { getSession, loadOrt } from "./sessions.js";
import type {
  AnalyzedFace,
  AnalyzeOptions,
  Detection,
  FaceEngine,
  FaceEngineOptions,
  PhotoAnalysis,
  PhotoVerdict,
  StageTimings,
} from "./types.js";
import { EMBEDDING_DIM } from "./types.js";

export const ENGINE_DEFAULTS = {
  threads: 1,
  detectorSize: 640,
  scoreThreshold: 0.6,
  nmsThreshold: 0.3,
  /** the detector reports faces from this size; quality rules decide if they are usable */
  minFaceSizePx: 12,
  flipAverage: true,
  /** the largest faces kept per photo (crowd photos) */
  maxFaces: 64,
} as const;

/**
 * Faces per embedder run. A run per face (and its mirror) is as fast per face as larger batches,
 * and the embedder's memory arena grows with the largest batch it has seen: measured peak RSS of
 * the embedder alone 140 MiB with 1 face per run, 240 with 4, 400 with 16, 1,050 with 64 (a crowd
 * photo in one run took a whole function process to 900 MiB).
 */
const EMBED_BATCH_FACES = 1;

interface Settings {
  detector: DetectorConfig;
  flip: boolean;
  rules: QualityRules;
  maxFaces: number;
}

interface Models {
  ort: typeof ort;
  detector: ort.InferenceSession;
  embedder: ort.InferenceSession;
}

export function createFaceEngine(
  options: FaceEngineOptions & { qualityRules?: QualityRules; maxFaces?: number },
): FaceEngine {
  const manifest = loadManifest();
  const settings = settingsFrom(options);
  const models = sessionsFor(
    options.modelsDir,
    modelByRole(manifest, "detector").file,
    modelByRole(manifest, "embedder").file,
    options.threads,
  );
  const modelVersion = versionOf(manifest);
  return {
    modelVersion,
    embeddingDim: EMBEDDING_DIM,
    analyze: (bytes, analyzeOptions = {}) => analyzePhoto(bytes, analyzeOptions, settings, models, modelVersion),
    async warmUp() {
      const { ort, detector, embedder } = await models();
      await detector.run({
        [detector.inputNames[0]!]: new ort.Tensor("float32", new Float32Array(3 * 64 * 64), [1, 3, 64, 64]),
      });
      await embedder.run({
        [embedder.inputNames[0]!]: new ort.Tensor("float32", new Float32Array(3 * 112 * 112), [1, 3, 112, 112]),
      });
    },
  };
}

function settingsFrom(options: FaceEngineOptions & { qualityRules?: QualityRules; maxFaces?: number }): Settings {
  return {
    detector: {
      inputSize: Math.max(32, Math.round((options.detectorSize ?? ENGINE_DEFAULTS.detectorSize) / 32) * 32),
      scoreThreshold: options.scoreThreshold ?? ENGINE_DEFAULTS.scoreThreshold,
      nmsThreshold: options.nmsThreshold ?? ENGINE_DEFAULTS.nmsThreshold,
      minFaceSizePx: options.minFaceSizePx ?? ENGINE_DEFAULTS.minFaceSizePx,
    },
    flip: options.flipAverage ?? ENGINE_DEFAULTS.flipAverage,
    rules: options.qualityRules ?? DEFAULT_QUALITY_RULES,
    maxFaces: options.maxFaces ?? ENGINE_DEFAULTS.maxFaces,
  };
}

function sessionsFor(
  modelsDir: string,
  detectorFile: string,
  embedderFile: string,
  threads: number = ENGINE_DEFAULTS.threads,
): () => Promise<Models> {
  return async () => {
    const [ortModule, detector, embedder] = await Promise.all([
      loadOrt(),
      // The detector's input size changes with every photo: an arena would keep the largest
      // buffers ever seen (measured: 50 MiB more peak RSS on a 4160x3120 photo). The embedder's
      // many small tensors need it: without it, embedding takes twice as long.
      getSession(modelsDir, detectorFile, threads, false),
      getSession(modelsDir, embedderFile, threads, true),
    ]);
    return { ort: ortModule, detector, embedder };
  };
}

/** wall time per stage into `timings`; time spent loading the models counts in no stage */
function stageClock(timings: StageTimings) {
  let mark = performance.now();
  return {
    lap(stage: "decode" | "detect" | "align" | "embed" | "quality"): void {
      const now = performance.now();
      timings[stage] += now - mark;
      mark = now;
    },
    skip(): void {
      mark = performance.now();
    },
  };
}

async function analyzePhoto(
  bytes: Uint8Array,
  options: AnalyzeOptions,
  settings: Settings,
  models: () => Promise<Models>,
  modelVersion: string,
): Promise<PhotoAnalysis> {
  const select = options.select ?? "all";
  const t = options.timings ?? ({} as StageTimings);
  Object.assign(t, { decode: 0, detect: 0, align: 0, embed: 0, quality: 0, detectInference: 0, embedInference: 0 });
  const clock = stageClock(t);

  const source = await inspectImage(bytes);
  const geometry = detectorGeometry(source, settings.detector.inputSize);
  const pixels = await pixelsForDetection(bytes, source, geometry);
  clock.lap("decode");
  const { ort: ortModule, detector, embedder } = await models();
  clock.skip();

  const input = detectorInput(ortModule, pixels.detector, geometry);
  const found = await findFaces(detector, input, settings, source, t);
  const detections = select === "centre" && found.length > 1 ? [nearestCentre(found, source)] : found;
  clock.lap("detect");

  const crops: AlignedCrop[] = [];
  if (detections.length > 0) {
    const image = await pixelsForAlignment(
      bytes,
      source,
      pixels,
      Math.max(...detections.map((d) => cropScale(d.landmarks))),
    );
    clock.lap("decode");
    for (const d of detections) crops.push(await alignFace(image, d.landmarks));
  }
  clock.lap("align");

  const embeddings = await embedCrops(ortModule, embedder, crops, settings.flip, t);
  clock.lap("embed");

  const faces = judgeFaces(detections, crops, embeddings, settings.rules);
  clock.lap("quality");

  return {
    width: source.width,
    height: source.height,
    format: source.format,
    faces,
    verdict: verdictFor(faces, select, input.meanLuma < DARK_MEAN_LUMA),
    modelVersion,
  };
}

/** the largest faces of the photo, numbered left to right */
async function findFaces(
  session: ort.InferenceSession,
  input: ReturnType<typeof detectorInput>,
  settings: Settings,
  source: SourceInfo,
  t: StageTimings,
): Promise<Detection[]> {
  const start = performance.now();
  const outputs = await session.run({ [session.inputNames[0]!]: input.tensor });
  t.detectInference += performance.now() - start;
  return orderFaces(decodeDetections(outputs, input, settings.detector, source)).slice(0, settings.maxFaces);
}

async function embedCrops(
  ortModule: typeof ort,
  session: ort.InferenceSession,
  crops: AlignedCrop[],
  flip: boolean,
  t: StageTimings,
): Promise<Float32Array[]> {
  const embeddings: Float32Array[] = [];
  for (let first = 0; first < crops.length; first += EMBED_BATCH_FACES) {
    const batch = crops.slice(first, first + EMBED_BATCH_FACES);
    const tensor = buildEmbedderInput(ortModule, batch, flip);
    const start = performance.now();
    const out = await session.run({ [session.inputNames[0]!]: tensor });
    t.embedInference += performance.now() - start;
    embeddings.push(
      ...embeddingsFromOutput(out[session.outputNames[0]!]!.data as Float32Array, batch.length, EMBEDDING_DIM, flip),
    );
  }
  return embeddings;
}

function judgeFaces(
  detections: Detection[],
  crops: AlignedCrop[],
  embeddings: Float32Array[],
  rules: QualityRules,
): AnalyzedFace[] {
  return detections.map((detection, index) => {
    const quality = measureQuality(detection, crops[index]!);
    const issues = qualityIssues(quality, rules);
    return { index, detection, quality, issues, accepted: issues.length === 0, embedding: embeddings[index]! };
  });
}

/** left to right, so the same photo always numbers its faces the same way */
function orderFaces(detections: Detection[]): Detection[] {
  return [...detections].sort((a, b) => a.box.x - b.box.x || a.box.y - b.box.y);
}

function nearestCentre(detections: Detection[], image: { width: number; height: number }): Detection {
  const distance = (d: Detection): number =>
    Math.hypot(d.box.x + d.box.width / 2 - image.width / 2, d.box.y + d.box.height / 2 - image.height / 2);
  return detections.reduce((best, d) => (distance(d) < distance(best) ? d : best));
}

export function verdictFor(faces: AnalyzedFace[], select: AnalyzeOptions["select"], dark = false): PhotoVerdict {
  if (faces.length === 0)
    return {
      status: "rejected",
      reasons: [
        dark
          ? { code: "too_dark", message: "image too dark; no face could be found" }
          : { code: "no_face", message: "no face found" },
      ],
    };
  if (select === "single" && faces.length > 1)
    return {
      status: "rejected",
      reasons: [{ code: "several_faces", message: `${faces.length} faces found; choose one` }],
    };
  if (faces.some((f) => f.accepted)) return { status: "accepted", reasons: [] };
  const seen = new Set<string>();
  const reasons = faces.flatMap((f) => f.issues).filter((issue) => !seen.has(issue.message) && seen.add(issue.message));
  return { status: "rejected", reasons };
}
