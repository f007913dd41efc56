// A photo uploaded to cases/{caseId}/photos/{photoId} is checked and indexed. Other uploads are
// ignored at once. At-least-once delivery is fine: ingest is idempotent.
import { onObjectFinalized } from "firebase-functions/storage";
import { CALLABLE_OPTIONS } from "../callable.js";
import { handleStorageObject } from "./handle-storage-object.js";

export const onCasePhotoUploaded = onObjectFinalized(
  { memory: CALLABLE_OPTIONS.memory, timeoutSeconds: CALLABLE_OPTIONS.timeoutSeconds, secrets: CALLABLE_OPTIONS.secrets, concurrency: 1, retry: false },
  (event) => handleStorageObject({ name: event.data.name, uploadedBy: event.data.metadata?.uploadedBy }),
);
