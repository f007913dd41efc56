// Which file names are photos. The engine reads JPEG, PNG, WebP and TIFF; HEIC, GIF and BMP files
// are photos too, listed so an import reports them as refused (with the engine's reason) instead
// of skipping them without a word.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const READABLE = /\.(jpe?g|png|webp|tiff?)$/i;
const REFUSED = /\.(heic|heif|gif|bmp)$/i;

/** a photo the engine can read (eval and bench use only these) */
export function isReadableImageName(name: string): boolean {
  return READABLE.test(name);
}

/** any photo, readable or not (an import reports the unreadable ones) */
export function isPhotoName(name: string): boolean {
  return READABLE.test(name) || REFUSED.test(name);
}

/** readable photos under dir, sub-folders included, sorted so runs are reproducible */
export function listReadableImages(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listReadableImages(path) : isReadableImageName(name) ? [path] : [];
    });
}
