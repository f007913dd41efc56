// The faces table seen as a whole (a case's purge, a model migration), beside the search index of
// face-index.ts. Every write bumps `faces_version`, which is how face-index.ts knows its in-memory
// copy of the vectors is stale: a change to that mechanism must be followed here.
import type { DatabaseSync } from "node:sqlite";
import type { FaceVectors } from "../../ports/index.js";
import type { FaceDoc } from "../../schemas/index.js";
import { transaction } from "./database.js";

const VERSION = "json_extract(data, '$.modelVersion')";

/**
 * Replaces the photo's faces — every face, or those of one model version — inside a transaction the
 * caller holds (the face index, the vectors, a photo record's unit of work all write through here).
 */
export function writePhotoFaces(
  db: DatabaseSync,
  caseId: string,
  photoId: string,
  faces: FaceDoc[],
  modelVersion?: string,
): void {
  if (modelVersion === undefined)
    db.prepare("DELETE FROM faces WHERE case_id = ? AND photo_id = ?").run(caseId, photoId);
  else
    db.prepare(`DELETE FROM faces WHERE case_id = ? AND photo_id = ? AND ${VERSION} = ?`).run(
      caseId,
      photoId,
      modelVersion,
    );
  const insert = db.prepare(
    "INSERT INTO faces (face_id, case_id, photo_id, case_kind, case_status, country, data, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const { embedding, ...meta } of faces) {
    if (modelVersion !== undefined && meta.modelVersion !== modelVersion)
      throw new Error(`face ${meta.faceId} is of model ${meta.modelVersion}, not ${modelVersion}`);
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
    async replacePhotoFacesOfVersion(caseId, photoId, modelVersion, faces) {
      transaction(db, () => writePhotoFaces(db, caseId, photoId, faces, modelVersion));
    },
    async versionsOfPhoto(caseId, photoId) {
      const rows = db
        .prepare(`SELECT DISTINCT ${VERSION} AS v FROM faces WHERE case_id = ? AND photo_id = ?`)
        .all(caseId, photoId) as { v: string }[];
      return rows.map((r) => r.v);
    },
    async photosWithVersion(modelVersion, limit) {
      const rows = db
        .prepare(`SELECT DISTINCT case_id, photo_id FROM faces WHERE ${VERSION} = ? ORDER BY case_id, photo_id LIMIT ?`)
        .all(modelVersion, limit) as { case_id: string; photo_id: string }[];
      return rows.map((r) => ({ caseId: r.case_id, photoId: r.photo_id }));
    },
    deletePhotoVersion: async (caseId, photoId, modelVersion) =>
      changed(
        () =>
          db
            .prepare(`DELETE FROM faces WHERE case_id = ? AND photo_id = ? AND ${VERSION} = ?`)
            .run(caseId, photoId, modelVersion).changes,
      ),
    async countByModelVersion() {
      const rows = db.prepare(`SELECT ${VERSION} AS v, COUNT(*) AS n FROM faces GROUP BY v ORDER BY v`).all() as {
        v: string;
        n: number;
      }[];
      return rows.map((r) => ({ modelVersion: r.v, count: Number(r.n) }));
    },
    deleteForCase: async (caseId) =>
      changed(() => db.prepare("DELETE FROM faces WHERE case_id = ?").run(caseId).changes),
  };
}
