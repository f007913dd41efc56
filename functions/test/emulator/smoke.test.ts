// `npm run smoke` against the Auth and Functions emulators in local mode: the health endpoint
// answers this checkout's build, the canary search finds the canary case first (the smoke-test
// people seeded as cases; the canary is "raj"), anonymous reads are refused. Needs the compiled
// functions; the canary needs the smoke photos.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { facesDir, functionsRoot } from "../../src/paths.js";
import { missingFaces } from "../support/data.js";
import { runInEmulators } from "../support/emulators.js";

const reason = existsSync(join(functionsRoot, "lib", "index.js"))
  ? undefined
  : "functions/lib is absent (run npm run build)";
if (reason) console.warn(`SKIPPED smoke check through the emulators: ${reason}`);

describe.skipIf(reason)("npm run smoke against the emulators", () => {
  it("passes: version, canary search, anonymous refused", () => {
    const out = runInEmulators("npm run smoke -- --project demo-tora-face --emulators", {
      photos: !missingFaces,
      timeout: 300_000,
      env: missingFaces
        ? {}
        : {
            TORA_SMOKE_EMAIL: "officer.bi@demo.tora-face.test",
            TORA_SMOKE_PASSWORD: "demo-only-Passw0rd!",
            TORA_SMOKE_PHOTO: join(facesDir(), "smoke", "people", "raj", "raj1.png"),
            TORA_SMOKE_CASE: "raj",
          },
    });
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
