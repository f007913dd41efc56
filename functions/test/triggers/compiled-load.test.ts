// The Firebase CLI analyses lib/index.js in plain Node (no bundler, no vitest interop): load it
// the same way, so an ESM/CommonJS mismatch fails here rather than at deploy or emulator start.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionsRoot } from "../../src/paths.js";
import { callables } from "../../src/schemas/index.js";

/** the functions that are not callables: Auth blocking, Storage, Firestore, scheduled, task queue, HTTP */
const OTHER_FUNCTIONS = [
  "beforeCreated",
  "beforeSignedIn",
  "onCasePhotoUploaded",
  "onCasePhotoWritten",
  "resumeInterruptedUploads",
  "nightlyExport",
  "checkBackups",
  "retentionSweep",
  "reembedFaces",
  "crossBorderPeer",
  "crossBorderSweep",
  "health",
  "smsDeliveryReport",
];

const compiled = join(functionsRoot, "lib", "index.js");
const reason = existsSync(compiled) ? undefined : `${compiled} is absent (run npm run build)`;
if (reason) console.warn(`SKIPPED compiled functions load: ${reason}`);

describe.skipIf(reason)("compiled functions", () => {
  it("load in plain Node and export every function", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--no-warnings",
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(compiled)}); console.log(Object.keys(m).sort().join(","))`,
      ],
      {
        encoding: "utf8",
        env: {
          ...process.env,
          FIREBASE_CONFIG: JSON.stringify({ projectId: "demo-tora-face", storageBucket: "demo-tora-face.appspot.com" }),
          GCLOUD_PROJECT: "demo-tora-face",
        },
      },
    );
    const names = out.trim().split(",");
    expect(names).toEqual([...Object.keys(callables), ...OTHER_FUNCTIONS].sort());
  });

  it("every function runs in the configured region, the Auth blocking functions included (data residency)", () => {
    // the manifest the Firebase CLI deploys from, produced by the Functions SDK from lib/index.js
    const manifest = join(mkdtempSync(join(tmpdir(), "tora-manifest-")), "functions.json");
    execFileSync(
      process.execPath,
      [
        join(functionsRoot, "..", "node_modules", "firebase-functions", "lib", "bin", "firebase-functions.js"),
        functionsRoot,
      ],
      {
        env: { ...process.env, FUNCTIONS_MANIFEST_OUTPUT_PATH: manifest, GCLOUD_PROJECT: "demo-tora-face" },
        stdio: "ignore",
      },
    );
    const { endpoints, params } = JSON.parse(readFileSync(manifest, "utf8")) as {
      endpoints: Record<string, { region: string; availableMemoryMb: number }>;
      params: { name: string }[];
    };
    expect(Object.keys(endpoints).sort()).toEqual([...Object.keys(callables), ...OTHER_FUNCTIONS].sort());
    for (const [name, endpoint] of Object.entries(endpoints)) expect(endpoint.region, name).toBe("{{ params.REGION }}");
    // every function that may run the face engine is deployed at 512 MiB (npm run bench -- --memory: 260 MiB at its peak)
    for (const name of [...Object.keys(callables), "onCasePhotoUploaded", "resumeInterruptedUploads"])
      expect(endpoints[name]!.availableMemoryMb, name).toBe(512);
    expect(params.map((p) => p.name)).toContain("REGION");
  });
});
