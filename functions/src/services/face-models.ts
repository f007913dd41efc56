// Which face model's vectors are searched and written: the active version is one stored setting
// (switched in one write by a migration); until a migration ever ran, the build's own engine.
import type { Deps, FaceAnalyzer } from "../ports/index.js";

export async function activeModelVersion(deps: Pick<Deps, "operations" | "analyzer">): Promise<string> {
  return (await deps.operations.getModelState())?.activeVersion ?? (await deps.analyzer()).modelVersion;
}

/** the engine of the active model: it embeds search photos and new case photos */
export async function activeAnalyzer(deps: Pick<Deps, "operations" | "analyzer" | "models">): Promise<FaceAnalyzer> {
  const version = await activeModelVersion(deps);
  const analyzer = await deps.models.analyzerFor(version);
  // a deployment that dropped the active model before migrating away from it: nothing would match
  if (!analyzer) throw new Error(`the active face model ${version} is not part of this deployment`);
  return analyzer;
}
