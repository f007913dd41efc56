// What the portal's on-device resize does to the engine. Every photo is re-encoded the way the
// portal prepares an upload on the phone (EXIF orientation applied, longer side at most N px, JPEG
// quality q, metadata dropped) and analysed again; each face of the original is matched to the
// re-encoded photo's faces by box overlap, and the two embeddings compared. sharp's Lanczos resize
// stands in for the browser canvas (both scale in one pass; the canvas smooths at least as much).
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import type { AnalyzedFace, Box, FaceEngine, PhotoAnalysis } from "../engine/index.js";
import { cosine } from "../engine/index.js";
import { createProgress } from "../terminal/progress.js";
import { readIdentityFolders } from "./identity-folders.js";

interface ReencodeSetting {
  /** longer side in pixels; photos already smaller keep their size */
  maxSide: number;
  /** JPEG quality as the browser's canvas.toBlob takes it, 0..1 */
  quality: number;
}

export const DEFAULT_SIZES = [1024, 1280, 1600, 2048];
export const DEFAULT_QUALITIES = [0.7, 0.85, 0.92];
/** a face counts as found again when its box overlaps the original's this much (intersection over union) */
const MIN_IOU = 0.3;

export function parseList(text: string | undefined, fallback: number[], what: string): number[] {
  if (!text) return fallback;
  const values = text.split(",").map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new Error(`--${what} takes positive numbers separated by commas`);
  return values;
}

async function reencodeLikePortal(bytes: Uint8Array, setting: ReencodeSetting): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: 50_000_000 })
    .rotate()
    .resize({ width: setting.maxSide, height: setting.maxSide, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: Math.round(setting.quality * 100) })
    .toBuffer();
}

function iou(a: Box, b: Box): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = x * y;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

const scaled = (b: Box, s: number): Box => ({ x: b.x * s, y: b.y * s, width: b.width * s, height: b.height * s });

/** the original's faces matched greedily (best overlap first) to the re-encoded photo's faces */
function matchFaces(
  original: PhotoAnalysis,
  reencoded: PhotoAnalysis,
): { before: AnalyzedFace; after: AnalyzedFace }[] {
  const scale = reencoded.width / original.width;
  const pairs = original.faces
    .flatMap((before) =>
      reencoded.faces.map((after) => ({
        before,
        after,
        overlap: iou(scaled(before.detection.box, scale), after.detection.box),
      })),
    )
    .filter((p) => p.overlap >= MIN_IOU)
    .sort((a, b) => b.overlap - a.overlap);
  const used = new Set<AnalyzedFace>();
  const matched: { before: AnalyzedFace; after: AnalyzedFace }[] = [];
  for (const p of pairs) {
    if (used.has(p.before) || used.has(p.after)) continue;
    used.add(p.before).add(p.after);
    matched.push({ before: p.before, after: p.after });
  }
  return matched;
}

interface Tally {
  photos: number;
  bytesBefore: number;
  bytesAfter: number;
  facesBefore: number;
  facesAfter: number;
  acceptedBefore: number;
  acceptedAfter: number;
  /** faces of the original found again */
  matched: number;
  /** accepted faces of the original found again and still accepted */
  acceptedKept: number;
  similarities: number[];
}

const emptyTally = (): Tally => ({
  photos: 0,
  bytesBefore: 0,
  bytesAfter: 0,
  facesBefore: 0,
  facesAfter: 0,
  acceptedBefore: 0,
  acceptedAfter: 0,
  matched: 0,
  acceptedKept: 0,
  similarities: [],
});

