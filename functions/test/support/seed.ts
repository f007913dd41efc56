// Cases with photos, faces and stored bytes written straight through the ports, without the face
// engine: for the retention, erasure and backup tests, which are about data, not faces.
import { createHash } from "node:crypto";
import type { Deps } from "../../src/ports/index.js";
import { casePhotoPath, type Case, type Photo } from "../../src/schemas/index.js";
import type { Actor } from "../../src/services/actor.js";
import { createCase } from "../../src/services/cases.js";
import { faceId } from "../../src/services/photos.js";
import { faceFixture } from "../contract/port-contract.js";

/** a unit vector from a seed: distinct seeds give distinct, reproducible embeddings */
export function unitVector(seed: number): number[] {
  const v = Array.from({ length: 128 }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) + 0.01 * i);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

let seeds = 0;

/** a case of the caller's with `photos` indexed photos (bytes in the blob store, one face each) */
export async function seedCase(
  deps: Deps,
  caller: Actor,
  options: { photos?: number; modelVersion?: string; familyPhone?: string } = {},
): Promise<{ case: Case; photos: Photo[]; embeddings: number[][] }> {
  const { case: view } = await createCase(deps, caller, {
    kind: "missing",
    country: caller.claims.country ?? "BI",
    station: "Ngozi",
    subject: { names: ["Aline Uwase"], aliases: [], sex: "female", birthYear: 2014 },
    familyContact: { name: "Jeanne Uwase", phone: options.familyPhone ?? "+25779000111" },
  });
  const record = (await deps.cases.get(view.id))!;
  const photos: Photo[] = [];
  const embeddings: number[][] = [];
  const now = deps.clock.now().toISOString();
  for (let i = 0; i < (options.photos ?? 2); i++) {
    const seed = ++seeds;
    const bytes = new Uint8Array(Buffer.from(`photo ${seed} of ${record.id}: ${"x".repeat(64)}`));
    const photoId = `p${i}`;
    await deps.blobs.put(casePhotoPath(record.id, photoId), bytes, "image/jpeg", { uploadedBy: caller.uid });
    const photo: Photo = {
      caseId: record.id,
      photoId,
      storagePath: casePhotoPath(record.id, photoId),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      status: "indexed",
      reasons: [],
      facesFound: 1,
      facesIndexed: 1,
      faces: [],
      modelVersion: options.modelVersion ?? "m",
      uploadedBy: caller.uid,
      subjectFace: { index: 0, how: "only" },
      createdAt: now,
      updatedAt: now,
    };
    await deps.photos.put(photo);
    const embedding = unitVector(seed);
    const space = { modelVersion: options.modelVersion ?? "m", templateKeyId: deps.templateKeys.defaultKeyId };
    await deps.faces.replacePhotoFaces(record.id, photoId, [
      faceFixture(record.id, photoId, 0, embedding, { faceId: faceId(record.id, photoId, 0, space), ...space }),
    ]);
    photos.push(photo);
    embeddings.push(embedding);
  }
  return { case: record, photos, embeddings };
}
