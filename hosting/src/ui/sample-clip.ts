// A video clip sampled on the phone, so the clip itself never travels: a <video> element seeks to
// about one frame a second (clipSampleTimes, the rule the command line's ffmpeg follows too, at
// most 32 frames), each frame is drawn on a canvas, scaled to 1280 px and encoded as JPEG like a
// photo (prepare-photo.ts). A 30 MB clip leaves as a few hundred kilobytes of frames.
import { CLIP_FRAME_JPEG_QUALITY, CLIP_FRAME_MAX_SIDE, clipSampleTimes } from "@tora-face/client";
import { encodeBitmap } from "./prepare-photo";

export interface SampledFrame {
  atMs: number;
  blob: Blob;
  width: number;
  height: number;
}

/** this browser cannot play the clip (a codec it lacks, a damaged file): code for the failure message */
export class ClipUnreadable extends Error {
  override readonly name = "ClipUnreadable";
  readonly code = "clip_unreadable";
}

function next(video: HTMLVideoElement, event: "loadeddata" | "seeked"): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = () => {
      video.removeEventListener("error", failed);
      resolve();
    };
    const failed = () => {
      video.removeEventListener(event, ok);
      reject(new ClipUnreadable(video.error?.message ?? "the clip cannot be played"));
    };
    video.addEventListener(event, ok, { once: true });
    video.addEventListener("error", failed, { once: true });
  });
}

/** the clip's length; a recording without one in its header (some phones' WebM) is measured by seeking to its end */
async function durationOf(video: HTMLVideoElement): Promise<number> {
  if (Number.isFinite(video.duration)) return video.duration;
  video.currentTime = Number.MAX_SAFE_INTEGER;
  await next(video, "seeked");
  const duration = video.duration;
  video.currentTime = 0;
  await next(video, "seeked");
  return Number.isFinite(duration) ? duration : 0;
}

export async function sampleClip(file: Blob, onFrame: (done: number, total: number) => void): Promise<SampledFrame[]> {
  const url = URL.createObjectURL(file);
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.preload = "auto";
  try {
    const loaded = next(video, "loadeddata");
    video.src = url;
    await loaded;
    const duration = await durationOf(video);
    const times = clipSampleTimes(duration);
    const frames: SampledFrame[] = [];
    for (const [i, seconds] of times.entries()) {
      const seeked = next(video, "seeked");
      video.currentTime = Math.min(seconds, Math.max(0, duration - 0.001));
      await seeked;
      const bitmap = await createImageBitmap(video);
      try {
        const encoded = await encodeBitmap(bitmap, CLIP_FRAME_MAX_SIDE, CLIP_FRAME_JPEG_QUALITY);
        if (encoded) frames.push({ atMs: Math.round(seconds * 1000), ...encoded });
      } finally {
        bitmap.close();
      }
      onFrame(i + 1, times.length);
    }
    if (frames.length === 0) throw new ClipUnreadable("no frame could be read");
    return frames;
  } finally {
    video.removeAttribute("src");
    video.load();
    URL.revokeObjectURL(url);
  }
}
