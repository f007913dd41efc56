// The face engine's public contract. Pure data: no Firebase, no I/O handles.
// Everything outside src/engine (services, CLI, eval, bench) depends only on this file and on
// createFaceEngine() from ./index.js.

/** the embedder's output: one L2-normalised vector of this many numbers per face (MobileFaceNet, models/manifest.json) */
export const EMBEDDING_DIM = 128;

export interface Point {
  x: number;
  y: number;
}

/** Pixel box in the upright (EXIF-corrected) photo. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** YuNet order: right eye, left eye, nose tip, right mouth corner, left mouth corner. */
export type Landmarks = [Point, Point, Point, Point, Point];

export interface Detection {
  box: Box;
  landmarks: Landmarks;
  /** sqrt(cls * obj), 0..1 */
  score: number;
}

export interface FaceQuality {
  /** inter-ocular-independent face size: the shorter side of the detector box, in source pixels */
  faceSizePx: number;
  /** variance of the Laplacian on the aligned 112x112 grey crop */
  sharpness: number;
  /** mean luma of the aligned crop, 0..255 */
  brightness: number;
  /** in-plane rotation from the eye line, degrees */
  rollDeg: number;
  /** yaw proxy: nose offset from the eye midpoint in half eye distances, -2..2 (0 = frontal, beyond ±1 the nose is outside the eyes) */
  yaw: number;
  detectorScore: number;
}

export type QualityIssueCode =
  "face_too_small" | "too_blurry" | "too_dark" | "too_bright" | "pose_too_strong" | "low_detector_score";

export interface QualityIssue {
  code: QualityIssueCode;
  /** a sentence a person understands, e.g. "face too small (38 px, need 64)" */
  message: string;
}

export interface AnalyzedFace {
  /** order of the face in the photo (left to right, then top to bottom): stable for the same bytes */
  index: number;
  detection: Detection;
  quality: FaceQuality;
  issues: QualityIssue[];
  accepted: boolean;
  /** L2-normalised, length = embeddingDim */
  embedding: Float32Array;
}

export type PhotoRejectCode = "no_face" | "several_faces" | "quality";

export interface PhotoVerdict {
  status: "accepted" | "rejected";
  /** empty when accepted */
  reasons: { code: PhotoRejectCode | QualityIssueCode; message: string }[];
}

export interface PhotoAnalysis {
  width: number;
  height: number;
  format: ImageFormat;
  faces: AnalyzedFace[];
  verdict: PhotoVerdict;
  modelVersion: string;
}

export type ImageFormat = "jpeg" | "png" | "webp" | "tiff";

/**
 * - "all": every face (case photos, group probes); the photo is accepted when >= 1 face is accepted.
 * - "single": exactly one face required ("3 faces found; choose one" otherwise).
 * - "centre": pick the face nearest the image centre (LFW-style evaluation crops).
 */
export type FaceSelection = "all" | "single" | "centre";

export interface AnalyzeOptions {
  select?: FaceSelection;
  /** filled with per-stage wall times (ms) when given: for the benchmark */
  timings?: StageTimings;
}

export interface StageTimings {
  decode: number;
  detect: number;
  align: number;
  embed: number;
  quality: number;
  /** the ONNX session.run calls alone, included in detect and embed */
  detectInference: number;
  embedInference: number;
}

export interface FaceEngine {
  readonly modelVersion: string;
  readonly embeddingDim: number;
  analyze(bytes: Uint8Array, options?: AnalyzeOptions): Promise<PhotoAnalysis>;
  /** load models and run one dummy inference so the first real request is fast */
  warmUp(): Promise<void>;
}

export interface FaceEngineOptions {
  /** directory holding the model files named in the manifest */
  modelsDir: string;
  /** intra-op threads per ONNX session; default 1 (Cloud Functions scale by instances) */
  threads?: number;
  /** longer side of the detector input, rounded to a multiple of 32; default chosen by measurement */
  detectorSize?: number;
  scoreThreshold?: number;
  nmsThreshold?: number;
  minFaceSizePx?: number;
  /** average the embedding of the crop and its mirror image */
  flipAverage?: boolean;
}
