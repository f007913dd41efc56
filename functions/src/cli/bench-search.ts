// `tora-face bench-search --faces 10000,100000,1000000`: local exact search latency on random unit
// vectors, the memory the index holds, and what the same search costs on Firestore by its pricing
// rule for vector queries (1 read per 100 index entries scanned, plus 1 per result returned).
// Each size gets its own SQLite file in the temporary folder, so memory figures are the index's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../adapters/local/database.js";
import { localFaceIndex } from "../adapters/local/face-index.js";
import { median, percentile } from "../bench/stats.js";
import { CALIBRATION } from "../engine/index.js";
import { ANY_DISTANCE, distanceOf } from "../ports/index.js";
import type { FaceDoc } from "../schemas/index.js";
import { EMBEDDING_DIM } from "../schemas/index.js";

const MiB = 1024 * 1024;
const CHUNK = 5000;

function randomUnit(random: () => number): number[] {
  const v = Array.from({ length: EMBEDDING_DIM }, () => random() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function benchFace(i: number, random: () => number): FaceDoc {
  return {
    faceId: `c${i}_p_0`,
    caseId: `c${i}`,
    photoId: "p",
    faceIndex: 0,
    caseKind: i % 2 ? "missing" : "found",
    caseStatus: "open",
    country: i % 2 ? "BI" : "RW",
    modelVersion: "bench",
    templateKeyId: "bench",
    quality: { faceSizePx: 100, sharpness: 100, brightness: 100, rollDeg: 0, yaw: 0, detectorScore: 0.9 },
    bbox: { x: 0, y: 0, width: 100, height: 100 },
    createdAt: new Date(0).toISOString(),
    embedding: randomUnit(random),
  };
}

export async function benchSearch(sizes: number[], queries = 50, results = 40) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "tora-bench-search-"));
    const db = openDatabase(join(dir, "faces.sqlite"));
    try {
      const index = localFaceIndex(db);
      for (let first = 0; first < size; first += CHUNK) {
        const faces = Array.from({ length: Math.min(CHUNK, size - first) }, (_, k) => benchFace(first + k, random));
        await index.replacePhotoFaces(`bulk${first}`, "p", faces);
      }
      const before = process.memoryUsage();
      const loadStart = performance.now();
      await index.findNearest({
        vector: Float32Array.from(randomUnit(random)),
        filter: {},
        limit: 1,
        distanceThreshold: ANY_DISTANCE,
      }); // load the cache
      const loadSeconds = (performance.now() - loadStart) / 1000;
      const times: number[] = [];
      const timesCountry: number[] = [];
      for (let q = 0; q < queries; q++) {
        const vector = Float32Array.from(randomUnit(random));
        let t = performance.now();
        await index.findNearest({
          vector,
          filter: { caseStatus: "open" },
          limit: results,
          distanceThreshold: distanceOf(CALIBRATION.threshold),
        });
        times.push(performance.now() - t);
        t = performance.now();
        await index.findNearest({
          vector,
          filter: { caseStatus: "open", country: "BI" },
          limit: results,
          distanceThreshold: distanceOf(CALIBRATION.threshold),
        });
        timesCountry.push(performance.now() - t);
      }
      const after = process.memoryUsage();
      const row = {
        faces: size,
        local_ms_median: median(times),
        local_ms_p95: percentile(times, 95),
        local_ms_median_country: median(timesCountry),
        firestore_reads_max: Math.ceil(size / 100) + results,
        firestore_reads_max_country: Math.ceil(size / 2 / 100) + results,
        load_s: loadSeconds,
        // what loading the index added, and the whole process after searching it
        index_mib: (after.rss - before.rss) / MiB,
        rss_mib: after.rss / MiB,
        heap_used_mib: after.heapUsed / MiB,
        array_buffers_mib: after.arrayBuffers / MiB,
      };
      console.log(
        `${size} faces: index loaded in ${row.load_s.toFixed(1)} s, +${row.index_mib.toFixed(0)} MiB; ` +
          `process RSS ${row.rss_mib.toFixed(0)} MiB, JS heap ${row.heap_used_mib.toFixed(0)} MiB`,
      );
      rows.push(row);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { queries_per_size: queries, results_per_query: results, rows };
}
