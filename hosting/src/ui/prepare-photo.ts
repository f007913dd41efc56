// Photos are prepared on the phone before they travel: turned upright (EXIF orientation), scaled
// so the longer side is at most UPLOAD_MAX_SIDE, re-encoded as JPEG, and so stripped of every
// metadata field (GPS position, camera serial). A 924 KB photo becomes ≈ 200 KB: seconds instead of
// half a minute at 400 kbps. The figures behind the two numbers: `npm run eval -- --reencode`
// (docs/portal.md, "Photos prepared on the phone").

/** longer side in pixels of every uploaded photo */
const UPLOAD_MAX_SIDE = 1600;
/** JPEG quality of every uploaded photo (canvas.toBlob's scale, 0..1) */
const UPLOAD_JPEG_QUALITY = 0.85;

interface PreparedPhoto {
  blob: Blob;
  /** size of the prepared photo: the face boxes the search returns are in these pixels */
  width: number;
  height: number;
  originalBytes: number;
}

/**
 * The prepared photo, or undefined when this browser cannot decode it (HEIC outside Safari, a
 * damaged file): the original then goes as it is and the server says what is wrong with it.
 */
export async function preparePhoto(file: Blob): Promise<PreparedPhoto | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return undefined;
  }
  try {
    const encoded = await encodeBitmap(bitmap, UPLOAD_MAX_SIDE, UPLOAD_JPEG_QUALITY);
    return encoded ? { ...encoded, originalBytes: file.size } : undefined;
  } finally {
    bitmap.close();
  }
}

/**
 * An image (a photo, a video frame) scaled so its longer side is at most `maxSide` and encoded as
 * JPEG: what leaves the phone carries no metadata and no more pixels than the engine uses.
 */
export async function encodeBitmap(
  bitmap: ImageBitmap,
  maxSide: number,
  quality: number,
): Promise<{ blob: Blob; width: number; height: number } | undefined> {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) return undefined;
  // transparent pixels of a PNG would turn black in a JPEG: the engine flattens alpha on white too
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
  return blob ? { blob, width, height } : undefined;
}
