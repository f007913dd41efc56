// Case photos: the upload callable (local mode, small photos), listing, thumbnails, and the
// Storage trigger that ingests photos uploaded straight to cases/{caseId}/photos/{photoId}.
import { onObjectFinalized } from "firebase-functions/storage";
import { familyContactKeys, ipHashKey } from "../config.js";
import { getDeps } from "../runtime/deps.js";
import { getPhotoThumbnail as thumbnail, ingestStoredObject, listCasePhotos as list, uploadCasePhoto as upload } from "../services/photos.js";
import { callable } from "./callable.js";

export const uploadCasePhoto = callable("uploadCasePhoto", upload);
export const listCasePhotos = callable("listCasePhotos", list);
export const getPhotoThumbnail = callable("getPhotoThumbnail", thumbnail);

/** the engine on one photo per instance at a time, as for the callables */
const INGEST_OPTIONS = { memory: "1GiB" as const, timeoutSeconds: 120, secrets: [familyContactKeys, ipHashKey], concurrency: 1, retry: false };

// At-least-once delivery is fine: ingest is idempotent. Other uploads are ignored at once.
export const onCasePhotoUploaded = onObjectFinalized(INGEST_OPTIONS, async (event) => {
  await ingestStoredObject(await getDeps(), { name: event.data.name, uploadedBy: event.data.metadata?.uploadedBy });
});
