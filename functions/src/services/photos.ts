// Case photos. Every photo goes through the face engine and becomes a photo record with a verdict
// a person understands; the face of the case's subject (one per photo) becomes searchable. Photos
// are evidence: a stored photo is never replaced (a correction is a new photo and an audited
// retraction of the old one), and bytes that are not a readable photo are not kept.
//
// The same ingest serves the Storage trigger (production, stored-uploads.ts), the upload callable
// (local mode), the command line and the scheduled resume. Under concurrency every step is one
// transaction on the photo's record: the record is claimed first — with the case's state, the id
// and the case's key on the bytes (sha256), so the same bytes make one photo and a case being
// purged takes none — then the bytes are stored create-only, then the verdict is written with the
// subject's face in one step, only while the claim holds. A retraction and a choice of face are
// written the same way, so they never interleave with an ingest or each other. It is idempotent
// (deterministic ids, at-least-once delivery) and the record exists before its face becomes
// searchable, so interrupted work is found again and finished.
import { randomUUID } from "node:crypto";
import {
  ImageError,
  isImageErrorCode,
  thumbnailJpeg,
  type AnalyzedFace,
  type ImageFormat,
  type PhotoAnalysis,
} from "../engine/index.js";
import { BlobExistsError, type Deps, type FaceAnalyzer, type VectorSpace } from "../ports/index.js";
import {
  casePhotoPath,
  storedUploadRefusalSchema,
  type Case,
  type FaceDoc,
  type Photo,
  type SubjectFace,
} from "../schemas/index.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { decodeBase64, sha256 } from "./bytes.js";
import { mayManage, mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { activeAnalyzer, spaceOf, type ProtectedAnalyzer } from "./face-models.js";
import { reserveUpload } from "./rate-limit.js";
import { selectSubject } from "./subject-face.js";

/** deterministic per vector space: during a migration or a key rotation a photo's face exists in both spaces */
export const faceId = (caseId: string, photoId: string, index: number, space: VectorSpace): string =>
  `${caseId}_${photoId}_${index}_${sha256(new TextEncoder().encode(`${space.modelVersion}\n${space.templateKeyId}`)).slice(0, 8)}`;

/** an analysis a caller already made, with the space its embeddings are in */
interface PreparedAnalysis {
  analysis: PhotoAnalysis;
  space: VectorSpace;
}

interface IngestRequest {
  caseId: string;
  photoId: string;
  bytes: Uint8Array;
  uploadedBy: string;
  photoDate?: string;
  fileName?: string;
}

/** what every version of the photo record shares, whatever the verdict */
type PhotoBase = Omit<
  Photo,
  "status" | "reasons" | "facesFound" | "facesIndexed" | "faces" | "width" | "height" | "subjectFace" | "attempts"
>;

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

const choiceReason = (faces: number) => ({
  code: "several_faces",
  message: `${faces} faces found: choose the person of this case`,
});
const PROCESSING_FAILED = { code: "processing_failed", message: "This photo could not be processed; upload it again." };

/** processing longer than this means the work was interrupted (ingest itself takes seconds; a function's timeout is 2 minutes) */
export const INTERRUPTED_AFTER_MINUTES = 5;
/** analyses of one photo before it is given up as not processable */
export const MAX_ATTEMPTS = 3;

/** given up after repeated interrupted analyses: its bytes are free to be sent again */
const givenUp = (photo: Photo): boolean =>
  photo.status === "rejected" && photo.reasons.some((r) => r.code === PROCESSING_FAILED.code);

/** a claim left by work that stopped (an instance that died): anyone may take it over */
const interrupted = (photo: Photo, now: Date): boolean =>
  photo.status === "processing" && Date.parse(photo.updatedAt) <= now.getTime() - INTERRUPTED_AFTER_MINUTES * 60_000;

/** the engine's analysis, or the reason the bytes are not a readable photo */
async function analyse(analyzer: FaceAnalyzer, bytes: Uint8Array): Promise<PhotoAnalysis | ImageError> {
  try {
    return await analyzer.analyze(bytes, { select: "all" });
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
}

export function newBase(
  request: Omit<IngestRequest, "bytes">,
  digest: string,
  modelVersion: string,
  now: string,
): PhotoBase {
  return {
    caseId: request.caseId,
    photoId: request.photoId,
    storagePath: casePhotoPath(request.caseId, request.photoId),
    sha256: digest,
    modelVersion,
    uploadedBy: request.uploadedBy,
    ...(request.photoDate ? { photoDate: request.photoDate } : {}),
    ...(request.fileName ? { fileName: request.fileName } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Claims the photo for its bytes, in one transaction with the case's state, the id and the case's
 * key on the bytes (ports/cases.ts PhotoStore.claim). Refused: no case, or its purge has started
 * (`case_not_found`); a closed case; the id holding other bytes (`photo_id_taken`). The same bytes
 * already on the case — under this id or another — answer with that photo (`stored`).
 */
export async function claimPhoto(deps: Deps, base: PhotoBase): Promise<{ claimed: Photo } | { stored: Photo }> {
  try {
    const { context, claimed } = await deps.photos.claim(
      base.caseId,
      base.photoId,
      base.sha256,
      ({ case: record, purging, sameId, sameBytes }) => {
        if (!record || purging) throw new ServiceError("case_not_found");
        if (record.status === "closed") throw new ServiceError("case_closed_no_photos");
        if (sameId && sameId.sha256 !== base.sha256) throw new ServiceError("photo_id_taken");
        if (sameId || (sameBytes && !givenUp(sameBytes))) return undefined;
        return processingRecord(base, 1);
      },
    );
    return claimed ? { claimed } : { stored: (context.sameId ?? context.sameBytes)! };
  } catch (error) {
    if (error instanceof ServiceError && error.reason === "photo_id_taken")
      deps.events.photoReplacementRefused({ caseId: base.caseId, photoId: base.photoId });
    throw error;
  }
}

/**
 * A claim on a recorded photo, or undefined when someone else holds it: a processing claim left by
 * work that stopped is taken over (the attempt counted); a verdict of another model version is
 * claimed to be made again with this one.
 */
async function reclaim(deps: Deps, photo: Photo, modelVersion: string): Promise<Photo | undefined> {
  const now = deps.clock.now();
  const { written, after } = await deps.photos.update(photo.caseId, photo.photoId, (current) => {
    if (!current || current.sha256 !== photo.sha256) return undefined;
    if (interrupted(current, now))
      return { photo: { ...current, attempts: (current.attempts ?? 1) + 1, updatedAt: now.toISOString() } };
    if (
      current.updatedAt !== photo.updatedAt ||
      current.status === "processing" ||
      current.modelVersion === modelVersion
    )
      return undefined;
    return { photo: processingRecord({ ...baseOf(current), updatedAt: now.toISOString() }, 1) };
  });
  return written ? after : undefined;
}

/**
 * The verdict of an analysis written with the subject's face, in one step with the record — while
 * the claim it was made for still holds (a purge meanwhile deleted it; a takeover counted another
 * attempt). Undefined when it no longer does: nothing is written then.
 */
async function recordVerdict(
  deps: Deps,
  claim: Photo,
  analysis: PhotoAnalysis | ImageError,
  space: VectorSpace,
  chosen?: SubjectFace,
): Promise<Photo | undefined> {
  const caseRecord = await deps.cases.get(claim.caseId);
  if (!caseRecord) return undefined;
  const base: PhotoBase = {
    ...baseOf(claim),
    modelVersion: space.modelVersion,
    updatedAt: deps.clock.now().toISOString(),
  };
  const { photo, face } =
    analysis instanceof ImageError
      ? { photo: unreadablePhoto(base, analysis), face: undefined }
      : enrol(base, analysis, chosen);
  const { written } = await deps.photos.update(claim.caseId, claim.photoId, (current) =>
    current?.status === "processing" &&
    current.sha256 === claim.sha256 &&
    (current.attempts ?? 1) === (claim.attempts ?? 1)
      ? { photo, faces: { docs: face ? [faceDoc(caseRecord, base, face, space)] : [] } }
      : undefined,
  );
  return written ? photo : undefined;
}

/**
 * Analyses the photo and enrols its subject's face: the Storage trigger's and the scheduled
 * resume's ingest. The record is claimed (or an interrupted claim taken over) before the analysis;
 * a photo already recorded answers as it is — done, retracted, or being worked on elsewhere.
 * `prepared` is an analysis the caller already made of these very bytes.
 */
export async function ingestPhoto(deps: Deps, request: IngestRequest, prepared?: PreparedAnalysis): Promise<Photo> {
  const started = Date.now();
  const digest = sha256(request.bytes);
  const analyzer = await activeAnalyzer(deps);
  const previous = await deps.photos.get(request.caseId, request.photoId);
  let claim: Photo;
  let chosen: SubjectFace | undefined;
  if (previous) {
    if (previous.sha256 !== digest) {
      deps.events.photoReplacementRefused({ caseId: request.caseId, photoId: request.photoId });
      throw new ServiceError("photo_id_taken");
    }
    // a redelivered event, a repeated upload, or work in flight elsewhere: the record says where it
    // is; only an interrupted claim, or a verdict of another model version, is worked on again
    const again =
      interrupted(previous, deps.clock.now()) ||
      (previous.status !== "processing" &&
        previous.status !== "retracted" &&
        keepsItsBytes(previous) &&
        previous.modelVersion !== analyzer.modelVersion);
    if (!again) return previous;
    const taken = await reclaim(deps, previous, analyzer.modelVersion);
    if (!taken) return (await deps.photos.get(request.caseId, request.photoId)) ?? previous;
    claim = taken;
    // an officer's choice of face holds when the photo is analysed again
    chosen = previous.subjectFace;
  } else {
    const outcome = await claimPhoto(
      deps,
      newBase(request, digest, analyzer.modelVersion, deps.clock.now().toISOString()),
    );
    if ("stored" in outcome) return outcome.stored;
    claim = outcome.claimed;
  }
  return ingestClaimed(deps, claim, request.bytes, prepared, started, chosen);
}

/**
 * The analysis and verdict of a photo this caller has claimed. When the claim no longer holds, the
 * record as it stands answers (another attempt's verdict); no record means the case's purge took it.
 */
export async function ingestClaimed(
  deps: Deps,
  claim: Photo,
  bytes: Uint8Array,
  prepared?: PreparedAnalysis,
  started = Date.now(),
  chosen?: SubjectFace,
): Promise<Photo> {
  // a prepared analysis is recorded in the space it was made in (a key rotation may have switched since)
  const { analysis, space } = prepared ?? (await analyseActive(deps, bytes));
  const photo = await recordVerdict(deps, claim, analysis, space, chosen);
  if (!photo) {
    const now = await deps.photos.get(claim.caseId, claim.photoId);
    if (!now) throw new ServiceError("case_not_found");
    return now;
  }
  deps.events.photoIngested({
    status: photo.status,
    facesFound: photo.facesFound,
    facesIndexed: photo.facesIndexed,
    ms: Date.now() - started,
  });
  return photo;
}

/** the photo record for an analysis, and the face to index (the subject's, when usable) */
function enrol(
  base: PhotoBase,
  analysis: PhotoAnalysis,
  chosen: SubjectFace | undefined,
): { photo: Photo; face?: AnalyzedFace } {
  const analysed = {
    ...base,
    facesFound: analysis.faces.length,
    faces: analysis.faces.map((f) => ({
      index: f.index,
      box: f.detection.box,
      accepted: f.accepted,
      issues: f.issues,
    })),
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
      return {
        photo: { ...analysed, status: "needs_choice", reasons: [choiceReason(selection.faces)], facesIndexed: 0 },
      };
    case "face": {
      const subjectFace: SubjectFace =
        selection.how === "chosen" && chosen ? chosen : { index: selection.face.index, how: selection.how };
      if (!selection.face.accepted)
        return {
          photo: { ...analysed, status: "rejected", reasons: selection.face.issues, facesIndexed: 0, subjectFace },
        };
      return {
        photo: { ...analysed, status: "indexed", reasons: [], facesIndexed: 1, subjectFace },
        face: selection.face,
      };
    }
  }
}

async function analyseActive(deps: Deps, bytes: Uint8Array) {
  const analyzer = await activeAnalyzer(deps);
  return { analysis: await analyse(analyzer, bytes), space: spaceOf(analyzer) };
}

/** the searchable document of the subject's face (its embedding already protected), carrying the case's prefilter fields */
function faceDoc(caseRecord: Case, base: PhotoBase, face: AnalyzedFace, space: VectorSpace): FaceDoc {
  return {
    faceId: faceId(base.caseId, base.photoId, face.index, space),
    caseId: base.caseId,
    photoId: base.photoId,
    faceIndex: face.index,
    caseKind: caseRecord.kind,
    caseStatus: caseRecord.status,
    country: caseRecord.country,
    modelVersion: space.modelVersion,
    templateKeyId: space.templateKeyId,
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
  analyzer: ProtectedAnalyzer,
  caseRecord: Case,
  photo: Photo,
  bytes: Uint8Array,
  now: string,
): Promise<{ photo: Photo; face?: FaceDoc }> {
  const base: PhotoBase = { ...baseOf(photo), modelVersion: analyzer.modelVersion, updatedAt: now };
  const analysis = await analyse(analyzer, bytes);
  if (analysis instanceof ImageError) return { photo: unreadablePhoto(base, analysis) };
  const { photo: updated, face } = enrol(base, analysis, photo.subjectFace);
  return { photo: updated, ...(face ? { face: faceDoc(caseRecord, base, face, spaceOf(analyzer)) } : {}) };
}

function baseOf(photo: Photo): PhotoBase {
  const {
    status: _s,
    reasons: _r,
    facesFound: _f,
    facesIndexed: _i,
    faces: _fs,
    width: _w,
    height: _h,
    subjectFace: _sf,
    attempts: _a,
    ...base
  } = photo;
  return base;
}

/** rejected because the bytes are not a readable photo: the verdict is kept, the bytes are not */
export const isUnreadable = (photo: Photo): boolean =>
  photo.status === "rejected" && photo.reasons.some((r) => isImageErrorCode(r.code));

const STORED_REFUSALS: ReadonlySet<string> = new Set(storedUploadRefusalSchema.options);

/** whether the photo's bytes are kept with its record: not for unreadable bytes, nor for an upload refused (stored-uploads.ts) */
export const keepsItsBytes = (photo: Photo): boolean =>
  !isUnreadable(photo) && !(photo.status === "rejected" && photo.reasons.some((r) => STORED_REFUSALS.has(r.code)));

function unreadablePhoto(base: PhotoBase, error: ImageError): Photo {
  return {
    ...base,
    status: "rejected",
    reasons: [{ code: error.code, message: error.message }],
    facesFound: 0,
    facesIndexed: 0,
    faces: [],
  };
}

const contentTypes: Record<ImageFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  tiff: "image/tiff",
};

/** how long an upload of bytes another upload is still analysing waits for that one's verdict */
const SETTLE = { everyMs: 200, forMs: 30_000 };

/** the photo once its verdict is written (another upload of the same bytes may still be analysing it) */
async function settled(deps: Deps, photo: Photo): Promise<Photo> {
  let current = photo;
  for (let waited = 0; current.status === "processing" && waited < SETTLE.forMs; waited += SETTLE.everyMs) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE.everyMs));
    current = (await deps.photos.get(photo.caseId, photo.photoId)) ?? current;
  }
  return current;
}

/** gives a claim back (its bytes could not be stored): the id and the bytes' place are free again */
const release = (deps: Deps, claim: Photo) =>
  deps.photos.remove(
    claim.caseId,
    claim.photoId,
    (current) => current.status === "processing" && current.sha256 === claim.sha256,
  );

/**
 * Stores the claimed photo's bytes, create-only: bytes already at its path are never replaced. They
 * may be these very bytes (a write whose answer was lost); other bytes give the claim back and the
 * upload is refused. Once written, the claim is read again: gone means the case's purge started
 * meanwhile, and the bytes go too.
 */
async function storeClaimedBytes(
  deps: Deps,
  claim: Photo,
  bytes: Uint8Array,
  contentType: string,
  uploadedBy: string,
): Promise<void> {
  try {
    await deps.blobs.put(claim.storagePath, bytes, contentType, { uploadedBy });
  } catch (error) {
    const stored = error instanceof BlobExistsError ? await deps.blobs.get(claim.storagePath) : undefined;
    if (!stored || sha256(stored) !== claim.sha256) {
      await release(deps, claim);
      throw error instanceof BlobExistsError ? new ServiceError("photo_id_taken") : error;
    }
  }
  if (!(await deps.photos.get(claim.caseId, claim.photoId))) {
    await deps.blobs.delete(claim.storagePath);
    throw new ServiceError("case_not_found");
  }
}

/**
 * A new photo for a case, from the callable or the command line. The record is claimed first (one
 * transaction), then the bytes are stored create-only, then the verdict is written with the face:
 * the same bytes already on the case — sent twice, or by two officers at once — answer with that
 * one photo; bytes that are not a readable photo are refused before anything is stored.
 */
export async function addCasePhoto(
  deps: Deps,
  caller: Actor,
  caseRecord: Case,
  input: { photoId?: string; bytes: Uint8Array; photoDate?: string; fileName?: string },
): Promise<Photo> {
  const digest = sha256(input.bytes);
  // a cheap look first: the same bytes again need no analysis (the claim below decides for good)
  const existing = await deps.photos.list(caseRecord.id);
  const sameId = input.photoId ? existing.find((p) => p.photoId === input.photoId) : undefined;
  if (sameId && sameId.sha256 !== digest) throw new ServiceError("photo_id_taken");
  const known = sameId ?? existing.find((p) => p.sha256 === digest && p.status !== "rejected");
  if (known) return settled(deps, known);

  const analyzer = await activeAnalyzer(deps);
  const analysis = await analyse(analyzer, input.bytes);
  if (analysis instanceof ImageError)
    throw new ServiceError("image_refused", { message: analysis.message, image: analysis.code });
  const request = {
    caseId: caseRecord.id,
    photoId: input.photoId ?? randomUUID(),
    uploadedBy: caller.uid,
    ...(input.photoDate ? { photoDate: input.photoDate } : {}),
    ...(input.fileName ? { fileName: input.fileName } : {}),
  };
  const outcome = await claimPhoto(
    deps,
    newBase(request, digest, analyzer.modelVersion, deps.clock.now().toISOString()),
  );
  if ("stored" in outcome) return settled(deps, outcome.stored);
  await storeClaimedBytes(deps, outcome.claimed, input.bytes, contentTypes[analysis.format], caller.uid);
  return settled(deps, await ingestClaimed(deps, outcome.claimed, input.bytes, { analysis, space: spaceOf(analyzer) }));
}

/** a case whose photos the caller may add to or change: the same rights whatever the path */
export async function caseForPhotoChange(deps: Deps, caller: Actor, caseId: string): Promise<Case> {
  const caseRecord = await mustGetCase(deps, caller, caseId);
  if (caseRecord.status === "closed") throw new ServiceError("case_closed_no_photos");
  if (!mayManage(caller, caseRecord)) throw new ServiceError("photo_change_not_allowed");
  return caseRecord;
}

export async function uploadCasePhoto(
  deps: Deps,
  caller: Actor,
  input: { caseId: string; photoId?: string; contentBase64: string; photoDate?: string; fileName?: string },
) {
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
  await auditIngest(deps, caller, photo);
  return { photo };
}

/** the audit entry of an accepted upload, whatever its path */
export const auditIngest = (deps: Deps, caller: Actor, photo: Photo) =>
  audit(
    deps,
    caller,
    "photo.ingest",
    { type: "photo", id: photo.storagePath },
    { status: photo.status, faces: photo.facesIndexed },
  );

/** The officer chooses the case's subject among the faces of a photo; the choice is audited. */
export async function chooseCasePhotoFace(
  deps: Deps,
  caller: Actor,
  input: { caseId: string; photoId: string; faceIndex: number },
) {
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
  // written only onto the photo as it was analysed: a retraction meanwhile stands
  await deps.photos.update(photo.caseId, photo.photoId, (current) => {
    stillChangeable(current, photo);
    return { photo: updated, faces: { docs: face ? [faceDoc(caseRecord, base, face, spaceOf(analyzer))] : [] } };
  });
  await audit(
    deps,
    caller,
    "photo.choose_face",
    { type: "photo", id: photo.storagePath },
    { face: input.faceIndex, status: updated.status },
  );
  return { photo: updated };
}

/** A correction: the photo stays as evidence, its face leaves the index (in the same step); audited. */
export async function retractCasePhoto(
  deps: Deps,
  caller: Actor,
  input: { caseId: string; photoId: string; reason: string },
) {
  await caseForPhotoChange(deps, caller, input.caseId);
  await mustGetPhoto(deps, input.caseId, input.photoId);
  const now = deps.clock.now().toISOString();
  const { before, after } = await deps.photos.update(input.caseId, input.photoId, (current) => {
    stillChangeable(current);
    const retracted: Photo = {
      ...current!,
      status: "retracted",
      facesIndexed: 0,
      retraction: { by: caller.uid, at: now, reason: input.reason },
      updatedAt: now,
    };
    return { photo: retracted, faces: { docs: [] } };
  });
  await audit(
    deps,
    caller,
    "photo.retract",
    { type: "photo", id: after!.storagePath },
    { previousStatus: before!.status },
  );
  return { photo: after! };
}

/** why an officer may not change the photo now, as read where the change is written; `analysed`: the version a change was computed from */
function stillChangeable(current: Photo | undefined, analysed?: Photo): void {
  if (!current) throw new ServiceError("photo_not_found");
  if (current.status === "retracted") throw new ServiceError("photo_retracted");
  // a change while the engine works on the photo would be overwritten by its verdict
  if (current.status === "processing" || (analysed && current.modelVersion !== analysed.modelVersion))
    throw new ServiceError("photo_processing");
}

async function mustGetPhoto(deps: Deps, caseId: string, photoId: string): Promise<Photo> {
  const photo = await deps.photos.get(caseId, photoId);
  stillChangeable(photo);
  return photo!;
}

/** Scheduled: photos whose processing was interrupted (an instance died, a timeout) are finished. */
export async function resumeInterruptedPhotos(
  deps: Deps,
  page = 50,
): Promise<{ resumed: number; failed: number; gaveUp: number }> {
  const before = new Date(deps.clock.now().getTime() - INTERRUPTED_AFTER_MINUTES * 60_000).toISOString();
  let resumed = 0;
  let failed = 0;
  let gaveUp = 0;
  for (const photo of await deps.photos.listProcessing(before, page)) {
    const bytes = await deps.blobs.get(photo.storagePath);
    if (!bytes || (photo.attempts ?? 1) >= MAX_ATTEMPTS) {
      const now = deps.clock.now();
      const { written } = await deps.photos.update(photo.caseId, photo.photoId, (current) =>
        current && interrupted(current, now) && current.attempts === photo.attempts
          ? { photo: { ...current, status: "rejected", reasons: [PROCESSING_FAILED], updatedAt: now.toISOString() } }
          : undefined,
      );
      if (written) gaveUp++;
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
  for (
    let page = await deps.photos.listWithSeveralIndexedFaces(100);
    page.length > 0;
    page = await deps.photos.listWithSeveralIndexedFaces(100)
  ) {
    for (const photo of page) {
      const now = deps.clock.now().toISOString();
      const { written } = await deps.photos.update(photo.caseId, photo.photoId, (current) =>
        current && current.facesIndexed > 1
          ? {
              photo: {
                ...current,
                status: "needs_choice",
                reasons: [choiceReason(current.facesFound)],
                facesIndexed: 0,
                updatedAt: now,
              },
              faces: { docs: [] },
            }
          : undefined,
      );
      if (!written) continue;
      await audit(
        deps,
        actor,
        "photo.flag_for_choice",
        { type: "photo", id: photo.storagePath },
        { faces: photo.facesFound },
      );
      flagged++;
    }
  }
  deps.events.severalFacePhotosFlagged({ photos: flagged });
  return { flagged };
}

export async function listCasePhotos(deps: Deps, caller: Actor, input: { caseId: string }) {
  await mustGetCase(deps, caller, input.caseId);
  return { photos: await deps.photos.list(input.caseId) };
}

export async function getPhotoThumbnail(deps: Deps, caller: Actor, input: { caseId: string; photoId: string }) {
  await mustGetCase(deps, caller, input.caseId);
  const bytes = await deps.blobs.get(casePhotoPath(input.caseId, input.photoId));
  if (!bytes) throw new ServiceError("photo_not_stored");
  try {
    return { dataUrl: `data:image/jpeg;base64,${(await thumbnailJpeg(bytes)).toString("base64")}` };
  } catch {
    throw new ServiceError("photo_unreadable");
  }
}
