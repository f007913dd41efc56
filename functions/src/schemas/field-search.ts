// Searching from the field: "is this the person?" (one photo against one case), a video clip
// sampled on the phone (faces linked into tracks, each track searched), and a case drafted
// without network (sent later, once, whatever the number of retries).
import { z } from "zod";
import { caseKindSchema, caseOutput, caseStatusSchema, createCaseInput } from "./cases.js";
import { countrySchema, idSchema } from "./common.js";
import { boxSchema, qualitySchema, reasonSchema } from "./photos.js";
import { candidateBandSchema, candidateSchema, searchFacesInput, searchPurposeInputSchema } from "./search.js";
import { PROBE_PATH } from "./storage-paths.js";

// --- 1:1 verification ------------------------------------------------------------------------------

export const verifyFacesInput = z.strictObject({
  /** the case the photo is compared with; it is also the search's purpose in the history */
  caseId: idSchema,
  probe: searchFacesInput.shape.probe,
  /** when the compared photo was taken (default: today): the years to the case's photo are reported */
  probePhotoDate: z.iso.date().optional(),
});
export type VerifyFacesInput = z.infer<typeof verifyFacesInput>;

const verifiedFaceSchema = z.object({
  index: z.int(),
  box: boxSchema,
  quality: qualitySchema,
  issues: z.array(reasonSchema),
  /** the best cosine similarity between this face and any searchable face of the case */
  similarity: z.number(),
  /** calibrated like a search's candidates; below the match threshold it says so */
  band: candidateBandSchema,
  /** the case's face that scored best */
  photo: z.object({ caseId: idSchema, photoId: idSchema, faceIndex: z.int() }),
  /** years between the two photos when both are dated and 2 or more apart: the score is less reliable */
  photoAgeGapYears: z.int().optional(),
});

export const verifyFacesOutput = z.object({
  /** the search-history entry of this comparison (outcomes are recorded against it) */
  searchId: idSchema,
  caseId: idSchema,
  externalRef: z.string().optional(),
  kind: caseKindSchema,
  country: countrySchema,
  probeSha256: z.string(),
  modelVersion: z.string(),
  threshold: z.number(),
  probeReasons: z.array(reasonSchema),
  /** the compared photo's size: the faces' boxes are in its pixels */
  width: z.int(),
  height: z.int(),
  /** how many searchable faces of the case each probe face was compared with */
  caseFaces: z.int(),
  faces: z.array(verifiedFaceSchema),
  notice: z.string(),
});
export type VerifyFacesOutput = z.infer<typeof verifyFacesOutput>;

// --- video clips -----------------------------------------------------------------------------------

/** a clip is sampled at about one frame a second, never more than this many frames */
export const CLIP_MAX_FRAMES = 32;
/** bytes of one sampled frame (a 1280 px JPEG is about 150 KB) and of all frames of a request */
export const CLIP_MAX_FRAME_BYTES = 1024 * 1024;
const CLIP_MAX_BYTES = 12 * 1024 * 1024;
/** longer side of a sampled frame, in pixels; JPEG quality as canvas.toBlob takes it */
export const CLIP_FRAME_MAX_SIDE = 1280;
export const CLIP_FRAME_JPEG_QUALITY = 0.8;
/** the longest clip position a frame may claim: 3 hours */
const CLIP_MAX_MS = 3 * 3600 * 1000;

/**
 * When to take the frames of a clip of this length: one a second, in the middle of each second,
 * or — for clips longer than CLIP_MAX_FRAMES seconds — CLIP_MAX_FRAMES evenly spread. The portal
 * and the command line sample with this one rule.
 */
export function clipSampleTimes(durationSeconds: number): number[] {
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) return [0];
  const count = Math.min(CLIP_MAX_FRAMES, Math.max(1, Math.floor(durationSeconds)));
  const step = durationSeconds / count;
  return Array.from({ length: count }, (_, i) => Math.round((i + 0.5) * step * 1000) / 1000);
}

