// The whole backend in local mode: real Auth and Functions emulators (Java-free), every function
// on the local adapter, demo accounts from emulator-data/. Needs the compiled functions.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionsRoot } from "../../src/paths.js";
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
