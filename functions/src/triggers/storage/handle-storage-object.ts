import { getDeps } from "../../runtime/deps.js";
import { functionsEvents } from "../../runtime/events.js";
import { ingestPhoto } from "../../services/photos.js";
import { ServiceError } from "../../services/errors.js";

const CASE_PHOTO = /^cases\/([A-Za-z0-9_-]{1,128})\/photos\/([A-Za-z0-9_-]{1,128})$/;

export async function handleStorageObject(object: { name: string; uploadedBy?: string }): Promise<"ignored" | "ingested" | "missing"> {
  const match = CASE_PHOTO.exec(object.name);
  if (!match) return "ignored";
  const [, caseId, photoId] = match as unknown as [string, string, string];
  const deps = await getDeps();
  const bytes = await deps.blobs.get(object.name);
  if (!bytes) return "missing";
  try {
    await ingestPhoto(deps, { caseId, photoId, bytes, uploadedBy: object.uploadedBy ?? "storage" });
    return "ingested";
  } catch (error) {
    if (error instanceof ServiceError && error.code === "not-found") {
      functionsEvents.warn("photo_for_unknown_case", { reason: error.code });
      return "missing";
    }
    throw error;
  }
}
