// The officer's side of a case's photos, as callables: an upload (local mode, small photos; in
// production photos go straight to Storage, stored-uploads.ts), the choice of the subject's face
// among several, a retraction, the list and a thumbnail. Each change is written in one step on the
// photo's record (photo-ingest.ts says why), with the same rights whatever the path, and audited.
import { thumbnailJpeg } from "../engine/index.js";
import { type Deps } from "../ports/index.js";
import { casePhotoPath, type Case, type Photo, type SubjectFace } from "../schemas/index.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { decodeBase64 } from "./bytes.js";
import { mayManage, mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { activeAnalyzer, spaceOf } from "./face-models.js";
import { addCasePhoto, baseOf, enrol, faceDoc } from "./photo-ingest.js";
import { reserveUpload } from "./rate-limit.js";

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
