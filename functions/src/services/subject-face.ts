// A case photo enrols one face: the case's subject. When a photo shows several people, one face
// is taken only when it clearly dominates — much larger than every other face and near the
// centre, as in a portrait with passers-by; otherwise the photo waits for an officer to choose.
//
// Measured on the smoke-test photos (docs/security.md, "One subject per case photo"): in every group photo
// the largest face is at most 1.39 times the side of the next one (a selfie; 1.00–1.09 in the
// others), so none of them is taken automatically; a portrait with a bystander at a third of its
// size is.
import type { AnalyzedFace, PhotoAnalysis } from "../engine/index.js";

const DOMINANCE = {
  /** the subject's face side (square root of its box area) over the next largest face's */
  minSideRatio: 1.6,
  /** distance of the face's centre from the photo's centre, in fractions of the photo's width/height */
  maxCentreOffset: 0.35,
} as const;

type SubjectSelection =
  { kind: "none" } | { kind: "face"; face: AnalyzedFace; how: "only" | "dominant" } | { kind: "choose"; faces: number };

const side = (f: AnalyzedFace): number => Math.sqrt(f.detection.box.width * f.detection.box.height);

function centreOffset(f: AnalyzedFace, photo: { width: number; height: number }): number {
  const b = f.detection.box;
  return Math.hypot((b.x + b.width / 2) / photo.width - 0.5, (b.y + b.height / 2) / photo.height - 0.5);
}

export function selectSubject(analysis: Pick<PhotoAnalysis, "faces" | "width" | "height">): SubjectSelection {
  const [largest, next] = [...analysis.faces].sort((a, b) => side(b) - side(a));
  if (!largest) return { kind: "none" };
  if (!next) return { kind: "face", face: largest, how: "only" };
  const dominant =
    side(largest) >= DOMINANCE.minSideRatio * side(next) &&
    centreOffset(largest, analysis) <= DOMINANCE.maxCentreOffset;
  return dominant ? { kind: "face", face: largest, how: "dominant" } : { kind: "choose", faces: analysis.faces.length };
}
