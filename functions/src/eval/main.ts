// `npm run eval -- --pairs FILE --images DIR [--json OUT]`
// `npm run eval -- --identify --images DIR [--seed S] [--json OUT]`
// `npm run eval -- --calibrate --images DIR`
// `npm run eval -- --reencode --images DIR [--sizes 1280,1600] [--qualities 0.85]`
// Human-readable lines first; the last stdout line is one JSON object with every figure.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createFaceEngine, ENGINE_DEFAULTS } from "../engine/index.js";
import { modelsDir, repoRoot } from "../paths.js";
import { runCalibration } from "./calibrate.js";
import { runIdentification } from "./identify.js";
import { DEFAULT_QUALITIES, DEFAULT_SIZES, parseList, runReencode } from "./reencode.js";
import { runReunificationEval } from "./reunification.js";
import { PairsFileError } from "./pairs-file.js";
import { writePlot } from "./plot.js";
import { runVerification } from "./verify.js";

const usage = `usage:
  npm run eval -- --pairs FILE --images DIR [--json OUT]
  npm run eval -- --identify --images DIR [--seed S] [--json OUT]
  npm run eval -- --calibrate --images DIR
  npm run eval -- --reencode --images DIR [--sizes N,N] [--qualities Q,Q]   (DIR/<folder>/<photos>)
  npm run eval -- --reunification calibrate|lfw|lag [--seed S] [--json OUT]
options: --detector-size N (default ${ENGINE_DEFAULTS.detectorSize}), --threads N, --no-flip`;

// reunification modes parse their own options (npm run eval -- --reunification calibrate|lfw|lag …)
if (process.argv.includes("--reunification")) process.exit(await runReunificationEval(process.argv.slice(2)));

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
    calibrate: { type: "boolean", default: false },
    reencode: { type: "boolean", default: false },
    sizes: { type: "string" },
    qualities: { type: "string" },
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
if (!values.images) fail("--images DIR is required");
const images = resolve(values.images);
if (!existsSync(images)) fail(`images directory not found: ${images}`);
if (!values.identify && !values.calibrate && !values.reencode && !values.pairs) fail("give --pairs FILE, --identify, --calibrate or --reencode");
if (values.pairs && !existsSync(values.pairs)) fail(`pairs file not found: ${values.pairs}`);
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
    const result = await runReencode(engine, images, parseList(values.sizes, DEFAULT_SIZES, "sizes"), parseList(values.qualities, DEFAULT_QUALITIES, "qualities"));
    result.lines.forEach((l) => console.log(l));
    figures = { mode: "reencode", ...result.figures };
  } else if (values.calibrate) {
    const result = await runCalibration(engine, images);
    result.lines.forEach((l) => console.log(l));
    figures = { mode: "calibrate", ...result.figures };
  } else if (values.identify) {
    const result = await runIdentification(engine, images, seed);
    result.lines.forEach((l) => console.log(l));
    figures = { mode: "identify", ...result.figures };
  } else {
    const result = await runVerification(engine, resolve(values.pairs!), images);
    result.lines.forEach((l) => console.log(l));
    const outDir = values.json ? dirname(resolve(values.json)) : join(repoRoot, "artifacts", "eval");
    await mkdir(outDir, { recursive: true });
    const plot = join(outDir, `${basename(values.pairs!).replace(/\.\w+$/, "")}-roc-det.png`);
    await writePlot(result.roc, `${basename(values.pairs!)} · ${engine.modelVersion}`, plot);
    console.log(`ROC/DET plot: ${plot}`);
    figures = { mode: "verify", ...result.figures, plot };
  }
  const json = JSON.stringify({ ...figures, model_version: engine.modelVersion });
  if (values.json) {
    await mkdir(dirname(resolve(values.json)), { recursive: true });
    await writeFile(resolve(values.json), `${json}\n`);
  }
  console.log(json);
} catch (error) {
  if (error instanceof PairsFileError) fail(`${values.pairs}: ${error.message}`);
  throw error;
}
