import type { CaseKind, CaseStatus, Country, FaceDoc } from "../schemas/index.js";

export interface FacePrefilter {
  caseKind?: CaseKind;
  country?: Country;
  caseStatus?: CaseStatus;
}

export interface NearestFace {
  face: Omit<FaceDoc, "embedding">;
  /** cosine distance, 1 − cosine similarity (Firestore's COSINE measure) */
  distance: number;
}

/** The vector index: Firestore findNearest in production, exact brute force locally. */
export interface FaceIndex {
  /** replaces every face of the photo with these (idempotent for the same faces) */
  replacePhotoFaces(caseId: string, photoId: string, faces: FaceDoc[]): Promise<void>;
  findNearest(query: {
    vector: Float32Array;
    filter: FacePrefilter;
    limit: number;
    /** only faces at or below this cosine distance */
    distanceThreshold: number;
  }): Promise<NearestFace[]>;
  /** keeps prefilter fields in step when a case is closed or re-opened */
  setCaseStatus(caseId: string, status: CaseStatus): Promise<void>;
  countForCase(caseId: string): Promise<number>;
  /** the case's faces with their embeddings (a pair's best face pair is computed from them) */
  listForCase(caseId: string): Promise<FaceDoc[]>;
}
