import { describe, expect, it } from "vitest";
import { decodeImage, MAX_INPUT_BYTES } from "../../src/engine/decode.js";
import { sniffImage } from "../../src/engine/sniff.js";
import { codeOf } from "../support/codes.js";
import { noiseJpeg, pixelBombPng } from "../support/images.js";

/** the ImageError code decoding ends with ("ok" when it decodes) */
const decodeCode = (bytes: Uint8Array): Promise<string> => codeOf(decodeImage(bytes));

describe("format sniffing", () => {
  it("knows formats by their bytes, not their names", () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: "supported", format: "jpeg" });
    expect(sniffImage(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))).toEqual({ kind: "supported", format: "webp" });
    expect(sniffImage(Buffer.from("II*\0"))).toEqual({ kind: "supported", format: "tiff" });
    expect(sniffImage(Buffer.from("\0\0\0\x18ftypheic\0\0\0\0"))).toEqual({ kind: "heic" });
    expect(sniffImage(Buffer.from("GIF89a"))).toMatchObject({ kind: "unknown", hint: "GIF" });
    expect(sniffImage(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({
      hint: "SVG",
    });
    expect(sniffImage(Buffer.from("hello"))).toEqual({ kind: "unknown" });
  });
});

describe("decode refuses bad input with a typed, readable error", () => {
  it("zero bytes", async () => expect(await decodeCode(new Uint8Array())).toBe("empty"));
  it("more than 16 MiB, before decoding", async () => {
    const big = Buffer.alloc(MAX_INPUT_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(await decodeCode(big)).toBe("too_large");
  });
  it("HEIC", async () =>
    expect(await decodeCode(Buffer.from("\0\0\0\x18ftypheic\0\0\0\0mif1heic"))).toBe("heic_unsupported"));
  it("SVG, GIF and text", async () => {
    expect(await decodeCode(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"))).toBe(
      "unsupported_format",
    );
    expect(await decodeCode(Buffer.from("GIF89a\x01\0\x01\0\0\0\0;"))).toBe("unsupported_format");
    expect(await decodeCode(Buffer.from("not an image at all"))).toBe("unsupported_format");
  });
  it("a pixel bomb, without allocating it", async () => {
    const before = process.memoryUsage().rss;
    expect(await decodeCode(pixelBombPng())).toBe("pixel_limit");
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
  it("a truncated JPEG", async () => {
    const jpeg = await noiseJpeg();
    expect(await decodeCode(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBe("corrupt");
  });
  it("messages are sentences a person can act on", async () => {
    await expect(decodeImage(new Uint8Array())).rejects.toThrow("The file is empty (0 bytes).");
  });
});

describe("decode", () => {
  it("returns upright RGB of the stated size", async () => {
    const image = await decodeImage(await noiseJpeg(320, 200));
    expect([image.width, image.height, image.format, image.data.length]).toEqual([320, 200, "jpeg", 320 * 200 * 3]);
  });
});
