// Case photos: every photo goes through the face engine and becomes a photo record with a verdict
// a person understands, plus one searchable face document per accepted face. The same service
// serves the Storage trigger (production), the upload callable (local mode) and the CLI.
// Deterministic ids make it idempotent under at-least-once delivery.
import { randomUUID } from "node:crypto";
import { ImageError, sniffImage, thumbnailJpeg, type PhotoAnalysis } from "../engine/index.js";
import type { Deps, FaceAnalyzer } from "../ports/index.js";
import { casePhotoPath, parseCasePhotoPath, type Case, type FaceDoc, type Photo } from "../schemas/index.js";
import { type Actor, requireApproved } from "./actor.js";
import { audit } from "./audit.js";
import { decodeBase64, sha256 } from "./bytes.js";
import { mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { enforceRateLimit } from "./rate-limit.js";

export const faceId = (caseId: string, photoId: string, index: number): string => `${caseId}_${photoId}_${index}`;

export interface IngestRequest {
  caseId: string;
  photoId: string;
  bytes: Uint8Array;
  uploadedBy: string;
  photoDate?: string;
}

/** what every version of the photo record shares, whatever the verdict */
type PhotoBase = Omit<Photo, "status" | "reasons" | "facesFound" | "facesIndexed" | "faces" | "width" | "height">;

export async function ingestPhoto(deps: Deps, request: IngestRequest): Promise<Photo> {
  const started = Date.now();
  const caseRecord = await deps.cases.get(request.caseId);
  if (!caseRecord) throw new ServiceError("case_not_found");
  const digest = sha256(request.bytes);
  const analyzer = await deps.analyzer();
  const previous = await deps.photos.get(request.caseId, request.photoId);
  // a redelivered event or a repeated upload of the same bytes: the work is already done
  if (previous && previous.sha256 === digest && previous.modelVersion === analyzer.modelVersion && previous.status !== "processing")
    return previous;

  const now = deps.clock.now().toISOString();
  const base: PhotoBase = {
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
  const analysis = await analyse(analyzer, request.bytes);
  const photo = analysis instanceof ImageError ? unreadablePhoto(base, analysis) : analysedPhoto(base, analysis);
  await deps.faces.replacePhotoFaces(request.caseId, request.photoId, analysis instanceof ImageError ? [] : faceDocs(caseRecord, base, analysis));
  await deps.photos.put(photo);
  deps.events.photoIngested({ status: photo.status, facesFound: photo.facesFound, facesIndexed: photo.facesIndexed, ms: Date.now() - started });
  return photo;
}

/** the engine's analysis, or the reason the bytes are not a readable photo */
async function analyse(analyzer: FaceAnalyzer, bytes: Uint8Array): Promise<PhotoAnalysis | ImageError> {
  try {
    return await analyzer.analyze(bytes, { select: "all" });
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
}

/** one searchable document per accepted face, carrying the case's prefilter fields */
function faceDocs(caseRecord: Case, base: PhotoBase, analysis: PhotoAnalysis): FaceDoc[] {
  return analysis.faces
    .filter((f) => f.accepted)
    .map((f) => ({
      faceId: faceId(base.caseId, base.photoId, f.index),
      caseId: base.caseId,
      photoId: base.photoId,
      faceIndex: f.index,
      caseKind: caseRecord.kind,
      caseStatus: caseRecord.status,
      country: caseRecord.country,
      modelVersion: analysis.modelVersion,
      quality: f.quality,
      bbox: f.detection.box,
      ...(base.photoDate ? { photoDate: base.photoDate } : {}),
      createdAt: base.updatedAt,
      embedding: Array.from(f.embedding),
    }));
}

function analysedPhoto(base: PhotoBase, analysis: PhotoAnalysis): Photo {
  return {
    ...base,
    status: analysis.verdict.status === "accepted" ? "indexed" : "rejected",
    reasons: analysis.verdict.reasons,
    facesFound: analysis.faces.length,
    facesIndexed: analysis.faces.filter((f) => f.accepted).length,
    faces: analysis.faces.map((f) => ({ index: f.index, box: f.detection.box, accepted: f.accepted, issues: f.issues })),
    width: analysis.width,
    height: analysis.height,
  };
}

function unreadablePhoto(base: PhotoBase, error: ImageError): Photo {
  return { ...base, status: "rejected", reasons: [{ code: error.code, message: error.message }], facesFound: 0, facesIndexed: 0, faces: [] };
}

/** a Storage upload: case photos are ingested, anything else is ignored at once */
export async function ingestStoredObject(deps: Deps, object: { name: string; uploadedBy?: string }): Promise<"ignored" | "ingested" | "missing"> {
  const path = parseCasePhotoPath(object.name);
  if (!path) return "ignored";
  const bytes = await deps.blobs.get(object.name);
  if (!bytes) return "missing";
  try {
    await ingestPhoto(deps, { ...path, bytes, uploadedBy: object.uploadedBy ?? "storage" });
    return "ingested";
  } catch (error) {
    if (error instanceof ServiceError && error.reason === "case_not_found") {
      deps.events.photoForUnknownCase({ caseId: path.caseId });
      return "missing";
    }
    throw error;
  }
}

const contentTypes = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", tiff: "image/tiff" } as const;

export async function uploadCasePhoto(
  deps: Deps,
  actor: Actor | undefined,
  input: { caseId: string; photoId?: string; contentBase64: string; photoDate?: string },
) {
  const caller = requireApproved(actor);
  const caseRecord = await mustGetCase(deps, caller, input.caseId);
  if (caseRecord.status === "closed") throw new ServiceError("case_closed_no_photos");
  await enforceRateLimit(deps, caller, "upload");
  const bytes = decodeBase64(input.contentBase64);
  const photoId = input.photoId ?? randomUUID();
  const sniffed = sniffImage(bytes);
  const path = casePhotoPath(caseRecord.id, photoId);
  await deps.blobs.put(path, bytes, sniffed.kind === "supported" ? contentTypes[sniffed.format] : "application/octet-stream");
  const photo = await ingestPhoto(deps, { caseId: caseRecord.id, photoId, bytes, uploadedBy: caller.uid, ...(input.photoDate ? { photoDate: input.photoDate } : {}) });
  await audit(deps, caller, "photo.ingest", { type: "photo", id: path }, { status: photo.status, faces: photo.facesIndexed });
  return { photo };
}

export async function listCasePhotos(deps: Deps, actor: Actor | undefined, input: { caseId: string }) {
  const caller = requireApproved(actor);
  await mustGetCase(deps, caller, input.caseId);
  return { photos: await deps.photos.list(input.caseId) };
}

export async function getPhotoThumbnail(deps: Deps, actor: Actor | undefined, input: { caseId: string; photoId: string }) {
  const caller = requireApproved(actor);
  await mustGetCase(deps, caller, input.caseId);
  const bytes = await deps.blobs.get(casePhotoPath(input.caseId, input.photoId));
  if (!bytes) throw new ServiceError("photo_not_stored");
  try {
    return { dataUrl: `data:image/jpeg;base64,${(await thumbnailJpeg(bytes)).toString("base64")}` };
  } catch {
    throw new ServiceError("photo_unreadable");
  }
}
