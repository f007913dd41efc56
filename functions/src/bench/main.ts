// `npm run bench -- --images DIR [--n N] [--json OUT]`: per-stage latency on one thread and on
// all cores, raw ONNX inference time and the pipeline's overhead over it, cold start, peak RSS.
// The last stdout line is one JSON object.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { createFaceEngine, type StageTimings } from "../engine/index.js";
import { facesDir, modelsDir } from "../paths.js";
import { createProgress } from "../terminal/progress.js";
import { median, percentile } from "./stats.js";

const { values } = parseArgs({
  options: {
    images: { type: "string" },
    n: { type: "string", default: "50" },
    json: { type: "string" },
    large: { type: "string" },
  },
});
if (!values.images || !existsSync(values.images)) {
  console.error("usage: npm run bench -- --images DIR [--n N] [--json OUT] [--large PHOTO]");
  process.exit(2);
}

const IMAGE = /\.(jpe?g|png|webp|tiff?)$/i;
function listImages(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listImages(path) : IMAGE.test(name) ? [path] : [];
    });
}
const photos = listImages(resolve(values.images)).slice(0, Number(values.n));
if (photos.length === 0) {
  console.error(`bench: no images in ${values.images}`);
  process.exit(2);
}
const bytes = photos.map((p) => readFileSync(p));

type Stage = keyof StageTimings;
const STAGES: Stage[] = ["decode", "detect", "align", "embed", "quality"];

async function run(threads: number) {
  const engine = createFaceEngine({ modelsDir: modelsDir(), threads });
  await engine.warmUp();
  const samples: (StageTimings & { total: number; faces: number })[] = [];
  const progress = createProgress(`${threads} thread${threads > 1 ? "s" : ""}`, bytes.length);
  const start = performance.now();
  for (const photo of bytes) {
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
    photos: samples.length,
    faces: samples.reduce((a, s) => a + s.faces, 0),
    photos_per_s: samples.length / seconds,
    stages,
    raw_inference: { median_ms: median(raw), p95_ms: percentile(raw, 95) },
    total_over_raw_inference: totalSum / rawSum,
  };
}

function child(photo: string): { first_result_ms: number; peak_rss_mib: number; faces: number; width: number; height: number; wall_ms: number } {
  const here = dirname(fileURLToPath(import.meta.url));
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
const large = values.large ?? join(facesDir(), "smoke", "dark", "large-image12.jpg");
const rss = [child(synthetic), ...(existsSync(large) ? [child(large)] : [])];

const ms = (v: number): string => `${v.toFixed(1)} ms`;
for (const r of [single, all]) {
  console.log(`${r.threads} thread(s): ${r.photos} photos, ${r.faces} faces, ${r.photos_per_s.toFixed(2)} photos/s`);
  for (const [stage, s] of Object.entries(r.stages)) console.log(`  ${stage.padEnd(8)} median ${ms(s.median_ms)}  p95 ${ms(s.p95_ms)}`);
  console.log(`  raw ONNX inference median ${ms(r.raw_inference.median_ms)}; total ÷ raw inference = ${r.total_over_raw_inference.toFixed(3)}`);
}
console.log(`cold start (process start → first embedding): ${ms(cold.first_result_ms)} (${ms(cold.wall_ms)} including process spawn)`);
for (const r of rss) console.log(`peak RSS processing a ${r.width}x${r.height} photo (${r.faces} faces): ${r.peak_rss_mib.toFixed(0)} MiB`);

const summary = JSON.stringify({
  images: values.images,
  one_thread: single,
  all_cores: all,
  cold_start_ms: cold.first_result_ms,
  cold_start_wall_ms: cold.wall_ms,
  peak_rss_mib: Math.max(...rss.map((r) => r.peak_rss_mib)),
  peak_rss: rss.map((r) => ({ width: r.width, height: r.height, faces: r.faces, peak_rss_mib: r.peak_rss_mib })),
});
if (values.json) await writeFile(values.json, `${summary}\n`);
console.log(summary);
