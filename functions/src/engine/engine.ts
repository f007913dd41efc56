// decode → detect → align → embed → quality, for one photo. Pure: bytes in, data out.
import { performance } from "node:perf_hooks";
import { loadManifest, modelByRole, modelVersion as versionOf } from "../models/manifest.js";
import { alignFace, type AlignedCrop } from "./align.js";
import { decodeImage } from "./decode.js";
import { DARK_MEAN_LUMA, decodeDetections, prepareDetectorInput, type DetectorConfig } from "./detect.js";
import { buildEmbedderInput, embeddingsFromOutput } from "./embed.js";
import { DEFAULT_QUALITY_RULES, measureQuality, qualityIssues, type QualityRules } from "./quality.js";
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

const EMBEDDING_DIM = 128;

export function createFaceEngine(options: FaceEngineOptions & { qualityRules?: QualityRules; maxFaces?: number }): FaceEngine {
  const manifest = loadManifest();
  const detectorFile = modelByRole(manifest, "detector").file;
  const embedderFile = modelByRole(manifest, "embedder").file;
  const threads = options.threads ?? ENGINE_DEFAULTS.threads;
  const flip = options.flipAverage ?? ENGINE_DEFAULTS.flipAverage;
  const rules = options.qualityRules ?? DEFAULT_QUALITY_RULES;
  const maxFaces = options.maxFaces ?? ENGINE_DEFAULTS.maxFaces;
  const detector: DetectorConfig = {
    inputSize: Math.max(32, Math.round((options.detectorSize ?? ENGINE_DEFAULTS.detectorSize) / 32) * 32),
    scoreThreshold: options.scoreThreshold ?? ENGINE_DEFAULTS.scoreThreshold,
    nmsThreshold: options.nmsThreshold ?? ENGINE_DEFAULTS.nmsThreshold,
    minFaceSizePx: options.minFaceSizePx ?? ENGINE_DEFAULTS.minFaceSizePx,
  };
  const sessions = () =>
    Promise.all([
      loadOrt(),
      // The detector's input size changes with every photo: an arena would keep the largest
      // buffers ever seen (measured: 50 MiB more peak RSS on a 4160x3120 photo). The embedder's
      // many small tensors need it: without it, embedding takes twice as long.
      getSession(options.modelsDir, detectorFile, threads, false),
      getSession(options.modelsDir, embedderFile, threads, true),
    ]);

  async function analyze(bytes: Uint8Array, analyzeOptions: AnalyzeOptions = {}): Promise<PhotoAnalysis> {
    const select = analyzeOptions.select ?? "all";
    const t: StageTimings = analyzeOptions.timings ?? {
      decode: 0, detect: 0, align: 0, embed: 0, quality: 0, detectInference: 0, embedInference: 0,
    };
    let mark = performance.now();
    const lap = (): number => {
      const now = performance.now();
      const elapsed = now - mark;
      mark = now;
      return elapsed;
    };

    const image = await decodeImage(bytes);
    t.decode = lap();
    const [ort, detectorSession, embedderSession] = await sessions();
    lap(); // session creation is start-up cost, not per-photo cost

    const input = await prepareDetectorInput(ort, image, detector.inputSize);
    const inferStart = performance.now();
    const outputs = await detectorSession.run({ [detectorSession.inputNames[0]!]: input.tensor });
    t.detectInference = performance.now() - inferStart;
    let detections = orderFaces(decodeDetections(outputs, input, detector, image)).slice(0, maxFaces);
    if (select === "centre" && detections.length > 1) detections = [nearestCentre(detections, image)];
    t.detect = lap();

    const crops: AlignedCrop[] = [];
    for (const d of detections) crops.push(await alignFace(image, d.landmarks));
    t.align = lap();

    let embeddings: Float32Array[] = [];
    if (crops.length > 0) {
      const tensor = buildEmbedderInput(ort, crops, flip);
      const embedStart = performance.now();
      const out = await embedderSession.run({ [embedderSession.inputNames[0]!]: tensor });
      t.embedInference = performance.now() - embedStart;
      const output = out[embedderSession.outputNames[0]!]!.data as Float32Array;
      embeddings = embeddingsFromOutput(output, crops.length, EMBEDDING_DIM, flip);
    } else {
      t.embedInference = 0;
    }
    t.embed = lap();

    const faces: AnalyzedFace[] = detections.map((detection, index) => {
      const quality = measureQuality(detection, crops[index]!);
      const issues = qualityIssues(quality, rules);
      return { index, detection, quality, issues, accepted: issues.length === 0, embedding: embeddings[index]! };
    });
    t.quality = lap();

    return {
      width: image.width,
      height: image.height,
      format: image.format,
      faces,
      verdict: verdictFor(faces, select, input.meanLuma < DARK_MEAN_LUMA),
      modelVersion: version,
    };
  }

  const version = versionOf(manifest);
  return {
    modelVersion: version,
    embeddingDim: EMBEDDING_DIM,
    analyze,
    async warmUp() {
      const [ort, detectorSession, embedderSession] = await sessions();
      await detectorSession.run({ [detectorSession.inputNames[0]!]: new ort.Tensor("float32", new Float32Array(3 * 64 * 64), [1, 3, 64, 64]) });
      await embedderSession.run({ [embedderSession.inputNames[0]!]: new ort.Tensor("float32", new Float32Array(3 * 112 * 112), [1, 3, 112, 112]) });
    },
    async close() {
      // sessions are shared per process (see sessions.ts); nothing is held per engine
    },
  };
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
      reasons: [dark ? { code: "too_dark", message: "image too dark; no face could be found" } : { code: "no_face", message: "no face found" }],
    };
  if (select === "single" && faces.length > 1)
    return { status: "rejected", reasons: [{ code: "several_faces", message: `${faces.length} faces found; choose one` }] };
  if (faces.some((f) => f.accepted)) return { status: "accepted", reasons: [] };
  const seen = new Set<string>();
  const reasons = faces
    .flatMap((f) => f.issues)
    .filter((issue) => !seen.has(issue.message) && seen.add(issue.message));
  return { status: "rejected", reasons };
}
