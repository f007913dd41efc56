// The face engine of this process: created on first use, shared by every request (ONNX sessions
// are expensive; Cloud Functions serve one request at a time per instance).
import { createFaceEngine, type FaceEngine } from "../engine/index.js";
import { modelsDir } from "../paths.js";

let engine: Promise<FaceEngine> | undefined;

export function sharedAnalyzer(): Promise<FaceEngine> {
  engine ??= Promise.resolve(
    createFaceEngine({ modelsDir: modelsDir(), threads: Number(process.env.TORA_ENGINE_THREADS ?? 1) }),
  );
  return engine;
}
