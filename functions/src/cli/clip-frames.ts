// A video clip's frames for `tora-face search clip.mp4`, sampled as the portal samples them on a
// phone (clipSampleTimes: about one a second, at most 32), scaled to at most 1280 px and encoded
// as JPEG, through an ffmpeg binary: Debian's `ffmpeg` package (npm run bootstrap installs it as
// root), or the one TORA_FFMPEG / TORA_FFPROBE name.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CLIP_FRAME_MAX_SIDE, clipSampleTimes } from "../schemas/index.js";

const run = promisify(execFile);

const VIDEO = /\.(mp4|m4v|mov|3gp|webm|mkv|avi)$/i;
export const isVideoName = (name: string): boolean => VIDEO.test(name);

const ffmpegPath = (): string => process.env.TORA_FFMPEG ?? "ffmpeg";
const ffprobePath = (): string => process.env.TORA_FFPROBE ?? "ffprobe";

export class ClipError extends Error {}

/** ffmpeg's JPEG quality scale (2 best … 31): 4 is about the portal's canvas quality 0.8 */
const JPEG_QSCALE = "4";

async function tool(binary: string, args: string[], encoding: "utf8" | "buffer"): Promise<string | Buffer> {
  try {
    const { stdout } = await run(binary, args, { encoding, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer | string };
    if (e.code === "ENOENT")
      throw new ClipError(
        `${binary} was not found: install ffmpeg (Debian: apt-get install ffmpeg, which npm run bootstrap does as root) or set TORA_FFMPEG and TORA_FFPROBE`,
      );
    throw new ClipError(
      `${binary} could not read the clip: ${String(e.stderr ?? e.message)
        .trim()
        .split("\n")
        .at(-1)}`,
    );
  }
}

/** the clip's length in seconds, from its container (or its video stream when the container does not say) */
async function clipDuration(path: string): Promise<number> {
  for (const entry of ["format=duration", "stream=duration"]) {
    const out = String(
      await tool(
        ffprobePath(),
        ["-v", "error", "-select_streams", "v:0", "-show_entries", entry, "-of", "default=nw=1:nk=1", path],
        "utf8",
      ),
    );
    const seconds = out
      .split("\n")
      .map(Number)
      .find((n) => Number.isFinite(n) && n > 0);
    if (seconds) return seconds;
  }
  throw new ClipError("the clip has no readable length (is it a video?)");
}

interface SampledFrame {
  atMs: number;
  bytes: Buffer;
}

/**
 * One JPEG per sampling time. ffmpeg's seek keeps frames that start at or after the time, so a
 * time inside the clip's last frame finds none: the frame a second earlier is taken instead.
 */
export async function sampleClip(path: string): Promise<SampledFrame[]> {
  const frames: SampledFrame[] = [];
  for (const seconds of clipSampleTimes(await clipDuration(path))) {
    const bytes = (await frameAt(path, seconds)) ?? (await frameAt(path, Math.max(0, seconds - 1)));
    if (bytes) frames.push({ atMs: Math.round(seconds * 1000), bytes });
  }
  if (frames.length === 0) throw new ClipError("no frame could be read from the clip");
  return frames;
}

async function frameAt(path: string, seconds: number): Promise<Buffer | undefined> {
  const side = CLIP_FRAME_MAX_SIDE;
  const bytes = (await tool(
    ffmpegPath(),
    [
      ...["-v", "error", "-ss", seconds.toFixed(3), "-i", path, "-frames:v", "1"],
      ...["-vf", `scale='min(${side},iw)':'min(${side},ih)':force_original_aspect_ratio=decrease`],
      ...["-q:v", JPEG_QSCALE, "-f", "image2", "-c:v", "mjpeg", "pipe:1"],
    ],
    "buffer",
  )) as Buffer;
  return bytes.length > 0 ? bytes : undefined;
}
