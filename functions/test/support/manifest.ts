// The manifest the Firebase CLI deploys from: what the Functions SDK says about lib/index.js when
// the CLI asks it (FUNCTIONS_MANIFEST_OUTPUT_PATH), read here instead of by a deploy.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functionsRoot } from "../../src/paths.js";

export interface Endpoint {
  region: string;
  availableMemoryMb: number;
  cpu?: number;
  concurrency?: number;
  minInstances?: string | number;
  serviceAccountEmail?: string;
  timeoutSeconds?: number;
  callableTrigger?: object;
  httpsTrigger?: { invoker?: string[] | null };
  secretEnvironmentVariables?: { key: string }[];
  blockingTrigger?: object;
  eventTrigger?: { eventType: string; eventFilters?: Record<string, string>; retry?: boolean };
  taskQueueTrigger?: { retryConfig?: Record<string, number | null> };
  scheduleTrigger?: { schedule: string; retryConfig?: Record<string, number | null> };
}
export interface Manifest {
  endpoints: Record<string, Endpoint>;
  params: { name: string; type: string; default?: unknown; description?: string }[];
}

const compiled = join(functionsRoot, "lib", "index.js");
/** why the manifest cannot be read (the functions are not built), or undefined */
export const manifestSkipReason = existsSync(compiled) ? undefined : `${compiled} is absent (run npm run build)`;

export function deployManifest(): Manifest {
  const out = join(mkdtempSync(join(tmpdir(), "tora-manifest-")), "functions.json");
  execFileSync(
    process.execPath,
    [
      join(functionsRoot, "..", "node_modules", "firebase-functions", "lib", "bin", "firebase-functions.js"),
      functionsRoot,
    ],
    {
      cwd: functionsRoot,
      env: { ...process.env, FUNCTIONS_MANIFEST_OUTPUT_PATH: out, GCLOUD_PROJECT: "demo-tora-face" },
      stdio: "ignore",
    },
  );
  return JSON.parse(readFileSync(out, "utf8")) as Manifest;
}
