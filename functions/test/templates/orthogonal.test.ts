// The keyed orthogonal transform of template protection: orthogonal (every dot product kept),
// one matrix per key and the same one on any machine (stored vectors depend on it), and a key ring
// whose re-keying lands exactly where protecting under the new key would.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTemplateKeys, newTemplateKeySecret } from "../../src/adapters/crypto/template-keys.js";
import { multiply, multiplyTransposed, orthogonalFromKey } from "../../src/templates/index.js";

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** a random unit vector from a seeded generator (reproducible across runs) */
function unitVector(seed: number, dim = 128): Float32Array {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32 - 0.5;
  };
  const v = Array.from({ length: dim }, next);
  const n = Math.sqrt(dot(v, v));
  return Float32Array.from(v.map((x) => x / n));
}

const KEY = Buffer.from("dG9yYS1mYWNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzISE=", "base64");

describe("keyed orthogonal transform", () => {
  it("is orthogonal: R·Rᵀ = I to float64 precision", () => {
    const r = orthogonalFromKey(KEY, 128);
    const identity = multiplyTransposed(r, r);
    let worst = 0;
    for (let i = 0; i < 128; i++)
      for (let j = 0; j < 128; j++) worst = Math.max(worst, Math.abs(identity[i * 128 + j]! - (i === j ? 1 : 0)));
    expect(worst).toBeLessThan(1e-12);
  });

  it("keeps every cosine similarity (to float32 rounding) while moving the vectors far from where they were", () => {
    const r = orthogonalFromKey(KEY, 128);
    let worstError = 0;
    let closest = -1;
    for (let i = 0; i < 50; i++) {
      const x = unitVector(2 * i + 1);
      const y = unitVector(2 * i + 2);
      const [rx, ry] = [multiply(r, x), multiply(r, y)];
      worstError = Math.max(worstError, Math.abs(dot(rx, ry) - dot(x, y)), Math.abs(dot(rx, rx) - 1));
      // a protected vector is not the model's vector: compared with it, it is a random direction
      closest = Math.max(closest, dot(rx, x));
    }
    expect(worstError).toBeLessThan(1e-6);
    expect(closest).toBeLessThan(0.5);
  });

  it("is the same matrix for the same key, bit for bit (pinned), and another for another key", () => {
    const a = orthogonalFromKey(KEY, 128);
    const b = orthogonalFromKey(Buffer.from(KEY), 128);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    // the derivation is part of the stored data: changing it would strand every protected vector
    const digest = createHash("sha256").update(Buffer.from(a.buffer)).digest("hex");
    expect(digest).toBe(PINNED_DIGEST);
    const other = orthogonalFromKey(randomBytes(32), 128);
    const x = unitVector(7);
    expect(Math.abs(dot(multiply(a, x), multiply(other, x)))).toBeLessThan(0.5);
  });

  it("refuses a short key and a vector of the wrong dimension", () => {
    expect(() => orthogonalFromKey(Buffer.alloc(8), 128)).toThrow(/16 bytes/);
    expect(() => multiply(orthogonalFromKey(KEY, 4), unitVector(1, 5))).toThrow(/4-d transform cannot take a 5-d/);
  });
});

describe("template keys (the TEMPLATE_KEYS ring)", () => {
  const ring = `${newTemplateKeySecret("k2")},${newTemplateKeySecret("k1")}`;
  const keys = createTemplateKeys(ring);

  it("lists its ids newest first, protects under the oldest until a rotation, never exposes a key", () => {
    expect(keys.keyIds).toEqual(["k2", "k1"]);
    expect(keys.defaultKeyId).toBe("k1");
    expect(keys.has("k2")).toBe(true);
    expect(keys.has("k3")).toBe(false);
    expect(JSON.stringify(keys)).not.toContain(ring.split(":")[1]!.split(",")[0]!);
  });

  it("re-keys a protected vector to where protecting under the new key puts it, without the model's vector", () => {
    for (let i = 0; i < 20; i++) {
      const x = unitVector(100 + i);
      const moved = keys.rekey("k1", "k2", keys.protect("k1", x));
      const direct = keys.protect("k2", x);
      for (let j = 0; j < 128; j++) expect(Math.abs(moved[j]! - direct[j]!)).toBeLessThan(1e-6);
    }
    const [x, y] = [unitVector(1), unitVector(2)];
    // a probe under one key against a vector under the other: unrelated scores
    expect(Math.abs(dot(keys.protect("k1", x), keys.protect("k2", x)))).toBeLessThan(0.5);
    expect(dot(keys.rekey("k1", "k2", keys.protect("k1", x)), keys.protect("k2", y))).toBeCloseTo(dot(x, y), 5);
  });

  it("names the variable when a key is missing or the secret is malformed", () => {
    expect(() => keys.protect("k3", unitVector(1))).toThrow(/template key "k3" is not in TEMPLATE_KEYS/);
    expect(() => createTemplateKeys("nonsense")).toThrow(/template keys: expected "id:base64key/);
  });
});

/** sha256 of the float64 bytes of KEY's 128 × 128 matrix under derivation v1 */
const PINNED_DIGEST = "d88695cf9e0557445b3c9f2459a566ff759ab80cd837152e38680edc244cd814";
