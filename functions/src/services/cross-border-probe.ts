// The faces of a cross-border request at both ends, each end one call: which of its case's faces a
// side sends (outgoingProbeFaces), and how the receiving side turns a received face into a query
// vector for its own index (prepareProbeVectors). A face crosses as the embedding of the sending
// side's model, in the plain embedding space: a side that protects its stored vectors with a secret
// transform undoes its own before sending and applies its own in prepareProbeVectors, so neither
// side ever learns the other's key, and a received face is searched like any probe and forgotten.
import type { Deps } from "../ports/index.js";
import { CROSS_BORDER_MAX_FACES, type FaceDoc, type PeerFace } from "../schemas/index.js";
import { ServiceError } from "./errors.js";
import { activeSpace, sameSpace } from "./face-models.js";

/** newest photo first; undated photos last */
const newestFirst = (a: FaceDoc, b: FaceDoc): number =>
  (b.photoDate ?? "") < (a.photoDate ?? "") ? -1 : (b.photoDate ?? "") > (a.photoDate ?? "") ? 1 : 0;

/**
 * The case's searchable faces as they cross: the active model's vectors of its indexed photos (a
 * case photo enrols one face, its subject's), newest photos first, at most CROSS_BORDER_MAX_FACES,
 * each with its photo's date. Never the photos themselves.
 */
export async function outgoingProbeFaces(deps: Deps, caseId: string): Promise<PeerFace[]> {
  const space = await activeSpace(deps);
  const faces = (await deps.faces.listForCase(caseId))
    .filter((f) => sameSpace(f, space))
    .sort(newestFirst)
    .slice(0, CROSS_BORDER_MAX_FACES);
  return faces.map((f) => ({
    // this side's template key undone: the other side searches in its own key's space
    embedding: Array.from(deps.templateKeys.unprotect(space.templateKeyId, f.embedding)),
    modelVersion: space.modelVersion,
    ...(f.photoDate ? { photoDate: f.photoDate } : {}),
  }));
}

/**
 * Prepares received faces for this side's search: the same model as this side's active one (or the
 * search would compare two embedding spaces and mean nothing), unit length, as query vectors of
 * this side's index. The one place a received vector becomes searchable here.
 */
export async function prepareProbeVectors(deps: Deps, faces: PeerFace[]): Promise<Float32Array[]> {
  const space = await activeSpace(deps);
  const ours = space.modelVersion;
  const other = faces.find((f) => f.modelVersion !== ours);
  if (other) throw new ServiceError("peer_model_mismatch", { theirs: other.modelVersion, ours });
  return faces.map((f) => {
    const norm = Math.hypot(...f.embedding) || 1;
    // under this side's active template key, as every vector of its index
    return deps.templateKeys.protect(
      space.templateKeyId,
      f.embedding.map((x) => x / norm),
    );
  });
}
