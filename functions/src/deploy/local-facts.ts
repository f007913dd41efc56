// The checkout's side of the preflight: the model files, the functions' lock, the deploy
// parameters the functions declare and the values functions/.env(.project) gives them, what
// hosting/dist was built for, and the Storage rules target in .firebaserc.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { declaredParams } from "firebase-functions/params";
import { modelsDir, repoRoot } from "../paths.js";
import { modelProblems } from "../models/install.js";
import { loadManifest } from "../models/manifest.js";
import { lockProblems } from "../../../scripts/functions-lock-check.mjs";
import { BUILD_INFO_FILE, deployRefusal, type PortalBuildInfo } from "../../../scripts/portal-build.mjs";
import type { DeclaredParam, LocalFacts } from "./project-facts.js";

/** KEY=VALUE lines as the Firebase CLI reads functions/.env files (comments, optional quotes) */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith("#")) continue;
    const raw = match[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    values[match[1]!] = quoted ? quoted[2]! : raw.replace(/\s+#.*$/, "");
  }
  return values;
}

function readIf(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** the parameters and secrets config.ts declares, with their defaults as the deploy sees them */
export async function declaredDeployParams(): Promise<DeclaredParam[]> {
  await import("../config.js");
  return declaredParams.map((param) => {
    const spec = (
      param as unknown as { toSpec(): { name: string; type: string; default?: DeclaredParam["default"] } }
    ).toSpec();
    return {
      name: spec.name,
      secret: spec.type === "secret",
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  });
}

export async function readLocalFacts(project: string, root = repoRoot): Promise<LocalFacts> {
  const env = {
    ...parseDotenv(readIf(join(root, "functions", ".env")) ?? ""),
    ...parseDotenv(readIf(join(root, "functions", `.env.${project}`)) ?? ""),
  };
  const infoText = readIf(join(root, "hosting", "dist", BUILD_INFO_FILE));
  const info = infoText ? (JSON.parse(infoText) as PortalBuildInfo) : undefined;
  const refusal = deployRefusal(info, project);
  const rc = JSON.parse(readIf(join(root, ".firebaserc")) ?? "{}") as {
    targets?: Record<string, { storage?: Record<string, string[]> }>;
  };
  return {
    modelProblems: await modelProblems(loadManifest(), modelsDir()),
    lockProblems: lockProblems(root),
    params: await declaredDeployParams(),
    env,
    portal: {
      ...(refusal ? { refusal } : {}),
      ...(info
        ? {
            storageBucket: info.storageBucket,
            functionsRegion: info.functionsRegion,
            recaptchaSiteKey: info.recaptchaSiteKey,
          }
        : {}),
      ...(info?.appId ? { appId: info.appId } : {}),
    },
    photoTarget: rc.targets?.[project]?.storage?.photos ?? [],
  };
}
