// The health answer (triggers/health.ts, `npm run smoke`): one read of the model state document —
// the store answers or it does not — and what this build knows about itself. No officer, case,
// photo, vector or count is read or returned; no key id either.
import { CALIBRATION } from "../engine/index.js";
import { loadManifest, modelVersion as versionOf } from "../models/manifest.js";
import type { Deps } from "../ports/index.js";
import type { Health } from "../schemas/index.js";

export interface BuildInfo {
  commit: string;
  builtAt: string;
  revision?: string;
}

/** how long the store may take before the answer says unavailable (a health check must answer fast) */
const STORE_TIMEOUT_MS = 5_000;

export async function checkHealth(deps: Pick<Deps, "operations" | "clock">, build: BuildInfo): Promise<Health> {
  const started = Date.now();
  let activeVersion: string | undefined;
  let reachable = true;
  try {
    const state = await Promise.race([
      deps.operations.getModelState(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), STORE_TIMEOUT_MS).unref()),
    ]);
    activeVersion = state?.activeVersion;
  } catch {
    reachable = false;
  }
  // until a migration recorded one, search uses this build's model (its manifest: no model is loaded)
  const modelVersion = activeVersion ?? versionOf(loadManifest());
  return {
    status: reachable ? "ok" : "unavailable",
    version: { commit: build.commit, builtAt: build.builtAt, ...(build.revision ? { revision: build.revision } : {}) },
    modelVersion,
    calibration: {
      modelVersion: CALIBRATION.modelVersion,
      threshold: CALIBRATION.threshold,
      matchesModel: modelVersion === CALIBRATION.modelVersion,
    },
    store: { reachable, ms: Date.now() - started },
    checkedAt: deps.clock.now().toISOString(),
  };
}
