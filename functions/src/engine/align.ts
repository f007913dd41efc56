// 5 landmarks → 112x112 crop on the ArcFace template. A tight bilinear loop reads the source
// directly; faces much larger than the crop are first shrunk by sharp (area-correct) so the
// bilinear taps do not alias.
import sharp from "sharp";
import type { RgbImage } from "./decode.js";
import type { ScaledImage } from "./resolution.js";
import { estimateSimilarity, invertSimilarity, similarityScale, type Similarity } from "./similarity.js";
import type { Landmarks, Point } from "./types.js";

export const CROP_SIZE = 112;
export const ARCFACE_TEMPLATE: readonly Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

/** below this many crop pixels per source pixel, sample from a pre-shrunk copy */
const MIN_SCALE_FOR_DIRECT_SAMPLING = 0.5;

/** RGB crop, CROP_SIZE x CROP_SIZE x 3 */
export type AlignedCrop = Uint8Array;

/** crop pixels per source pixel for a face with these landmarks */
export function cropScale(landmarks: Landmarks): number {
  return similarityScale(estimateSimilarity(landmarks, ARCFACE_TEMPLATE));
}

/** landmarks are in source pixels; the image may be the photo at a reduced scale */
export async function alignFace(image: ScaledImage, landmarks: Landmarks): Promise<AlignedCrop> {
  const scaled = landmarks.map((p) => ({ x: (p.x + 0.5) * image.scaleX - 0.5, y: (p.y + 0.5) * image.scaleY - 0.5 }));
  const toCrop = estimateSimilarity(scaled, ARCFACE_TEMPLATE);
  const scale = similarityScale(toCrop);
  if (scale >= MIN_SCALE_FOR_DIRECT_SAMPLING) return warpBilinear(image, invertSimilarity(toCrop));

  const region = sourceFootprint(toCrop, image);
  // shrink so one source pixel ≈ one crop pixel
  const width = Math.max(1, Math.round(region.width * scale));
  const height = Math.max(1, Math.round(region.height * scale));
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
    .resize(width, height, { fit: "fill", kernel: "lanczos3" })
    .raw()
    .toBuffer();
  const sx = width / region.width;
  const sy = height / region.height;
  const shrunkLandmarks = scaled.map((p) => ({
    x: (p.x - region.x + 0.5) * sx - 0.5,
    y: (p.y - region.y + 0.5) * sy - 0.5,
  }));
  return warpBilinear({ data, width, height }, invertSimilarity(estimateSimilarity(shrunkLandmarks, ARCFACE_TEMPLATE)));
}

/** integer source rectangle covering the crop, clamped to the image */
function sourceFootprint(toCrop: Similarity, image: RgbImage): { x: number; y: number; width: number; height: number } {
  const inv = invertSimilarity(toCrop);
  const corners = [
    [0, 0],
    [CROP_SIZE, 0],
    [0, CROP_SIZE],
    [CROP_SIZE, CROP_SIZE],
  ].map(([u, v]) => ({ x: inv.a * u! - inv.b * v! + inv.tx, y: inv.b * u! + inv.a * v! + inv.ty }));
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))) - 2);
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))) - 2);
  const x1 = Math.min(image.width, Math.ceil(Math.max(...corners.map((c) => c.x))) + 2);
  const y1 = Math.min(image.height, Math.ceil(Math.max(...corners.map((c) => c.y))) + 2);
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/** fromCrop maps crop pixel centres to source coordinates; pixels outside the source are black */
export function warpBilinear(image: RgbImage, fromCrop: Similarity): AlignedCrop {
  const out = new Uint8Array(CROP_SIZE * CROP_SIZE * 3);
  const { data, width, height } = image;
  const stride = width * 3;
  let o = 0;
  for (let v = 0; v < CROP_SIZE; v++) {
    let x = fromCrop.a * 0 - fromCrop.b * v + fromCrop.tx;
    let y = fromCrop.b * 0 + fromCrop.a * v + fromCrop.ty;
    for (let u = 0; u < CROP_SIZE; u++, x += fromCrop.a, y += fromCrop.b, o += 3) {
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) continue;
      const fx = x - x0;
      const fy = y - y0;
      const w00 = (1 - fx) * (1 - fy),
        w10 = fx * (1 - fy),
        w01 = (1 - fx) * fy,
        w11 = fx * fy;
      const in00 = x0 >= 0 && y0 >= 0,
        in10 = x0 + 1 < width && y0 >= 0;
      const in01 = x0 >= 0 && y0 + 1 < height,
        in11 = x0 + 1 < width && y0 + 1 < height;
      const p00 = y0 * stride + x0 * 3;
      for (let c = 0; c < 3; c++) {
        let s = 0;
        if (in00) s += w00 * data[p00 + c]!;
        if (in10) s += w10 * data[p00 + 3 + c]!;
        if (in01) s += w01 * data[p00 + stride + c]!;
        if (in11) s += w11 * data[p00 + stride + 3 + c]!;
        out[o + c] = s + 0.5;
      }
    }
  }
  return out;
}
