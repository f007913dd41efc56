// Writes functions/package-lock.json: the lock of the functions' own install. The deploy uploads
// functions/ alone and Cloud Build installs it with `npm ci` from this lock; without it, each deploy
// would resolve the newest versions the ranges allow, untested here. In the workspace the root lock
// rules (npm reads no lock inside a workspace), so this one is derived from it: the packages the
// root lock resolved for the functions workspace, as a standalone tree, which npm then completes
// and prunes (`npm install --package-lock-only`: the registry's metadata, no download).
// Usage: node scripts/functions-lock.mjs [--check]   (--check: exit 1 when the lock is out of step)
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lockProblems } from "./functions-lock-check.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const functionsDir = join(repo, "functions");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

if (process.argv.includes("--check")) {
  const problems = lockProblems(repo);
  for (const p of problems) console.error(`[functions lock] ${p}`);
  if (problems.length) {
    console.error("[functions lock] run: node scripts/functions-lock.mjs (then commit functions/package-lock.json)");
    process.exit(1);
  }
  console.log("[functions lock] functions/package-lock.json is in step with functions/package.json and the root lock");
  process.exit(0);
}

const rootLock = readJson(join(repo, "package-lock.json"));
const manifest = readJson(join(functionsDir, "package.json"));
const work = mkdtempSync(join(tmpdir(), "tora-functions-lock-"));
try {
  // the seed: the root's hoisted packages, the functions workspace's own ones taking precedence
  const packages = {
    "": {
      name: manifest.name,
      dependencies: manifest.dependencies,
      devDependencies: manifest.devDependencies,
      engines: manifest.engines,
      bin: manifest.bin,
    },
  };
  for (const [path, entry] of Object.entries(rootLock.packages)) {
    if (path === "" || entry.link || !path.startsWith("node_modules/")) continue;
    packages[path] = entry;
  }
  for (const [path, entry] of Object.entries(rootLock.packages))
    if (path.startsWith("functions/node_modules/")) packages[path.slice("functions/".length)] = entry;
  writeFileSync(join(work, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(work, "package-lock.json"),
    `${JSON.stringify({ name: manifest.name, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  copyFileSync(join(functionsDir, ".npmrc"), join(work, ".npmrc"));
  execFileSync(
    "npm",
    ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
    { cwd: work, stdio: "inherit" },
  );
  copyFileSync(join(work, "package-lock.json"), join(functionsDir, "package-lock.json"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const problems = lockProblems(repo);
if (problems.length) {
  for (const p of problems) console.error(`[functions lock] ${p}`);
  process.exit(1);
}
console.log(
  `[functions lock] wrote functions/package-lock.json (${Object.keys(readJson(join(functionsDir, "package-lock.json")).packages).length - 1} packages)`,
);
if (!existsSync(join(functionsDir, "package-lock.json"))) process.exit(1);
