// YuNet: letterboxed BGR input (multiple of 32), per-stride decoding of boxes and 5 landmarks,
// score = sqrt(cls * obj), NMS, mapped back to source pixels.
import type * as ort from "onnxruntime-node";
import type { RgbImage } from "./decode.js";
import { nms } from "./nms.js";
import type { Detection, Point } from "./types.js";

export interface DetectorConfig {
  /** longer side of the detector input, a multiple of 32 */
  inputSize: number;
  scoreThreshold: number;
  nmsThreshold: number;
  /** shorter side of the box, in source pixels */
  minFaceSizePx: number;
}

/** how the photo is fitted into the detector's input */
export interface DetectorGeometry {
  /** source pixels per detector pixel */
  scale: number;
  /** the photo at detector scale */
  width: number;
  height: number;
  /** neutral border around small crops, in detector pixels */
  pad: number;
}

interface DetectorInput {
  tensor: ort.Tensor;
  /** source pixels per detector pixel */
  scale: number;
  /** where the source starts inside the (possibly padded) detector canvas, in source pixels */
  offsetX: number;
  offsetY: number;
  /** mean of all channels of the whole photo, 0..255 */
  meanLuma: number;
}

export const DARK_MEAN_LUMA = 40;

function meanOf(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum += bytes[i]!;
  return bytes.length ? sum / bytes.length : 0;
}

const STRIDES = [8, 16, 32] as const;
const roundUp32 = (v: number): number => Math.max(32, Math.ceil(v / 32) * 32);

/**
 * Small, tightly cropped faces (ID crops, 150 px portraits) fill the whole frame, where YuNet was
 * never trained to look; a neutral border around them makes them look like ordinary photos.
 */
function borderFor(image: { width: number; height: number }): number {
  return Math.max(image.width, image.height) <= 400 ? Math.round(Math.max(image.width, image.height) * 0.25) : 0;
}

/**
 * The photo's longer side (border included) fits `inputSize`, or the next multiple of 32 when
 * the photo is smaller: a small photo is never upsampled beyond that rounding.
 */
export function detectorGeometry(source: { width: number; height: number }, inputSize: number): DetectorGeometry {
  const border = borderFor(source);
  const longer = Math.max(source.width, source.height) + 2 * border;
  // rounding up to 32 rather than padding measured better on LFW (99.47 % against 99.43 %)
  const scale = longer / Math.min(inputSize, Math.ceil(longer / 32) * 32);
  return {
    scale,
    width: Math.max(1, Math.round(source.width / scale)),
    height: Math.max(1, Math.round(source.height / scale)),
    pad: Math.round(border / scale),
  };
}

/** BGR planes on a canvas of multiples of 32, brightened when the photo is dark */
export function detectorInput(ortModule: typeof ort, pixels: RgbImage, geometry: DetectorGeometry): DetectorInput {
  const { width: w, height: h, pad, scale } = geometry;
  if (pixels.width !== w || pixels.height !== h)
    throw new Error(`detector pixels are ${pixels.width}x${pixels.height}, expected ${w}x${h}`);
  const W = roundUp32(w + 2 * pad);
  const H = roundUp32(h + 2 * pad);
  const plane = W * H;
  const data = new Float32Array(3 * plane);
  if (pad > 0) data.fill(127);
  const meanLuma = meanOf(pixels.data);
  // night and indoor photos: brighten what the detector sees so a face is found and then judged
  // (too dark) on the real pixels, rather than reported as absent
  const gain = meanLuma < DARK_MEAN_LUMA ? Math.min(8, 110 / Math.max(meanLuma, 1)) : 1;
  const source = pixels.data;
  for (let y = 0; y < h; y++) {
    let src = y * w * 3;
    let dst = (y + pad) * W + pad;
    for (let x = 0; x < w; x++, src += 3, dst++) {
      data[dst] = Math.min(255, source[src + 2]! * gain); // B
      data[plane + dst] = Math.min(255, source[src + 1]! * gain); // G
      data[2 * plane + dst] = Math.min(255, source[src]! * gain); // R
    }
  }
  return {
    tensor: new ortModule.Tensor("float32", data, [1, 3, H, W]),
    scale,
    offsetX: pad * scale,
    offsetY: pad * scale,
    meanLuma,
  };
}

export function decodeDetections(
  outputs: Record<string, ort.Tensor>,
  input: DetectorInput,
  config: DetectorConfig,
  source: { width: number; height: number },
): Detection[] {
  const [, , H, W] = input.tensor.dims as [number, number, number, number];
  const candidates: Detection[] = [];
  for (const stride of STRIDES) {
    const cls = outputs[`cls_${stride}`]!.data as Float32Array;
    const obj = outputs[`obj_${stride}`]!.data as Float32Array;
    const bbox = outputs[`bbox_${stride}`]!.data as Float32Array;
    const kps = outputs[`kps_${stride}`]!.data as Float32Array;
    const cols = W / stride;
    const rows = H / stride;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const score = Math.sqrt(clamp01(cls[i]!) * clamp01(obj[i]!));
        if (score < config.scoreThreshold) continue;
        const cx = (c + bbox[4 * i]!) * stride;
        const cy = (r + bbox[4 * i + 1]!) * stride;
        const bw = Math.exp(bbox[4 * i + 2]!) * stride;
        const bh = Math.exp(bbox[4 * i + 3]!) * stride;
        const toSrc = (px: number, py: number): Point => ({
          x: px * input.scale - input.offsetX,
          y: py * input.scale - input.offsetY,
        });
        const topLeft = toSrc(cx - bw / 2, cy - bh / 2);
        const landmarks = [0, 1, 2, 3, 4].map((k) =>
          toSrc((kps[10 * i + 2 * k]! + c) * stride, (kps[10 * i + 2 * k + 1]! + r) * stride),
        ) as Detection["landmarks"];
        candidates.push({
          box: { x: topLeft.x, y: topLeft.y, width: bw * input.scale, height: bh * input.scale },
          landmarks,
          score,
        });
      }
    }
  }
  return nms(candidates, config.nmsThreshold)
    .map((d) => ({ ...d, box: clipBox(d.box, source) }))
    .filter((d) => Math.min(d.box.width, d.box.height) >= config.minFaceSizePx);
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function clipBox(box: Detection["box"], source: { width: number; height: number }): Detection["box"] {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return {
    x,
    y,
    width: Math.min(source.width, box.x + box.width) - x,
    height: Math.min(source.height, box.y + box.height) - y,
  };
}
