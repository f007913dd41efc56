import type { FaceEngine } from "../engine/index.js";

/** the face engine, created lazily by the adapter that owns it */
export type FaceAnalyzer = Pick<FaceEngine, "analyze" | "modelVersion">;

/**
 * The face models this deployment carries. Search and ingest use the active one (a stored setting,
 * switched in one write); a migration embeds again with another. A model change ships the old model
 * beside the new one until the migration is done.
 */
export interface FaceModels {
  versions(): Promise<string[]>;
  analyzerFor(modelVersion: string): Promise<FaceAnalyzer | undefined>;
}
