// Whether functions/package-lock.json can serve the deploy's `npm ci` and installs what was tested
// here: its root matches functions/package.json (npm ci refuses a lock out of step), and every
// package the functions use directly has the version the workspace's root lock resolved.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const same = (a, b) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

/** what is wrong with functions/package-lock.json (empty: nothing) */
export function lockProblems(repo) {
  const file = join(repo, "functions", "package-lock.json");
  if (!existsSync(file))
    return ["functions/package-lock.json is missing: Cloud Build would resolve new versions on every deploy"];
  const manifest = readJson(join(repo, "functions", "package.json"));
  const rootManifest = readJson(join(repo, "package.json"));
  const lock = readJson(file);
  const rootLock = readJson(join(repo, "package-lock.json"));
  const problems = [];
  const head = lock.packages?.[""] ?? {};
  for (const field of ["dependencies", "devDependencies"])
    if (!same(head[field], manifest[field])) problems.push(`its ${field} differ from functions/package.json's`);
  // npm honours overrides only in the root package.json: the deploy's install needs its own copy
  if (!same(manifest.overrides, rootManifest.overrides))
    problems.push("functions/package.json's overrides differ from the root package.json's");
  const resolvedInWorkspace = (name) =>
    (rootLock.packages[`functions/node_modules/${name}`] ?? rootLock.packages[`node_modules/${name}`])?.version;
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const locked = lock.packages?.[`node_modules/${name}`]?.version;
    const tested = resolvedInWorkspace(name);
    if (locked !== tested)
      problems.push(
        `${name}: ${locked ?? "absent"} in functions/package-lock.json, ${tested ?? "absent"} in the root lock (what the tests ran)`,
      );
  }
  return problems;
}
