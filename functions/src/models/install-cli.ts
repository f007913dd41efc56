// `npm run models`: copy (TORA_MODELS_SOURCE, default ../shared/models) or download the models
// into TORA_MODELS_DIR (default functions/models), verifying sha256.
// `--check`: only verify them (the deploy's predeploy hook: functions without their models would
// deploy, then refuse every photo).
import { modelsDir, modelsSourceDir } from "../paths.js";
import { ModelInstallError, installModels, modelProblems } from "./install.js";
import { loadManifest } from "./manifest.js";

if (process.argv.includes("--check")) {
  const problems = await modelProblems(loadManifest(), modelsDir());
  for (const problem of problems) console.error(`[models] ${problem}`);
  if (problems.length > 0) {
    console.error(
      "[models] the functions cannot be deployed without their models: run npm run models (docs/deploy.md)",
    );
    process.exitCode = 1;
  } else console.log(`[models] both models in ${modelsDir()} match the manifest`);
} else {
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
}
