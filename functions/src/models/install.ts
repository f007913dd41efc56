// Puts the manifest's model files in place: keep a verified copy, else copy from a local
// directory, else download; verify sha256 every time; never leave a partial file behind.
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Manifest, ModelEntry } from "./manifest.js";

type InstallOutcome = "present" | "copied" | "downloaded";

export class ModelInstallError extends Error {}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

interface InstallOptions {
  targetDir: string;
  sourceDir?: string;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
}

async function installModel(entry: ModelEntry, options: InstallOptions): Promise<InstallOutcome> {
  const target = join(options.targetDir, entry.file);
  if (existsSync(target) && (await sha256File(target)) === entry.sha256) return "present";

  await mkdir(options.targetDir, { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  let outcome: InstallOutcome;
  const source = options.sourceDir ? join(options.sourceDir, entry.file) : undefined;
  try {
    if (source && existsSync(source)) {
      await copyFile(source, partial);
      outcome = "copied";
    } else if (entry.url) {
      const response = await (options.fetchImpl ?? fetch)(entry.url);
      if (!response.ok)
        throw new ModelInstallError(`${entry.file}: download from ${entry.url} failed (HTTP ${response.status})`);
      await writeFile(partial, new Uint8Array(await response.arrayBuffer()));
      outcome = "downloaded";
    } else {
      throw new ModelInstallError(
        `${entry.file}: not found in ${options.sourceDir ?? "(no source directory)"} and the manifest has no download URL ` +
          `(${entry.upstream.note}) — set TORA_MODELS_SOURCE to a directory holding ${entry.file}`,
      );
    }
    const actual = await sha256File(partial);
    if (actual !== entry.sha256) {
      throw new ModelInstallError(
        `${entry.file}: sha256 mismatch (expected ${entry.sha256}, got ${actual}) — refusing this file; ` +
          `check the source (${outcome === "copied" ? source : entry.url})`,
      );
    }
    await rename(partial, target);
    return outcome;
  } finally {
    await rm(partial, { force: true });
  }
}

export async function installModels(
  manifest: Manifest,
  options: InstallOptions,
): Promise<Record<string, InstallOutcome>> {
  const outcomes: Record<string, InstallOutcome> = {};
  for (const entry of manifest.models) {
    outcomes[entry.file] = await installModel(entry, options);
    options.log?.(`${entry.file}: ${outcomes[entry.file]} (sha256 ${entry.sha256.slice(0, 12)}…, ${entry.licence})`);
  }
  return outcomes;
}

/** what is wrong with the model files in `dir`: each one missing or not the manifest's bytes (empty: all in place) */
export async function modelProblems(manifest: Manifest, dir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of manifest.models) {
    const path = join(dir, entry.file);
    if (!existsSync(path)) problems.push(`${entry.file} is missing from ${dir}`);
    else if ((await sha256File(path)) !== entry.sha256)
      problems.push(`${entry.file} in ${dir} is not the manifest's file (sha256 differs)`);
  }
  return problems;
}
