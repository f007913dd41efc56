// Bytes → upright RGB pixels. Format by magic bytes; sharp refuses truncated data and pixel bombs
// before allocating; EXIF orientation applied; alpha flattened onto white.
import sharp from "sharp";
import { ImageError } from "./errors.js";
import { sniffImage } from "./sniff.js";
import type { ImageFormat } from "./types.js";

// libvips' operation cache helps repeated edits of one image, not one pass over many photos
sharp.cache(false);

export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
export const MAX_INPUT_PIXELS = 50_000_000;

export interface RgbImage {
  /** packed RGB, row-major, 3 bytes per pixel */
  data: Buffer;
  width: number;
  height: number;
}

export interface DecodedImage extends RgbImage {
  format: ImageFormat;
}

export function checkBytes(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) throw new ImageError("empty");
  if (bytes.length > MAX_INPUT_BYTES) throw new ImageError("too_large", `${(bytes.length / 1048576).toFixed(1)} MiB`);
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === "heic") throw new ImageError("heic_unsupported");
  if (sniffed.kind === "unknown") throw new ImageError("unsupported_format", sniffed.hint);
  return sniffed.format;
}

export async function decodeImage(bytes: Uint8Array): Promise<DecodedImage> {
  const format = checkBytes(bytes);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "truncated", sequentialRead: true })
      .rotate()
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new ImageError("corrupt", `unexpected ${info.channels} channels`);
    return { data, width: info.width, height: info.height, format };
  } catch (error) {
    if (error instanceof ImageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) throw new ImageError("pixel_limit");
    throw new ImageError("corrupt", message.split("\n")[0]?.slice(0, 120));
  }
}
