// Browser tests: Debian's Chromium driven by playwright-core. First the production portal
// (production.mjs: a production build under the deployed headers, Google's servers stood in for),
// then the officer and admin journeys against the Hosting, Auth and Functions emulators in local
// mode (flow.mjs), then the cross-border journey between Burundi and Rwanda on fresh emulators
// (cross-border.mjs). Prints "N passed, N failed"; screenshots go to artifacts/screenshots/. Skips
// (exit 0, with the reason) only what lacks Chromium or the face images. Names given on the command
// line run only those scenarios (`npm run e2e -w hosting -- cross-border`).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const faces = resolve(process.env.TORA_FACES_DIR ?? join(repo, "..", "shared", "faces"));

if (!existsSync(chromium)) {
  console.log(`SKIPPED browser tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  console.log("0 passed, 0 failed, 1 skipped");
  process.exit(0);
}

/** a run's tally from the result file it wrote; none means it failed before counting */
function tallyOf(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const { passed, failed } = JSON.parse(readFileSync(file, "utf8"));
  return { passed, failed };
}
const total = { passed: 0, failed: 0 };
const add = ({ passed, failed }) => {
  total.passed += passed;
  total.failed += failed;
};

const wanted = process.argv.slice(2);
const runs = (name) => !wanted.length || wanted.includes(name);

const productionResult = join(repo, "artifacts", "e2e-production-result.json");
if (runs("production")) {
  try {
    execFileSync(process.execPath, [join(repo, "hosting", "test", "e2e", "production.mjs")], {
      cwd: repo,
      stdio: "inherit",
      timeout: 10 * 60_000,
      env: { ...process.env, CHROMIUM_PATH: chromium },
    });
  } catch (error) {
    console.error(
      `production portal tests failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
  }
  add(tallyOf(productionResult));
}

if (!existsSync(join(faces, "smoke", "people"))) {
  console.log(`SKIPPED browser tests against the emulators: no face images at ${faces} (set TORA_FACES_DIR)`);
  console.log(`${total.passed} passed, ${total.failed} failed, 1 skipped`);
  process.exit(total.failed ? 1 : 0);
}
if (!existsSync(join(repo, "hosting", "dist", "index.html"))) {
  console.error("hosting/dist is missing: run npm run build first");
  process.exit(1);
}

/** one scenario against freshly started emulators, on a store of its own */
function againstEmulators(name) {
  const data = mkdtempSync(join(tmpdir(), "tora-e2e-"));
  const resultFile = join(repo, "artifacts", name === "flow" ? "e2e-result.json" : `e2e-${name}-result.json`);
  rmSync(resultFile, { force: true });
  try {
    execFileSync(
      "bash",
      [
        join(repo, "scripts", "emulators.sh"),
        "--no-bootstrap",
        "--exec",
        `node ${join(repo, "hosting", "test", "e2e", `${name}.mjs`)}`,
      ],
      {
        cwd: repo,
        stdio: "inherit",
        timeout: 15 * 60_000,
        env: {
          ...process.env,
          TORA_LOCAL_DB: join(data, "tora.sqlite"),
          TORA_LOCAL_BLOBS: join(data, "blobs"),
          TORA_FACES_DIR: faces,
          CHROMIUM_PATH: chromium,
        },
      },
    );
  } catch (error) {
    console.error(
      `browser tests (${name}) failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
  }
  rmSync(data, { recursive: true, force: true });
  add(tallyOf(resultFile));
}
for (const name of ["flow", "cross-border"]) if (runs(name)) againstEmulators(name);
// the emulators print their shutdown after the flow: the tally is the last line
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed ? 1 : 0);
