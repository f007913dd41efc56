// Photo ingest: the same use case behind the Storage trigger, the upload callable and the CLI.
// Deterministic ids make it idempotent under at-least-once delivery.
import { createHash, randomUUID } from "node:crypto";
import { ImageError } from "../engine/errors.js";
import { sniffImage } from "../engine/sniff.js";
import { thumbnailJpeg } from "../engine/thumbnail.js";
import type { Deps } from "../ports/index.js";
import { MAX_INLINE_BYTES, type FaceDoc, type Photo } from "../schemas/index.js";
import { type Actor, requireApproved } from "./actor.js";
import { audit } from "./audit.js";
import { mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { enforceRateLimit } from "./rate-limit.js";

export const casePhotoPath = (caseId: string, photoId: string): string => `cases/${caseId}/photos/${photoId}`;
export const faceId = (caseId: string, photoId: string, index: number): string => `${caseId}_${photoId}_${index}`;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface IngestRequest {
  caseId: string;
  photoId: string;
  bytes: Uint8Array;
  uploadedBy: string;
  photoDate?: string;
}

export async function ingestPhoto(deps: Deps, request: IngestRequest): Promise<Photo> {
  const started = Date.now();
  const value = await deps.cases.get(request.caseId);
  if (!value) throw new ServiceError("not-found", "No case with this reference.");
  const digest = sha256(request.bytes);
  const analyzer = await deps.analyzer();
  const previous = await deps.photos.get(request.caseId, request.photoId);
  if (previous && previous.sha256 === digest && previous.modelVersion === analyzer.modelVersion && previous.status !== "processing")
    return previous;

  const now = deps.clock.now().toISOString();
  const base = {
    caseId: request.caseId,
    photoId: request.photoId,
    storagePath: casePhotoPath(request.caseId, request.photoId),
    sha256: digest,
    modelVersion: analyzer.modelVersion,
    uploadedBy: request.uploadedBy,
    ...(request.photoDate ? { photoDate: request.photoDate } : {}),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  let photo: Photo;
  try {
    const analysis = await analyzer.analyze(request.bytes, { select: "all" });
    const accepted = analysis.faces.filter((f) => f.accepted);
    const docs: FaceDoc[] = accepted.map((f) => ({
      faceId: faceId(request.caseId, request.photoId, f.index),
      caseId: request.caseId,
      photoId: request.photoId,
      faceIndex: f.index,
      caseKind: value.kind,
      caseStatus: value.status,
      country: value.country,
      modelVersion: analysis.modelVersion,
      quality: f.quality,
      bbox: f.detection.box,
      ...(request.photoDate ? { photoDate: request.photoDate } : {}),
      createdAt: now,
      embedding: Array.from(f.embedding),
    }));
    await deps.faces.replacePhotoFaces(request.caseId, request.photoId, docs);
    photo = {
      ...base,
      status: analysis.verdict.status === "accepted" ? "indexed" : "rejected",
      reasons: analysis.verdict.reasons,
      facesFound: analysis.faces.length,
      facesIndexed: docs.length,
      faces: analysis.faces.map((f) => ({ index: f.index, box: f.detection.box, accepted: f.accepted, issues: f.issues })),
      width: analysis.width,
      height: analysis.height,
    };
  } catch (error) {
    if (!(error instanceof ImageError)) throw error;
    await deps.faces.replacePhotoFaces(request.caseId, request.photoId, []);
    photo = { ...base, status: "rejected", reasons: [{ code: error.code, message: error.message }], facesFound: 0, facesIndexed: 0, faces: [] };
  }
  await deps.photos.put(photo);
  deps.events.info("photo_ingested", {
    status: photo.status,
    facesFound: photo.facesFound,
    facesIndexed: photo.facesIndexed,
    ms: Date.now() - started,
  });
  return photo;
}

const contentTypes = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", tiff: "image/tiff" } as const;

export function decodeBase64(content: string): Uint8Array {
  const bytes = Buffer.from(content, "base64");
  if (bytes.length > MAX_INLINE_BYTES) throw new ServiceError("invalid-argument", "The photo is larger than 8 MiB; upload it to Storage instead.");
  return bytes;
}

export async function uploadCasePhoto(
  deps: Deps,
  actor: Actor | undefined,
  input: { caseId: string; photoId?: string; contentBase64: string; photoDate?: string },
) {
  const a = requireApproved(actor);
  const value = await mustGetCase(deps, a, input.caseId);
  if (value.status === "closed") throw new ServiceError("failed-precondition", "This case is closed: no new photos.");
  await enforceRateLimit(deps, a, "upload");
  const bytes = decodeBase64(input.contentBase64);
  const photoId = input.photoId ?? randomUUID();
  const sniffed = sniffImage(bytes);
  await deps.blobs.put(casePhotoPath(value.id, photoId), bytes, sniffed.kind === "supported" ? contentTypes[sniffed.format] : "application/octet-stream");
  const photo = await ingestPhoto(deps, { caseId: value.id, photoId, bytes, uploadedBy: a.uid, ...(input.photoDate ? { photoDate: input.photoDate } : {}) });
  await audit(deps, a, "photo.ingest", { type: "photo", id: casePhotoPath(value.id, photoId) }, { status: photo.status, faces: photo.facesIndexed });
  return { photo };
}

export async function listCasePhotos(deps: Deps, actor: Actor | undefined, input: { caseId: string }) {
  const a = requireApproved(actor);
  await mustGetCase(deps, a, input.caseId);
  return { photos: await deps.photos.list(input.caseId) };
}

export async function getPhotoThumbnail(deps: Deps, actor: Actor | undefined, input: { caseId: string; photoId: string }) {
  const a = requireApproved(actor);
  await mustGetCase(deps, a, input.caseId);
  const bytes = await deps.blobs.get(casePhotoPath(input.caseId, input.photoId));
  if (!bytes) throw new ServiceError("not-found", "This photo is no longer stored.");
  try {
    return { dataUrl: `data:image/jpeg;base64,${(await thumbnailJpeg(bytes)).toString("base64")}` };
  } catch {
    throw new ServiceError("failed-precondition", "This photo cannot be shown (it could not be read).");
  }
}
