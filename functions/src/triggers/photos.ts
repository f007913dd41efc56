// Case photos: the upload callable (local mode, small photos), the officer's choice of the
// subject's face, retraction, listing, thumbnails; the Storage trigger that ingests photos
// uploaded straight to cases/{caseId}/photos/{photoId}; the scheduled resume of interrupted work.
import { onSchedule } from "firebase-functions/scheduler";
import { onObjectFinalized } from "firebase-functions/storage";
import { getDeps } from "../runtime/deps.js";
import { functionsEvents } from "../runtime/events.js";
import { text, uidSchema } from "../schemas/index.js";
import {
  chooseCasePhotoFace as choose,
  getPhotoThumbnail as thumbnail,
  listCasePhotos as list,
  retractCasePhoto as retract,
  uploadCasePhoto as upload,
} from "../services/photos.js";
import { resumeInterruptedPhotos } from "../services/photo-resume.js";
import { handOverExpiredUpload, ingestStoredObject } from "../services/stored-uploads.js";
import { callable } from "./callable.js";
import { photoBucket } from "../config.js";
import { INGEST_OPTIONS } from "./function-options.js";
import { z } from "zod";

export const uploadCasePhoto = callable("uploadCasePhoto", upload);
export const chooseCasePhotoFace = callable("chooseCasePhotoFace", choose);
export const retractCasePhoto = callable("retractCasePhoto", retract);
export const listCasePhotos = callable("listCasePhotos", list);
export const getPhotoThumbnail = callable("getPhotoThumbnail", thumbnail);

/**
 * Storage retries a failed event (a Firestore timeout, an instance that died) for days; past this
 * age an event is not retried (Firebase's guidance on retries) and the scheduled resume finishes
 * the photo instead — handed to it with a processing record when ingest never wrote one.
 */
const UPLOAD_RETRY_WINDOW_MS = 60 * 60_000;

const uploader = uidSchema.catch("storage");
const photoDate = z.iso.date().optional().catch(undefined);
const fileName = text(200).optional().catch(undefined);

// At-least-once delivery is fine: ingest is idempotent. Other uploads are ignored at once. The
// uploader comes from custom metadata that the security rules require to equal the caller's uid;
// their officer record decides whether the photo is kept (services/stored-uploads.ts). The bucket is
// named, never left to the default: its location is checked against REGION before a deploy.
export const onCasePhotoUploaded = onObjectFinalized(
  { ...INGEST_OPTIONS, bucket: photoBucket, retry: true },
  async (event) => {
    const ageMs = Date.now() - Date.parse(event.time);
    const metadata = event.data.metadata ?? {};
    const date = photoDate.parse(metadata.photoDate);
    const file = fileName.parse(metadata.fileName);
    const object = {
      name: event.data.name,
      uploadedBy: uploader.parse(metadata.uploadedBy ?? "storage"),
      ...(date ? { photoDate: date } : {}),
      ...(file ? { fileName: file } : {}),
    };
    const deps = await getDeps();
    if (ageMs > UPLOAD_RETRY_WINDOW_MS) {
      const outcome = await handOverExpiredUpload(deps, object);
      functionsEvents.uploadEventExpired({ ageMinutes: Math.round(ageMs / 60_000), outcome });
      return;
    }
    await ingestStoredObject(deps, object);
  },
);

export const resumeInterruptedUploads = onSchedule({ ...INGEST_OPTIONS, schedule: "every 10 minutes" }, async () => {
  await resumeInterruptedPhotos(await getDeps());
});
