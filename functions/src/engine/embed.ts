// MobileFaceNet: every aligned crop of a photo in one batch (plus mirrors when flip-averaging),
// BGR, (x - 127.5) / 127.5, L2-normalised.
import type * as ort from "onnxruntime-node";
import { CROP_SIZE, type AlignedCrop } from "./align.js";

const PLANE = CROP_SIZE * CROP_SIZE;

export function buildEmbedderInput(ortModule: typeof ort, crops: readonly AlignedCrop[], flip: boolean): ort.Tensor {
  const perFace = flip ? 2 : 1;
  const n = crops.length * perFace;
  const data = new Float32Array(n * 3 * PLANE);
  crops.forEach((crop, i) => {
    fillPlanes(data, i * perFace * 3 * PLANE, crop, false);
    if (flip) fillPlanes(data, (i * perFace + 1) * 3 * PLANE, crop, true);
  });
  return new ortModule.Tensor("float32", data, [n, 3, CROP_SIZE, CROP_SIZE]);
}

function fillPlanes(data: Float32Array, base: number, crop: AlignedCrop, mirror: boolean): void {
  for (let y = 0; y < CROP_SIZE; y++) {
    for (let x = 0; x < CROP_SIZE; x++) {
      const src = (y * CROP_SIZE + (mirror ? CROP_SIZE - 1 - x : x)) * 3;
      const dst = base + y * CROP_SIZE + x;
      data[dst] = (crop[src + 2]! - 127.5) / 127.5; // B
      data[dst + PLANE] = (crop[src + 1]! - 127.5) / 127.5; // G
      data[dst + 2 * PLANE] = (crop[src]! - 127.5) / 127.5; // R
    }
  }
}

/** sums each face's rows (original + mirror) and L2-normalises */
export function embeddingsFromOutput(output: Float32Array, faces: number, dim: number, flip: boolean): Float32Array[] {
  const perFace = flip ? 2 : 1;
  const result: Float32Array[] = [];
  for (let i = 0; i < faces; i++) {
    const v = new Float32Array(dim);
    for (let k = 0; k < perFace; k++) {
      const row = (i * perFace + k) * dim;
      for (let d = 0; d < dim; d++) v[d]! += output[row + d]!;
    }
    result.push(l2normalise(v));
  }
  return result;
}

function l2normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  for (let d = 0; d < v.length; d++) v[d]! /= norm;
  return v;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!;
  return s;
}