const frameBase64 = z
  .string()
  .max(Math.ceil(CLIP_MAX_FRAME_BYTES / 3) * 4 + 4, `frame larger than ${CLIP_MAX_FRAME_BYTES / 1024 / 1024} MiB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "frame must be base64");

const clipFrameSchema = z.union([
  z.strictObject({ contentBase64: frameBase64, atMs: z.int().min(0).max(CLIP_MAX_MS) }),
  /** a frame the caller uploaded under probes/{uid}/; deleted after the search */
  z.strictObject({ storagePath: z.string().regex(PROBE_PATH), atMs: z.int().min(0).max(CLIP_MAX_MS) }),
]);

export const searchClipInput = z.strictObject({
  frames: z
    .array(clipFrameSchema)
    .min(1)
    .max(CLIP_MAX_FRAMES)
    .refine(
      (frames) =>
        frames.reduce((n, f) => n + ("contentBase64" in f ? (f.contentBase64.length * 3) / 4 : 0), 0) <= CLIP_MAX_BYTES,
      `the frames together are larger than ${CLIP_MAX_BYTES / 1024 / 1024} MiB`,
    ),
  purpose: searchPurposeInputSchema,
  filters: z
    .strictObject({
      kind: caseKindSchema.optional(),
      country: countrySchema.optional(),
      status: caseStatusSchema.optional(),
    })
    .default({}),
  /** candidate cases per track (default 5) */
  limit: z.int().min(1).max(20).optional(),
  /** when the clip was filmed (default: today) */
  clipDate: z.iso.date().optional(),
});
export type SearchClipInput = z.infer<typeof searchClipInput>;

const appearanceSchema = z.object({ frame: z.int(), faceIndex: z.int(), box: boxSchema });

const clipTrackSchema = z.object({
  /** tracks are numbered in the order they first appear */
  index: z.int(),
  /** every frame the person was found in, with their box there */
  appearances: z.array(appearanceSchema),
  /** the face that was searched: the track's best (usable, fewest issues, largest, most clearly detected), and the frame it comes from */
  best: appearanceSchema.extend({ quality: qualitySchema, issues: z.array(reasonSchema) }),
  /** false when the track was not searched: the search budget ran out, or the clip had more tracks than are searched */
  searched: z.boolean(),
  candidates: z.array(candidateSchema),
});

export const searchClipOutput = z.object({
  searchId: idSchema,
  modelVersion: z.string(),
  threshold: z.number(),
  frames: z.array(z.object({ index: z.int(), atMs: z.int(), width: z.int(), height: z.int(), faces: z.int() })),
  tracks: z.array(clipTrackSchema),
  /** why some tracks were not searched, when some were not */
  notSearched: z
    .object({
      reason: z.enum(["too_many_tracks", "search_limit"]),
      tracks: z.int(),
      retryAfterSeconds: z.int().optional(),
    })
    .optional(),
  notice: z.string(),
  searchedCountry: countrySchema.optional(),
  purposeCaseId: idSchema.optional(),
  /** the clip's frames analysed and searched, in milliseconds on the server */
  ms: z.int(),
});
export type SearchClipOutput = z.infer<typeof searchClipOutput>;

// --- drafts made without network -------------------------------------------------------------------

/**
 * A case drafted on a phone without network, sent when the network returns. The draft's id (made
 * on the phone) decides the case's id: the same draft sent twice — a retry after a lost answer,
 * two tabs — creates one case.
 */
export const submitCaseDraftInput = z.strictObject({
  draftId: z.uuid(),
  case: createCaseInput,
});
export type SubmitCaseDraftInput = z.infer<typeof submitCaseDraftInput>;
/** the case (created now, or by an earlier sending of the same draft) */
export const submitCaseDraftOutput = caseOutput.extend({ created: z.boolean() });
