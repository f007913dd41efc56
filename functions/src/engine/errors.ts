// Why a photo could not be read, in words an officer understands. Never thrown for "no face":
// that is a verdict, not an error.
export type ImageErrorCode =
  "empty" | "too_large" | "unsupported_format" | "heic_unsupported" | "corrupt" | "pixel_limit";

const messages: Record<ImageErrorCode, string> = {
  empty: "The file is empty (0 bytes).",
  too_large: "The file is larger than 16 MiB; send a smaller photo.",
  unsupported_format: "This is not a supported photo format; send a JPEG, PNG, WebP or TIFF photo.",
  heic_unsupported:
    "HEIC/HEIF photos (iPhone default) cannot be read here; export the photo as JPEG (iPhone: Settings → Camera → Formats → Most Compatible).",
  corrupt: "The photo is damaged or incomplete (truncated or corrupt data); upload the original file again.",
  pixel_limit: "The photo has too many pixels to process safely; send a photo under 50 megapixels.",
};

/** whether a photo's reason code says the bytes were not a readable photo at all */
export function isImageErrorCode(code: string): code is ImageErrorCode {
  return Object.hasOwn(messages, code);
}

export class ImageError extends Error {
  override readonly name = "ImageError";
  constructor(
    readonly code: ImageErrorCode,
    detail?: string,
  ) {
    super(detail ? `${messages[code]} (${detail})` : messages[code]);
  }
}
