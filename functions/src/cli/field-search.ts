// `tora-face verify <photo> --case REF` and `tora-face search <clip>`: the verification and clip
// services as the command line's operator, printed for a person or as JSON.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import type { Deps } from "../ports/index.js";
import type { CaseKind, Country, SearchClipOutput, VerifyFacesOutput } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { verifyFaces } from "../services/verify.js";
import { searchClip } from "../services/video-search.js";
import { sampleClip } from "./clip-frames.js";
import { caseReference } from "../words/case-reference.js";

const box = (b: { x: number; y: number; width: number; height: number }) => ({
  x: Math.round(b.x),
  y: Math.round(b.y),
  width: Math.round(b.width),
  height: Math.round(b.height),
});

export async function verifyPhoto(
  deps: Deps,
  options: { photo: string; caseId: string; photoDate?: string },
): Promise<VerifyFacesOutput> {
  const bytes = await readFile(options.photo);
  return verifyFaces(deps, SYSTEM_ACTOR, {
    caseId: options.caseId,
    probe: { contentBase64: bytes.toString("base64") },
    ...(options.photoDate ? { probePhotoDate: options.photoDate } : {}),
  });
}

export function verifyJson(photo: string, result: VerifyFacesOutput) {
  return {
    probe: photo,
    search_id: result.searchId,
    case_id: result.caseId,
    external_ref: result.externalRef ?? null,
    model_version: result.modelVersion,
    threshold: result.threshold,
    case_faces: result.caseFaces,
    notice: result.notice,
    probe_reasons: result.probeReasons.map((r) => r.message),
    faces: result.faces.map((f) => ({
      index: f.index,
      box: box(f.box),
      issues: f.issues.map((i) => i.message),
      similarity: f.similarity,
      band: f.band,
      photo_id: f.photo.photoId,
      photo_age_gap_years: f.photoAgeGapYears ?? null,
    })),
  };
}

export function verifyText(result: VerifyFacesOutput): string[] {
  const lines = [
    `${result.faces.length} face(s) compared with ${caseReference(result.externalRef, result.caseId)} (${result.caseFaces} searchable face(s) of the case); threshold ${result.threshold} (${result.notice})`,
  ];
  for (const r of result.probeReasons) lines.push(`  photo: ${r.message}`);
  for (const f of result.faces) {
    const gap = f.photoAgeGapYears
      ? `; photos about ${f.photoAgeGapYears} years apart: the face score is less reliable`
      : "";
    const issues = f.issues.length ? ` (${f.issues.map((i) => i.message).join("; ")})` : "";
    lines.push(
      `face ${f.index + 1} at x=${Math.round(f.box.x)}, y=${Math.round(f.box.y)}${issues}: similarity ${f.similarity.toFixed(3)}  ${f.band.replace("_", " ")}  (best with photo ${f.photo.photoId})${gap}`,
    );
  }
  return lines;
}

interface ClipSearch {
  result: SearchClipOutput;
  /** ffmpeg's sampling, and the whole command (sampling + the service), in milliseconds */
  samplingMs: number;
  totalMs: number;
  frameBytes: number;
}

export async function searchClipFile(
  deps: Deps,
  options: { clip: string; reason: string; limit?: number; kind?: CaseKind; country?: Country },
): Promise<ClipSearch> {
  const started = performance.now();
  const frames = await sampleClip(options.clip);
  const samplingMs = performance.now() - started;
  const result = await searchClip(deps, SYSTEM_ACTOR, {
    frames: frames.map((f) => ({ contentBase64: f.bytes.toString("base64"), atMs: f.atMs })),
    purpose: { reason: options.reason },
    filters: {
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.country ? { country: options.country } : {}),
    },
    ...(options.limit ? { limit: options.limit } : {}),
  });
  return {
    result,
    samplingMs: Math.round(samplingMs),
    totalMs: Math.round(performance.now() - started),
    frameBytes: frames.reduce((n, f) => n + f.bytes.length, 0),
  };
}

export function clipJson(clip: string, { result, samplingMs, totalMs, frameBytes }: ClipSearch) {
  return {
    clip,
    search_id: result.searchId,
    model_version: result.modelVersion,
    threshold: result.threshold,
    notice: result.notice,
    frames: result.frames.length,
    frame_bytes: frameBytes,
    faces: result.frames.reduce((n, f) => n + f.faces, 0),
    sampling_ms: samplingMs,
    search_ms: result.ms,
    total_ms: totalMs,
    not_searched: result.notSearched ?? null,
    tracks: result.tracks.map((t) => ({
      index: t.index,
      faces: t.appearances.length,
      frames: t.appearances.map((a) => a.frame),
      best_frame: t.best.frame,
      best_at_ms: result.frames[t.best.frame]?.atMs ?? null,
      best_box: box(t.best.box),
      searched: t.searched,
      candidates: t.candidates.map((c) => ({
        case_id: c.caseId,
        external_ref: c.externalRef ?? null,
        similarity: c.similarity,
        band: c.band,
        kind: c.kind,
        country: c.country,
        photo_id: c.photo.photoId,
      })),
    })),
  };
}

export function clipText(clip: ClipSearch): string[] {
  const { result } = clip;
  const faces = result.frames.reduce((n, f) => n + f.faces, 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const lines = [
    `${result.frames.length} frame(s) sampled (${Math.round(clip.frameBytes / 1024)} KB), ${faces} face(s), ${result.tracks.length} person(s) tracked; threshold ${result.threshold} (${result.notice})`,
    `time: ${seconds(clip.totalMs)} s (sampling ${seconds(clip.samplingMs)} s, analysis and search ${seconds(result.ms)} s)`,
  ];
  for (const t of result.tracks) {
    const at = result.frames[t.best.frame]?.atMs ?? 0;
    lines.push(
      `person ${t.index + 1}: in ${t.appearances.length} frame(s); best face at ${seconds(at)} s (frame ${t.best.frame + 1}):`,
    );
    if (!t.searched) lines.push("  not searched");
    else if (t.candidates.length === 0) lines.push("  no candidate above the threshold");
    t.candidates.forEach((c, i) =>
      lines.push(
        `  ${i + 1}. ${caseReference(c.externalRef, c.caseId)}  similarity ${c.similarity.toFixed(3)}  ${c.band}  (${c.kind}, ${c.country}, case ${c.caseId})`,
      ),
    );
  }
  if (result.notSearched)
    lines.push(
      result.notSearched.reason === "too_many_tracks"
        ? `${result.notSearched.tracks} person(s) seen least were not searched (at most 10 per clip)`
        : `${result.notSearched.tracks} person(s) not searched: search limit reached`,
    );
  return lines;
}
