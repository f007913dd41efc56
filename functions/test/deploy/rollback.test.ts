// scripts/rollback.sh against stand-ins of gcloud, curl and the Firebase CLI that answer as the
// project would and record what they are asked to change: each function's traffic goes to the
// revision before the one serving, the portal to the version released before; --dry-run changes
// nothing; a function without an earlier revision is said, and the exit code says incomplete.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/paths.js";

function standIns(options: { onlyOneRevision?: string } = {}) {
  const bin = mkdtempSync(join(tmpdir(), "tora-rollback-"));
  const log = join(bin, "changes.log");
  const tool = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  tool(
    "gcloud",
    `args="$*"
case "$args" in
  "run services list"*) printf 'searchfaces\\nhealth\\n' ;;
  "run revisions list"*)
    svc=$(echo "$args" | sed -E 's/.*--service ([^ ]+).*/\\1/')
    if [ "$svc" = "${options.onlyOneRevision ?? "none"}" ]; then echo "$svc-00001-a"; else printf '%s\\n' "$svc-00003-c" "$svc-00002-b" "$svc-00001-a"; fi ;;
  "run services describe"*) svc=$(echo "$args" | awk '{print $4}'); if [ "$svc" = "${options.onlyOneRevision ?? "none"}" ]; then echo "$svc-00001-a"; else echo "$svc-00003-c"; fi ;;
  "auth print-access-token") echo token ;;
  "run services update-traffic"*) echo "gcloud $args" >> ${log} ;;
  *) echo "unexpected gcloud $args" >&2; exit 3 ;;
esac`,
  );
  tool(
    "curl",
    `echo '{"releases":[{"version":{"name":"sites/p/versions/v-now"}},{"version":{"name":"sites/p/versions/v-before"}}]}'`,
  );
  tool("npx", `echo "npx $*" >> ${log}`);
  const run = (...args: string[]) => {
    try {
      const out = execFileSync("bash", [join(repoRoot, "scripts", "rollback.sh"), ...args], {
        encoding: "utf8",
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      return { code: 0, out };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, out: e.stdout + e.stderr };
    }
  };
  return { run, changes: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []) };
}

describe("scripts/rollback.sh", () => {
  it("moves every function to its previous revision and the portal to its previous version", () => {
    const { run, changes } = standIns();
    const { code, out } = run("--project", "p");
    expect(code).toBe(0);
    expect(changes()).toEqual([
      "gcloud run services update-traffic searchfaces --project p --region europe-west1 --to-revisions searchfaces-00002-b=100",
      "gcloud run services update-traffic health --project p --region europe-west1 --to-revisions health-00002-b=100",
      "npx --no-install firebase hosting:clone p@v-before p:live --project p",
    ]);
    expect(out).toContain("npm run smoke -- --project p");
  });

  it("--dry-run says what it would do and changes nothing; --only limits it", () => {
    const { run, changes } = standIns();
    const { code, out } = run("--project", "p", "--dry-run", "--only", "hosting");
    expect(code).toBe(0);
    expect(out).toContain("would run: npx --no-install firebase hosting:clone p@v-before p:live --project p");
    expect(out).not.toContain("update-traffic");
    expect(changes()).toEqual([]);
  });

  it("says which function has no earlier revision, rolls back the others, and exits 1", () => {
    const { run, changes } = standIns({ onlyOneRevision: "health" });
    const { code, out } = run("--project", "p", "--only", "functions");
    expect(code).toBe(1);
    expect(out).toContain("health: no revision before health-00001-a: left as it is");
    expect(changes()).toEqual([
      "gcloud run services update-traffic searchfaces --project p --region europe-west1 --to-revisions searchfaces-00002-b=100",
    ]);
  });

  it("refuses to run without a project", () => {
    expect(standIns().run().code).toBe(2);
  });
});
