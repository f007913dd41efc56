// The Firebase CLI analyses lib/index.js in plain Node (no bundler, no vitest interop): load it
// the same way, so an ESM/CommonJS mismatch fails here rather than at deploy or emulator start.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionsRoot } from "../../src/paths.js";
import { callables } from "../../src/schemas/index.js";

/** the functions that are not callables: Auth blocking, Storage, scheduled */
const OTHER_FUNCTIONS = ["beforeCreated", "beforeSignedIn", "onCasePhotoUploaded", "nightlyExport"];

const compiled = join(functionsRoot, "lib", "index.js");
const reason = existsSync(compiled) ? undefined : `${compiled} is absent (run npm run build)`;
if (reason) console.warn(`SKIPPED compiled functions load: ${reason}`);

describe.skipIf(reason)("compiled functions", () => {
  it("load in plain Node and export every function", () => {
    const out = execFileSync(process.execPath, ["--no-warnings", "--input-type=module", "-e", `const m = await import(${JSON.stringify(compiled)}); console.log(Object.keys(m).sort().join(","))`], {
      encoding: "utf8",
      env: { ...process.env, FIREBASE_CONFIG: JSON.stringify({ projectId: "demo-tora-face", storageBucket: "demo-tora-face.appspot.com" }), GCLOUD_PROJECT: "demo-tora-face" },
    });
    const names = out.trim().split(",");
    expect(names).toEqual([...Object.keys(callables), ...OTHER_FUNCTIONS].sort());
  });
});
