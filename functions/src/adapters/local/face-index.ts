// Exact nearest-neighbour search with Firestore's semantics: COSINE distance (1 − cosine),
// equality prefilters, a distance threshold, a limit. Embeddings are cached in memory as one
// float32 matrix (scored in WebAssembly SIMD) with the prefilter fields as one byte per face, and
// reloaded when another process changed the faces table; a face's document is read from SQLite
// only when it is returned.
import type { DatabaseSync } from "node:sqlite";
import type { CaseFaceScore, FaceIndex, FacePrefilter } from "../../ports/index.js";
import type { FaceDoc } from "../../schemas/index.js";
import { transaction } from "./database.js";
import { writePhotoFaces } from "./face-vectors.js";
import { createDotProducts, type DotProducts } from "./simd-dot.js";

/** one prefilter field: a code per face, and the code of each value seen */
interface Column {
  codes: Uint8Array;
  values: Map<string, number>;
}

interface Cache {
  version: number;
  count: number;
  dim: number;
  rowids: Float64Array;
  dots: DotProducts;
  /** the largest embedding norm: bounds the float32 rounding of the scores */
  maxNorm: number;
  kind: Column;
  status: Column;
  country: Column;
  /** the model version that made each vector and the template key that protects it (two spaces live side by side during a migration) */
  model: Column;
  key: Column;
  /** each row's case and face reference: read on the first scoreCases of this version only */
  refs?: { caseOf: Int32Array; cases: string[]; faces: (CaseFaceScore["face"] | undefined)[] };
}

