// Which vectors are searched and written: the active space — a face model and a template key — is
// one stored setting (switched in one write by a migration or a key rotation); until one ever ran,
// the build's own engine and the oldest key of TEMPLATE_KEYS.
//
// This is where template protection happens (docs/template-protection.md): the analyzer every use
// case gets multiplies each embedding by the active key's secret orthogonal matrix as it leaves the
// engine, so a case photo's face is stored protected and a probe is searched protected — the
// model's own vector is never stored, compared or returned.
import type { AnalyzeOptions } from "../engine/index.js";
import {
  TemplateKeyMissingError,
  type Deps,
  type FaceAnalyzer,
  type TemplateKeys,
  type VectorSpace,
} from "../ports/index.js";

/** an analyzer whose embeddings are protected under one template key: what enrols and searches */
export type ProtectedAnalyzer = FaceAnalyzer & VectorSpace;

export async function activeModelVersion(deps: Pick<Deps, "operations" | "analyzer">): Promise<string> {
  return (await deps.operations.getModelState())?.activeVersion ?? (await deps.analyzer()).modelVersion;
}

/** the space search reads and ingest writes */
export async function activeSpace(deps: Pick<Deps, "operations" | "analyzer" | "templateKeys">): Promise<VectorSpace> {
  const state = await deps.operations.getModelState();
  return {
    modelVersion: state?.activeVersion ?? (await deps.analyzer()).modelVersion,
    templateKeyId: state?.activeTemplateKey ?? deps.templateKeys.defaultKeyId,
  };
}

export const spaceOf = (v: VectorSpace): VectorSpace => ({
  modelVersion: v.modelVersion,
  templateKeyId: v.templateKeyId,
});
export const sameSpace = (a: VectorSpace, b: VectorSpace): boolean =>
  a.modelVersion === b.modelVersion && a.templateKeyId === b.templateKeyId;

/** the analyzer's embeddings, each multiplied by the key's matrix as it leaves the engine */
export function protectedAnalyzer(
  analyzer: FaceAnalyzer,
  keys: TemplateKeys,
  templateKeyId: string,
): ProtectedAnalyzer {
  // an unknown key fails here, before any photo is analysed, naming the key
  if (!keys.has(templateKeyId)) throw new TemplateKeyMissingError(templateKeyId);
  return {
    modelVersion: analyzer.modelVersion,
    templateKeyId,
    async analyze(bytes: Uint8Array, options?: AnalyzeOptions) {
      const analysis = await analyzer.analyze(bytes, options);
      return {
        ...analysis,
        faces: analysis.faces.map((face) => ({ ...face, embedding: keys.protect(templateKeyId, face.embedding) })),
      };
    },
  };
}

/** the engine of the active model under the active key: it embeds search photos and new case photos */
export async function activeAnalyzer(
  deps: Pick<Deps, "operations" | "analyzer" | "models" | "templateKeys">,
): Promise<ProtectedAnalyzer> {
  const space = await activeSpace(deps);
  const analyzer = await deps.models.analyzerFor(space.modelVersion);
  // a deployment that dropped the active model before migrating away from it: nothing would match
  if (!analyzer) throw new Error(`the active face model ${space.modelVersion} is not part of this deployment`);
  return protectedAnalyzer(analyzer, deps.templateKeys, space.templateKeyId);
}
