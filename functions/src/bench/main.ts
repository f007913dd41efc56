// `npm run bench -- --images DIR [--images DIR …] [--min-side PX] [--n N] [--rounds R] [--json OUT]`:
// per-stage latency on one thread and on all cores (every photo R times: a few large photos give
// steadier figures), raw ONNX inference time and the pipeline's overhead over it, cold start, peak RSS.
// `npm run bench -- --memory [PHOTO] [--max-rss-mib N]`: the peak resident memory of a whole face
// function process (compiled functions, Admin SDK, engine, both models) on one large photo; exits 1
// above the budget, so a regression shows.
// The last stdout line is one JSON object.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { newKeyRingSecret } from "../adapters/crypto/aes-keyring.js";
import { createFaceEngine, type StageTimings } from "../engine/index.js";
import { listReadableImages } from "../image-files.js";
import { argumentPath, facesDir, functionsRoot, modelsDir } from "../paths.js";
import { createProgress } from "../terminal/progress.js";
import { median, percentile } from "./stats.js";

/** the face functions' deploy memory is chosen from this figure: a budget well under 512 MiB */
const DEFAULT_MAX_RSS_MIB = 400;

const usage = `usage:
  npm run bench -- --images DIR [--images DIR …] [--min-side PX] [--n N] [--rounds R] [--json OUT] [--large PHOTO]
  npm run bench -- --memory [PHOTO] [--max-rss-mib N] [--json OUT]   (after npm run build)`;

const { values, positionals } = parseArgs({
  options: {
    images: { type: "string", multiple: true },
    "min-side": { type: "string", default: "0" },
    n: { type: "string", default: "50" },
    rounds: { type: "string", default: "1" },
    json: { type: "string" },
    large: { type: "string" },
    memory: { type: "boolean", default: false },
    "max-rss-mib": { type: "string", default: String(DEFAULT_MAX_RSS_MIB) },
  },
  allowPositionals: true,
});
const largePhoto = values.large ? argumentPath(values.large) : join(facesDir(), "smoke", "dark", "large-image12.jpg");
const here = dirname(fileURLToPath(import.meta.url));

if (values.memory)
  await benchFunctionMemory(
    positionals.length > 0 ? positionals.map(argumentPath) : await defaultMemoryPhotos(),
    Number(values["max-rss-mib"]),
  );

const dirs = (values.images ?? []).map(argumentPath);
if (dirs.length === 0 || dirs.some((d) => !existsSync(d))) {
  console.error(usage);
  process.exit(2);
}
const minSide = Number(values["min-side"]);
const candidates = dirs.flatMap((d) => listReadableImages(d));
const photos: string[] = [];
for (const path of candidates) {
  if (photos.length >= Number(values.n)) break;
  const { width = 0, height = 0 } = minSide > 0 ? await sharp(path).metadata() : {};
  if (minSide === 0 || Math.max(width, height) >= minSide) photos.push(path);
}
if (photos.length === 0) {
  console.error(`bench: no images${minSide ? ` with a side of ${minSide} px or more` : ""} in ${dirs.join(", ")}`);
  process.exit(2);
}
const bytes = photos.map((p) => readFileSync(p));

type Stage = keyof StageTimings;
const STAGES: Stage[] = ["decode", "detect", "align", "embed", "quality"];

