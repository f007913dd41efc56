// firestore.rules open exactly the reads clients make: none. The portal and the client kit reach
// Firestore only through the callables; a client that starts reading Firestore directly fails here
// until the rules open that read (narrowly) and the emulator suite tests it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/paths.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

describe("what clients read from Firestore", () => {
  it("no client imports the Firestore SDK", () => {
    const clients = [join(repoRoot, "hosting", "src"), join(repoRoot, "client", "src")].flatMap(sources);
    expect(clients.length).toBeGreaterThan(20);
    const readers = clients.filter((file) =>
      /from\s+["'](firebase\/firestore|@firebase\/firestore)["']|import\(\s*["']firebase\/firestore["']\s*\)/.test(
        readFileSync(file, "utf8"),
      ),
    );
    expect(readers).toEqual([]);
  });

  it("so firestore.rules allow nothing to clients", () => {
    const rules = readFileSync(join(repoRoot, "firestore.rules"), "utf8").replace(/\/\/.*$/gm, "");
    const allows = [...rules.matchAll(/allow\s+([^:]+):\s*if\s+([^;]+);/g)].map((m) => [m[1]!.trim(), m[2]!.trim()]);
    expect(allows).toEqual([["read, write", "false"]]);
  });
});
