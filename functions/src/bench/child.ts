// Runs in a fresh process: time from process start to the first embedding of one photo, and the
// peak resident memory of processing it. Prints one JSON line.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createFaceEngine } from "../engine/index.js";
import { modelsDir } from "../paths.js";
import { peakRssMib } from "./peak-rss.js";

const path = process.argv[2];
if (!path) throw new Error("usage: child <photo>");
const engine = createFaceEngine({ modelsDir: modelsDir() });
const analysis = await engine.analyze(readFileSync(path));
const firstResultMs = performance.now(); // performance's origin is the process start
console.log(
  JSON.stringify({
    first_result_ms: firstResultMs,
    faces: analysis.faces.length,
    width: analysis.width,
    height: analysis.height,
    peak_rss_mib: peakRssMib(),
  }),
);
