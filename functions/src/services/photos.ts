// Case photos. Every photo goes through the face engine and becomes a photo record with a verdict
// a person understands; the face of the case's subject (one per photo) becomes searchable. Photos
// are evidence: a stored photo is never replaced (a correction is a new photo and an audited
// retraction of the old one), and bytes that are not a readable photo are not kept.
//
// The same ingest serves the Storage trigger (production), the upload callable (local mode), the
// command line and the scheduled resume. It is idempotent (deterministic ids, at-least-once
// delivery) and the photo record exists before its face becomes searchable, so interrupted work
// is found again and finished.
import { randomUUID } from "node:crypto";
import { ImageError, isImageErrorCode, thumbnailJpeg, type AnalyzedFace, type ImageFormat, type PhotoAnalysis } from "../engine/index.js";
import type { Deps, FaceAnalyzer } from "../ports/index.js";
import { casePhotoPath, parseCasePhotoPath, type Case, type FaceDoc, type Photo, type SubjectFace } from "../schemas/index.js";
import { type Actor, requireApproved } from "./actor.js";
import { audit } from "./audit.js";
import { decodeBase64, sha256 } from "./bytes.js";
import { mayManage, mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { activeAnalyzer, activeModelVersion } from "./face-models.js";
import { reserveUpload } from "./rate-limit.js";
import { selectSubject } from "./subject-face.js";

/** deterministic per model version: during a migration a photo's face exists in both versions */
export const faceId = (caseId: string, photoId: string, index: number, modelVersion: string): string =>
  `${caseId}_${photoId}_${index}_${sha256(new TextEncoder().encode(modelVersion)).slice(0, 8)}`;

export interface IngestRequest {
  caseId: string;
  photoId: string;
  bytes: Uint8Array;
  uploadedBy: string;
  photoDate?: string;
  fileName?: string;
}

/** what every version of the photo record shares, whatever the verdict */
type PhotoBase = Omit<Photo, "status" | "reasons" | "facesFound" | "facesIndexed" | "faces" | "width" | "height" | "subjectFace" | "attempts">;

/** the record that says a photo is being worked on: written before its face can become searchable */
const processingRecord = (base: PhotoBase, attempts: number): Photo => ({
  ...base,
  status: "processing",
  reasons: [],
  facesFound: 0,
  facesIndexed: 0,
  faces: [],
  attempts,
});

const choiceReason = (faces: number) => ({ code: "several_faces", message: `${faces} faces found: choose the person of this case` });
const PROCESSING_FAILED = { code: "processing_failed", message: "This photo could not be processed; upload it again." };

/** the engine's analysis, or the reason the bytes are not a readable photo */
async function analyse(analyzer: FaceAnalyzer, bytes: Uint8Array): Promise<PhotoAnalysis | ImageError> {
  try {
    return await analyzer.analyze(bytes, { select: "all" });
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
}

/**
 * Analyses the photo and enrols its subject's face. `prepared` is an analysis the caller already
 * made of these very bytes (to refuse unreadable uploads before storing them).
 */
export async function ingestPhoto(deps: Deps, request: IngestRequest, prepared?: PhotoAnalysis): Promise<Photo> {
  const started = Date.now();
  const caseRecord = await deps.cases.get(request.caseId);
  if (!caseRecord) throw new ServiceError("case_not_found");
  const digest = sha256(request.bytes);
  const analyzer = await activeAnalyzer(deps);
  const previous = await deps.photos.get(request.caseId, request.photoId);
  if (previous) {
    if (previous.sha256 !== digest) {
      deps.events.photoReplacementRefused({ caseId: request.caseId, photoId: request.photoId });
      throw new ServiceError("photo_id_taken");
    }
    if (previous.status === "retracted") return previous;
    // a redelivered event or a repeated upload: the work is done (a new model version redoes it)
    if (previous.status !== "processing" && previous.modelVersion === analyzer.modelVersion) return previous;
  }

  const now = deps.clock.now().toISOString();
  const base: PhotoBase = {
    caseId: request.caseId,
    photoId: request.photoId,
    storagePath: casePhotoPath(request.caseId, request.photoId),
    sha256: digest,
    modelVersion: analyzer.modelVersion,
    uploadedBy: request.uploadedBy,
    ...(request.photoDate ? { photoDate: request.photoDate } : {}),
    ...((request.fileName ?? previous?.fileName) ? { fileName: request.fileName ?? previous?.fileName } : {}),
    ...(previous?.retraction ? { retraction: previous.retraction } : {}),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  const attempts = (previous?.status === "processing" ? (previous.attempts ?? 1) : 0) + 1;
  await deps.photos.put(processingRecord(base, attempts));

  const analysis = prepared ?? (await analyse(analyzer, request.bytes));
  const { photo, face } =
    analysis instanceof ImageError ? { photo: unreadablePhoto(base, analysis), face: undefined } : enrol(base, analysis, previous?.subjectFace);
  await deps.faces.replacePhotoFaces(request.caseId, request.photoId, face ? [faceDoc(caseRecord, base, face, analyzer.modelVersion)] : []);
  await deps.photos.put(photo);
  deps.events.photoIngested({ status: photo.status, facesFound: photo.facesFound, facesIndexed: photo.facesIndexed, ms: Date.now() - started });
  return photo;
}

/** the photo record for an analysis, and the face to index (the subject's, when usable) */
function enrol(base: PhotoBase, analysis: PhotoAnalysis, chosen: SubjectFace | undefined): { photo: Photo; face?: AnalyzedFace } {
  const analysed = {
    ...base,
    facesFound: analysis.faces.length,
    faces: analysis.faces.map((f) => ({ index: f.index, box: f.detection.box, accepted: f.accepted, issues: f.issues })),
    width: analysis.width,
    height: analysis.height,
  };
  // an officer's earlier choice holds when the photo is analysed again (a new model version)
  const chosenFace = chosen?.how === "chosen" ? analysis.faces[chosen.index] : undefined;
  const selection = chosenFace ? ({ kind: "face", face: chosenFace, how: "chosen" } as const) : selectSubject(analysis);
  switch (selection.kind) {
    case "none":
      return { photo: { ...analysed, status: "rejected", reasons: analysis.verdict.reasons, facesIndexed: 0 } };
    case "choose":
      return { photo: { ...analysed, status: "needs_choice", reasons: [choiceReason(selection.faces)], facesIndexed: 0 } };
    case "face": {
      const subjectFace: SubjectFace = selection.how === "chosen" && chosen ? chosen : { index: selection.face.index, how: selection.how };
      if (!selection.face.accepted) return { photo: { ...analysed, status: "rejected", reasons: selection.face.issues, facesIndexed: 0, subjectFace } };
      return { photo: { ...analysed, status: "indexed", reasons: [], facesIndexed: 1, subjectFace }, face: selection.face };
    }
  }
}

/** the searchable document of the subject's face, carrying the case's prefilter fields */
function faceDoc(caseRecord: Case, base: PhotoBase, face: AnalyzedFace, modelVersion: string): FaceDoc {
  return {
    faceId: faceId(base.caseId, base.photoId, face.index, modelVersion),
    caseId: base.caseId,
    photoId: base.photoId,
    faceIndex: face.index,
    caseKind: caseRecord.kind,
    caseStatus: caseRecord.status,
    country: caseRecord.country,
    modelVersion,
    quality: face.quality,
    bbox: face.detection.box,
    ...(base.photoDate ? { photoDate: base.photoDate } : {}),
    createdAt: base.updatedAt,
    embedding: Array.from(face.embedding),
  };
}

/**
 * The photo analysed again by another model (a migration): the record the photo would have, and
 * its subject's face in that model's version, when usable. An officer's choice of face holds.
 */
export async function enrolWith(
  analyzer: FaceAnalyzer,
  caseRecord: Case,
  photo: Photo,
  bytes: Uint8Array,
  now: string,
): Promise<{ photo: Photo; face?: FaceDoc }> {
  const base: PhotoBase = { ...baseOf(photo), modelVersion: analyzer.modelVersion, updatedAt: now };
  const analysis = await analyse(analyzer, bytes);
  if (analysis instanceof ImageError) return { photo: unreadablePhoto(base, analysis) };
  const { photo: updated, face } = enrol(base, analysis, photo.subjectFace);
  return { photo: updated, ...(face ? { face: faceDoc(caseRecord, base, face, analyzer.modelVersion) } : {}) };
}

function baseOf(photo: Photo): PhotoBase {
  const { status: _s, reasons: _r, facesFound: _f, facesIndexed: _i, faces: _fs, width: _w, height: _h, subjectFace: _sf, attempts: _a, ...base } = photo;
  return base;
}

function unreadablePhoto(base: PhotoBase, error: ImageError): Photo {
  return { ...base, status: "rejected", reasons: [{ code: error.code, message: error.message }], facesFound: 0, facesIndexed: 0, faces: [] };
}

const isUnreadable = (photo: Photo): boolean => photo.status === "rejected" && photo.reasons.some((r) => isImageErrorCode(r.code));

const contentTypes: Record<ImageFormat, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", tiff: "image/tiff" };

/**
 * A new photo for a case, from the callable or the command line: the same bytes already on the
 * case answer with that photo; bytes that are not a readable photo are refused and not stored.
 */
export async function addCasePhoto(
  deps: Deps,
  caller: Actor,
  caseRecord: Case,
  input: { photoId?: string; bytes: Uint8Array; photoDate?: string; fileName?: string },
): Promise<Photo> {
  const digest = sha256(input.bytes);
  const existing = await deps.photos.list(caseRecord.id);
  const sameId = input.photoId ? existing.find((p) => p.photoId === input.photoId) : undefined;
  if (sameId && sameId.sha256 !== digest) throw new ServiceError("photo_id_taken");
  const sameBytes = sameId ?? existing.find((p) => p.sha256 === digest);
  if (sameBytes) return sameBytes;

  const analysis = await analyse(await activeAnalyzer(deps), input.bytes);
  if (analysis instanceof ImageError) throw new ServiceError("image_refused", { message: analysis.message, image: analysis.code });
  const photoId = input.photoId ?? randomUUID();
  await deps.blobs.put(casePhotoPath(caseRecord.id, photoId), input.bytes, contentTypes[analysis.format], { uploadedBy: caller.uid });
  const request = {
    caseId: caseRecord.id,
    photoId,
    bytes: input.bytes,
    uploadedBy: caller.uid,
    ...(input.photoDate ? { photoDate: input.photoDate } : {}),
    ...(input.fileName ? { fileName: input.fileName } : {}),
  };
  return ingestPhoto(deps, request, analysis);
}

/** a case whose photos the caller may add to or change */
async function caseForPhotoChange(deps: Deps, caller: Actor, caseId: string): Promise<Case> {
  const caseRecord = await mustGetCase(deps, caller, caseId);
  if (caseRecord.status === "closed") throw new ServiceError("case_closed_no_photos");
  if (!mayManage(caller, caseRecord)) throw new ServiceError("photo_change_not_allowed");
  return caseRecord;
}

export async function uploadCasePhoto(
  deps: Deps,
  actor: Actor | undefined,
  input: { caseId: string; photoId?: string; contentBase64: string; photoDate?: string; fileName?: string },
) {
  const caller = requireApproved(actor);
  const caseRecord = await caseForPhotoChange(deps, caller, input.caseId);
  const upload = await reserveUpload(deps, caller);
  let photo: Photo;
  try {
    const bytes = decodeBase64(input.contentBase64);
    const { contentBase64: _content, caseId: _caseId, ...details } = input;
    photo = await addCasePhoto(deps, caller, caseRecord, { bytes, ...details });
  } catch (error) {
    // what was refused unseen costs the officer nothing
    if (error instanceof ServiceError) await upload.refund();
    throw error;
  }
  await audit(deps, caller, "photo.ingest", { type: "photo", id: photo.storagePath }, { status: photo.status, faces: photo.facesIndexed });
  return { photo };
}

/** a Storage upload: case photos are ingested, anything else is ignored at once */
export async function ingestStoredObject(
  deps: Deps,
  object: { name: string; uploadedBy?: string; photoDate?: string; fileName?: string },
): Promise<"ignored" | "ingested" | "missing" | "refused"> {
  const path = parseCasePhotoPath(object.name);
  if (!path) return "ignored";
  const bytes = await deps.blobs.get(object.name);
  if (!bytes) return "missing";
  try {
    const { name: _name, uploadedBy, ...details } = object;
    const photo = await ingestPhoto(deps, { ...path, bytes, uploadedBy: uploadedBy ?? "storage", ...details });
    // the verdict is kept; bytes that are not a photo are not
    if (isUnreadable(photo)) await deps.blobs.delete(object.name);
    return "ingested";
  } catch (error) {
    if (error instanceof ServiceError && error.reason === "case_not_found") {
      deps.events.photoForUnknownCase({ caseId: path.caseId });
      return "missing";
    }
    if (error instanceof ServiceError && error.reason === "photo_id_taken") return "refused";
    throw error;
  }
}

/**
 * A Storage event past its retry window whose photo never got a record (ingest kept failing before
 * its first write): the photo is handed to the scheduled resume by writing its processing record,
 * so that no upload stays in Storage unseen. The resume then tries it like any interrupted photo
 * and gives up with a reason after MAX_ATTEMPTS.
 */
export async function handOverExpiredUpload(
  deps: Deps,
  object: { name: string; uploadedBy?: string; photoDate?: string; fileName?: string },
): Promise<"ignored" | "recorded" | "missing" | "handed_over"> {
  const path = parseCasePhotoPath(object.name);
  if (!path) return "ignored";
  if (await deps.photos.get(path.caseId, path.photoId)) return "recorded";
  if (!(await deps.cases.get(path.caseId))) {
    deps.events.photoForUnknownCase({ caseId: path.caseId });
    return "missing";
  }
  const bytes = await deps.blobs.get(object.name);
  if (!bytes) return "missing";
  const now = deps.clock.now().toISOString();
  const base: PhotoBase = {
    ...path,
    storagePath: object.name,
    sha256: sha256(bytes),
    modelVersion: await activeModelVersion(deps),
    uploadedBy: object.uploadedBy ?? "storage",
    ...(object.photoDate ? { photoDate: object.photoDate } : {}),
    ...(object.fileName ? { fileName: object.fileName } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await deps.photos.put(processingRecord(base, 1));
  return "handed_over";
}

/** The officer chooses the case's subject among the faces of a photo; the choice is audited. */
export async function chooseCasePhotoFace(deps: Deps, actor: Actor | undefined, input: { caseId: string; photoId: string; faceIndex: number }) {
  const caller = requireApproved(actor);
  const caseRecord = await caseForPhotoChange(deps, caller, input.caseId);
  const photo = await mustGetPhoto(deps, input.caseId, input.photoId);
  if (photo.facesFound < 2) throw new ServiceError("face_choice_not_needed");
  if (input.faceIndex >= photo.facesFound) throw new ServiceError("face_not_found", { face: input.faceIndex + 1 });
  const bytes = await deps.blobs.get(photo.storagePath);
  if (!bytes) throw new ServiceError("photo_not_stored");
  const analyzer = await activeAnalyzer(deps);
  const analysis = await analyzer.analyze(bytes, { select: "all" });
  const now = deps.clock.now().toISOString();
  const chosen: SubjectFace = { index: input.faceIndex, how: "chosen", by: caller.uid, at: now };
  const base = { ...baseOf(photo), modelVersion: analyzer.modelVersion, updatedAt: now };
  const { photo: updated, face } = enrol(base, analysis, chosen);
  await deps.faces.replacePhotoFaces(photo.caseId, photo.photoId, face ? [faceDoc(caseRecord, base, face, analyzer.modelVersion)] : []);
  await deps.photos.put(updated);
  await audit(deps, caller, "photo.choose_face", { type: "photo", id: photo.storagePath }, { face: input.faceIndex, status: updated.status });
  return { photo: updated };
}

/** A correction: the photo stays as evidence, its face leaves the index; audited. */
export async function retractCasePhoto(deps: Deps, actor: Actor | undefined, input: { caseId: string; photoId: string; reason: string }) {
  const caller = requireApproved(actor);
  await caseForPhotoChange(deps, caller, input.caseId);
  const photo = await mustGetPhoto(deps, input.caseId, input.photoId);
  const now = deps.clock.now().toISOString();
  // unsearchable first: a crash in between leaves a photo to retract again, never a retracted searchable one
  await deps.faces.replacePhotoFaces(photo.caseId, photo.photoId, []);
  const retracted: Photo = { ...photo, status: "retracted", facesIndexed: 0, retraction: { by: caller.uid, at: now, reason: input.reason }, updatedAt: now };
  await deps.photos.put(retracted);
  await audit(deps, caller, "photo.retract", { type: "photo", id: photo.storagePath }, { previousStatus: photo.status });
  return { photo: retracted };
}

async function mustGetPhoto(deps: Deps, caseId: string, photoId: string): Promise<Photo> {
  const photo = await deps.photos.get(caseId, photoId);
  if (!photo) throw new ServiceError("photo_not_found");
  if (photo.status === "retracted") throw new ServiceError("photo_retracted");
  // a change while the engine works on the photo would be overwritten by its verdict
  if (photo.status === "processing") throw new ServiceError("photo_processing");
  return photo;
}

/** processing longer than this means the work was interrupted (ingest itself takes seconds) */
export const INTERRUPTED_AFTER_MINUTES = 5;
/** analyses of one photo before it is given up as not processable */
export const MAX_ATTEMPTS = 3;

/** Scheduled: photos whose processing was interrupted (an instance died, a timeout) are finished. */
export async function resumeInterruptedPhotos(deps: Deps, page = 50): Promise<{ resumed: number; failed: number; gaveUp: number }> {
  const before = new Date(deps.clock.now().getTime() - INTERRUPTED_AFTER_MINUTES * 60_000).toISOString();
  let resumed = 0;
  let failed = 0;
  let gaveUp = 0;
  for (const photo of await deps.photos.listProcessing(before, page)) {
    const bytes = await deps.blobs.get(photo.storagePath);
    if (!bytes || (photo.attempts ?? 1) >= MAX_ATTEMPTS) {
      await deps.photos.put({ ...photo, status: "rejected", reasons: [PROCESSING_FAILED], updatedAt: deps.clock.now().toISOString() });
      gaveUp++;
      continue;
    }
    const request = {
      caseId: photo.caseId,
      photoId: photo.photoId,
      bytes,
      uploadedBy: photo.uploadedBy,
      ...(photo.photoDate ? { photoDate: photo.photoDate } : {}),
    };
    try {
      await ingestPhoto(deps, request);
      resumed++;
    } catch {
      // counted as an attempt on the record: the next run tries again, then gives up
      failed++;
    }
  }
  deps.events.interruptedPhotosResumed({ resumed, failed, gaveUp });
  return { resumed, failed, gaveUp };
}

/**
 * Migration: photos enrolled before one subject per photo (several indexed faces) leave the index
 * and wait for an officer's choice. Safe to stop and run again: a flagged photo no longer matches.
 */
export async function flagSeveralFacePhotos(deps: Deps, actor: Actor): Promise<{ flagged: number }> {
  let flagged = 0;
  for (let page = await deps.photos.listWithSeveralIndexedFaces(100); page.length > 0; page = await deps.photos.listWithSeveralIndexedFaces(100)) {
    for (const photo of page) {
      await deps.faces.replacePhotoFaces(photo.caseId, photo.photoId, []);
      const now = deps.clock.now().toISOString();
      await deps.photos.put({ ...photo, status: "needs_choice", reasons: [choiceReason(photo.facesFound)], facesIndexed: 0, updatedAt: now });
      await audit(deps, actor, "photo.flag_for_choice", { type: "photo", id: photo.storagePath }, { faces: photo.facesFound });
      flagged++;
    }
  }
  deps.events.severalFacePhotosFlagged({ photos: flagged });
  return { flagged };
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
