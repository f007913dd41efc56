// Local mode has no Firestore to fire document triggers: the photo store here runs what the
// production trigger on photo documents runs (services/cross-match.ts photoWritten) after each
// write. The write stands whatever the cross-match does, as in production, where the trigger
// is retried on its own; a failure is reported as an event.
import type { Deps } from "../ports/index.js";
import { photoWritten } from "../services/cross-match.js";

/**
 * `run`: cross-match after each photo write (the emulated backend, tests, the command line);
 * `off`: the caller cross-matches what it wrote (the command line's import, with its own progress).
 */
export function withLocalPhotoTrigger<D extends Deps>(deps: D, mode: "run" | "off" = "run"): D {
  if (mode === "off") return deps;
  const inner = deps.photos;
  // the same object, its photo store wrapped: ports that read other ports of deps when called
  // (the face models read deps.analyzer) keep seeing what a caller sets on it
  deps.photos = {
    ...inner,
    async put(photo) {
      const before = await inner.get(photo.caseId, photo.photoId);
      await inner.put(photo);
      try {
        await photoWritten(deps, before, photo);
      } catch (error) {
        deps.events.crossMatchFailed({ caseId: photo.caseId, photoId: photo.photoId, error });
      }
    },
  };
  return deps;
}
