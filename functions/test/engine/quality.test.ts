import { describe, expect, it } from "vitest";
import { DEFAULT_QUALITY_RULES, laplacianVariance, qualityIssues } from "../../src/engine/quality.js";
import { verdictFor } from "../../src/engine/engine.js";
import type { AnalyzedFace, FaceQuality } from "../../src/engine/types.js";

const good: FaceQuality = {
  faceSizePx: 120,
  sharpness: 300,
  brightness: 120,
  rollDeg: 2,
  yaw: 0.1,
  detectorScore: 0.92,
};

describe("quality rules", () => {
  it("accepts an ordinary good face", () => {
    expect(qualityIssues(good)).toEqual([]);
  });

  it("explains every failure in words with the numbers", () => {
    expect(
      qualityIssues({ ...good, faceSizePx: 38 }, { ...DEFAULT_QUALITY_RULES, minFaceSizePx: 64 })[0]!.message,
    ).toBe("face too small (38 px, need 64)");
    expect(qualityIssues({ ...good, brightness: 10 }).map((i) => i.message)).toEqual(["image too dark"]);
    expect(qualityIssues({ ...good, brightness: 250 }).map((i) => i.code)).toEqual(["too_bright"]);
    expect(qualityIssues({ ...good, sharpness: 3 }).map((i) => i.code)).toEqual(["too_blurry"]);
    expect(qualityIssues({ ...good, yaw: -1.6 }).map((i) => i.code)).toEqual(["pose_too_strong"]);
    expect(qualityIssues({ ...good, detectorScore: 0.61 }).map((i) => i.message)).toEqual([
      "face not clearly visible (detector confidence 61 %)",
    ]);
  });

  it("measures no sharpness on a flat image and a lot on a checkerboard", () => {
    const flat = new Float32Array(112 * 112).fill(128);
    const checker = Float32Array.from({ length: 112 * 112 }, (_, i) =>
      ((i % 112) + Math.floor(i / 112)) % 2 ? 255 : 0,
    );
    expect(laplacianVariance(flat)).toBe(0);
    expect(laplacianVariance(checker)).toBeGreaterThan(10_000);
  });
});

describe("photo verdict", () => {
  const face = (accepted: boolean, message = "image too dark"): AnalyzedFace => ({
    index: 0,
    detection: {
      box: { x: 0, y: 0, width: 10, height: 10 },
      landmarks: Array(5).fill({ x: 0, y: 0 }) as AnalyzedFace["detection"]["landmarks"],
      score: 0.9,
    },
    quality: good,
    issues: accepted ? [] : [{ code: "too_dark", message }],
    accepted,
    embedding: new Float32Array(128),
  });

  it("says no face found", () => {
    expect(verdictFor([], "all")).toEqual({
      status: "rejected",
      reasons: [{ code: "no_face", message: "no face found" }],
    });
  });
  it("asks to choose one when a single face is required", () => {
    expect(verdictFor([face(true), face(true), face(true)], "single").reasons[0]!.message).toBe(
      "3 faces found; choose one",
    );
  });
  it("accepts when any face is usable, else gives each distinct reason once", () => {
    expect(verdictFor([face(false), face(true)], "all").status).toBe("accepted");
    expect(verdictFor([face(false), face(false)], "all").reasons).toEqual([
      { code: "too_dark", message: "image too dark" },
    ]);
  });
});
