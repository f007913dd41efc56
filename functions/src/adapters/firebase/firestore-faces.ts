// The face index on Firestore: one document per face with a top-level 128-d vector field, searched
// with findNearest (flat index, COSINE) after equality prefilters declared in firestore.indexes.json.
import { FieldValue, type Firestore, type Query } from "firebase-admin/firestore";
import type { CaseFaceScore, FaceIndex, VectorSpace } from "../../ports/index.js";
import type { FaceDoc } from "../../schemas/index.js";
import { COLLECTIONS } from "./firestore-stores.js";

const DISTANCE_FIELD = "vector_distance";

/** a face as its document stores it: the embedding as a vector value, the rest as it is */
export const faceDocument = ({ embedding, ...meta }: FaceDoc) => ({ ...meta, embedding: FieldValue.vector(embedding) });

/** the faces of one vector space: its two fields always filtered together (firestore.indexes.json has them side by side) */
export const inSpace = (q: Query, space: VectorSpace): Query =>
  q.where("modelVersion", "==", space.modelVersion).where("templateKeyId", "==", space.templateKeyId);

export function firestoreFaceIndex(db: Firestore): FaceIndex {
  const col = db.collection(COLLECTIONS.faces);
  return {
    async replacePhotoFaces(caseId, photoId, faces) {
      const existing = await col.where("caseId", "==", caseId).where("photoId", "==", photoId).select().get();
      const keep = new Set(faces.map((f) => f.faceId));
      const batch = db.batch();
      for (const d of existing.docs) if (!keep.has(d.id)) batch.delete(d.ref);
      for (const face of faces) batch.set(col.doc(face.faceId), faceDocument(face));
      await batch.commit();
    },
    async findNearest({ vector, filter, limit, distanceThreshold }) {
      let q: Query = col;
      if (filter.caseStatus) q = q.where("caseStatus", "==", filter.caseStatus);
      if (filter.caseKind) q = q.where("caseKind", "==", filter.caseKind);
      if (filter.country) q = q.where("country", "==", filter.country);
      if (filter.space) q = inSpace(q, filter.space);
      const snap = await q
        .findNearest({
          vectorField: "embedding",
          queryVector: Array.from(vector),
          limit: Math.min(limit, 1000),
          distanceMeasure: "COSINE",
          distanceThreshold,
          distanceResultField: DISTANCE_FIELD,
        })
        .get();
      return snap.docs.map((d) => {
        const {
          embedding: _embedding,
          [DISTANCE_FIELD]: distance,
          ...face
        } = d.data() as FaceDoc & { [DISTANCE_FIELD]: number };
        return { face, distance };
      });
    },
    async scoreCases({ vectors, filter }) {
      // one query over the scope (every face of the other kind in a country: thousands), each face
      // read once with the fields a candidate needs; the scores are computed here, exactly
      let q: Query = col;
      if (filter.caseKind) q = q.where("caseKind", "==", filter.caseKind);
      if (filter.country) q = q.where("country", "==", filter.country);
      if (filter.caseStatus) q = q.where("caseStatus", "==", filter.caseStatus);
      if (filter.space) q = inSpace(q, filter.space);
      const snap = await q
        .select("faceId", "caseId", "photoId", "faceIndex", "photoDate", "modelVersion", "templateKeyId", "embedding")
        .get();
      const best = new Map<string, CaseFaceScore>();
      for (const d of snap.docs) {
        const data = d.data() as Omit<FaceDoc, "embedding"> & { embedding: FirebaseFirestore.VectorValue };
        const embedding = data.embedding.toArray();
        vectors.forEach((vector, query) => {
          let similarity = 0;
          for (let i = 0; i < vector.length; i++) similarity += embedding[i]! * vector[i]!;
          const seen = best.get(data.caseId);
          if (
            seen &&
            (seen.similarity > similarity || (seen.similarity === similarity && seen.face.faceId <= data.faceId))
          )
            return;
          best.set(data.caseId, {
            face: {
              faceId: data.faceId,
              caseId: data.caseId,
              photoId: data.photoId,
              faceIndex: data.faceIndex,
              ...(data.photoDate ? { photoDate: data.photoDate } : {}),
              modelVersion: data.modelVersion,
              templateKeyId: data.templateKeyId,
            },
            similarity,
            query,
          });
        });
      }
      return [...best.values()].sort((a, b) => b.similarity - a.similarity || (a.face.caseId < b.face.caseId ? -1 : 1));
    },
    async followCaseStatus(caseId) {
      // the case is read in the transaction: a status change meanwhile makes it run again, so the
      // last sync to commit writes the last status (one transaction: a case's faces are a few hundred at most)
      await db.runTransaction(async (tx) => {
        const record = await tx.get(db.collection(COLLECTIONS.cases).doc(caseId));
        const status = record.get("status") as string | undefined;
        if (!record.exists || !status) return;
        const faces = await tx.get(col.where("caseId", "==", caseId).select("caseStatus"));
        for (const d of faces.docs) if (d.get("caseStatus") !== status) tx.update(d.ref, { caseStatus: status });
      });
    },
    async listForCase(caseId) {
      const snaps = await col.where("caseId", "==", caseId).get();
      return snaps.docs
        .map((d) => {
          const { embedding, ...meta } = d.data() as Omit<FaceDoc, "embedding"> & {
            embedding: FirebaseFirestore.VectorValue;
          };
          return { ...meta, embedding: embedding.toArray() };
        })
        .sort((a, b) => (a.faceId < b.faceId ? -1 : 1));
    },
    async countForCase(caseId) {
      return (await col.where("caseId", "==", caseId).count().get()).data().count;
    },
  };
}
