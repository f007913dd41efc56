// The deploy refuses to go without what production needs: the predeploy hooks of firebase.json
// stop a deploy without the models, with a lock out of step, or with a portal built for the
// emulators or another project.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionsRoot, repoRoot } from "../../src/paths.js";
import { modelProblems } from "../../src/models/install.js";
import { loadManifest } from "../../src/models/manifest.js";
import { lockProblems } from "../../../scripts/functions-lock-check.mjs";

const firebaseJson = JSON.parse(readFileSync(join(repoRoot, "firebase.json"), "utf8"));
const compiled = join(functionsRoot, "lib", "models", "install-cli.js");

describe("predeploy hooks", () => {
  it("the functions' deploy builds, then checks the models and the lock; Hosting's checks the portal's build", () => {
    expect(firebaseJson.functions[0].predeploy).toEqual([
      'npm --prefix "$RESOURCE_DIR" run build',
      'node "$RESOURCE_DIR/lib/models/install-cli.js" --check',
      'node "$PROJECT_DIR/scripts/functions-lock.mjs" --check',
    ]);
    expect(firebaseJson.hosting.predeploy).toEqual(["node scripts/check-portal-build.mjs"]);
  });

  it("names each model file that is missing or not the manifest's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tora-models-"));
    const [detector, embedder] = loadManifest().models;
    expect(await modelProblems(loadManifest(), dir)).toEqual([
      `${detector!.file} is missing from ${dir}`,
      `${embedder!.file} is missing from ${dir}`,
    ]);
    writeFileSync(join(dir, detector!.file), "not a model");
    expect((await modelProblems(loadManifest(), dir))[0]).toBe(
      `${detector!.file} in ${dir} is not the manifest's file (sha256 differs)`,
    );
  });

  it.skipIf(!existsSync(compiled))("the models check stops a deploy without them (exit 1, with what to do)", () => {
    const run = spawnSync(process.execPath, [compiled, "--check"], {
      encoding: "utf8",
      env: { ...process.env, TORA_MODELS_DIR: mkdtempSync(join(tmpdir(), "tora-no-models-")) },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot be deployed without their models: run npm run models/);
  });

  it("the functions' lock serves the deploy's npm ci with the versions tested here, and a lock out of step is named", () => {
    expect(lockProblems(repoRoot)).toEqual([]);
    const copy = mkdtempSync(join(tmpdir(), "tora-lock-"));
    mkdirSync(join(copy, "functions"));
    for (const file of ["package.json", "package-lock.json", "functions/package.json", "functions/package-lock.json"])
      copyFileSync(join(repoRoot, file), join(copy, file));
    const manifest = JSON.parse(readFileSync(join(copy, "functions", "package.json"), "utf8"));
    manifest.dependencies.sharp = "^0.36.0";
    writeFileSync(join(copy, "functions", "package.json"), JSON.stringify(manifest));
    expect(lockProblems(copy)).toEqual(["its dependencies differ from functions/package.json's"]);
    const lock = JSON.parse(readFileSync(join(repoRoot, "functions", "package-lock.json"), "utf8"));
    lock.packages["node_modules/zod"].version = "4.0.0";
    writeFileSync(join(copy, "functions", "package.json"), readFileSync(join(repoRoot, "functions", "package.json")));
    writeFileSync(join(copy, "functions", "package-lock.json"), JSON.stringify(lock));
    expect(lockProblems(copy)[0]).toMatch(
      /^zod: 4\.0\.0 in functions\/package-lock\.json, 4\.\d+\.\d+ in the root lock/,
    );
  });

  it("the portal check refuses the emulators' demo build and another project's, and takes this project's", () => {
    const dist = mkdtempSync(join(tmpdir(), "tora-dist-"));
    const check = (project: string, info: object) => {
      writeFileSync(join(dist, ".tora-build.json"), JSON.stringify(info));
      return spawnSync(process.execPath, [join(repoRoot, "scripts", "check-portal-build.mjs")], {
        encoding: "utf8",
        env: { ...process.env, RESOURCE_DIR: dist, GCLOUD_PROJECT: project },
      });
    };
    const built = { project: "tora-bi", demo: false, storageBucket: "tora-bi-photos", functionsRegion: "europe-west1" };
    expect(check("tora-bi", { ...built, project: "demo-tora-face", demo: true }).stderr).toMatch(/demo build/);
    expect(check("tora-bi", { ...built, project: "tora-rw" }).status).toBe(1);
    const good = check("tora-bi", built);
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/built for tora-bi/);
  });

  it("the root's npm scripts run the preflight and write the lock", () => {
    const scripts = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).scripts;
    expect(scripts["deploy:check"]).toBe("npm run deploy-check -w functions --");
    expect(scripts["lock:functions"]).toBe("node scripts/functions-lock.mjs");
    expect(
      execFileSync(process.execPath, [join(repoRoot, "scripts", "functions-lock.mjs"), "--check"], {
        encoding: "utf8",
      }),
    ).toMatch(/in step/);
  });
});