async function run(threads: number) {
  const engine = createFaceEngine({ modelsDir: modelsDir(), threads });
  await engine.warmUp();
  const samples: (StageTimings & { total: number; faces: number })[] = [];
  const rounds = Math.max(1, Number(values.rounds));
  const progress = createProgress(`${threads} thread${threads > 1 ? "s" : ""}`, bytes.length * rounds);
  const start = performance.now();
  for (const photo of Array.from({ length: rounds }, () => bytes).flat()) {
    const t = {} as StageTimings;
    const before = performance.now();
    const analysis = await engine.analyze(photo, { timings: t });
    samples.push({ ...t, total: performance.now() - before, faces: analysis.faces.length });
    progress.tick();
  }
  progress.done();
  const seconds = (performance.now() - start) / 1000;
  const stages: Record<string, { median_ms: number; p95_ms: number }> = {};
  for (const stage of [...STAGES, "total"] as const) {
    const v = samples.map((s) => s[stage]);
    stages[stage] = { median_ms: median(v), p95_ms: percentile(v, 95) };
  }
  const raw = samples.map((s) => s.detectInference + s.embedInference);
  const totalSum = samples.reduce((a, s) => a + s.total, 0);
  const rawSum = raw.reduce((a, b) => a + b, 0);
  return {
    threads,
    photos: bytes.length,
    rounds,
    faces: samples.reduce((a, s) => a + s.faces, 0) / rounds,
    photos_per_s: samples.length / seconds,
    stages,
    raw_inference: { median_ms: median(raw), p95_ms: percentile(raw, 95) },
    total_over_raw_inference: totalSum / rawSum,
    // the sum above is dominated by the photos with the most faces; this is the typical photo
    total_over_raw_inference_median_photo: median(samples.map((s, i) => s.total / raw[i]!)),
  };
}

function child(photo: string): {
  first_result_ms: number;
  peak_rss_mib: number;
  faces: number;
  width: number;
  height: number;
  wall_ms: number;
} {
  const compiled = join(here, "child.js");
  const args = existsSync(compiled) ? [compiled, photo] : ["--import", "tsx", join(here, "child.ts"), photo];
  const start = performance.now();
  const out = execFileSync(process.execPath, args, { encoding: "utf8" });
  return { ...JSON.parse(out.trim().split("\n").at(-1)!), wall_ms: performance.now() - start };
}

const single = await run(1);
const all = await run(availableParallelism());

// cold start: a fresh process, from its start to the first embedding of a typical photo
const typical = photos.find((p) => statSync(p).size < 2_000_000) ?? photos[0]!;
const cold = child(typical);

// peak RSS on a 4160x3120 photo with faces (an upscaled copy of the first photo) and on --large
const synthetic = join(await mkdtemp(join(tmpdir(), "tora-bench-")), "4160x3120.jpg");
await writeFile(synthetic, await sharp(bytes[0]!).resize(4160, 3120, { fit: "fill" }).jpeg({ quality: 92 }).toBuffer());
const rss = [child(synthetic), ...(existsSync(largePhoto) ? [child(largePhoto)] : [])];

const ms = (v: number): string => `${v.toFixed(1)} ms`;
for (const r of [single, all]) {
  console.log(
    `${r.threads} thread(s): ${r.photos} photos × ${r.rounds}, ${r.faces} faces, ${r.photos_per_s.toFixed(2)} photos/s`,
  );
  for (const [stage, s] of Object.entries(r.stages))
    console.log(`  ${stage.padEnd(8)} median ${ms(s.median_ms)}  p95 ${ms(s.p95_ms)}`);
  console.log(
    `  raw ONNX inference median ${ms(r.raw_inference.median_ms)}; total ÷ raw inference = ${r.total_over_raw_inference.toFixed(3)} ` +
      `(median photo ${r.total_over_raw_inference_median_photo.toFixed(3)})`,
  );
}
console.log(`photos: ${photos.length} from ${dirs.join(", ")}${minSide ? ` (longer side ≥ ${minSide} px)` : ""}`);
console.log(
  `cold start (process start → first embedding): ${ms(cold.first_result_ms)} (${ms(cold.wall_ms)} including process spawn)`,
);
for (const r of rss)
  console.log(
    `peak RSS processing a ${r.width}x${r.height} photo (${r.faces} faces): ${r.peak_rss_mib.toFixed(0)} MiB`,
  );

