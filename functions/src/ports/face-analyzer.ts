import type { FaceEngine } from "../engine/index.js";

/** the face engine, created lazily by the adapter that owns it */
export type FaceAnalyzer = Pick<FaceEngine, "analyze" | "modelVersion">;
