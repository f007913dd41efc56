// Each stage reads the photo at the resolution it needs: these tests pin that reading a large
// photo at reduced sizes gives the same faces as decoding every pixel.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { alignFace, CROP_SIZE } from "../../src/engine/align.js";
import { describesSrgb, inspectImage } from "../../src/engine/decode.js";
import { detectorGeometry } from "../../src/engine/detect.js";
import { cosine, createFaceEngine, type FaceEngine } from "../../src/engine/index.js";
import type { Landmarks } from "../../src/engine/types.js";
import { MODELS, skipReason, smoke } from "../support/data.js";
import { pixelBombPng } from "../support/images.js";

describe("detector geometry", () => {
  it("upsamples a small photo no further than the next multiple of 32", () => {
    const mugshot = detectorGeometry({ width: 480, height: 600 }, 640);
    expect([mugshot.width, mugshot.height, mugshot.pad]).toEqual([486, 608, 0]);
    // a 250 px crop gets a neutral border of a quarter of its size: 376 px in all, fitted to 384
    const crop = detectorGeometry({ width: 250, height: 250 }, 640);
    expect([crop.width, crop.height, crop.pad, crop.scale]).toEqual([255, 255, 64, 376 / 384]);
  });
  it("shrinks a large photo so its longer side fits the detector", () => {
    const g = detectorGeometry({ width: 4160, height: 3120 }, 640);
    expect(g.scale).toBeCloseTo(6.5, 6);
    expect([g.width, g.height, g.pad]).toEqual([640, 480, 0]);
  });
});

describe("reading the header", () => {
  it("gives the upright size and refuses a pixel bomb before decoding it", async () => {
    const rotated = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#808080" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await inspectImage(rotated)).toMatchObject({ format: "jpeg", width: 30, height: 40 });
    await expect(inspectImage(pixelBombPng())).rejects.toMatchObject({ code: "pixel_limit" });
  });
  it("knows an sRGB colour profile from others, so only the others are converted", async () => {
    const tagged = (profile: string) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: "#808080" } })
        .withIccProfile(profile)
        .jpeg()
        .toBuffer();
    const profileOf = async (bytes: Buffer) => (await sharp(bytes).metadata()).icc!;
    expect(describesSrgb(await profileOf(await tagged("srgb")))).toBe(true);
    expect(describesSrgb(await profileOf(await tagged("p3")))).toBe(false);
    expect((await inspectImage(await tagged("p3"))).srgb).toBe(false);
    expect(
      (
        await inspectImage(
          await sharp({ create: { width: 8, height: 8, channels: 3, background: "#808080" } })
            .jpeg()
            .toBuffer(),
        )
      ).srgb,
    ).toBe(true);
    expect(describesSrgb(Buffer.alloc(64))).toBe(false);
  });
});

describe("alignment from a reduced image", () => {
  it("gives the crop the whole image gives", async () => {
    // a smooth synthetic "photo": the crop must not depend on which resolution it is cut from
    const width = 800,
      height = 600;
    const data = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        data[i] = 128 + 100 * Math.sin(x / 40);
        data[i + 1] = 128 + 100 * Math.cos(y / 30);
        data[i + 2] = (x + y) % 256 > 127 ? 200 : 60;
      }
    const half = Buffer.alloc((width / 2) * (height / 2) * 3);
    for (let y = 0; y < height / 2; y++)
      for (let x = 0; x < width / 2; x++)
        for (let c = 0; c < 3; c++) {
          const at = (dx: number, dy: number) => data[((2 * y + dy) * width + 2 * x + dx) * 3 + c]!;
          half[(y * (width / 2) + x) * 3 + c] = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4;
        }
    // a face about 110 px wide: one crop pixel per source pixel in the half-size image
    const landmarks: Landmarks = [
      { x: 361, y: 280 },
      { x: 431, y: 280 },
      { x: 396, y: 320 },
      { x: 366, y: 361 },
      { x: 426, y: 361 },
    ];
    const meanDifference = async () => {
      const full = await alignFace({ data, width, height, scaleX: 1, scaleY: 1 }, landmarks);
      const reduced = await alignFace(
        { data: half, width: width / 2, height: height / 2, scaleX: 0.5, scaleY: 0.5 },
        landmarks,
      );
      let sum = 0;
      for (let i = 0; i < full.length; i++) sum += Math.abs(full[i]! - reduced[i]!);
      return sum / (CROP_SIZE * CROP_SIZE * 3);
    };
    expect(await meanDifference()).toBeLessThan(4);
  });
});

const skip = skipReason({ models: true, faces: true }, "engine resolution tests");

describe.skipIf(skip)("a large photo read at reduced sizes", () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = createFaceEngine({ modelsDir: MODELS });
    await engine.warmUp();
  });

  // couple: big faces, aligned from the detector's pixels; family: smaller faces, from a second
  // decode at a third of the size
  it.each([
    ["couple.jpg", 3420, 2],
    ["family.jpg", 4480, 4],
  ])("%s at %i px gives the faces that decoding every pixel gives", async (file, width, count) => {
    // the same pixels as JPEG (decoded at reduced sizes) and as TIFF (decoded whole once)
    const pixels = sharp(readFileSync(smoke("group", file))).resize(width);
    const jpeg = await engine.analyze(await pixels.clone().jpeg({ quality: 95 }).toBuffer());
    const tiff = await engine.analyze(await pixels.clone().tiff({ compression: "jpeg", quality: 95 }).toBuffer());
    expect([jpeg.width, jpeg.height]).toEqual([tiff.width, tiff.height]);
    expect(jpeg.faces).toHaveLength(count);
    expect(tiff.faces).toHaveLength(count);
    jpeg.faces.forEach((face, i) => {
      expect(cosine(face.embedding, tiff.faces[i]!.embedding)).toBeGreaterThan(0.99);
      expect(Math.abs(face.detection.box.x - tiff.faces[i]!.detection.box.x)).toBeLessThan(0.01 * tiff.width);
    });
  });
});
