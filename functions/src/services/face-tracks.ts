// Faces of a video clip's frames linked into tracks: one track per person, however many frames
// show them. Frames are about a second apart, so a person may move far between two of them: the
// embedding decides, and the box's continuity lets a face a little less similar join the person
// who stood there in the previous frame. Pure: analysed frames in, tracks out.
import { cosine, type AnalyzedFace, type Box } from "../engine/index.js";

export const TRACKING = {
  /** linked whatever the boxes: above the strong band's edge (0.44, one false match in 100,000 pairs) */
  linkSimilarity: 0.5,
  /** linked when the box continues the track's box in the previous frame: the match threshold (0.32) */
  linkSimilarityNearby: 0.32,
  /** box continuity: the centre moved by less than this many face widths, the size by less than this ratio */
  maxCentreShift: 1.5,
  maxSizeRatio: 1.6,
} as const;

interface FrameFaces {
  frame: number;
  faces: AnalyzedFace[];
}

export interface TrackedFace {
  frame: number;
  face: AnalyzedFace;
}

export interface Track {
  faces: TrackedFace[];
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** the face's box continues the track's box of the frame just before */
export function continues(previous: Box, next: Box): boolean {
  const [a, b] = [centre(previous), centre(next)];
  const width = Math.max(previous.width, next.width);
  const ratio = Math.max(previous.width, next.width) / Math.max(1, Math.min(previous.width, next.width));
  return Math.hypot(a.x - b.x, a.y - b.y) <= TRACKING.maxCentreShift * width && ratio <= TRACKING.maxSizeRatio;
}

/** the track's member most similar to the face: a person seen from several sides matches the nearest view */
function similarityTo(track: Track, face: AnalyzedFace): number {
  let best = -1;
  for (const member of track.faces) best = Math.max(best, cosine(member.face.embedding, face.embedding));
  return best;
}

/**
 * Frame by frame, every face joins the track it resembles most (one face per track and frame, the
 * strongest links first) or starts a track of its own.
 */
export function linkTracks(frames: FrameFaces[]): Track[] {
  const tracks: Track[] = [];
  for (const { frame, faces } of [...frames].sort((a, b) => a.frame - b.frame)) {
    const links: { face: number; track: number; score: number }[] = [];
    faces.forEach((face, f) =>
      tracks.forEach((track, t) => {
        const last = track.faces.at(-1)!;
        const similarity = similarityTo(track, face);
        const nearby = last.frame === frame - 1 && continues(last.face.detection.box, face.detection.box);
        if (similarity >= TRACKING.linkSimilarity || (nearby && similarity >= TRACKING.linkSimilarityNearby))
          links.push({ face: f, track: t, score: similarity + (nearby ? 0.1 : 0) });
      }),
    );
    const takenFaces = new Set<number>();
    const takenTracks = new Set<number>();
    for (const link of links.sort((a, b) => b.score - a.score)) {
      if (takenFaces.has(link.face) || takenTracks.has(link.track)) continue;
      takenFaces.add(link.face);
      takenTracks.add(link.track);
      tracks[link.track]!.faces.push({ frame, face: faces[link.face]! });
    }
    faces.forEach((face, f) => takenFaces.has(f) || tracks.push({ faces: [{ frame, face }] }));
  }
  return tracks;
}

/** the face a track is searched with: a usable one first, then the largest, clearest face */
export function bestFace(track: Track): TrackedFace {
  const rank = ({ face }: TrackedFace): number[] => [
    face.accepted ? 1 : 0,
    -face.issues.length,
    face.quality.faceSizePx,
    face.quality.detectorScore,
  ];
  return track.faces.reduce((best, candidate) => {
    const [a, b] = [rank(candidate), rank(best)];
    const i = a.findIndex((v, k) => v !== b[k]);
    return i >= 0 && a[i]! > b[i]! ? candidate : best;
  });
}

/** the people seen most first; among equals, the one who appeared first */
export function byPresence(tracks: Track[]): Track[] {
  return [...tracks].sort((a, b) => b.faces.length - a.faces.length || a.faces[0]!.frame - b.faces[0]!.frame);
}
