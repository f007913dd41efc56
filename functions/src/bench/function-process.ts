// Runs in a fresh process what a face function instance holds at its peak: every export of the
// compiled functions (Functions SDK), the production ports (Admin SDK with the Firestore client's
// gRPC stack loaded by one read), the engine with both models, and one photo through analysis and
// the review thumbnail, as the ingest does. Prints one JSON line: resident memory after each step
// and the process's peak. Run from the compiled lib/ only (that is what Cloud Functions loads).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { peakRssMib } from "./peak-rss.js";
import { setTimeout as sleep } from "node:timers/promises";

const photo = process.argv[2];
if (!photo) throw new Error("usage: function-process <photo>");
const MiB = 1024 * 1024;
const steps: Record<string, number> = {};
const note = (step: string): void => {
  steps[step] = process.memoryUsage().rss / MiB;
};

note("node");
await import("../index.js");
note("functions_loaded");
const { getDeps } = await import("../runtime/deps.js");
const deps = await getDeps();
// nothing listens on the emulator address the parent sets: the read fails, its client stays loaded
await Promise.race([deps.cases.get("bench-memory").catch(() => undefined), sleep(3000)]);
note("admin_sdk_loaded");
const { sharedAnalyzer } = await import("../runtime/engine.js");
const engine = await sharedAnalyzer(); // the instance behind deps.analyzer
await engine.warmUp();
note("models_loaded");
const { thumbnailJpeg } = await import("../engine/index.js");
const bytes = readFileSync(photo);
const start = performance.now();
const analysis = await engine.analyze(bytes);
await thumbnailJpeg(bytes);
const photoMs = performance.now() - start;
note("photo_done");
const usage = process.memoryUsage();
console.log(
  JSON.stringify({
    photo,
    width: analysis.width,
    height: analysis.height,
    faces: analysis.faces.length,
    photo_ms: photoMs,
    rss_mib: steps,
    heap_used_mib: usage.heapUsed / MiB,
    external_mib: usage.external / MiB,
    peak_rss_mib: peakRssMib(),
  }),
);
process.exit(0);
