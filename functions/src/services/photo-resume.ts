// The scheduled resume of a case photo's ingest: work an instance left unfinished (it died, it
// timed out) is found by its processing record and finished, or given up with a reason after
// repeated attempts (photo-ingest.ts claims and records each attempt).
import { type Deps } from "../ports/index.js";
import {
  INTERRUPTED_AFTER_MINUTES,
  MAX_ATTEMPTS,
  PROCESSING_FAILED,
  ingestPhoto,
  interrupted,
} from "./photo-ingest.js";

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
