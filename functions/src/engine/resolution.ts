// Which pixels each stage reads. The detector needs the photo at most 640 px long; alignment needs
// each face with at least as many pixels as its 112 px crop. A JPEG or WebP three times the
// detector's size or more is decoded straight at the detector's size, then again only as large as
// its faces need (not at all when the faces are big enough in the detector's pixels); smaller
// photos, PNG and TIFF are decoded once, whole.
import sharp from "sharp";
import { decodeImage, shrinksOnLoad, type RgbImage, type SourceInfo } from "./decode.js";
import type { DetectorGeometry } from "./detect.js";

/** the photo at some resolution */
export interface ScaledImage extends RgbImage {
  /** its pixels per source pixel, along each axis */
  scaleX: number;
  scaleY: number;
}

interface DetectionPixels {
  /** the photo at the detector geometry's size */
  detector: RgbImage;
  /** the whole photo, when it had to be decoded whole anyway */
  full?: ScaledImage;
}

const whole = (image: RgbImage): ScaledImage => ({ ...image, scaleX: 1, scaleY: 1 });

export async function pixelsForDetection(
  bytes: Uint8Array,
  source: SourceInfo,
  geometry: DetectorGeometry,
): Promise<DetectionPixels> {
  const size = { width: geometry.width, height: geometry.height, kernel: "linear" as const };
  if (shrinksOnLoad(source.format, geometry.scale))
    return { detector: await decodeImage(bytes, { size, srgb: source.srgb }) };
  const full = await decodeImage(bytes, { srgb: source.srgb });
  if (full.width === size.width && full.height === size.height) return { detector: full, full: whole(full) };
  const detector = await sharp(full.data, { raw: { width: full.width, height: full.height, channels: 3 } })
    .resize(size.width, size.height, { kernel: "linear", fit: "fill" })
    .raw()
    .toBuffer();
  return { detector: { data: detector, width: size.width, height: size.height }, full: whole(full) };
}

/**
 * An image that gives every face at least one pixel per crop pixel: the pixels already decoded
 * when they suffice, else the photo decoded at the scale of its smallest face (the largest
 * `cropScale`, in crop pixels per source pixel) when that shrinks on load, else whole.
 */
export async function pixelsForAlignment(
  bytes: Uint8Array,
  source: SourceInfo,
  decoded: DetectionPixels,
  cropScale: number,
): Promise<ScaledImage> {
  if (decoded.full) return decoded.full;
  const detector = scaledTo(decoded.detector, source);
  if (Math.min(detector.scaleX, detector.scaleY) >= cropScale) return detector;
  if (!shrinksOnLoad(source.format, 1 / cropScale)) return whole(await decodeImage(bytes, { srgb: source.srgb }));
  const size = {
    width: Math.ceil(source.width * cropScale),
    height: Math.ceil(source.height * cropScale),
    kernel: "lanczos3" as const,
  };
  return scaledTo(await decodeImage(bytes, { size, srgb: source.srgb }), source);
}

function scaledTo(image: RgbImage, source: SourceInfo): ScaledImage {
  return { ...image, scaleX: image.width / source.width, scaleY: image.height / source.height };
}
