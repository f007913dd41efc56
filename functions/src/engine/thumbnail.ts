import sharp from "sharp";
import { MAX_INPUT_PIXELS } from "./decode.js";

/** a small upright JPEG for review screens; never the original bytes */
export async function thumbnailJpeg(bytes: Uint8Array, size = 320): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize(size, size, { fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 80 })
    .toBuffer();
}
