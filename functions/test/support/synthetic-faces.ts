// Synthetic faces for service tests: unit vectors with chosen similarities, written as ingest
// writes them (the face first, then the indexed photo record, whose write runs the photo trigger
// of local mode). Model version "m", under the store's template key (the vectors stand for protected ones).
import type { Deps } from "../../src/ports/index.js";
import type { FaceDoc, Photo } from "../../src/schemas/index.js";

const DIM = 128;
/** the i-th vector of the standard basis */
export const basis = (i: number): number[] => Array.from({ length: DIM }, (_, k) => (k === i ? 1 : 0));
/** a unit vector at cosine `s` to basis(i), leaning towards basis(j) */
export const towards = (i: number, j: number, s: number): number[] =>
  basis(i).map((x, k) => s * x + (k === j ? Math.sqrt(1 - s * s) : 0));

let photoCount = 0;

/** what ingest writes for a photo whose subject's face is `embedding`: the face, then the indexed photo record; returns the photo id */
export async function addFace(d: Deps, caseId: string, embedding: number[], photoDate?: string): Promise<string> {
  const record = (await d.cases.get(caseId))!;
  const photoId = `p${++photoCount}`;
  const at = d.clock.now().toISOString();
  const face: FaceDoc = {
    faceId: `${caseId}_${photoId}_0`,
    caseId,
    photoId,
    faceIndex: 0,
    caseKind: record.kind,
    caseStatus: record.status,
    country: record.country,
    modelVersion: "m",
    templateKeyId: d.templateKeys.defaultKeyId,
    quality: { faceSizePx: 100, sharpness: 100, brightness: 100, rollDeg: 0, yaw: 0, detectorScore: 0.9 },
    bbox: { x: 0, y: 0, width: 10, height: 10 },
    ...(photoDate ? { photoDate } : {}),
    createdAt: at,
    embedding,
  };
  const photo: Photo = {
    caseId,
    photoId,
    storagePath: `cases/${caseId}/photos/${photoId}`,
    sha256: "0".repeat(64),
    status: "indexed",
    reasons: [],
    facesFound: 1,
    facesIndexed: 1,
    faces: [{ index: 0, box: face.bbox, accepted: true, issues: [] }],
    modelVersion: "m",
    uploadedBy: "u",
    subjectFace: { index: 0, how: "only" },
    ...(photoDate ? { photoDate } : {}),
    createdAt: at,
    updatedAt: at,
  };
  await d.faces.replacePhotoFaces(caseId, photoId, [face]);
  await d.photos.put(photo);
  return photoId;
}
