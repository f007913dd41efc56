// A data migration of case photos, run once from the command line: photos enrolled before one
// subject per photo wait for an officer's choice of face.
import { type Deps } from "../ports/index.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { choiceReason } from "./photo-ingest.js";

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
