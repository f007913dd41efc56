// The operator's cross-border commands on a real local store: the allow-list of the other
// country's deployment (refused for the store's own country or a malformed endpoint or account),
// and the sweep of expired requests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { functionsRoot } from "../../src/paths.js";

const dir = mkdtempSync(join(tmpdir(), "tora-peers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], countries = "RW"): { out: string; code: number } {
  try {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", join(functionsRoot, "src", "cli", "main.ts"), ...args],
      {
        cwd: functionsRoot,
        env: {
          ...process.env,
          TORA_LOCAL_DB: join(dir, "rw.sqlite"),
          TORA_LOCAL_BLOBS: join(dir, "blobs"),
          TORA_COUNTRIES: countries,
        },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    return { out, code: 0 };
  } catch (error) {
    const e = error as { stderr: string; status: number };
    return { out: e.stderr, code: e.status };
  }
}

describe("tora-face peers", () => {
  it("allows, lists and removes the other country's deployment, and refuses what cannot be one", () => {
    expect(cli(["peers"]).out).toContain("no link to another deployment");
    const endpoint = "https://europe-west1-tora-bi.cloudfunctions.net/crossBorderPeer";
    const allowed = cli([
      "peers",
      "allow",
      "BI",
      "--endpoint",
      endpoint,
      "--account",
      "Runtime@tora-bi.iam.gserviceaccount.com",
    ]);
    expect(allowed.out).toContain(
      `BI: messages go to ${endpoint}; accepted from runtime@tora-bi.iam.gserviceaccount.com`,
    );
    const listed = JSON.parse(cli(["peers", "--json"]).out);
    expect(listed).toMatchObject({ countries: ["RW"], peers: [{ country: "BI", endpoint }] });

    const own = cli(["peers", "allow", "RW", "--endpoint", endpoint, "--account", "a@tora-rw.iam.gserviceaccount.com"]);
    expect(own).toMatchObject({ code: 2 });
    expect(own.out).toContain("holds RW itself");
    const bad = cli(["peers", "allow", "BI", "--endpoint", "ftp://x", "--account", "nobody"]);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/--endpoint: .*; --account: /);

    expect(cli(["peers", "remove", "BI"]).out).toContain("BI: link removed");
    expect(JSON.parse(cli(["peers", "--json"]).out).peers).toEqual([]);
    expect(JSON.parse(cli(["cross-border-sweep", "--json"]).out)).toEqual({
      receivedDeleted: 0,
      sentExpired: 0,
      messagesForgotten: 0,
    });
  });
});
