// Which build is running: the commit and time `npm run build` wrote into lib/build-info.json
// (scripts/build-info.mjs), and the serving revision Cloud Run names (K_REVISION) — what a rollback
// moves traffic between. From the sources (tsx, tests) there is no build file: "source".
import { existsSync, readFileSync } from "node:fs";
import type { BuildInfo } from "../services/health.js";

let cached: BuildInfo | undefined;

export function buildInfo(): BuildInfo {
  if (!cached) {
    const file = new URL("../build-info.json", import.meta.url);
    const written = existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as { commit?: string; builtAt?: string })
      : undefined;
    cached = { commit: written?.commit ?? "source", builtAt: written?.builtAt ?? "unbuilt" };
  }
  return { ...cached, ...(process.env.K_REVISION ? { revision: process.env.K_REVISION } : {}) };
}
