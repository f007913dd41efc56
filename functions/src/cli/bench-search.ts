// `tora-face bench-search --faces 1000,10000,100000`: local exact search latency on random unit
// vectors, and what the same search costs on Firestore by its pricing rule for vector queries
// (1 read per 100 index entries scanned, plus 1 per result returned).
import { performance } from "node:perf_hooks";
import { localFaceIndex } from "../adapters/local/face-index.js";
import { openDatabase } from "../adapters/local/database.js";
import { median, percentile } from "../bench/stats.js";
import type { FaceDoc } from "../schemas/index.js";
import { EMBEDDING_DIM } from "../schemas/index.js";

function randomUnit(random: () => number): number[] {
  const v = Array.from({ length: EMBEDDING_DIM }, () => random() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export async function benchSearch(sizes: number[], queries = 50, results = 40) {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const rows = [];
  for (const size of sizes) {
    const index = localFaceIndex(openDatabase(":memory:"));
    const faces: FaceDoc[] = Array.from({ length: size }, (_, i) => ({
      faceId: `c${i}_p_0`,
      caseId: `c${i}`,
      photoId: "p",
      faceIndex: 0,
      caseKind: i % 2 ? "missing" : "found",
      caseStatus: "open",
      country: i % 2 ? "BI" : "RW",
      modelVersion: "bench",
      quality: { faceSizePx: 100, sharpness: 100, brightness: 100, rollDeg: 0, yaw: 0, detectorScore: 0.9 },
      bbox: { x: 0, y: 0, width: 100, height: 100 },
      createdAt: new Date(0).toISOString(),
      embedding: randomUnit(random),
    }));
    for (let i = 0; i < faces.length; i += 5000) await index.replacePhotoFaces(`bulk${i}`, "p", faces.slice(i, i + 5000));
    await index.findNearest({ vector: Float32Array.from(randomUnit(random)), filter: {}, limit: 1, distanceThreshold: 2 }); // load the cache
    const times: number[] = [];
    const timesCountry: number[] = [];
    for (let q = 0; q < queries; q++) {
      const vector = Float32Array.from(randomUnit(random));
      let t = performance.now();
      await index.findNearest({ vector, filter: { caseStatus: "open" }, limit: results, distanceThreshold: 0.68 });
      times.push(performance.now() - t);
      t = performance.now();
      await index.findNearest({ vector, filter: { caseStatus: "open", country: "BI" }, limit: results, distanceThreshold: 0.68 });
      timesCountry.push(performance.now() - t);
    }
    const scanned = size;
    const scannedCountry = Math.ceil(size / 2);
    rows.push({
      faces: size,
      local_ms_median: median(times),
      local_ms_p95: percentile(times, 95),
      local_ms_median_country: median(timesCountry),
      firestore_reads_max: Math.ceil(scanned / 100) + results,
      firestore_reads_max_country: Math.ceil(scannedCountry / 100) + results,
    });
  }
  return { queries_per_size: queries, results_per_query: results, rows };
}
