// `tora-face choose-face`: the officer's choice of the person in a photo with several comparable
// faces (the portal's numbered boxes, the chooseCasePhotoFace callable), for the command line's
// operator: one photo by its number, or — for a folder of portrait photos, where the person of the
// case is the one in the middle — every waiting photo's face nearest the photo's centre. Each choice
// is audited as the callable's; the face is then cross-matched (local mode's photo trigger).
import type { Deps } from "../ports/index.js";
import type { Case, Photo } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { chooseCasePhotoFace } from "../services/photos.js";

/** the face whose box centre lies nearest the photo's centre (faces are numbered from 0 in the record) */
function centredFace(photo: Photo): number | undefined {
  if (!photo.width || !photo.height || photo.faces.length === 0) return undefined;
  const distance = (f: Photo["faces"][number]) =>
    Math.hypot(f.box.x + f.box.width / 2 - photo.width! / 2, f.box.y + f.box.height / 2 - photo.height! / 2);
  return photo.faces.reduce((best, f) => (distance(f) < distance(best) ? f : best)).index;
}

/** one photo's choice; the photo by its id or the file name it was imported from */
export async function chooseFace(deps: Deps, record: Case, photoRef: string, face: number | "centre"): Promise<Photo> {
  const photos = await deps.photos.list(record.id);
  const photo = photos.find((p) => p.photoId === photoRef) ?? photos.find((p) => p.fileName === photoRef);
  if (!photo) throw new Error(`case ${record.externalRef ?? record.id} has no photo ${photoRef}`);
  const index = face === "centre" ? centredFace(photo) : face;
  if (index === undefined) throw new Error(`photo ${photoRef}: no face to choose`);
  return (
    await chooseCasePhotoFace(deps, SYSTEM_ACTOR, { caseId: record.id, photoId: photo.photoId, faceIndex: index })
  ).photo;
}

/** every photo waiting for a choice, in the open cases of a kind: the face nearest the centre; returns how many were chosen */
export async function chooseCentredFaces(
  deps: Deps,
  kind?: Case["kind"],
): Promise<{ chosen: number; indexed: number }> {
  const result = { chosen: 0, indexed: 0 };
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list(
      { status: "open", ...(kind ? { kind } : {}) },
      { limit: 500, ...(cursor ? { cursor } : {}) },
    );
    for (const record of page.cases)
      for (const photo of await deps.photos.list(record.id)) {
        if (photo.status !== "needs_choice") continue;
        const index = centredFace(photo);
        if (index === undefined) continue;
        const chosen = await chooseCasePhotoFace(deps, SYSTEM_ACTOR, {
          caseId: record.id,
          photoId: photo.photoId,
          faceIndex: index,
        });
        result.chosen++;
        if (chosen.photo.status === "indexed") result.indexed++;
      }
    cursor = page.nextCursor;
  } while (cursor);
  return result;
}
