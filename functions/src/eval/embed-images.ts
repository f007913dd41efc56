// Embeds a set of image files once each (the face nearest the centre), with progress on stderr.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import type { FaceEngine } from "../engine/index.js";
import { createProgress } from "../terminal/progress.js";

interface EmbeddedImages {
  /** undefined when no face was found or the file could not be read */
  embeddings: Map<string, Float32Array | undefined>;
  noFace: string[];
  unreadable: { path: string; reason: string }[];
  seconds: number;
}

export async function embedImages(engine: FaceEngine, paths: string[], label: string): Promise<EmbeddedImages> {
  const unique = [...new Set(paths)];
  const progress = createProgress(label, unique.length);
  const result: EmbeddedImages = { embeddings: new Map(), noFace: [], unreadable: [], seconds: 0 };
  const start = performance.now();
  for (const path of unique) {
    try {
      const analysis = await engine.analyze(await readFile(path), { select: "centre" });
      const face = analysis.faces[0];
      if (!face) result.noFace.push(path);
      result.embeddings.set(path, face?.embedding);
    } catch (error) {
      result.unreadable.push({ path, reason: error instanceof Error ? error.message : String(error) });
      result.embeddings.set(path, undefined);
    }
    progress.tick();
  }
  progress.done();
  result.seconds = (performance.now() - start) / 1000;
  return result;
}
