// Quality measures on the detection and the aligned crop, and the rules that turn them into
// reasons a person understands. Rules are enrolment-grade: a face that fails them is not indexed.
import { CROP_SIZE, type AlignedCrop } from "./align.js";
import type { Detection, FaceQuality, QualityIssue } from "./types.js";

export interface QualityRules {
  minFaceSizePx: number;
  minSharpness: number;
  minBrightness: number;
  maxBrightness: number;
  maxAbsYaw: number;
  maxAbsRollDeg: number;
  minDetectorScore: number;
}

export const DEFAULT_QUALITY_RULES: QualityRules = {
  minFaceSizePx: 40,
  minSharpness: 15,
  minBrightness: 40,
  maxBrightness: 235,
  maxAbsYaw: 1,
  maxAbsRollDeg: 60,
  minDetectorScore: 0.7,
};

// the central face region of the crop: between the eyebrows and the chin, cheek to cheek
const INNER = { x0: 24, x1: 88, y0: 36, y1: 104 };

export function measureQuality(detection: Detection, crop: AlignedCrop): FaceQuality {
  const [rightEye, leftEye, nose] = detection.landmarks;
  const grey = toGrey(crop);
  const eyeDistance = Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y) || 1;
  const mid = { x: (rightEye.x + leftEye.x) / 2, y: (rightEye.y + leftEye.y) / 2 };
  // signed offset of the nose from the eye midpoint along the eye line, in half eye distances
  const along =
    ((nose.x - mid.x) * (leftEye.x - rightEye.x) + (nose.y - mid.y) * (leftEye.y - rightEye.y)) / eyeDistance;
  return {
    faceSizePx: Math.round(Math.min(detection.box.width, detection.box.height)),
    sharpness: round2(laplacianVariance(grey)),
    brightness: round2(meanInner(grey)),
    rollDeg: round2((Math.atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x) * 180) / Math.PI),
    yaw: round2(Math.max(-2, Math.min(2, along / (eyeDistance / 2)))),
    detectorScore: round2(detection.score),
  };
}

export function qualityIssues(q: FaceQuality, rules: QualityRules = DEFAULT_QUALITY_RULES): QualityIssue[] {
  const issues: QualityIssue[] = [];
  if (q.faceSizePx < rules.minFaceSizePx)
    issues.push({
      code: "face_too_small",
      message: `face too small (${q.faceSizePx} px, need ${rules.minFaceSizePx})`,
    });
  if (q.brightness < rules.minBrightness) issues.push({ code: "too_dark", message: "image too dark" });
  else if (q.brightness > rules.maxBrightness)
    issues.push({ code: "too_bright", message: "image too bright (washed out)" });
  else if (q.sharpness < rules.minSharpness) issues.push({ code: "too_blurry", message: "face too blurry" });
  if (Math.abs(q.yaw) > rules.maxAbsYaw)
    issues.push({ code: "pose_too_strong", message: "face turned too far to the side" });
  else if (Math.abs(q.rollDeg) > rules.maxAbsRollDeg)
    issues.push({ code: "pose_too_strong", message: "head tilted too far" });
  if (q.detectorScore < rules.minDetectorScore)
    issues.push({
      code: "low_detector_score",
      message: `face not clearly visible (detector confidence ${Math.round(q.detectorScore * 100)} %)`,
    });
  return issues;
}

function toGrey(crop: AlignedCrop): Float32Array {
  const grey = new Float32Array(CROP_SIZE * CROP_SIZE);
  for (let i = 0, p = 0; i < grey.length; i++, p += 3)
    grey[i] = 0.299 * crop[p]! + 0.587 * crop[p + 1]! + 0.114 * crop[p + 2]!;
  return grey;
}

function meanInner(grey: Float32Array): number {
  let sum = 0;
  let n = 0;
  for (let y = INNER.y0; y < INNER.y1; y++)
    for (let x = INNER.x0; x < INNER.x1; x++, n++) sum += grey[y * CROP_SIZE + x]!;
  return sum / n;
}

/** variance of the 4-neighbour Laplacian over the inner face region: low means blurred */
export function laplacianVariance(grey: Float32Array, size = CROP_SIZE): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = INNER.y0; y < INNER.y1; y++) {
    for (let x = INNER.x0; x < INNER.x1; x++, n++) {
      const i = y * size + x;
      const l = grey[i - 1]! + grey[i + 1]! + grey[i - size]! + grey[i + size]! - 4 * grey[i]!;
      sum += l;
      sumSq += l * l;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
