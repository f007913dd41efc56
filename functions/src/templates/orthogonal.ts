// A secret orthogonal matrix derived from a key. Stored face vectors and search probes are
// multiplied by it: an orthogonal matrix keeps every dot product (R·x)·(R·y) = x·y, so cosine
// similarity — what search, verification, cross-match and candidate lists compute — is unchanged,
// while a vector taken from the store no longer lies in the public model's space.
//
// The derivation uses only IEEE-754 operations that every platform rounds the same way (+, −, ×,
// ÷, √) on a keystream from HMAC-SHA-256: the same key gives the same matrix bit for bit on any
// machine and any Node.js version. Stored vectors depend on that; a test pins the derivation.
import { createHmac } from "node:crypto";

/** derivation version: part of the keystream's label, so a different derivation can never be mistaken for this one */
const LABEL = "tora-face/template-transform/v1";

/** the keystream's uniform numbers in [0, 1): 2^32 steps from HMAC-SHA-256(key, label ‖ counter) */
function* uniforms(key: Uint8Array): Generator<number> {
  for (let counter = 0; ; counter++) {
    const block = createHmac("sha256", key).update(`${LABEL}/${counter}`).digest();
    for (let i = 0; i < block.length; i += 4) yield block.readUInt32BE(i) / 2 ** 32;
  }
}

/**
 * An approximately standard normal number from twelve uniforms (Irwin–Hall): no logarithm or
 * cosine, whose last bit may differ between libraries. The matrix need not be exactly Haar
 * distributed; it must be impossible to guess without the key.
 */
function normal(stream: Generator<number>): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += stream.next().value as number;
  return sum - 6;
}

/**
 * The dim × dim orthogonal matrix of a key (row-major, float64): the Q factor of a random
 * matrix's Householder QR decomposition, its columns' signs fixed by R's diagonal.
 */
export function orthogonalFromKey(key: Uint8Array, dim: number): Float64Array {
  if (key.length < 16) throw new Error("a template key needs at least 16 bytes");
  const stream = uniforms(key);
  // a: column-major working copy of the random matrix
  const a = new Float64Array(dim * dim);
  for (let i = 0; i < a.length; i++) a[i] = normal(stream);
  const reflectors: Float64Array[] = [];
  const signs = new Float64Array(dim);
  for (let k = 0; k < dim; k++) {
    // the Householder vector v that maps column k (rows k..) onto a multiple of e_k
    let norm = 0;
    for (let i = k; i < dim; i++) norm += a[k * dim + i]! * a[k * dim + i]!;
    norm = Math.sqrt(norm);
    const head = a[k * dim + k]!;
    const alpha = head > 0 ? -norm : norm;
    const v = new Float64Array(dim - k);
    v[0] = head - alpha;
    for (let i = k + 1; i < dim; i++) v[i - k] = a[k * dim + i]!;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i]! * v[i]!;
    // R's diagonal entry is alpha: its sign makes the factorisation unique
    signs[k] = alpha < 0 ? -1 : 1;
    if (vv === 0) {
      reflectors.push(new Float64Array(0));
      continue;
    }
    for (let j = k; j < dim; j++) {
      let dot = 0;
      for (let i = k; i < dim; i++) dot += v[i - k]! * a[j * dim + i]!;
      const f = (2 * dot) / vv;
      for (let i = k; i < dim; i++) a[j * dim + i] = a[j * dim + i]! - f * v[i - k]!;
    }
    const scaled = new Float64Array(v.length + 1);
    scaled.set(v);
    scaled[v.length] = vv;
    reflectors.push(scaled);
  }
  // Q = H_0 H_1 … H_{dim−1}, applied to the identity from the last reflector back
  const q = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) q[i * dim + i] = 1;
  for (let k = dim - 1; k >= 0; k--) {
    const r = reflectors[k]!;
    if (r.length === 0) continue;
    const vv = r[r.length - 1]!;
    for (let j = 0; j < dim; j++) {
      let dot = 0;
      for (let i = k; i < dim; i++) dot += r[i - k]! * q[i * dim + j]!;
      const f = (2 * dot) / vv;
      for (let i = k; i < dim; i++) q[i * dim + j] = q[i * dim + j]! - f * r[i - k]!;
    }
  }
  // Q·diag(sign(R_kk)): column k times the sign of R's k-th diagonal entry
  for (let i = 0; i < dim; i++) for (let k = 0; k < dim; k++) q[i * dim + k] = q[i * dim + k]! * signs[k]!;
  return q;
}

/** m·x for a row-major square matrix, accumulated in float64, rounded once to float32 */
export function multiply(m: Float64Array, x: ArrayLike<number>): Float32Array {
  const dim = x.length;
  if (m.length !== dim * dim) throw new Error(`a ${Math.sqrt(m.length)}-d transform cannot take a ${dim}-d vector`);
  const y = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    let sum = 0;
    for (let j = 0, base = i * dim; j < dim; j++) sum += m[base + j]! * x[j]!;
    y[i] = sum;
  }
  return y;
}

/** mᵀ·x: a protected vector taken back to the model's own space (an orthogonal matrix's inverse is its transpose) */
export function multiplyByTranspose(m: Float64Array, x: ArrayLike<number>): Float32Array {
  const dim = x.length;
  if (m.length !== dim * dim) throw new Error(`a ${Math.sqrt(m.length)}-d transform cannot take a ${dim}-d vector`);
  const y = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += m[j * dim + i]! * x[j]!;
    y[i] = sum;
  }
  return y;
}

/** a·bᵀ: the transform that takes vectors from b's space to a's (b's inverse is its transpose) */
export function multiplyTransposed(a: Float64Array, b: Float64Array): Float64Array {
  const dim = Math.round(Math.sqrt(a.length));
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += a[i * dim + k]! * b[j * dim + k]!;
      out[i * dim + j] = sum;
    }
  return out;
}
