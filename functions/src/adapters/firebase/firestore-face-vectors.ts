// The faces collection as a whole (a case's purge, a model migration), beside the search index.
import type { Firestore } from "firebase-admin/firestore";
import type { FaceVectors, VectorSpace } from "../../ports/index.js";
import { faceDocument, inSpace } from "./firestore-faces.js";
import { BATCH, COLLECTIONS, deleteAll } from "./firestore-stores.js";

export function firestoreFaceVectors(db: Firestore): FaceVectors {
  const col = db.collection(COLLECTIONS.faces);
  const ofPhoto = (caseId: string, photoId: string) =>
    col.where("caseId", "==", caseId).where("photoId", "==", photoId);
  return {
    async replacePhotoFacesOfVersion(caseId, photoId, space, faces) {
      const existing = await inSpace(ofPhoto(caseId, photoId), space).select().get();
      const keep = new Set(faces.map((f) => f.faceId));
      const batch = db.batch();
      for (const d of existing.docs) if (!keep.has(d.id)) batch.delete(d.ref);
      for (const face of faces) {
        if (face.modelVersion !== space.modelVersion || face.templateKeyId !== space.templateKeyId)
          throw new Error(
            `face ${face.faceId} is of ${face.modelVersion} under key ${face.templateKeyId}, not of ${space.modelVersion} under ${space.templateKeyId}`,
          );
        batch.set(col.doc(face.faceId), faceDocument(face));
      }
      await batch.commit();
    },
    async versionsOfPhoto(caseId, photoId) {
      const snap = await ofPhoto(caseId, photoId).select("modelVersion", "templateKeyId").get();
      const spaces = new Map<string, VectorSpace>();
      for (const d of snap.docs) {
        const space = { modelVersion: String(d.get("modelVersion")), templateKeyId: String(d.get("templateKeyId")) };
        spaces.set(`${space.modelVersion}\u0000${space.templateKeyId}`, space);
      }
      return [...spaces.values()];
    },
    async photosWithVersion(space, limit) {
      const snap = await inSpace(col, space)
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
    deletePhotoVersion: (caseId, photoId, space) => deleteAll(db, inSpace(ofPhoto(caseId, photoId), space)),
    async countByModelVersion() {
      const counts: { space: VectorSpace; count: number }[] = [];
      // one aggregation per space found: a migration or a rotation has two, a deployment one
      let last: [string, string] | undefined;
      for (;;) {
        let q = col.orderBy("modelVersion").orderBy("templateKeyId").select("modelVersion", "templateKeyId").limit(1);
        if (last !== undefined) q = q.startAfter(...last);
        const doc = (await q.get()).docs[0];
        if (!doc) break;
        const space = {
          modelVersion: String(doc.get("modelVersion")),
          templateKeyId: String(doc.get("templateKeyId")),
        };
        last = [space.modelVersion, space.templateKeyId];
        counts.push({ space, count: (await inSpace(col, space).count().get()).data().count });
      }
      return counts;
    },
    deleteForCase: (caseId) => deleteAll(db, col.where("caseId", "==", caseId)),
  };
}
