// Photos put straight into Cloud Storage (the portal in production, mobile apps), ingested by the
// Storage trigger with what the upload callable enforces: the uploader's rights from their officer
// record (approved, not suspended, the case's country and team, the case open and not being
// purged), the hourly upload limit and the audit entry. storage.rules read the token's claims, which
// lag behind the record (an officer suspended within the hour still holds a token that says
// approved): the record decides here. A refused object is deleted at once; its refusal is the
// photo's record (status rejected, a code of storedUploadRefusalSchema), which the portal polls for
// the verdict. Nothing of an upload to an unknown case, or to a case being purged, is kept.
import { type Deps } from "../ports/index.js";
import { callables, parseCasePhotoPath, type Photo, type StoredUploadRefusal } from "../schemas/index.js";
import type { ErrorReason } from "../schemas/errors.js";
import { actorOfRecord, admitCaller, type Actor } from "./actor.js";
import { sha256 } from "./bytes.js";
import { ServiceError } from "./errors.js";
import { activeModelVersion } from "./face-models.js";
import { claimPhoto, ingestClaimed, ingestPhoto, isUnreadable, keepsItsBytes, newBase } from "./photo-ingest.js";
import { auditIngest, caseForPhotoChange } from "./photos.js";
import { reserveUpload } from "./rate-limit.js";

interface StoredObject {
  name: string;
  /** custom metadata that storage.rules require to equal the uploader's uid */
  uploadedBy?: string;
  photoDate?: string;
  fileName?: string;
}

type ObjectPath = { caseId: string; photoId: string };

const REFUSAL_SENTENCES: Record<StoredUploadRefusal, string> = {
  upload_not_allowed: "This photo was not kept: its sender may not add photos to this case now.",
  upload_limit: "This photo was not kept: too many photo uploads in the last hour. Send it again later.",
  same_photo_stored: "This photo was not kept: the same photo is on this case already.",
};

/** the refusal a photo's record carries, with the reason's own sentence when there is one */
function refusalRecord(
  deps: Deps,
  object: StoredObject,
  path: ObjectPath,
  digest: string,
  modelVersion: string,
  code: StoredUploadRefusal,
  message?: string,
): Photo {
  const now = deps.clock.now().toISOString();
  const request = { ...path, uploadedBy: object.uploadedBy ?? "storage", ...details(object) };
  return {
    ...newBase(request, digest, modelVersion, now),
    status: "rejected",
    reasons: [{ code, message: message ?? REFUSAL_SENTENCES[code] }],
    facesFound: 0,
    facesIndexed: 0,
    faces: [],
  };
}

const details = (object: StoredObject) => ({
  ...(object.photoDate ? { photoDate: object.photoDate } : {}),
  ...(object.fileName ? { fileName: object.fileName } : {}),
});

/** the bytes go; the refusal becomes the photo's record unless one exists (a case that can hold one) */
async function refuse(
  deps: Deps,
  object: StoredObject,
  path: ObjectPath,
  digest: string,
  code: StoredUploadRefusal,
  message?: string,
): Promise<"refused"> {
  await deps.blobs.delete(object.name);
  deps.events.storedUploadRefused({ ...path, reason: code });
  const record = refusalRecord(deps, object, path, digest, await activeModelVersion(deps), code, message);
  await deps.photos.update(path.caseId, path.photoId, (current) => (current ? undefined : { photo: record }));
  return "refused";
}

/** an object nothing may keep: its case does not exist, or is being purged */
async function discard(deps: Deps, object: StoredObject, path: ObjectPath): Promise<"missing"> {
  await deps.blobs.delete(object.name);
  deps.events.photoForUnknownCase({ caseId: path.caseId });
  return "missing";
}

/**
 * The uploader's right to add this photo, as the upload callable checks it, and one upload of their
 * hour; or how the object was turned away.
 */
async function admit(
  deps: Deps,
  object: StoredObject,
  path: ObjectPath,
  digest: string,
): Promise<{ caller: Actor; refund(): Promise<void> } | "refused" | "missing"> {
  // no case to hold even a refusal: the case does not exist, or its purge has started
  if (!(await deps.cases.get(path.caseId)) || (await deps.tombstones.get(path.caseId)))
    return discard(deps, object, path);
  const uid = object.uploadedBy ?? "storage";
  // storage.rules let only a verified e-mail upload; the record gives the rights
  const uploader = actorOfRecord(uid, await deps.officers.get(uid), { emailVerified: true });
  try {
    // the same caller level as the upload callable: a photo straight to Storage meets its rules
    const caller = admitCaller(callables.uploadCasePhoto.access.caller, uploader);
    await caseForPhotoChange(deps, caller, path.caseId);
    const upload = await reserveUpload(deps, caller);
    return { caller, refund: upload.refund };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (error.reason === "case_not_found") return discard(deps, object, path);
    return refuse(deps, object, path, digest, refusalCode(error.reason), error.message);
  }
}

