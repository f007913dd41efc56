// Exact nearest-neighbour search with Firestore's semantics: COSINE distance (1 − cosine),
// equality prefilters, a distance threshold, a limit. Embeddings are cached in memory as one
// Float32Array and reloaded when another process changed the faces table.
import type { DatabaseSync } from "node:sqlite";
import type { FaceIndex, NearestFace } from "../../ports/index.js";
import type { FaceDoc } from "../../schemas/index.js";
import { transaction } from "./database.js";

interface Cache {
  version: number;
  rows: { meta: Omit<FaceDoc, "embedding">; kind: string; status: string; country: string }[];
  vectors: Float32Array;
  dim: number;
}

export function localFaceIndex(db: DatabaseSync): FaceIndex {
  const versionStmt = db.prepare("SELECT value FROM meta WHERE name = 'faces_version'");
  const bump = db.prepare("UPDATE meta SET value = value + 1 WHERE name = 'faces_version'");
  let cache: Cache | undefined;

  function load(): Cache {
    const version = Number((versionStmt.get() as { value: number }).value);
    if (cache?.version === version) return cache;
    const rows = db.prepare("SELECT data, embedding, case_kind, case_status, country FROM faces ORDER BY face_id").all() as {
      data: string;
      embedding: Uint8Array;
      case_kind: string;
      case_status: string;
      country: string;
    }[];
    const dim = rows[0] ? rows[0].embedding.byteLength / 4 : 0;
    const vectors = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => vectors.set(new Float32Array(r.embedding.buffer, r.embedding.byteOffset, dim), i * dim));
    cache = {
      version,
      dim,
      vectors,
      rows: rows.map((r) => ({ meta: JSON.parse(r.data), kind: r.case_kind, status: r.case_status, country: r.country })),
    };
    return cache;
  }

  return {
    async replacePhotoFaces(caseId, photoId, faces) {
      transaction(db, () => {
        db.prepare("DELETE FROM faces WHERE case_id = ? AND photo_id = ?").run(caseId, photoId);
        const insert = db.prepare(
          "INSERT INTO faces (face_id, case_id, photo_id, case_kind, case_status, country, data, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        );
        for (const { embedding, ...meta } of faces) {
          const blob = new Uint8Array(Float32Array.from(embedding).buffer);
          insert.run(meta.faceId, caseId, photoId, meta.caseKind, meta.caseStatus, meta.country, JSON.stringify(meta), blob);
        }
        bump.run();
      });
    },

    async findNearest({ vector, filter, limit, distanceThreshold }) {
      const { rows, vectors, dim } = load();
      if (dim !== 0 && dim !== vector.length) throw new Error(`query vector has ${vector.length} dimensions, the index ${dim}`);
      const hits: NearestFace[] = [];
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if ((filter.caseKind && r.kind !== filter.caseKind) || (filter.caseStatus && r.status !== filter.caseStatus) || (filter.country && r.country !== filter.country))
          continue;
        if (filter.modelVersion && r.meta.modelVersion !== filter.modelVersion) continue;
        let dot = 0;
        const base = i * dim;
        for (let d = 0; d < dim; d++) dot += vectors[base + d]! * vector[d]!;
        const distance = 1 - dot;
        if (distance <= distanceThreshold) hits.push({ face: { ...r.meta, caseStatus: r.status as FaceDoc["caseStatus"] }, distance });
      }
      return hits.sort((a, b) => a.distance - b.distance).slice(0, limit);
    },

    async setCaseStatus(caseId, status) {
      transaction(db, () => {
        db.prepare("UPDATE faces SET case_status = ? WHERE case_id = ?").run(status, caseId);
        bump.run();
      });
    },

    async countForCase(caseId) {
      return Number((db.prepare("SELECT COUNT(*) AS n FROM faces WHERE case_id = ?").get(caseId) as { n: number }).n);
    },
  };
}
