// `npm run smoke` against the Auth and Functions emulators in local mode: the health endpoint
// answers this checkout's build, the canary search finds the canary case first (the smoke-test
// people seeded as cases; the canary is "raj"), anonymous reads are refused. Needs the compiled
// functions; the canary needs the smoke photos.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { facesDir, functionsRoot, repoRoot } from "../../src/paths.js";
import { missingFaces } from "../support/data.js";

const reason = existsSync(join(functionsRoot, "lib", "index.js"))
  ? undefined
  : "functions/lib is absent (run npm run build)";
if (reason) console.warn(`SKIPPED smoke check through the emulators: ${reason}`);

describe.skipIf(reason)("npm run smoke against the emulators", () => {
  it("passes: version, canary search, anonymous refused", () => {
    const data = mkdtempSync(join(tmpdir(), "tora-smoke-"));
    const canaryPhoto = join(facesDir(), "smoke", "people", "raj", "raj1.png");
    const out = execFileSync(
      "bash",
      [
        join(repoRoot, "scripts", "emulators.sh"),
        "--no-bootstrap",
        ...(missingFaces ? [] : ["--photos"]),
        "--exec",
        "npm run smoke -- --project demo-tora-face --emulators",
      ],
      {
        cwd: repoRoot,
        encoding: "utf8",
        env: {
          ...process.env,
          TORA_LOCAL_DB: join(data, "tora.sqlite"),
          TORA_LOCAL_BLOBS: join(data, "blobs"),
          TORA_FACES_DIR: facesDir(),
          FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
          ...(missingFaces
            ? {}
            : {
                TORA_SMOKE_EMAIL: "officer.bi@demo.tora-face.test",
                TORA_SMOKE_PASSWORD: "demo-only-Passw0rd!",
                TORA_SMOKE_PHOTO: canaryPhoto,
                TORA_SMOKE_CASE: "raj",
              }),
        },
        timeout: 300_000,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    console.log(
      out
        .split("\n")
        .filter((l) => /^(ok|FAIL|skipped|smoke)/.test(l))
        .join("\n"),
    );
    expect(out).toMatch(/^ok\s+health: store reachable/m);
    expect(out).toMatch(/^ok\s+version: build \w+/m);
    if (!missingFaces) expect(out).toMatch(/^ok\s+canary: raj found first/m);
    expect(out).toMatch(/^ok\s+anonymous: refused: listCases \(UNAUTHENTICATED\)/m);
    expect(out).toContain("smoke check passed");
  }, 320_000);
});
