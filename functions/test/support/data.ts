// Measurement data lives outside the repo (../shared). Suites that need it skip LOUDLY when it
// is absent, so a fresh clone without the data says why instead of passing silently.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { facesDir, modelsDir } from "../../src/paths.js";
import { loadManifest } from "../../src/models/manifest.js";

export const FACES = facesDir();
export const MODELS = modelsDir();

const modelsPresent = loadManifest().models.every((m) => existsSync(join(MODELS, m.file)));
const facesPresent = existsSync(join(FACES, "smoke")) && existsSync(join(FACES, "lfw-dev"));

export const missingModels = modelsPresent ? undefined : `models absent from ${MODELS} (run npm run models)`;
export const missingFaces = facesPresent ? undefined : `face images absent from ${FACES} (set TORA_FACES_DIR)`;
/** undefined when the suite can run; else the reason, already printed */
export function skipReason(needs: { models?: boolean; faces?: boolean }, suite: string): string | undefined {
  const reason = (needs.models && missingModels) || (needs.faces && missingFaces) || undefined;
  if (reason) console.warn(`SKIPPED ${suite}: ${reason}`);
  return reason;
}

export const smoke = (...parts: string[]): string => join(FACES, "smoke", ...parts);
