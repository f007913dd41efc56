// A video clip, searched: the phone samples about one frame a second (never the whole clip over a
// slow link); here every face of every frame is found and embedded, the faces are linked into one
// track per person, and each track's best face is searched like a photo's. A clip costs one search
// per track searched (the people seen most first, at most MAX_TRACKS_SEARCHED). Frames in Storage
// are deleted after, whatever the outcome, as a search's probe is.
import { randomUUID } from "node:crypto";
import { CALIBRATION, ImageError, type PhotoAnalysis } from "../engine/index.js";
import { distanceOf, type Deps, type FaceAnalyzer, type VectorSpace } from "../ports/index.js";
import {
  CLIP_MAX_FRAME_BYTES,
  probePrefix,
  type Candidate,
  type SearchClipInput,
  type SearchClipOutput,
  type SearchHistoryEntry,
} from "../schemas/index.js";
import { type Actor, reaches } from "./actor.js";
import { audit, refuseAudited } from "./audit.js";
import { sha256 } from "./bytes.js";
import { caseReader } from "./case-reader.js";
import { ServiceError } from "./errors.js";
import { activeAnalyzer, spaceOf } from "./face-models.js";
import { bestFace, byPresence, linkTracks, type Track, type TrackedFace } from "./face-tracks.js";
import { reserveSearch, type SearchTicket } from "./rate-limit.js";
import {
  NEIGHBOURS_PER_CASE,
  SEARCH_NOTICE,
  candidatesOf,
  groupByCase,
  prefilterFor,
  purposeScope,
  resolvePurpose,
} from "./search.js";

/** a crowd in a clip is not searched person by person: the people seen most, up to this many */
export const MAX_TRACKS_SEARCHED = 10;
const DEFAULT_CANDIDATES_PER_TRACK = 5;

type Frame = SearchClipInput["frames"][number];
type ClipTrack = SearchClipOutput["tracks"][number];
interface AnalysedFrame {
  index: number;
  atMs: number;
  digest: string;
  analysis: PhotoAnalysis;
}

export async function searchClip(deps: Deps, caller: Actor, input: SearchClipInput): Promise<SearchClipOutput> {
  const started = Date.now();
  try {
    const { country: wanted } = input.filters;
    if (wanted && !reaches(caller, wanted))
      await refuseAudited(deps, caller, "other_country", { type: "search", id: "not-run" }, { country: wanted });
    const purpose = await resolvePurpose(deps, caller, input.purpose);
    const scope = await purposeScope(deps, purpose, input.filters);
    const first = await reserveSearch(deps, caller);
    const analyzer = await activeAnalyzer(deps);
    const frames = await analyseFrames(deps, caller, analyzer, input.frames).catch(async (error: unknown) => {
      if (error instanceof ServiceError) await first.refused();
      throw error;
    });
    const tracks = byPresence(linkTracks(frames.map((f) => ({ frame: f.index, faces: f.analysis.faces }))));
    // a clip without a face found nothing: like a photo without one, it does not count as a search
    await (tracks.length > 0 ? first.searched() : first.refused());

    // the tracks' embeddings are protected under the active key: searched in its space
    const searchedTracks = await searchTracks(
      deps,
      caller,
      first,
      tracks,
      { ...input, filters: scope.filters },
      spaceOf(analyzer),
      scope.exceptCaseId,
    );
    const entry = await recordClip(deps, caller, input, purpose, frames, analyzer.modelVersion, searchedTracks.results);
    const candidates = searchedTracks.results.reduce((n, t) => n + t.candidates.length, 0);
    const faces = frames.reduce((n, f) => n + f.analysis.faces.length, 0);
    const searched = searchedTracks.results.filter((t) => t.searched).length;
    await audit(
      deps,
      caller,
      "search.clip",
      { type: "search", id: entry.id },
      { frames: frames.length, tracks: tracks.length, searched, candidates },
    );
    const ms = Date.now() - started;
    deps.events.clipSearchCompleted({ frames: frames.length, faces, tracks: tracks.length, searched, candidates, ms });
    const { country, caseKind } = prefilterFor(caller, scope.filters);
    return {
      searchId: entry.id,
      modelVersion: analyzer.modelVersion,
      threshold: CALIBRATION.threshold,
      frames: frames.map((f) => ({
        index: f.index,
        atMs: f.atMs,
        width: f.analysis.width,
        height: f.analysis.height,
        faces: f.analysis.faces.length,
      })),
      tracks: searchedTracks.results,
      ...(searchedTracks.notSearched ? { notSearched: searchedTracks.notSearched } : {}),
      notice: SEARCH_NOTICE,
      ...(country ? { searchedCountry: country } : {}),
      ...(caseKind ? { searchedKind: caseKind } : {}),
      ...("caseId" in purpose ? { purposeCaseId: purpose.caseId } : {}),
      ms,
    };
  } finally {
    // frames uploaded to Storage leave it whatever happened, as a search's probe does
    for (const frame of input.frames)
      if ("storagePath" in frame && frame.storagePath.startsWith(probePrefix(caller.uid)))
        await deps.blobs.delete(frame.storagePath);
  }
}