const summary = JSON.stringify({
  images: dirs,
  min_side: minSide,
  rounds: Number(values.rounds),
  photo_files: photos.map((p) => p.slice(p.lastIndexOf("/") + 1)),
  one_thread: single,
  all_cores: all,
  cold_start_ms: cold.first_result_ms,
  cold_start_wall_ms: cold.wall_ms,
  peak_rss_mib: Math.max(...rss.map((r) => r.peak_rss_mib)),
  peak_rss: rss.map((r) => ({ width: r.width, height: r.height, faces: r.faces, peak_rss_mib: r.peak_rss_mib })),
});
if (values.json) await writeFile(argumentPath(values.json), `${summary}\n`);
console.log(summary);

/**
 * The dark 4160x3120 smoke photo (no face found), the largest group photo scaled to 4160x3120, and
 * a crowd of 64 faces (embedding them in one batch once took a process to 900 MiB).
 */
async function defaultMemoryPhotos(): Promise<string[]> {
  const group = join(facesDir(), "smoke", "group", "couple.jpg");
  const crowd = join(facesDir(), "smoke", "tiny", "worlds-largest-selfie.jpg");
  if (!existsSync(group)) return [largePhoto];
  const scaled = join(await mkdtemp(join(tmpdir(), "tora-bench-")), "couple-4160x3120.jpg");
  await writeFile(scaled, await sharp(group).resize(4160, 3120, { fit: "fill" }).jpeg({ quality: 92 }).toBuffer());
  return [largePhoto, scaled, crowd];
}

interface FunctionProcessResult {
  photo: string;
  width: number;
  height: number;
  faces: number;
  photo_ms: number;
  rss_mib: Record<string, number>;
  peak_rss_mib: number;
}

async function benchFunctionMemory(photos: string[], maxRssMib: number): Promise<never> {
  const compiled = join(functionsRoot, "lib", "bench", "function-process.js");
  if (!existsSync(compiled)) {
    console.error("bench --memory measures the compiled functions: run npm run build first");
    process.exit(2);
  }
  const present = photos.filter((p) => existsSync(p));
  if (present.length === 0) {
    console.log(`SKIPPED bench --memory: ${photos.join(", ")} not found (set TORA_FACES_DIR or name a photo)`);
    process.exit(0);
  }
  const env = {
    ...process.env,
    TORA_BACKEND: "firebase",
    GCLOUD_PROJECT: "demo-tora-face",
    FIREBASE_CONFIG: JSON.stringify({ projectId: "demo-tora-face", storageBucket: "demo-tora-face.appspot.com" }),
    FIRESTORE_EMULATOR_HOST: "127.0.0.1:9",
    FAMILY_CONTACT_KEYS: newKeyRingSecret("bench"),
    TEMPLATE_KEYS: newKeyRingSecret("bench"),
    IP_HASH_KEY: "bench",
  };
  const results = present.map((photo): FunctionProcessResult => {
    // stderr (the SDKs' warnings about the absent metadata server) is not the measurement
    const out = execFileSync(process.execPath, [compiled, photo], {
      encoding: "utf8",
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out.trim().split("\n").at(-1)!) as FunctionProcessResult;
  });
  for (const r of results) {
    const steps = Object.entries(r.rss_mib).map(([step, mib]) => `${step} ${mib.toFixed(0)}`);
    console.log(
      `${r.width}x${r.height} photo, ${r.faces} faces, ${r.photo_ms.toFixed(0)} ms: peak RSS ${r.peak_rss_mib.toFixed(0)} MiB ` +
        `(RSS after each step, MiB: ${steps.join(", ")})`,
    );
  }
  const peak = Math.max(...results.map((r) => r.peak_rss_mib));
  console.log(
    `peak RSS of a face function process: ${peak.toFixed(0)} MiB (budget ${maxRssMib} MiB${peak <= maxRssMib ? "" : ", EXCEEDED"})`,
  );
  const summary = JSON.stringify({
    mode: "memory",
    peak_rss_mib: peak,
    max_rss_mib: maxRssMib,
    within_budget: peak <= maxRssMib,
    photos: results,
  });
  if (values.json) await writeFile(argumentPath(values.json), `${summary}\n`);
  console.log(summary);
  process.exit(peak <= maxRssMib ? 0 : 1);
}
