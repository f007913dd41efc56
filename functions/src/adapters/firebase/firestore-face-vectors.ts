// The faces collection as a whole (a case's purge, a model migration), beside the search index.
import type { Firestore } from "firebase-admin/firestore";
import type { FaceVectors } from "../../ports/index.js";
import { faceDocument } from "./firestore-faces.js";
import { BATCH, COLLECTIONS, deleteAll } from "./firestore-stores.js";

export function firestoreFaceVectors(db: Firestore): FaceVectors {
  const col = db.collection(COLLECTIONS.faces);
  const ofPhoto = (caseId: string, photoId: string) =>
    col.where("caseId", "==", caseId).where("photoId", "==", photoId);
  return {
    async replacePhotoFacesOfVersion(caseId, photoId, modelVersion, faces) {
      const existing = await ofPhoto(caseId, photoId).where("modelVersion", "==", modelVersion).select().get();
      const keep = new Set(faces.map((f) => f.faceId));
      const batch = db.batch();
      for (const d of existing.docs) if (!keep.has(d.id)) batch.delete(d.ref);
      for (const face of faces) {
        if (face.modelVersion !== modelVersion)
          throw new Error(`face ${face.faceId} is of model ${face.modelVersion}, not ${modelVersion}`);
        batch.set(col.doc(face.faceId), faceDocument(face));
      }
      await batch.commit();
    },
    async versionsOfPhoto(caseId, photoId) {
      const snap = await ofPhoto(caseId, photoId).select("modelVersion").get();
      return [...new Set(snap.docs.map((d) => String(d.get("modelVersion"))))];
    },
    async photosWithVersion(modelVersion, limit) {
      const snap = await col
        .where("modelVersion", "==", modelVersion)
        .select("caseId", "photoId")
        .limit(Math.min(limit * 2, BATCH))
        .get();
      const photos = new Map<string, { caseId: string; photoId: string }>();
      for (const d of snap.docs)
        photos.set(`${d.get("caseId")}/${d.get("photoId")}`, {
          caseId: String(d.get("caseId")),
          photoId: String(d.get("photoId")),
        });
      return [...photos.values()].slice(0, limit);
    },
    deletePhotoVersion: (caseId, photoId, modelVersion) =>
      deleteAll(db, ofPhoto(caseId, photoId).where("modelVersion", "==", modelVersion)),
    async countByModelVersion() {
      const versions = new Map<string, number>();
      // one aggregation per version found: a migration has two, a deployment one
      let last: string | undefined;
      for (;;) {
        let q = col.orderBy("modelVersion").select("modelVersion").limit(1);
        if (last !== undefined) q = q.startAfter(last);
        const snap = await q.get();
        const doc = snap.docs[0];
        if (!doc) break;
        last = String(doc.get("modelVersion"));
        versions.set(last, (await col.where("modelVersion", "==", last).count().get()).data().count);
      }
      return [...versions].map(([modelVersion, count]) => ({ modelVersion, count }));
    },
    deleteForCase: (caseId) => deleteAll(db, col.where("caseId", "==", caseId)),
  };
}
