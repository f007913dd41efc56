// Linking a clip's faces into tracks, on made-up embeddings: what each rule decides.
import { describe, expect, it } from "vitest";
import type { AnalyzedFace } from "../../src/engine/index.js";
import { bestFace, byPresence, continues, linkTracks, TRACKING } from "../../src/services/face-tracks.js";

/** a unit vector at `angle` radians from the first axis, in the plane of the first two: cosine between two = cos(difference) */
const direction = (angle: number): Float32Array => {
  const v = new Float32Array(128);
  v[0] = Math.cos(angle);
  v[1] = Math.sin(angle);
  return v;
};
const similarTo = (angle: number, similarity: number) => direction(angle + Math.acos(similarity));

const face = (
  embedding: Float32Array,
  x: number,
  options: { size?: number; accepted?: boolean; score?: number } = {},
): AnalyzedFace => ({
  index: 0,
  detection: {
    box: { x, y: 100, width: options.size ?? 80, height: options.size ?? 80 },
    landmarks: [] as never,
    score: options.score ?? 0.9,
  },
  quality: {
    faceSizePx: options.size ?? 80,
    sharpness: 50,
    brightness: 120,
    rollDeg: 0,
    yaw: 0,
    detectorScore: options.score ?? 0.9,
  },
  issues: options.accepted === false ? [{ code: "too_blurry", message: "face too blurry" }] : [],
  accepted: options.accepted ?? true,
  embedding,
});

describe("linking faces into tracks", () => {
  it("one person in every frame is one track, whatever the boxes, when the faces are alike", () => {
    const frames = [0, 1, 2, 3].map((frame) => ({ frame, faces: [face(similarTo(0, 0.7), frame * 400)] }));
    frames[0]!.faces[0]!.embedding = direction(0);
    const tracks = linkTracks(frames);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.faces.map((f) => f.frame)).toEqual([0, 1, 2, 3]);
  });

  it("two people side by side stay two tracks, each face with its own", () => {
    const a = direction(0);
    const b = direction(Math.PI / 2);
    const frames = [0, 1, 2].map((frame) => ({ frame, faces: [face(b, 500), face(a, 100)] }));
    const tracks = linkTracks(frames);
    expect(tracks).toHaveLength(2);
    for (const track of tracks) expect(new Set(track.faces.map((f) => f.face.embedding))).toHaveProperty("size", 1);
  });

  it("a less similar face joins only where the box continues the track in the frame just before", () => {
    const weak = TRACKING.linkSimilarityNearby + 0.05;
    const nearby = linkTracks([
      { frame: 0, faces: [face(direction(0), 100)] },
      { frame: 1, faces: [face(similarTo(0, weak), 130)] },
    ]);
    expect(nearby).toHaveLength(1);
    const moved = linkTracks([
      { frame: 0, faces: [face(direction(0), 100)] },
      { frame: 1, faces: [face(similarTo(0, weak), 900)] },
    ]);
    expect(moved).toHaveLength(2);
    const later = linkTracks([
      { frame: 0, faces: [face(direction(0), 100)] },
      { frame: 2, faces: [face(similarTo(0, weak), 100)] },
    ]);
    expect(later).toHaveLength(2);
    // a stranger at the same place is a new person
    const stranger = linkTracks([
      { frame: 0, faces: [face(direction(0), 100)] },
      { frame: 1, faces: [face(similarTo(0, 0.1), 100)] },
    ]);
    expect(stranger).toHaveLength(2);
  });

  it("box continuity: a move of more than 1.5 face widths, or a size changed by more than 1.6 times, does not continue", () => {
    const box = { x: 100, y: 100, width: 80, height: 80 };
    expect(continues(box, { ...box, x: 200 })).toBe(true);
    expect(continues(box, { ...box, x: 230 })).toBe(false);
    expect(continues(box, { ...box, width: 140, height: 140 })).toBe(false);
  });

  it("searches a track with its usable, largest face, and lists the people seen most first", () => {
    const tracks = linkTracks([
      { frame: 0, faces: [face(direction(0), 100, { size: 200, accepted: false }), face(direction(2), 600)] },
      { frame: 1, faces: [face(direction(0), 100, { size: 60 })] },
      { frame: 2, faces: [face(direction(0), 100, { size: 90 })] },
    ]);
    expect(bestFace(tracks[0]!).frame).toBe(2);
    expect(byPresence([tracks[1]!, tracks[0]!])[0]).toBe(tracks[0]);
  });
});
