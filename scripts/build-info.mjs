// Writes functions/lib/build-info.json after the compile: the commit the functions are built from
// (with "-dirty" when the work tree differs) and when, for the health endpoint and the smoke check.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const functionsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "functions");
const git = (...args) => {
  try {
    return execFileSync("git", args, {
      cwd: functionsDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
};
const commit = git("rev-parse", "--short=12", "HEAD");
const dirty = commit !== undefined && git("status", "--porcelain", "--", ".") !== "";
const info = { commit: commit ? `${commit}${dirty ? "-dirty" : ""}` : "unknown", builtAt: new Date().toISOString() };
mkdirSync(join(functionsDir, "lib"), { recursive: true });
writeFileSync(join(functionsDir, "lib", "build-info.json"), `${JSON.stringify(info)}\n`);
