// Local mode has no Firestore to fire document triggers: the photo store here runs what the
// production trigger on photo documents runs (services/cross-match.ts photoWritten) after each
// write. The write stands whatever the cross-match does, as in production, where the trigger
// is retried on its own; a failure is reported as an event.
import type { Deps } from "../ports/index.js";
import type { Photo } from "../schemas/index.js";
import { photoWritten } from "../services/cross-match.js";

/**
 * `run`: cross-match after each photo write (the emulated backend, tests, the command line);
 * `off`: the caller cross-matches what it wrote (the command line's import, with its own progress).
 */
export function withLocalPhotoTrigger<D extends Deps>(deps: D, mode: "run" | "off" = "run"): D {
  if (mode === "off") return deps;
  const inner = deps.photos;
  const written = async (before: Photo | undefined, after: Photo | undefined) => {
    const ref = (after ?? before)!;
    try {
      await photoWritten(deps, before, after);
    } catch (error) {
      deps.events.crossMatchFailed({ caseId: ref.caseId, photoId: ref.photoId, error });
    }
  };
  // the same object, its photo store wrapped: ports that read other ports of deps when called
  // (the face models read deps.analyzer) keep seeing what a caller sets on it
  deps.photos = {
    ...inner,
    async put(photo) {
      const before = await inner.get(photo.caseId, photo.photoId);
      await inner.put(photo);
      await written(before, photo);
    },
    async claim(caseId, photoId, sha256, decide) {
      const result = await inner.claim(caseId, photoId, sha256, decide);
      if (result.claimed) await written(result.context.sameId, result.claimed);
      return result;
    },
    async update(caseId, photoId, change) {
      const result = await inner.update(caseId, photoId, change);
      if (result.written) await written(result.before, result.after);
      return result;
    },
    async remove(caseId, photoId, when) {
      const before = await inner.get(caseId, photoId);
      const removed = await inner.remove(caseId, photoId, when);
      if (removed) await written(before, undefined);
      return removed;
    },
  };
  return deps;
}
