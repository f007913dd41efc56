// Decide the format from the bytes, never from the file name or the declared content type.
import type { ImageFormat } from "./types.js";

export type SniffResult =
  { kind: "supported"; format: ImageFormat } | { kind: "heic" } | { kind: "unknown"; hint?: string };

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"]);

export function sniffImage(bytes: Uint8Array): SniffResult {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: "supported", format: "jpeg" };
  if (b.length >= 8 && ascii(b, 1, 4) === "PNG" && b[0] === 0x89) return { kind: "supported", format: "png" };
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP")
    return { kind: "supported", format: "webp" };
  if (
    b.length >= 4 &&
    ((ascii(b, 0, 2) === "II" && b[2] === 42 && b[3] === 0) || (ascii(b, 0, 2) === "MM" && b[2] === 0 && b[3] === 42))
  )
    return { kind: "supported", format: "tiff" };
  if (b.length >= 12 && ascii(b, 4, 8) === "ftyp") {
    const brand = ascii(b, 8, 12);
    return HEIF_BRANDS.has(brand) ? { kind: "heic" } : { kind: "unknown", hint: `ISO media (${brand})` };
  }
  if (b.length >= 6 && ascii(b, 0, 3) === "GIF") return { kind: "unknown", hint: "GIF" };
  if (b.length >= 2 && ascii(b, 0, 2) === "BM") return { kind: "unknown", hint: "BMP" };
  const head = ascii(b, 0, 256).trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg")))
    return { kind: "unknown", hint: "SVG" };
  if (b.length >= 4 && ascii(b, 0, 4) === "%PDF") return { kind: "unknown", hint: "PDF" };
  return { kind: "unknown" };
}
