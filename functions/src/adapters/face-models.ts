import type { FaceAnalyzer, FaceModels } from "../ports/index.js";

/**
 * The build's one engine as the only model there is. A model change ships the previous model
 * beside the new one (a second engine listed here) until the migration has switched and cleaned.
 */
export function singleModel(analyzer: () => Promise<FaceAnalyzer>): FaceModels {
  return {
    versions: async () => [(await analyzer()).modelVersion],
    async analyzerFor(version) {
      const engine = await analyzer();
      return engine.modelVersion === version ? engine : undefined;
    },
  };
}
