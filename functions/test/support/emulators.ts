// The Auth, Functions and Hosting emulators in local mode around one command (scripts/emulators.sh
// --exec), on a fresh local store of their own; returns what the run printed.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { facesDir, repoRoot } from "../../src/paths.js";

export function runInEmulators(
  command: string,
  options: { photos?: boolean; env?: Record<string, string>; timeout: number },
): string {
  const data = mkdtempSync(join(tmpdir(), "tora-emulators-"));
  return execFileSync(
    "bash",
    [
      join(repoRoot, "scripts", "emulators.sh"),
      "--no-bootstrap",
      ...(options.photos ? ["--photos"] : []),
      "--exec",
      command,
    ],
    {
      cwd: repoRoot,
      encoding: "utf8",
      // an Auth emulator address left in the shell must not break the start (seed-demo runs before the emulators)
      env: {
        ...process.env,
        TORA_LOCAL_DB: join(data, "tora.sqlite"),
        TORA_LOCAL_BLOBS: join(data, "blobs"),
        TORA_FACES_DIR: facesDir(),
        FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
        ...options.env,
      },
      timeout: options.timeout,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}