const refusalCode = (reason: ErrorReason): StoredUploadRefusal =>
  reason === "uploads_exhausted" ? "upload_limit" : "upload_not_allowed";

/** how a claim ended for an admitted object; a refusal of the claim itself is the object's refusal */
async function claimFor(
  deps: Deps,
  object: StoredObject,
  path: ObjectPath,
  digest: string,
  admitted: { caller: Actor; refund(): Promise<void> },
): Promise<{ claimed: Photo } | { stored: Photo } | "refused" | "missing"> {
  try {
    const outcome = await claimPhoto(
      deps,
      newBase(
        { ...path, uploadedBy: admitted.caller.uid, ...details(object) },
        digest,
        await activeModelVersion(deps),
        deps.clock.now().toISOString(),
      ),
    );
    if ("claimed" in outcome) return outcome;
    await admitted.refund();
    // the same bytes under another id: one photo of them is enough
    if (outcome.stored.photoId !== path.photoId) return refuse(deps, object, path, digest, "same_photo_stored");
    return outcome;
  } catch (error) {
    await admitted.refund();
    if (!(error instanceof ServiceError)) throw error;
    if (error.reason === "case_not_found") return discard(deps, object, path);
    if (error.reason === "photo_id_taken") {
      await deps.blobs.delete(object.name);
      return "refused";
    }
    return refuse(deps, object, path, digest, "upload_not_allowed", error.message);
  }
}

/** a Storage upload: case photos are ingested, anything else is ignored at once */
export async function ingestStoredObject(
  deps: Deps,
  object: StoredObject,
): Promise<"ignored" | "ingested" | "missing" | "refused"> {
  const path = parseCasePhotoPath(object.name);
  if (!path) return "ignored";
  const bytes = await deps.blobs.get(object.name);
  if (!bytes) return "missing";
  const digest = sha256(bytes);
  const recorded = await deps.photos.get(path.caseId, path.photoId);
  if (recorded) {
    if (recorded.sha256 !== digest || !keepsItsBytes(recorded)) {
      // other bytes under a recorded photo (whose own were not kept), or bytes its record refused:
      // evidence is never replaced, and a refusal is not undone by sending again under its id
      if (recorded.sha256 !== digest) deps.events.photoReplacementRefused(path);
      await deps.blobs.delete(object.name);
      return "refused";
    }
    // a redelivered event, the upload callable's own bytes, or work left by an instance that died
    await ingestPhoto(deps, { ...path, bytes, uploadedBy: recorded.uploadedBy, ...details(object) });
    return "ingested";
  }
  const admitted = await admit(deps, object, path, digest);
  if (typeof admitted === "string") return admitted;
  const outcome = await claimFor(deps, object, path, digest, admitted);
  if (typeof outcome === "string") return outcome;
  if ("stored" in outcome) return "ingested";
  let photo: Photo;
  try {
    photo = await ingestClaimed(deps, outcome.claimed, bytes);
  } catch (error) {
    // Storage delivers the event again; the upload is counted then
    await admitted.refund();
    if (error instanceof ServiceError && error.reason === "case_not_found") return discard(deps, object, path);
    throw error;
  }
  // the verdict is kept; bytes that are not a photo are not, and cost the officer nothing
  if (isUnreadable(photo)) {
    await deps.blobs.delete(object.name);
    await admitted.refund();
  }
  await auditIngest(deps, admitted.caller, photo);
  return "ingested";
}

/**
 * A Storage event past its retry window whose photo never got a record (ingest kept failing before
 * its first write): after the same checks as any upload, the photo is handed to the scheduled
 * resume by claiming its record, so that no upload stays in Storage unseen. The resume then tries
 * it like any interrupted photo and gives up with a reason after MAX_ATTEMPTS.
 */
export async function handOverExpiredUpload(
  deps: Deps,
  object: StoredObject,
): Promise<"ignored" | "recorded" | "missing" | "refused" | "handed_over"> {
  const path = parseCasePhotoPath(object.name);
  if (!path) return "ignored";
  if (await deps.photos.get(path.caseId, path.photoId)) return "recorded";
  const bytes = await deps.blobs.get(object.name);
  if (!bytes) return "missing";
  const digest = sha256(bytes);
  const admitted = await admit(deps, object, path, digest);
  if (typeof admitted === "string") return admitted;
  const outcome = await claimFor(deps, object, path, digest, admitted);
  if (typeof outcome === "string") return outcome;
  if ("stored" in outcome) return "recorded";
  await auditIngest(deps, admitted.caller, outcome.claimed);
  return "handed_over";
}