export function localFaceIndex(db: DatabaseSync): FaceIndex {
  const versionStmt = db.prepare("SELECT value FROM meta WHERE name = 'faces_version'");
  const bump = db.prepare("UPDATE meta SET value = value + 1 WHERE name = 'faces_version'");
  const readFace = db.prepare("SELECT data, case_status FROM faces WHERE rowid = ?");
  let cache: Cache | undefined;

  function load(): Cache {
    const version = Number((versionStmt.get() as { value: number }).value);
    if (cache?.version === version) return cache;
    cache = undefined; // let the old matrix go before the new one is built
    const count = Number((db.prepare("SELECT COUNT(*) AS n FROM faces").get() as { n: number }).n);
    const first = db.prepare("SELECT embedding FROM faces LIMIT 1").get() as { embedding: Uint8Array } | undefined;
    const dim = first ? first.embedding.byteLength / 4 : 0;
    const dots = createDotProducts(count, dim);
    const rowids = new Float64Array(count);
    const kind = column(count),
      status = column(count),
      country = column(count),
      model = column(count),
      key = column(count);
    let maxNorm = 0;
    let i = 0;
    const rows = db
      .prepare(
        "SELECT rowid, embedding, case_kind, case_status, country, json_extract(data, '$.modelVersion') AS model_version, json_extract(data, '$.templateKeyId') AS template_key FROM faces ORDER BY face_id",
      )
      .iterate();
    for (const row of rows as Iterable<{
      rowid: number;
      embedding: Uint8Array;
      case_kind: string;
      case_status: string;
      country: string;
      model_version: string;
      template_key: string;
    }>) {
      const v = new Float32Array(row.embedding.buffer, row.embedding.byteOffset, dim);
      dots.rows.set(v, i * dim);
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += v[d]! * v[d]!;
      maxNorm = Math.max(maxNorm, Math.sqrt(norm));
      rowids[i] = row.rowid;
      encode(kind, i, row.case_kind);
      encode(status, i, row.case_status);
      encode(country, i, row.country);
      encode(model, i, row.model_version);
      encode(key, i, row.template_key);
      i++;
    }
    cache = { version, count, dim, rowids, dots, maxNorm, kind, status, country, model, key };
    return cache;
  }

  /** each row's case (and, once a case's best row is known, its face reference), built when first needed */
  function refsOf(index: Cache): NonNullable<Cache["refs"]> {
    if (index.refs) return index.refs;
    const rowOf = new Map<number, number>();
    index.rowids.forEach((rowid, row) => rowOf.set(rowid, row));
    const caseOf = new Int32Array(index.count).fill(-1);
    const cases: string[] = [];
    const caseIndex = new Map<string, number>();
    for (const r of db.prepare("SELECT rowid, case_id FROM faces").iterate() as Iterable<{
      rowid: number;
      case_id: string;
    }>) {
      const row = rowOf.get(r.rowid);
      if (row === undefined) continue; // written by another process after the matrix was read: the next version has it
      let c = caseIndex.get(r.case_id);
      if (c === undefined) caseIndex.set(r.case_id, (c = cases.push(r.case_id) - 1));
      caseOf[row] = c;
    }
    index.refs = { caseOf, cases, faces: [] };
    return index.refs;
  }

  const readRef = db.prepare(
    "SELECT json_extract(data, '$.faceId') AS face_id, case_id, photo_id, json_extract(data, '$.faceIndex') AS face_index, json_extract(data, '$.photoDate') AS photo_date, json_extract(data, '$.modelVersion') AS model_version, json_extract(data, '$.templateKeyId') AS template_key FROM faces WHERE rowid = ?",
  );
  function faceRef(index: Cache, row: number): CaseFaceScore["face"] {
    const refs = refsOf(index);
    const known = refs.faces[row];
    if (known) return known;
    const r = readRef.get(index.rowids[row]!) as {
      face_id: string;
      case_id: string;
      photo_id: string;
      face_index: number;
      photo_date: string | null;
      model_version: string;
      template_key: string;
    };
    const ref = {
      faceId: r.face_id,
      caseId: r.case_id,
      photoId: r.photo_id,
      faceIndex: Number(r.face_index),
      ...(r.photo_date ? { photoDate: r.photo_date } : {}),
      modelVersion: r.model_version,
      templateKeyId: r.template_key,
    };
    refs.faces[row] = ref;
    return ref;
  }

  function face(rowid: number): Omit<FaceDoc, "embedding"> {
    const row = readFace.get(rowid) as { data: string; case_status: string };
    return {
      ...(JSON.parse(row.data) as Omit<FaceDoc, "embedding">),
      caseStatus: row.case_status as FaceDoc["caseStatus"],
    };
  }

  return {
    async replacePhotoFaces(caseId, photoId, faces) {
      transaction(db, () => writePhotoFaces(db, caseId, photoId, faces));
    },

    async findNearest({ vector, filter, limit, distanceThreshold }) {
      const index = load();
      if (index.dim !== 0 && index.dim !== vector.length)
        throw new Error(`query vector has ${vector.length} dimensions, the index ${index.dim}`);
      return nearest(index, vector, filter, limit, distanceThreshold).map(({ row, distance }) => ({
        face: face(index.rowids[row]!),
        distance,
      }));
    },

    async scoreCases({ vectors, filter }) {
      const index = load();
      if (index.count === 0 || vectors.length === 0) return [];
      for (const v of vectors)
        if (index.dim !== v.length) throw new Error(`query vector has ${v.length} dimensions, the index ${index.dim}`);
      const passes = prefilterOf(index, filter);
      if (!passes) return [];
      const refs = refsOf(index);
      const cases = refs.cases.length;
      const best = new Float64Array(cases).fill(-Infinity);
      const bestRow = new Int32Array(cases).fill(-1);
      const bestQuery = new Int32Array(cases);
      const rough = new Float32Array(cases);
      const rows = index.dots.rows;
      vectors.forEach((vector, q) => {
        const scores = index.dots.scores(vector);
        let norm = 0;
        for (let d = 0; d < index.dim; d++) norm += vector[d]! * vector[d]!;
        const slack = 2 * index.dim * 2 ** -24 * index.maxNorm * Math.sqrt(norm) + 1e-12;
        // each case's best float32 score; then every row within the rounding's bound of it scored
        // exactly (float64, as a plain scan), so the best face and its score are a plain scan's
        rough.fill(-Infinity);
        for (let i = 0; i < index.count; i++) {
          const c = refs.caseOf[i]!;
          if (c >= 0 && scores[i]! > rough[c]! && passes(i)) rough[c] = scores[i]!;
        }
        for (let i = 0; i < index.count; i++) {
          const c = refs.caseOf[i]!;
          if (c < 0 || scores[i]! < rough[c]! - 2 * slack || !passes(i)) continue;
          let dot = 0;
          for (let d = 0, base = i * index.dim; d < index.dim; d++) dot += rows[base + d]! * vector[d]!;
          if (dot > best[c]! || (dot === best[c]! && i < bestRow[c]!)) {
            best[c] = dot;
            bestRow[c] = i;
            bestQuery[c] = q;
          }
        }
      });
      const out: CaseFaceScore[] = [];
      for (let c = 0; c < cases; c++)
        if (bestRow[c]! >= 0)
          out.push({ face: faceRef(index, bestRow[c]!), similarity: best[c]!, query: bestQuery[c]! });
      return out.sort((a, b) => b.similarity - a.similarity || (a.face.caseId < b.face.caseId ? -1 : 1));
    },

    async followCaseStatus(caseId) {
      transaction(db, () => {
        const status = db
          .prepare("SELECT json_extract(data, '$.status') AS status FROM docs WHERE collection = 'cases' AND id = ?")
          .get(caseId) as { status: string } | undefined;
        if (!status) return;
        if (
          Number(
            db
              .prepare("UPDATE faces SET case_status = ? WHERE case_id = ? AND case_status <> ?")
              .run(status.status, caseId, status.status).changes,
          ) > 0
        )
          bump.run();
      });
    },

    async listForCase(caseId) {
      const rows = db
        .prepare("SELECT data, embedding, case_status FROM faces WHERE case_id = ? ORDER BY face_id")
        .all(caseId) as {
        data: string;
        embedding: Uint8Array;
        case_status: FaceDoc["caseStatus"];
      }[];
      return rows.map((r) => {
        const vector = new Float32Array(r.embedding.buffer, r.embedding.byteOffset, r.embedding.byteLength / 4);
        return {
          ...(JSON.parse(r.data) as Omit<FaceDoc, "embedding">),
          caseStatus: r.case_status,
          embedding: Array.from(vector),
        };
      });
    },

    async countForCase(caseId) {
      return Number((db.prepare("SELECT COUNT(*) AS n FROM faces WHERE case_id = ?").get(caseId) as { n: number }).n);
    },
  };
}

