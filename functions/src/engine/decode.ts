// Bytes → upright RGB pixels. Format by magic bytes; the header is read first, so pixel bombs are
// refused before anything is allocated; sharp refuses truncated data; EXIF orientation applied;
// alpha flattened onto white.
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

interface DecodedImage extends RgbImage {
  format: ImageFormat;
}

/** what the header says: the format, the upright (EXIF-corrected) size, the colour profile */
export interface SourceInfo {
  format: ImageFormat;
  width: number;
  height: number;
  /** the pixels are sRGB already: no profile, or a profile that says so */
  srgb: boolean;
}

function checkBytes(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) throw new ImageError("empty");
  if (bytes.length > MAX_INPUT_BYTES) throw new ImageError("too_large", `${(bytes.length / 1048576).toFixed(1)} MiB`);
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === "heic") throw new ImageError("heic_unsupported");
  if (sniffed.kind === "unknown") throw new ImageError("unsupported_format", sniffed.hint);
  return sniffed.format;
}

export async function inspectImage(bytes: Uint8Array): Promise<SourceInfo> {
  const format = checkBytes(bytes);
  const metadata = await sharp(bytes)
    .metadata()
    .catch((error: unknown) => {
      throw readError(error);
    });
  const { width, height } = metadata.autoOrient ?? {};
  if (!width || !height) throw new ImageError("corrupt", "no image size in the header");
  if (width * height > MAX_INPUT_PIXELS) throw new ImageError("pixel_limit");
  return { format, width, height, srgb: !metadata.icc || describesSrgb(metadata.icc) };
}

/**
 * Whether an ICC profile's description names sRGB. Converting sRGB pixels to sRGB changes nothing
 * and costs more than decoding them (measured: 25 ms on a 1366x768 photo); other profiles (Adobe
 * RGB, Display P3) are converted.
 */
export function describesSrgb(icc: Buffer): boolean {
  try {
    const tags = icc.readUInt32BE(128);
    for (let i = 0; i < tags; i++) {
      const entry = 132 + 12 * i;
      if (icc.toString("latin1", entry, entry + 4) !== "desc") continue;
      const offset = icc.readUInt32BE(entry + 4);
      const type = icc.toString("latin1", offset, offset + 4);
      // ICC v2 "desc": ASCII; ICC v4 "mluc": UTF-16BE records
      if (type === "desc")
        return /sRGB/.test(icc.toString("latin1", offset + 12, offset + 12 + icc.readUInt32BE(offset + 8)));
      if (type === "mluc" && icc.readUInt32BE(offset + 8) > 0) {
        const length = icc.readUInt32BE(offset + 20);
        const start = offset + icc.readUInt32BE(offset + 24);
        return /sRGB/.test(
          Buffer.from(icc.subarray(start, start + length))
            .swap16()
            .toString("utf16le"),
        );
      }
      return false;
    }
  } catch {
    // a profile too short for its own table: let the decoder judge it
  }
  return false;
}

/**
 * JPEG and WebP decode straight to a fraction of their size (JPEG in its DCT, 1/2 to 1/8), much
 * faster than decoding everything and shrinking afterwards; PNG and TIFF must decode every pixel.
 * sharp shrinks a JPEG on load only when the whole reduction is at least 3 times (it keeps clear
 * of libjpeg's rounding at exact factors); below that it decodes every pixel and then resizes.
 */
export function shrinksOnLoad(format: ImageFormat, reduction: number): boolean {
  return (format === "jpeg" || format === "webp") && reduction >= 3;
}

interface DecodeOptions {
  /** resize to this (decoded at a fraction of the size where the format allows) */
  size?: { width: number; height: number; kernel: "linear" | "lanczos3" };
  /** the pixels are sRGB already (see inspectImage): skip the colour conversion */
  srgb?: boolean;
}

/** the whole photo, or the photo resized */
export async function decodeImage(
  bytes: Uint8Array,
  { size, srgb = false }: DecodeOptions = {},
): Promise<DecodedImage> {
  const format = checkBytes(bytes);
  try {
    let pipeline = sharp(bytes, {
      limitInputPixels: MAX_INPUT_PIXELS,
      failOn: "truncated",
      sequentialRead: true,
      ignoreIcc: srgb,
    })
      .rotate()
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .removeAlpha();
    if (size) pipeline = pipeline.resize(size.width, size.height, { fit: "fill", kernel: size.kernel });
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new ImageError("corrupt", `unexpected ${info.channels} channels`);
    return { data, width: info.width, height: info.height, format };
  } catch (error) {
    throw readError(error);
  }
}

function readError(error: unknown): ImageError {
  if (error instanceof ImageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new ImageError("pixel_limit");
  return new ImageError("corrupt", message.split("\n")[0]?.slice(0, 120));
}