/** every face of every frame, in the clip's order; a frame that is not a readable image refuses the clip, naming it */
async function analyseFrames(
  deps: Deps,
  caller: Actor,
  analyzer: FaceAnalyzer,
  frames: Frame[],
): Promise<AnalysedFrame[]> {
  const analysed: AnalysedFrame[] = [];
  for (const [index, frame] of [...frames].sort((a, b) => a.atMs - b.atMs).entries()) {
    const bytes = await frameBytes(deps, caller, frame);
    try {
      analysed.push({
        index,
        atMs: frame.atMs,
        digest: sha256(bytes),
        analysis: await analyzer.analyze(bytes, { select: "all" }),
      });
    } catch (error) {
      if (error instanceof ImageError)
        throw new ServiceError("image_refused", { message: `frame ${index + 1}: ${error.message}`, image: error.code });
      throw error;
    }
  }
  return analysed;
}

async function frameBytes(deps: Deps, caller: Actor, frame: Frame): Promise<Uint8Array> {
  if ("contentBase64" in frame) return Buffer.from(frame.contentBase64, "base64");
  if (!frame.storagePath.startsWith(probePrefix(caller.uid))) throw new ServiceError("probe_not_own");
  const bytes = await deps.blobs.get(frame.storagePath);
  if (!bytes) throw new ServiceError("probe_not_found");
  if (bytes.length > CLIP_MAX_FRAME_BYTES)
    throw new ServiceError("image_refused", { message: "frame larger than 1 MiB", image: "too_large" });
  return bytes;
}

/**
 * The tracks' best faces searched, the people seen most first: the first on the clip's own
 * search, each further one on a search of its own — when the officer's budget runs out, the
 * remaining tracks are listed unsearched with the time to wait.
 */
async function searchTracks(
  deps: Deps,
  caller: Actor,
  first: SearchTicket,
  tracks: Track[],
  input: SearchClipInput,
  space: VectorSpace,
  exceptCaseId: string | undefined,
): Promise<{ results: ClipTrack[]; notSearched?: SearchClipOutput["notSearched"] }> {
  const filter = { ...prefilterFor(caller, input.filters), space };
  const probeDate = input.clipDate;
  const limit = input.limit ?? DEFAULT_CANDIDATES_PER_TRACK;
  const cases = caseReader(deps);
  const results: ClipTrack[] = [];
  let notSearched: SearchClipOutput["notSearched"];
  for (const [index, track] of tracks.entries()) {
    const best = bestFace(track);
    let candidates: Candidate[] | undefined;
    if (index >= MAX_TRACKS_SEARCHED)
      notSearched ??= { reason: "too_many_tracks", tracks: tracks.length - MAX_TRACKS_SEARCHED };
    else if (!notSearched) {
      const allowed = index === 0 ? first : await nextSearch(deps, caller);
      if ("retryAfterSeconds" in allowed)
        notSearched = {
          reason: "search_limit",
          tracks: tracks.length - index,
          retryAfterSeconds: allowed.retryAfterSeconds,
        };
      else {
        const neighbours = await deps.faces.findNearest({
          vector: best.face.embedding,
          filter,
          limit: limit * NEIGHBOURS_PER_CASE,
          distanceThreshold: distanceOf(CALIBRATION.threshold),
        });
        candidates = await candidatesOf(groupByCase(neighbours, exceptCaseId), cases, {
          limit,
          probeDate,
          belowThreshold: false,
        });
      }
    }
    results.push({
      index,
      appearances: track.faces.map(appearance),
      best: { ...appearance(best), quality: best.face.quality, issues: best.face.issues },
      searched: candidates !== undefined,
      candidates: candidates ?? [],
    });
  }
  return { results, ...(notSearched ? { notSearched } : {}) };
}

const appearance = ({ frame, face }: TrackedFace) => ({ frame, faceIndex: face.index, box: face.detection.box });

/** one more search for the next track, or how long to wait when the officer's limit is reached */
async function nextSearch(deps: Deps, caller: Actor): Promise<SearchTicket | { retryAfterSeconds: number }> {
  try {
    const ticket = await reserveSearch(deps, caller);
    await ticket.searched();
    return ticket;
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== "resource-exhausted") throw error;
    const { retryAfterSeconds, retryAfterMinutes } = error.details;
    return {
      retryAfterSeconds:
        typeof retryAfterSeconds === "number" ? retryAfterSeconds : Number(retryAfterMinutes ?? 1) * 60,
    };
  }
}

/** the history keeps a hash of the frames and the searched tracks' candidates, never a frame */
async function recordClip(
  deps: Deps,
  caller: Actor,
  input: SearchClipInput,
  purpose: SearchHistoryEntry["purpose"],
  frames: AnalysedFrame[],
  modelVersion: string,
  tracks: ClipTrack[],
): Promise<SearchHistoryEntry> {
  const entry: SearchHistoryEntry = {
    id: randomUUID(),
    userUid: caller.uid,
    purpose,
    kind: "clip",
    filters: input.filters,
    probeSha256: sha256(new TextEncoder().encode(frames.map((f) => f.digest).join(""))),
    modelVersion,
    createdAt: deps.clock.now().toISOString(),
    faces: tracks
      .filter((t) => t.searched)
      .map((t) => ({
        index: t.index,
        candidates: t.candidates.map((c) => ({ caseId: c.caseId, similarity: c.similarity, band: c.band })),
      })),
    outcomes: [],
  };
  await deps.searches.put(entry);
  return entry;
}
