// The model manifest: models are data, described here and put in place by `npm run models`.
import { readFileSync } from "node:fs";
import { z } from "zod";
import bundled from "./manifest.json" with { type: "json" };

const modelEntry = z.strictObject({
  name: z.string().min(1),
  role: z.enum(["detector", "embedder"]),
  version: z.string().min(1),
  file: z.string().regex(/^[\w.-]+\.onnx$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.int().positive(),
  licence: z.string().min(1),
  /** a URL serving exactly this file, or null when only a local copy can provide it */
  url: z.url().nullable(),
  upstream: z.strictObject({
    file: z.string(),
    sha256: z.string().optional(),
    url: z.url(),
    note: z.string(),
  }),
  contract: z.strictObject({ input: z.string(), outputs: z.string() }),
});

const manifestSchema = z.strictObject({ models: z.array(modelEntry).min(1) });
export type ModelEntry = z.infer<typeof modelEntry>;
export type Manifest = z.infer<typeof manifestSchema>;

/** the manifest shipped with the code, or another one (tests) */
export function loadManifest(path?: string | URL): Manifest {
  return manifestSchema.parse(path ? JSON.parse(readFileSync(path, "utf8")) : bundled);
}

export function modelByRole(manifest: Manifest, role: ModelEntry["role"]): ModelEntry {
  const entry = manifest.models.find((m) => m.role === role);
  if (!entry) throw new Error(`model manifest has no ${role}`);
  return entry;
}

/** "yunet-2023mar-dynamic+mobilefacenet-paddlex-128@6ced4e0c": what every embedding is tagged with. */
export function modelVersion(manifest: Manifest): string {
  const detector = modelByRole(manifest, "detector");
  const embedder = modelByRole(manifest, "embedder");
  return `${detector.name}-${detector.version}+${embedder.name}-${embedder.version}@${embedder.sha256.slice(0, 8)}`;
}
