// The faces table seen as a whole (a case's purge, a model migration), beside the search index of
// face-index.ts. Every write bumps `faces_version`, which is how face-index.ts knows its in-memory
// copy of the vectors is stale: a change to that mechanism must be followed here.
import type { DatabaseSync } from "node:sqlite";
import type { FaceVectors, VectorSpace } from "../../ports/index.js";
import type { FaceDoc } from "../../schemas/index.js";
import { transaction } from "./database.js";

const MODEL = "json_extract(data, '$.modelVersion')";
const KEY = "json_extract(data, '$.templateKeyId')";
/** a face of one vector space (model version and template key) */
const IN_SPACE = `${MODEL} = ? AND ${KEY} = ?`;
const spaceArgs = (space: VectorSpace): [string, string] => [space.modelVersion, space.templateKeyId];
const sameSpace = (a: VectorSpace, b: VectorSpace): boolean =>
  a.modelVersion === b.modelVersion && a.templateKeyId === b.templateKeyId;

/**
 * Replaces the photo's faces — every face, or those of one vector space — inside a transaction the
 * caller holds (the face index, the vectors, a photo record's unit of work all write through here).
 */
export function writePhotoFaces(
  db: DatabaseSync,
  caseId: string,
  photoId: string,
  faces: FaceDoc[],
  space?: VectorSpace,
): void {
  if (space === undefined) db.prepare("DELETE FROM faces WHERE case_id = ? AND photo_id = ?").run(caseId, photoId);
  else
    db.prepare(`DELETE FROM faces WHERE case_id = ? AND photo_id = ? AND ${IN_SPACE}`).run(
      caseId,
      photoId,
      ...spaceArgs(space),
    );
  const insert = db.prepare(
    "INSERT INTO faces (face_id, case_id, photo_id, case_kind, case_status, country, data, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const { embedding, ...meta } of faces) {
    if (space !== undefined && !sameSpace(meta, space))
      throw new Error(
        `face ${meta.faceId} is of ${meta.modelVersion} under key ${meta.templateKeyId}, not of ${space.modelVersion} under ${space.templateKeyId}`,
      );
    insert.run(
      meta.faceId,
      caseId,
      photoId,
      meta.caseKind,
      meta.caseStatus,
      meta.country,
      JSON.stringify(meta),
      new Uint8Array(Float32Array.from(embedding).buffer),
    );
  }
  db.prepare("UPDATE meta SET value = value + 1 WHERE name = 'faces_version'").run();
}

export function localFaceVectors(db: DatabaseSync): FaceVectors {
  const bump = db.prepare("UPDATE meta SET value = value + 1 WHERE name = 'faces_version'");
  const changed = (run: () => number | bigint): number =>
    transaction(db, () => {
      const n = Number(run());
      if (n > 0) bump.run();
      return n;
    });
  return {
    async replacePhotoFacesOfVersion(caseId, photoId, space, faces) {
      transaction(db, () => writePhotoFaces(db, caseId, photoId, faces, space));
    },
    async versionsOfPhoto(caseId, photoId) {
      const rows = db
        .prepare(`SELECT DISTINCT ${MODEL} AS m, ${KEY} AS k FROM faces WHERE case_id = ? AND photo_id = ?`)
        .all(caseId, photoId) as { m: string; k: string }[];
      return rows.map((r) => ({ modelVersion: r.m, templateKeyId: r.k }));
    },
    async photosWithVersion(space, limit) {
      const rows = db
        .prepare(`SELECT DISTINCT case_id, photo_id FROM faces WHERE ${IN_SPACE} ORDER BY case_id, photo_id LIMIT ?`)
        .all(...spaceArgs(space), limit) as { case_id: string; photo_id: string }[];
      return rows.map((r) => ({ caseId: r.case_id, photoId: r.photo_id }));
    },
    deletePhotoVersion: async (caseId, photoId, space) =>
      changed(
        () =>
          db
            .prepare(`DELETE FROM faces WHERE case_id = ? AND photo_id = ? AND ${IN_SPACE}`)
            .run(caseId, photoId, ...spaceArgs(space)).changes,
      ),
    async countByModelVersion() {
      const rows = db
        .prepare(`SELECT ${MODEL} AS m, ${KEY} AS k, COUNT(*) AS n FROM faces GROUP BY m, k ORDER BY m, k`)
        .all() as { m: string; k: string; n: number }[];
      return rows.map((r) => ({ space: { modelVersion: r.m, templateKeyId: r.k }, count: Number(r.n) }));
    },
    deleteForCase: async (caseId) =>
      changed(() => db.prepare("DELETE FROM faces WHERE case_id = ?").run(caseId).changes),
  };
}
