import { describe, expect, it } from "vitest";
import { iou, nms } from "../../src/engine/nms.js";

const box = (x: number, y: number, s = 10) => ({ x, y, width: s, height: s });

describe("NMS", () => {
  it("computes intersection over union", () => {
    expect(iou(box(0, 0), box(0, 0))).toBe(1);
    expect(iou(box(0, 0), box(20, 20))).toBe(0);
    expect(iou(box(0, 0), box(5, 0))).toBeCloseTo(50 / 150, 9);
  });

  it("keeps the best of overlapping boxes and every separate one", () => {
    const kept = nms(
      [
        { box: box(0, 0), score: 0.7 },
        { box: box(1, 1), score: 0.9 },
        { box: box(50, 50), score: 0.6 },
        { box: box(8, 0), score: 0.8 },
      ],
      0.3,
    );
    expect(kept.map((k) => k.score)).toEqual([0.9, 0.8, 0.6]);
  });
});