function column(count: number): Column {
  return { codes: new Uint8Array(count), values: new Map() };
}

function encode(col: Column, row: number, value: string): void {
  let code = col.values.get(value);
  if (code === undefined) {
    code = col.values.size;
    if (code > 255) throw new Error(`more than 256 distinct prefilter values (${value})`);
    col.values.set(value, code);
  }
  col.codes[row] = code;
}

/**
 * The rows a plain scan would return, in its order. The SIMD scores are float32 sums, off from
 * the exact float64 sum by at most `slack`: every row that could be among the `limit` best within
 * the threshold is kept by the float32 scores with that slack, then scored exactly (float64, in
 * dimension order, as a plain scan does), thresholded, stably sorted and cut. Ties and rows at
 * the threshold come out exactly as a plain scan gives them.
 */
function nearest(
  index: Cache,
  vector: Float32Array,
  filter: FacePrefilter,
  limit: number,
  distanceThreshold: number,
): { row: number; distance: number }[] {
  const { count, dim } = index;
  const passes = prefilterOf(index, filter);
  if (!passes || count === 0 || limit < 1) return [];

  const scores = index.dots.scores(vector);
  let queryNorm = 0;
  for (let d = 0; d < dim; d++) queryNorm += vector[d]! * vector[d]!;
  // recursive float32 summation of dim products: error <= dim * 2^-24 * |row| * |query|; doubled
  const slack = 2 * dim * 2 ** -24 * index.maxNorm * Math.sqrt(queryNorm) + 1e-12;
  const minScore = 1 - distanceThreshold - slack;

  // the limit-th best float32 score among the rows that pass
  const best = new TopScores(Math.min(Math.floor(limit), count));
  for (let i = 0; i < count; i++) if (scores[i]! >= minScore && passes(i)) best.offer(scores[i]!);
  const floor = Math.max(minScore, best.full ? best.lowest - 2 * slack : -Infinity);

  const hits: { row: number; distance: number }[] = [];
  const rows = index.dots.rows;
  for (let i = 0; i < count; i++) {
    if (scores[i]! < floor || !passes(i)) continue;
    let dot = 0;
    for (let d = 0, base = i * dim; d < dim; d++) dot += rows[base + d]! * vector[d]!;
    const distance = 1 - dot;
    if (distance <= distanceThreshold) hits.push({ row: i, distance });
  }
  return hits.sort((a, b) => a.distance - b.distance).slice(0, limit);
}

/** the rows' prefilter test, or undefined when a wanted value is one no face has (nothing can match) */
function prefilterOf(index: Cache, filter: FacePrefilter): ((row: number) => boolean) | undefined {
  const wanted = [
    wantedCode(index.kind, filter.caseKind),
    wantedCode(index.status, filter.caseStatus),
    wantedCode(index.country, filter.country),
    wantedCode(index.model, filter.space?.modelVersion),
    wantedCode(index.key, filter.space?.templateKeyId),
  ];
  if (wanted.includes(null)) return undefined;
  const [kind, status, country, model, key] = wanted as number[];
  return (i: number): boolean =>
    (kind! < 0 || index.kind.codes[i] === kind) &&
    (status! < 0 || index.status.codes[i] === status) &&
    (country! < 0 || index.country.codes[i] === country) &&
    (model! < 0 || index.model.codes[i] === model) &&
    (key! < 0 || index.key.codes[i] === key);
}

/** -1: no filter on this field; null: a value no face has (nothing can match) */
function wantedCode(col: Column, value: string | undefined): number | null {
  if (!value) return -1;
  return col.values.get(value) ?? null;
}

/** the `size` highest scores seen: a binary min-heap */
class TopScores {
  private readonly heap: Float64Array;
  private length = 0;
  constructor(private readonly size: number) {
    this.heap = new Float64Array(size);
  }
  get full(): boolean {
    return this.length === this.size;
  }
  get lowest(): number {
    return this.heap[0]!;
  }
  offer(score: number): void {
    const h = this.heap;
    if (this.length < this.size) {
      let i = this.length++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent]! <= score) break;
        h[i] = h[parent]!;
        i = parent;
      }
      h[i] = score;
      return;
    }
    if (score <= h[0]!) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const child = left + 1 < this.size && h[left + 1]! < h[left]! ? left + 1 : left;
      if (h[child]! >= score) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = score;
  }
}
