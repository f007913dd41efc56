// `npm run eval -- --pairs FILE --images DIR [--service] [--protection] [--json OUT]`
// `npm run eval -- --identify --images DIR [--seed S] [--json OUT]`
// `npm run eval -- --calibrate --images DIR`
// `npm run eval -- --reencode --images DIR [--sizes 1280,1600] [--qualities 0.85]`
// `npm run eval -- --cross-age [--images DIR] [--split dev|holdout|all] [--seed S] [--json OUT]`
// Human-readable lines first; the last stdout line is one JSON object with every figure.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { createFaceEngine, ENGINE_DEFAULTS } from "../engine/index.js";
import { argumentPath, modelsDir, repoRoot } from "../paths.js";
import { runCalibration } from "./calibrate.js";
import { runCrossAge, type Split } from "./cross-age.js";
import { runIdentification } from "./identify.js";
import { DEFAULT_QUALITIES, DEFAULT_SIZES, parseList, runReencode } from "./reencode.js";
import { runReunificationEval } from "./reunification.js";
import { runProductEval } from "./product.js";
import { PairsFileError } from "./pairs-file.js";
import { writePlot } from "./plot.js";
import { runVerification } from "./verify.js";
import { runServiceVerification } from "./verify-service.js";
import { runProtectionEval } from "./template-protection.js";

const usage = `usage:
  npm run eval -- --pairs FILE --images DIR [--service] [--protection] [--json OUT]
      --service: the pairs also through the product's 1:1 path (ingest + verifyFaces), accuracy side by side
      --protection: the pairs with template protection (accuracy with the key) and as a leaked export
        matched with the public model or a wrong key (docs/template-protection.md)
  npm run eval -- --identify --images DIR [--seed S] [--json OUT]
  npm run eval -- --calibrate --images DIR
  npm run eval -- --reencode --images DIR [--sizes N,N] [--qualities Q,Q]   (DIR/<folder>/<photos>)
  npm run eval -- --reunification calibrate|lfw|lag|bands [--seed S] [--json OUT]
  npm run eval -- --product lag|lfw [--split dev|holdout] [--distractors 2000,10000] [--work DIR] [--cache DIR]   (through tora-face import, candidates, matches)
  npm run eval -- --cross-age [--images DIR] [--split dev|holdout|all] [--seed S] [--json OUT]
      (an age-gap set: DIR/<person>/ adult photos, DIR/<person>/y/ young ones; default DIR: TORA_LAG_DIR)
options: --detector-size N (default ${ENGINE_DEFAULTS.detectorSize}), --threads N, --no-flip`;

// reunification modes parse their own options (npm run eval -- --reunification calibrate|lfw|lag …)
if (process.argv.includes("--reunification")) process.exit(await runReunificationEval(process.argv.slice(2)));
// through the product: folders with case.json imported by tora-face, read back with candidates and matches
if (process.argv.includes("--product")) process.exit(await runProductEval(process.argv.slice(2)));

/** measurement data that is not there: say why, and finish as a skipped run */
function skip(reason: string): never {
  console.log(`SKIPPED eval --cross-age: ${reason}`);
  console.log(JSON.stringify({ mode: "cross-age", skipped: reason }));
  process.exit(0);
}

function fail(message: string): never {
  console.error(`eval: ${message}\n${usage}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    pairs: { type: "string" },
    images: { type: "string" },
    json: { type: "string" },
    identify: { type: "boolean", default: false },
    service: { type: "boolean", default: false },
    protection: { type: "boolean", default: false },
    calibrate: { type: "boolean", default: false },
    reencode: { type: "boolean", default: false },
    sizes: { type: "string" },
    qualities: { type: "string" },
    "cross-age": { type: "boolean", default: false },
    split: { type: "string", default: "dev" },
    seed: { type: "string", default: "1" },
    "detector-size": { type: "string" },
    threads: { type: "string" },
    "no-flip": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values["cross-age"] && !values.images) {
  if (process.env.TORA_LAG_DIR) values.images = process.env.TORA_LAG_DIR;
  else skip("give --images DIR or set TORA_LAG_DIR");
}
if (values["cross-age"] && !existsSync(argumentPath(values.images!)))
  skip(`age-gap images not found at ${argumentPath(values.images!)}`);
if (!values.images) fail("--images DIR is required");
const images = argumentPath(values.images);
if (!existsSync(images)) fail(`images directory not found: ${images}`);
if (!values.identify && !values.calibrate && !values.reencode && !values.pairs && !values["cross-age"])
  fail("give --pairs FILE, --identify, --calibrate, --reencode or --cross-age");
if (values.pairs && !existsSync(argumentPath(values.pairs))) fail(`pairs file not found: ${values.pairs}`);
if (!["dev", "holdout", "all"].includes(values.split)) fail("--split is dev, holdout or all");
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail("--seed must be an integer");

const engine = createFaceEngine({
  modelsDir: modelsDir(),
  detectorSize: values["detector-size"] ? Number(values["detector-size"]) : undefined,
  threads: values.threads ? Number(values.threads) : undefined,
  flipAverage: !values["no-flip"],
});

try {
  let figures: Record<string, unknown>;
  if (values.reencode) {
    const result = await runReencode(
      engine,
      images,
      parseList(values.sizes, DEFAULT_SIZES, "sizes"),
      parseList(values.qualities, DEFAULT_QUALITIES, "qualities"),
    );
    result.lines.forEach((l) => console.log(l));
    figures = { mode: "reencode", ...result.figures };
  } else if (values.calibrate) {
    const result = await runCalibration(engine, images);
    result.lines.forEach((l) => console.log(l));
    figures = { mode: "calibrate", ...result.figures };
  } else if (values["cross-age"]) {
    const result = await runCrossAge(engine, images, values.split as Split, seed);
    result.lines.forEach((l) => console.log(l));
    figures = { mode: "cross-age", ...result.figures };
  } else if (values.identify) {
    const result = await runIdentification(engine, images, seed);
    result.lines.forEach((l) => console.log(l));
    figures = { mode: "identify", ...result.figures };
  } else {
    const result = await runVerification(engine, argumentPath(values.pairs!), images);
    result.lines.forEach((l) => console.log(l));
    const outDir = values.json ? dirname(argumentPath(values.json)) : join(repoRoot, "artifacts", "eval");
    await mkdir(outDir, { recursive: true });
    const plot = join(outDir, `${basename(values.pairs!).replace(/\.\w+$/, "")}-roc-det.png`);
    await writePlot(result.roc, `${basename(values.pairs!)} · ${engine.modelVersion}`, plot);
    console.log(`ROC/DET plot: ${plot}`);
    figures = { mode: "verify", ...result.figures, plot };
    if (values.protection) {
      const protection = runProtectionEval(result.vectors, Number(result.figures.folds) || 1);
      protection.lines.forEach((l) => console.log(l));
      figures = { ...figures, ...protection.figures };
    }
    if (values.service) {
      const service = await runServiceVerification(engine, argumentPath(values.pairs!), images, result.scores);
      service.lines.forEach((l) => console.log(l));
      figures = { ...figures, ...service.figures };
    }
  }
  const json = JSON.stringify({ ...figures, model_version: engine.modelVersion });
  if (values.json) {
    await mkdir(dirname(argumentPath(values.json)), { recursive: true });
    await writeFile(argumentPath(values.json), `${json}\n`);
  }
  console.log(json);
} catch (error) {
  if (error instanceof PairsFileError) fail(`${values.pairs}: ${error.message}`);
  throw error;
}
