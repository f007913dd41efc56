// The local index scores in WebAssembly SIMD (float32) and re-scores its candidates exactly: its
// answers must be exactly those of a plain float64 scan in face order, ties and threshold included.
import type { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { DocTable, openDatabase } from "../../src/adapters/local/database.js";
import { localFaceIndex } from "../../src/adapters/local/face-index.js";
import { createDotProducts } from "../../src/adapters/local/simd-dot.js";
import type { FacePrefilter, NearestFace } from "../../src/ports/index.js";
import type { CaseKind, CaseStatus, Country, FaceDoc } from "../../src/schemas/index.js";

const DIM = 128;

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function unit(random: () => number): number[] {
  const v = Array.from({ length: DIM }, () => random() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

interface Row {
  face: NearestFace["face"];
  embedding: Float32Array;
  kind: string;
  status: string;
  country: string;
}

function readFaces(db: DatabaseSync): Row[] {
  const rows = db
    .prepare("SELECT data, embedding, case_kind, case_status, country FROM faces ORDER BY face_id")
    .all() as {
    data: string;
    embedding: Uint8Array;
    case_kind: string;
    case_status: string;
    country: string;
  }[];
  return rows.map((r) => ({
    face: { ...JSON.parse(r.data), caseStatus: r.case_status },
    embedding: new Float32Array(r.embedding.buffer, r.embedding.byteOffset, DIM),
    kind: r.case_kind,
    status: r.case_status,
    country: r.country,
  }));
}

/** the plain scan the index replaces: every face in face order, float64 dot products */
function plainScan(
  rows: Row[],
  vector: Float32Array,
  filter: FacePrefilter,
  limit: number,
  distanceThreshold: number,
): NearestFace[] {
  const hits: NearestFace[] = [];
  for (const r of rows) {
    if (
      (filter.caseKind && r.kind !== filter.caseKind) ||
      (filter.caseStatus && r.status !== filter.caseStatus) ||
      (filter.country && r.country !== filter.country) ||
      (filter.space &&
        (r.face.modelVersion !== filter.space.modelVersion || r.face.templateKeyId !== filter.space.templateKeyId))
    )
      continue;
    let dot = 0;
    for (let d = 0; d < DIM; d++) dot += r.embedding[d]! * vector[d]!;
    if (1 - dot <= distanceThreshold) hits.push({ face: r.face, distance: 1 - dot });
  }
  return hits.sort((a, b) => a.distance - b.distance).slice(0, limit);
}

describe("local face index", () => {
  it("returns exactly what a plain scan returns, with prefilters, ties and thresholds", async () => {
    const random = seeded(7);
    const db = openDatabase(":memory:");
    const index = localFaceIndex(db);
    const kinds: CaseKind[] = ["missing", "found"];
    const statuses: CaseStatus[] = ["open", "resolved", "closed"];
    const countries: Country[] = ["BI", "RW"];
    const stored: number[][] = [];
    for (let c = 0; c < 300; c++) {
      const faces: FaceDoc[] = Array.from({ length: 10 }, (_, k) => {
        // some faces repeat an earlier one exactly (ties), some differ from one in the last bits
        // (closer than float32 scores can tell apart), some are near one
        const earlier = (): number[] => stored[Math.floor(random() * stored.length)]!;
        const embedding =
          stored.length === 0
            ? unit(random)
            : k % 7 === 3
              ? earlier()
              : k % 7 === 5
                ? lastBits(earlier(), random)
                : k % 5 === 1
                  ? nudge(earlier(), random)
                  : unit(random);
        stored.push(embedding);
        return {
          faceId: `f${String(c).padStart(4, "0")}_${k}`,
          caseId: `c${c}`,
          photoId: "p",
          faceIndex: k,
          caseKind: kinds[c % 2]!,
          caseStatus: statuses[c % 3]!,
          country: countries[Math.floor(c / 2) % 2]!,
          // two template keys side by side, as during a key rotation
          modelVersion: "test",
          templateKeyId: c % 5 === 0 ? "k2" : "k1",
          quality: { faceSizePx: 100, sharpness: 100, brightness: 100, rollDeg: 0, yaw: 0, detectorScore: 0.9 },
          bbox: { x: k, y: 0, width: 100, height: 100 },
          createdAt: new Date(0).toISOString(),
          embedding,
        };
      });
      await index.replacePhotoFaces(`c${c}`, "p", faces);
    }
    const filters: FacePrefilter[] = [
      {},
      { caseStatus: "open" },
      { caseKind: "found", country: "RW" },
      { caseKind: "missing", caseStatus: "closed", country: "BI" },
      { caseStatus: "open", space: { modelVersion: "test", templateKeyId: "k1" } },
      { caseKind: "found", space: { modelVersion: "test", templateKeyId: "k2" } },
    ];
    const rows = readFaces(db);
    let compared = 0;
    let nonEmpty = 0;
    for (let q = 0; q < 24; q++) {
      // stored vectors (distance 0 and exact ties), near ones, and random ones
      const query = q % 3 === 0 ? stored[q * 37]! : q % 3 === 1 ? nudge(stored[q * 53]!, random) : unit(random);
      const vector = Float32Array.from(query);
      for (const filter of filters) {
        // a threshold exactly at a face's distance: that face is in, however its float32 score rounds
        const atFace = plainScan(rows, vector, filter, 3, 2).at(-1)?.distance ?? 0.5;
        for (const [limit, threshold] of [
          [1, 0.68],
          [5, 0.68],
          [40, 1],
          [40, 2],
          [5000, 2],
          [3, 0.0001],
          [10, atFace],
        ] as const) {
          const expected = plainScan(rows, vector, filter, limit, threshold);
          expect(await index.findNearest({ vector, filter, limit, distanceThreshold: threshold })).toEqual(expected);
          compared++;
          if (expected.length > 0) nonEmpty++;
        }
      }
    }
    expect(compared).toBe(24 * 6 * 7);
    expect(nonEmpty).toBeGreaterThan(compared / 2);

    // a status change reaches the prefilter (the cache reloads)
    new DocTable(db, "cases").put("c0", { id: "c0", status: "closed" });
    await index.followCaseStatus("c0");
    const vector = Float32Array.from(stored[0]!);
    const closed = await index.findNearest({
      vector,
      filter: { caseStatus: "closed" },
      limit: 3,
      distanceThreshold: 0.01,
    });
    const changed = readFaces(db);
    expect(closed).toEqual(plainScan(changed, vector, { caseStatus: "closed" }, 3, 0.01));
    expect(closed[0]).toMatchObject({ face: { caseId: "c0", caseStatus: "closed" } });
    expect(
      await index.findNearest({
        vector,
        filter: { caseKind: "found", caseStatus: "resolved" },
        limit: 3,
        distanceThreshold: 2,
      }),
    ).toEqual(plainScan(changed, vector, { caseKind: "found", caseStatus: "resolved" }, 3, 2));
  });

  it("finds nothing in an empty index or for a value no face has", async () => {
    const db = openDatabase(":memory:");
    const index = localFaceIndex(db);
    const vector = Float32Array.from(unit(seeded(1)));
    expect(await index.findNearest({ vector, filter: {}, limit: 5, distanceThreshold: 2 })).toEqual([]);
  });
});

describe("SIMD dot products", () => {
  it.each([128, 48, 20])("agree with float64 sums to float32 rounding (%i dimensions)", (dim) => {
    const random = seeded(dim);
    const count = 257;
    const dots = createDotProducts(count, dim);
    for (let i = 0; i < count * dim; i++) dots.rows[i] = random() * 2 - 1;
    const query = Float32Array.from({ length: dim }, () => random() * 2 - 1);
    const scores = dots.scores(query);
    for (let i = 0; i < count; i++) {
      let exact = 0;
      let magnitude = 0;
      for (let d = 0; d < dim; d++) {
        exact += dots.rows[i * dim + d]! * query[d]!;
        magnitude += Math.abs(dots.rows[i * dim + d]! * query[d]!);
      }
      expect(Math.abs(scores[i]! - exact)).toBeLessThanOrEqual(dim * 2 ** -24 * magnitude + 1e-30);
    }
  });
});

/** a copy with a few components moved by one float32 step */
function lastBits(v: number[], random: () => number): number[] {
  const w = Float32Array.from(v);
  const bits = new Int32Array(w.buffer);
  for (let k = 0; k < 4; k++) bits[Math.floor(random() * DIM)]! += random() < 0.5 ? 1 : -1;
  return Array.from(w);
}

function nudge(v: number[], random: () => number): number[] {
  const w = v.map((x) => x + (random() - 0.5) * 0.02);
  const n = Math.hypot(...w);
  return w.map((x) => x / n);
}
