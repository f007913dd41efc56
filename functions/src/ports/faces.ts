import type { CaseKind, CaseStatus, Country, FaceDoc } from "../schemas/index.js";

/**
 * Where a vector lives: the model that made it and the template key that protects it. Vectors are
 * comparable only within one space (two live side by side during a migration or a key rotation).
 */
export type VectorSpace = Pick<FaceDoc, "modelVersion" | "templateKeyId">;

export interface FacePrefilter {
  caseKind?: CaseKind;
  country?: Country;
  caseStatus?: CaseStatus;
  /** the vector space searched (search reads the active one) */
  space?: VectorSpace;
}

export interface NearestFace {
  face: Omit<FaceDoc, "embedding">;
  /** cosine distance, 1 − cosine similarity (Firestore's COSINE measure) */
  distance: number;
}

/** a case's best face against the query vectors, among every face that passes a prefilter */
export interface CaseFaceScore {
  face: Pick<FaceDoc, "faceId" | "caseId" | "photoId" | "faceIndex" | "photoDate" | "modelVersion" | "templateKeyId">;
  /** cosine similarity of the best pair (a query vector × a face of the case), exact */
  similarity: number;
  /** which query vector made it */
  query: number;
}

/** The vector index: Firestore findNearest in production, exact brute force locally. */
export interface FaceIndex {
  /**
   * replaces every face of the photo with these (idempotent for the same faces), outside the photo
   * record's unit of work (PhotoStore.update): for fixtures and tools, never a use case
   */
  replacePhotoFaces(caseId: string, photoId: string, faces: FaceDoc[]): Promise<void>;
  /** the faces nearest a vector, at most `distanceThreshold` away (distanceOf a similarity, or ANY_DISTANCE) */
  findNearest(query: {
    vector: Float32Array;
    filter: FacePrefilter;
    limit: number;
    /** only faces at or below this cosine distance */
    distanceThreshold: number;
  }): Promise<NearestFace[]>;
  /**
   * Sets the prefilter status of the case's faces to the case's status, read in the same
   * transaction: status changes racing each other leave the faces with the last one.
   */
  followCaseStatus(caseId: string): Promise<void>;
  /**
   * Exact scores of every case whose faces pass the filter, whatever the score: each case's best
   * face against any of the vectors, best case first (ties by case id). A case's candidate list
   * ranks every case of the other kind in its country, not the nearest few (Firestore's
   * findNearest stops at 1,000 results): locally one pass over the in-memory matrix, on Firestore
   * one query that reads each face of the scope once.
   */
  scoreCases(query: { vectors: Float32Array[]; filter: FacePrefilter }): Promise<CaseFaceScore[]>;
  countForCase(caseId: string): Promise<number>;
  /** the case's faces with their embeddings (a pair's best face pair is computed from them) */
  listForCase(caseId: string): Promise<FaceDoc[]>;
}

/**
 * The face vectors as a whole, beside the search index: what a case's purge, a model migration and
 * its clean-up need. A photo's face may exist in several spaces (VectorSpace: model version and
 * template key) at once during a migration or a key rotation; a "version" here is such a space.
 */
export interface FaceVectors {
  /** replaces the photo's faces of one space, leaving its other spaces alone */
  replacePhotoFacesOfVersion(caseId: string, photoId: string, space: VectorSpace, faces: FaceDoc[]): Promise<void>;
  /** the spaces of the photo's faces */
  versionsOfPhoto(caseId: string, photoId: string): Promise<VectorSpace[]>;
  /** up to `limit` photos that have a face in this space */
  photosWithVersion(space: VectorSpace, limit: number): Promise<{ caseId: string; photoId: string }[]>;
  deletePhotoVersion(caseId: string, photoId: string, space: VectorSpace): Promise<number>;
  /** how many vectors each space holds */
  countByModelVersion(): Promise<{ space: VectorSpace; count: number }[]>;
  /** every face of the case, whatever its photo record says; returns how many */
  deleteForCase(caseId: string): Promise<number>;
}

/** the cosine distance of a similarity: findNearest's distanceThreshold is written in distances */
export const distanceOf = (similarity: number): number => 1 - similarity;

/** every face, however far: the largest cosine distance (opposite vectors) */
export const ANY_DISTANCE = 2;
