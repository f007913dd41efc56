// Where the project finds its data on a developer machine or in CI. Production (Cloud Functions)
// bundles the models next to the code and never reads ../shared.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** functions/ — works from src/ (tsx, vitest) and from lib/ (compiled). */
export const functionsRoot = resolve(here, "..");
export const repoRoot = resolve(functionsRoot, "..");

/** Directory the engine loads model files from. */
export function modelsDir(): string {
  return resolve(process.env.TORA_MODELS_DIR ?? join(functionsRoot, "models"));
}

/** Where `npm run models` copies models from when not downloading. */
export function modelsSourceDir(): string {
  return resolve(process.env.TORA_MODELS_SOURCE ?? join(repoRoot, "..", "shared", "models"));
}

/** Measurement images (LFW dev half, smoke tests). Never committed. */
export function facesDir(): string {
  return resolve(process.env.TORA_FACES_DIR ?? join(repoRoot, "..", "shared", "faces"));
}

/** a path given on the command line: npm runs workspace scripts in functions/, so relative paths
 * are taken from where npm was invoked (INIT_CWD), as the person typing them meant */
export function argumentPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
