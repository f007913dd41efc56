// `tora-face search clip.mp4` and `tora-face verify`: clips made here from the smoke photos with
// ffmpeg, in a temporary folder (never kept: they show faces), and searched through the CLI.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionsRoot } from "../../src/paths.js";
import { skipReason, smoke } from "../support/data.js";

const ffmpeg = process.env.TORA_FFMPEG ?? "ffmpeg";
const ffmpegMissing = spawnSync(ffmpeg, ["-version"]).error
  ? `no ffmpeg at "${ffmpeg}" (apt-get install ffmpeg, or set TORA_FFMPEG)`
  : undefined;
if (ffmpegMissing) console.warn(`SKIPPED tora-face video clips: ${ffmpegMissing}`);
const skip = skipReason({ models: true, faces: true }, "tora-face video clips") ?? ffmpegMissing;

function cli(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, ["--import", "tsx", join(functionsRoot, "src", "cli", "main.ts"), ...args], {
    cwd: functionsRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}
const lastJson = (out: string) => JSON.parse(out.trim().split("\n").at(-1)!);
const make = (args: string[]) =>
  execFileSync(ffmpeg, ["-v", "error", "-y", ...args], { stdio: ["ignore", "ignore", "pipe"] });
/** scaled and padded to one size, so photos of different sizes make one clip */
const FRAME =
  "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p";

describe.skipIf(skip)("tora-face search <clip> and verify", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tora-clips-"));
    env = { TORA_LOCAL_DB: join(dir, "tora.sqlite"), TORA_LOCAL_BLOBS: join(dir, "blobs") };
    // the cases: photos 1 and 2 of five people (the clips show their other photos)
    for (const name of ["raj", "penny", "howard", "leonard", "sheldon"]) {
      mkdirSync(join(dir, "people", name), { recursive: true });
      for (const n of [1, 2])
        cpSync(smoke("people", name, `${name}${n}.png`), join(dir, "people", name, `${name}${n}.png`));
    }
    cli(["import", join(dir, "people"), "--kind", "missing", "--country", "BI"], env);
    // a camera panning across a group for 6 seconds (H.264): the same people in every sampled frame
    make([
      ...["-loop", "1", "-i", smoke("group", "bbt1.jpg")],
      ...[
        "-vf",
        "crop=w=iw*0.8:h=ih*0.8:x='(iw-ow)*t/6':y=(ih-oh)/2,scale=960:-2,format=yuv420p",
        "-t",
        "6",
        "-r",
        "10",
        "-c:v",
        "libx264",
      ],
      join(dir, "pan.mp4"),
    ]);
    // two people one after the other, a second per photo (VP8 in WebM, as phones and the portal play it)
    const photos = [3, 4, 5]
      .map((n) => smoke("people", "raj", `raj${n}.png`))
      .concat([3, 4, 5].map((n) => smoke("people", "penny", `penny${n}.png`)));
    make([
      ...photos.flatMap((p) => ["-loop", "1", "-t", "1", "-r", "5", "-i", p]),
      ...[
        "-filter_complex",
        `${photos.map((_, i) => `[${i}:v]${FRAME}[v${i}]`).join(";")};${photos.map((_, i) => `[v${i}]`).join("")}concat=n=${photos.length}:v=1:a=0`,
      ],
      ...["-c:v", "libvpx", "-b:v", "1M"],
      join(dir, "two-people.webm"),
    ]);
    // a long clip: never more than 32 frames
    make([
      "-loop",
      "1",
      "-i",
      smoke("people", "howard", "howard3.png"),
      "-vf",
      FRAME,
      "-t",
      "45",
      "-r",
      "1",
      "-c:v",
      "libx264",
      join(dir, "long.mp4"),
    ]);
  }, 180_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("a group filmed while the camera pans: each person is one track, in every frame, found among the cases", () => {
    const started = Date.now();
    const result = lastJson(cli(["search", join(dir, "pan.mp4"), "--json"], env));
    const seconds = (Date.now() - started) / 1000;
    expect(result.frames).toBe(6);
    const faces = result.tracks.map((t: { faces: number }) => t.faces);
    console.log(
      `pan.mp4 (6 s, 960 px): ${result.frames} frames (${Math.round(result.frame_bytes / 1024)} KB), ${result.faces} faces, ${result.tracks.length} tracks of ${faces.join(", ")} faces; ` +
        `${(result.total_ms / 1000).toFixed(1)} s in the command (sampling ${(result.sampling_ms / 1000).toFixed(1)} s, search ${(result.search_ms / 1000).toFixed(1)} s), ${seconds.toFixed(1)} s with the process start`,
    );
    expect(result.tracks).toHaveLength(result.faces / result.frames);
    expect(faces.every((n: number) => n === 6)).toBe(true);
    const found = result.tracks.map((t: { candidates: { external_ref: string }[] }) => t.candidates[0]?.external_ref);
    expect(new Set(found).size).toBe(found.length);
    expect(found).toEqual(expect.arrayContaining(["raj", "howard", "sheldon"]));
    expect(result.notice).toMatch(/not identifications/);
  });

  it("two people one after the other are two tracks of three faces, each found, with the frame its face comes from", () => {
    const result = lastJson(cli(["search", join(dir, "two-people.webm"), "--json"], env));
    expect(result.frames).toBe(6);
    expect(result.tracks.map((t: { faces: number }) => t.faces)).toEqual([3, 3]);
    const byName = Object.fromEntries(
      result.tracks.map((t: { candidates: { external_ref: string }[] }) => [t.candidates[0]?.external_ref, t]),
    );
    expect(Object.keys(byName).sort()).toEqual(["penny", "raj"]);
    expect(byName.raj.frames).toEqual([0, 1, 2]);
    expect(byName.penny.frames).toEqual([3, 4, 5]);
    expect(byName.raj.frames).toContain(byName.raj.best_frame);
    const text = cli(["search", join(dir, "two-people.webm")], env);
    expect(text).toMatch(/^person 1: in 3 frame\(s\); best face at \d+\.\d s \(frame \d\):$/m);
  });

  it("a 45-second clip is sampled at 32 frames at most", () => {
    const result = lastJson(cli(["search", join(dir, "long.mp4"), "--json"], env));
    expect(result.frames).toBe(32);
    expect(result.tracks).toHaveLength(1);
    expect(result.tracks[0].faces).toBe(32);
  });

  it("says what is missing when ffmpeg is not there", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", join(functionsRoot, "src", "cli", "main.ts"), "search", join(dir, "pan.mp4")],
      {
        cwd: functionsRoot,
        env: { ...process.env, ...env, TORA_FFMPEG: "/nonexistent/ffmpeg", TORA_FFPROBE: "/nonexistent/ffprobe" },
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\/nonexistent\/ffprobe was not found: install ffmpeg/);
  });

  it("verify: every face of a photo against one case, with its band, below the threshold too", () => {
    const one = lastJson(cli(["verify", smoke("people", "raj", "raj4.png"), "--case", "raj", "--json"], env));
    expect(one.faces).toHaveLength(1);
    expect(one.faces[0].band).not.toBe("below_threshold");
    expect(one.case_faces).toBe(2);
    const group = lastJson(cli(["verify", smoke("group", "bbt1.jpg"), "--case", "penny", "--json"], env));
    expect(group.faces.every((f: { band: string }) => f.band === "below_threshold")).toBe(true);
    expect(cli(["verify", smoke("people", "raj", "raj4.png"), "--case", "raj"], env)).toMatch(
      /^face 1 at x=\d+, y=\d+: similarity 0\.\d{3} {2}(strong|possible|weak)/m,
    );
  });
});
