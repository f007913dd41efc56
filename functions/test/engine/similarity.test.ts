import { describe, expect, it } from "vitest";
import { applySimilarity, estimateSimilarity, invertSimilarity, similarityScale } from "../../src/engine/similarity.js";
import { ARCFACE_TEMPLATE, warpBilinear } from "../../src/engine/align.js";

describe("similarity transform", () => {
  it("recovers a known rotation, scale and translation exactly", () => {
    const truth = { a: 1.5 * Math.cos(0.3), b: 1.5 * Math.sin(0.3), tx: 12, ty: -7 };
    const dst = ARCFACE_TEMPLATE.map((p) => applySimilarity(truth, p));
    const m = estimateSimilarity(ARCFACE_TEMPLATE, dst);
    expect(m.a).toBeCloseTo(truth.a, 9);
    expect(m.b).toBeCloseTo(truth.b, 9);
    expect(m.tx).toBeCloseTo(truth.tx, 9);
    expect(m.ty).toBeCloseTo(truth.ty, 9);
    expect(similarityScale(m)).toBeCloseTo(1.5, 9);
  });

  it("is the least-squares fit for noisy points and never reflects", () => {
    const mirrored = ARCFACE_TEMPLATE.map((p) => ({ x: -p.x, y: p.y }));
    const m = estimateSimilarity(ARCFACE_TEMPLATE, mirrored);
    // a reflection cannot be expressed: the fit is worse than identity-level but finite
    const error = ARCFACE_TEMPLATE.reduce(
      (s, p, i) => s + Math.hypot(applySimilarity(m, p).x - mirrored[i]!.x, applySimilarity(m, p).y - mirrored[i]!.y),
      0,
    );
    expect(error).toBeGreaterThan(10);
  });

  it("inverts", () => {
    const m = { a: 0.8, b: -0.4, tx: 3, ty: 9 };
    const p = { x: 17, y: -4 };
    const back = applySimilarity(invertSimilarity(m), applySimilarity(m, p));
    expect(back.x).toBeCloseTo(p.x, 9);
    expect(back.y).toBeCloseTo(p.y, 9);
  });

  it("rejects coincident points", () => {
    expect(() =>
      estimateSimilarity(
        [
          { x: 1, y: 1 },
          { x: 1, y: 1 },
        ],
        [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      ),
    ).toThrow(/coincide/);
  });
});

describe("bilinear warp", () => {
  it("copies pixels exactly under the identity transform and blacks out the outside", () => {
    const width = 200,
      height = 150;
    const data = Buffer.alloc(width * height * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
    const crop = warpBilinear({ data, width, height }, { a: 1, b: 0, tx: 10, ty: 20 });
    expect(crop[0]).toBe(data[(20 * width + 10) * 3]);
    expect(crop[(5 * 112 + 9) * 3 + 2]).toBe(data[(25 * width + 19) * 3 + 2]);
    const outside = warpBilinear({ data, width, height }, { a: 1, b: 0, tx: 500, ty: 0 });
    expect(outside.every((v) => v === 0)).toBe(true);
  });

  it("interpolates half way between neighbours", () => {
    const data = Buffer.from([0, 0, 0, 100, 100, 100, 0, 0, 0, 100, 100, 100]);
    const crop = warpBilinear({ data, width: 2, height: 2 }, { a: 1, b: 0, tx: 0.5, ty: 0 });
    expect(crop[0]).toBe(50);
  });
});
