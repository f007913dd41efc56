// `npm run models`: copy (TORA_MODELS_SOURCE, default ../shared/models) or download the models
// into TORA_MODELS_DIR (default functions/models), verifying sha256.
import { modelsDir, modelsSourceDir } from "../paths.js";
import { ModelInstallError, installModels } from "./install.js";
import { loadManifest } from "./manifest.js";

try {
  await installModels(loadManifest(), {
    targetDir: modelsDir(),
    sourceDir: modelsSourceDir(),
    log: (line) => console.log(`[models] ${line}`),
  });
  console.log(`[models] ready in ${modelsDir()}`);
} catch (error) {
  if (!(error instanceof ModelInstallError)) throw error;
  console.error(`[models] ${error.message}`);
  process.exitCode = 1;
}
