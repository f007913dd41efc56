// Browser tests: Debian's Chromium driven by playwright-core against the Hosting, Auth and
// Functions emulators in local mode. Prints "N passed, N failed"; screenshots go to
// artifacts/screenshots/. Skips (exit 0, with the reason) only when Chromium or the face images
// are absent.
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
if (!existsSync(join(faces, "smoke", "people"))) {
  console.log(`SKIPPED browser tests: no face images at ${faces} (set TORA_FACES_DIR)`);
  console.log("0 passed, 0 failed, 1 skipped");
  process.exit(0);
}
if (!existsSync(join(repo, "hosting", "dist", "index.html"))) {
  console.error("hosting/dist is missing: run npm run build first");
  process.exit(1);
}

const data = mkdtempSync(join(tmpdir(), "tora-e2e-"));
const resultFile = join(repo, "artifacts", "e2e-result.json");
rmSync(resultFile, { force: true });
/** the emulators print their shutdown after the flow: repeat its tally as the last line */
function tally() {
  if (!existsSync(resultFile)) return "0 passed, 1 failed";
  const { passed, failed } = JSON.parse(readFileSync(resultFile, "utf8"));
  return `${passed} passed, ${failed} failed`;
}
try {
  execFileSync("bash", [join(repo, "scripts", "emulators.sh"), "--no-bootstrap", "--exec", `node ${join(repo, "hosting", "test", "e2e", "flow.mjs")}`], {
    cwd: repo,
    stdio: "inherit",
    timeout: 15 * 60_000,
    env: { ...process.env, TORA_LOCAL_DB: join(data, "tora.sqlite"), TORA_LOCAL_BLOBS: join(data, "blobs"), TORA_FACES_DIR: faces, CHROMIUM_PATH: chromium },
  });
} catch (error) {
  console.error(`browser tests failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  console.log(tally());
  process.exit(1);
}
console.log(tally());
