// The whole backend in local mode: real Auth and Functions emulators (Java-free), every function
// on the local adapter, demo accounts from emulator-data/. Needs the compiled functions. Every run of
// the emulators lives in this one file, so that they run one after the other: they share their ports
// and functions/.secret.local.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { facesDir, functionsRoot } from "../../src/paths.js";
import { missingFaces } from "../support/data.js";
import { runInEmulators } from "../support/emulators.js";

/** the races' rounds (local-mode-races.mjs) set how long the run may take */
const RACE_ROUNDS = Number(process.env.TORA_RACE_ROUNDS ?? 3);
const EXEC_TIMEOUT = 240_000 + RACE_ROUNDS * 100_000;

const reason = existsSync(join(functionsRoot, "lib", "index.js"))
  ? undefined
  : "functions/lib is absent (run npm run build)";
if (reason) console.warn(`SKIPPED local mode through the emulators: ${reason}`);

describe.skipIf(reason)("local mode through the Auth and Functions emulators", () => {
  it(
    "serves every check over HTTP",
    () => {
      const out = runInEmulators(
        ["local-mode-check.mjs", "local-mode-races.mjs"]
          .map((script) => `node ${join(functionsRoot, "test", "emulator", script)}`)
          .join(" && "),
        { timeout: EXEC_TIMEOUT },
      );
      expect(out).toContain("local mode: all checks passed");
      // the reunification flow needs the smoke photos (it says SKIPPED without them)
      if (!missingFaces) expect(out).toContain("ok: four eyes");
      // cross-border between the two countries' scopes: request, approval, candidate, pair, contacts
      if (!missingFaces)
        expect(out).toContain("ok: cross-border pair confirmed by an officer of each country; contacts released");
      // officers at the same moment, over HTTP (local-mode-races.mjs): its figures, every one 0
      const figures = out.split("\n").find((line) => line.startsWith("local mode races: {"));
      if (figures) console.log(figures);
      if (!missingFaces)
        expect(out).toContain(
          "local mode races: no edit lost, no evidence replaced or duplicated, no orphan bytes, no case resolved by one officer",
        );
    },
    EXEC_TIMEOUT + 60_000,
  );
});

// `npm run smoke` against them: the health endpoint answers this checkout's build, the canary search
// finds the canary case first (the smoke-test people seeded as cases; the canary is "raj"),
// anonymous reads are refused. The canary needs the smoke photos.
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