function add(
  t: Tally,
  bytesBefore: number,
  bytesAfter: number,
  original: PhotoAnalysis,
  reencoded: PhotoAnalysis,
): void {
  const matched = matchFaces(original, reencoded);
  t.photos += 1;
  t.bytesBefore += bytesBefore;
  t.bytesAfter += bytesAfter;
  t.facesBefore += original.faces.length;
  t.facesAfter += reencoded.faces.length;
  t.acceptedBefore += original.faces.filter((f) => f.accepted).length;
  t.acceptedAfter += reencoded.faces.filter((f) => f.accepted).length;
  t.matched += matched.length;
  t.acceptedKept += matched.filter((m) => m.before.accepted && m.after.accepted).length;
  t.similarities.push(...matched.map((m) => cosine(m.before.embedding, m.after.embedding)));
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function summary(t: Tally) {
  const s = [...t.similarities].sort((a, b) => a - b);
  return {
    photos: t.photos,
    kb_before: Math.round(t.bytesBefore / 1024),
    kb_after: Math.round(t.bytesAfter / 1024),
    faces_before: t.facesBefore,
    faces_after: t.facesAfter,
    faces_found_again: t.matched,
    accepted_before: t.acceptedBefore,
    accepted_after: t.acceptedAfter,
    accepted_kept: t.acceptedKept,
    similarity_mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
    similarity_p05: quantile(s, 0.05),
    similarity_min: s[0] ?? NaN,
  };
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : "—");

export async function runReencode(engine: FaceEngine, imagesDir: string, sizes: number[], qualities: number[]) {
  const folders = await readIdentityFolders(imagesDir);
  const photos = folders.flatMap((f) => f.items.map((path) => ({ folder: f.name, path })));
  const settings = sizes.flatMap((maxSide) => qualities.map((quality) => ({ maxSide, quality })));
  const tallies = new Map(settings.map((s) => [s, new Map<string, Tally>()]));
  const unreadable: string[] = [];
  const progress = createProgress("re-encoding", photos.length);
  for (const photo of photos) {
    const bytes = await readFile(photo.path);
    let original: PhotoAnalysis;
    try {
      original = await engine.analyze(bytes, { select: "all" });
    } catch {
      unreadable.push(photo.path);
      progress.tick();
      continue;
    }
    for (const setting of settings) {
      const reencoded = await reencodeLikePortal(bytes, setting);
      const analysis = await engine.analyze(reencoded, { select: "all" });
      const byFolder = tallies.get(setting)!;
      for (const key of [photo.folder, "all"]) {
        if (!byFolder.has(key)) byFolder.set(key, emptyTally());
        add(byFolder.get(key)!, bytes.length, reencoded.length, original, analysis);
      }
    }
    progress.tick();
  }
  progress.done();

  const lines = [
    `${photos.length - unreadable.length} photos in ${folders.map((f) => f.name).join(", ")}${unreadable.length ? ` (${unreadable.length} unreadable, skipped)` : ""}`,
    "longer side  quality  folder      KB before→after  faces before→after  found again  accepted before→after (kept)  similarity mean / p5 / min",
  ];
  const results = settings.map((setting) => {
    const byFolder = tallies.get(setting)!;
    const rows = [...byFolder.entries()].sort(([a], [b]) => (a === "all" ? 1 : b === "all" ? -1 : a < b ? -1 : 1));
    for (const [folder, tally] of rows) {
      const s = summary(tally);
      lines.push(
        `${String(setting.maxSide).padStart(11)}  ${setting.quality.toFixed(2).padStart(7)}  ${folder.padEnd(10)}  ${`${s.kb_before}→${s.kb_after}`.padStart(15)}  ${`${s.faces_before}→${s.faces_after}`.padStart(18)}  ${String(s.faces_found_again).padStart(11)}  ${`${s.accepted_before}→${s.accepted_after} (${s.accepted_kept})`.padStart(28)}  ${f3(s.similarity_mean)} / ${f3(s.similarity_p05)} / ${f3(s.similarity_min)}`,
      );
    }
    return {
      max_side: setting.maxSide,
      quality: setting.quality,
      folders: Object.fromEntries(rows.map(([folder, tally]) => [folder, summary(tally)])),
    };
  });
  return {
    lines,
    figures: { photos: photos.length - unreadable.length, unreadable: unreadable.length, settings: results },
  };
}
