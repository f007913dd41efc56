// ONNX sessions are expensive (tens of ms, MBs of weights): created on first use, once per
// process per (model file, thread count), and shared by every engine instance.
import { join } from "node:path";
import type * as ort from "onnxruntime-node";

type Ort = typeof ort;
let ortModule: Promise<Ort> | undefined;
const sessions = new Map<string, Promise<ort.InferenceSession>>();

export function loadOrt(): Promise<Ort> {
  ortModule ??= import("onnxruntime-node");
  return ortModule;
}

export function getSession(
  modelsDir: string,
  file: string,
  threads: number,
  arena: boolean,
): Promise<ort.InferenceSession> {
  const path = join(modelsDir, file);
  const key = `${path}#${threads}#${arena}`;
  let session = sessions.get(key);
  if (!session) {
    session = loadOrt().then((o) =>
      o.InferenceSession.create(path, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: "sequential",
        graphOptimizationLevel: "all",
        enableCpuMemArena: arena,
      }),
    );
    // a failed load (missing file) must not be cached forever
    session.catch(() => sessions.delete(key));
    sessions.set(key, session);
  }
  return session;
}
