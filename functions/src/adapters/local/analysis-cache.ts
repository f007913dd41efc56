// The command line's analysis cache (`import --embedding-cache DIR`, TORA_EMBEDDING_CACHE): a
// photo's analysis (faces, boxes, quality, embeddings, verdict) kept in a file named by the
// photo's sha256, under the model version and the face selection that made it, so that the same
// photos imported again — an evaluation building several stores from one set — skip the engine.
// The files hold embeddings: the folder belongs outside the repository, under the photos' rules.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AnalyzeOptions, PhotoAnalysis } from "../../engine/index.js";
import type { FaceAnalyzer } from "../../ports/index.js";

type Stored = Omit<PhotoAnalysis, "faces"> & {
  faces: (Omit<PhotoAnalysis["faces"][number], "embedding"> & { embedding: number[] })[];
};

const versionFolder = (modelVersion: string): string =>
  createHash("sha256").update(modelVersion).digest("hex").slice(0, 16);

export function cachedAnalyzer(analyzer: () => Promise<FaceAnalyzer>, dir: string): () => Promise<FaceAnalyzer> {
  let wrapped: Promise<FaceAnalyzer> | undefined;
  return () =>
    (wrapped ??= analyzer().then((inner) => ({
      modelVersion: inner.modelVersion,
      async analyze(bytes: Uint8Array, options: AnalyzeOptions = {}) {
        // timings are asked for by the benchmark: measured, never read from a file
        if (options.timings) return inner.analyze(bytes, options);
        const sha = createHash("sha256").update(bytes).digest("hex");
        const file = join(
          dir,
          versionFolder(inner.modelVersion),
          options.select ?? "all",
          sha.slice(0, 2),
          `${sha}.json`,
        );
        if (existsSync(file)) {
          const stored = JSON.parse(await readFile(file, "utf8")) as Stored;
          return { ...stored, faces: stored.faces.map((f) => ({ ...f, embedding: Float32Array.from(f.embedding) })) };
        }
        // an unreadable photo throws here, as without the cache, and leaves no file
        const analysis = await inner.analyze(bytes, options);
        const stored: Stored = {
          ...analysis,
          faces: analysis.faces.map((f) => ({ ...f, embedding: Array.from(f.embedding) })),
        };
        await mkdir(join(file, ".."), { recursive: true });
        const partial = `${file}.${process.pid}.tmp`;
        await writeFile(partial, JSON.stringify(stored));
        await rename(partial, file);
        return analysis;
      },
    })));
}
