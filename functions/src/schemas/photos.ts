import { z } from "zod";
import { caseKindSchema, caseStatusSchema } from "./cases.js";
import { countrySchema, idSchema, isoDateTimeSchema, requiredText, text } from "./common.js";

// the one home of the vector size is the engine's contract (a file without imports: the portal bundles it too)
import { EMBEDDING_DIM } from "../engine/types.js";

export { EMBEDDING_DIM };
/** inline uploads and probes: bytes after base64 decoding */
export const MAX_INLINE_BYTES = 8 * 1024 * 1024;
const base64 = z
  .string()
  .max(Math.ceil(MAX_INLINE_BYTES / 3) * 4 + 4, "photo larger than 8 MiB: upload it to Storage instead")
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "photo must be base64");

export const boxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export const reasonSchema = z.object({ code: z.string(), message: z.string() });
export const qualitySchema = z.object({
  faceSizePx: z.number(),
  sharpness: z.number(),
  brightness: z.number(),
  rollDeg: z.number(),
  yaw: z.number(),
  detectorScore: z.number(),
});

/**
 * processing: received, not yet analysed (or interrupted: scheduled work resumes it);
 * indexed: the subject's face is searchable; rejected: no usable face, or not a readable photo;
 * needs_choice: several comparable faces, nothing searchable until an officer chooses the person;
 * retracted: withdrawn by an officer (kept as evidence, never searchable again).
 */
export const photoStatusSchema = z.enum(["processing", "indexed", "rejected", "needs_choice", "retracted"]);
export type PhotoStatus = z.infer<typeof photoStatusSchema>;

/**
 * Why an object put straight into Storage was not kept: its uploader may not add photos to the case
 * now (rights from the officer record, the case's status), the hourly upload limit, or the same
 * photo is on the case already. The refusal is the photo's record (status rejected, this code); its
 * bytes are deleted.
 */
export const storedUploadRefusalSchema = z.enum(["upload_not_allowed", "upload_limit", "same_photo_stored"]);
export type StoredUploadRefusal = z.infer<typeof storedUploadRefusalSchema>;

/** how the face enrolled for the case's subject was chosen */
const subjectFaceSchema = z.object({
  index: z.int(),
  /** only: the one face of the photo; dominant: clearly the largest, central face; chosen: by an officer */
  how: z.enum(["only", "dominant", "chosen"]),
  by: z.string().optional(),
  at: isoDateTimeSchema.optional(),
});
export type SubjectFace = z.infer<typeof subjectFaceSchema>;

const photoDoc = z.object({
  caseId: idSchema,
  photoId: idSchema,
  storagePath: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  status: photoStatusSchema,
  /** sentences a person understands; empty when indexed */
  reasons: z.array(reasonSchema),
  facesFound: z.int(),
  facesIndexed: z.int(),
  faces: z.array(z.object({ index: z.int(), box: boxSchema, accepted: z.boolean(), issues: z.array(reasonSchema) })),
  modelVersion: z.string(),
  width: z.int().optional(),
  height: z.int().optional(),
  photoDate: z.iso.date().optional(),
  /** the file's name on the device it came from, as the officer knows it */
  fileName: z.string().optional(),
  /** the uid of the officer who uploaded it ("system" for the command line) */
  uploadedBy: z.string(),
  /** the face enrolled as the case's subject, when one is */
  subjectFace: subjectFaceSchema.optional(),
  /** a correction: the photo stays as evidence, its face leaves the index */
  retraction: z.object({ by: z.string(), at: isoDateTimeSchema, reason: z.string() }).optional(),
  /** analyses started while processing: scheduled work gives up after a few */
  attempts: z.int().optional(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Photo = z.infer<typeof photoDoc>;

export const faceDoc = z.object({
  /** `${caseId}_${photoId}_${faceIndex}`: the same upload twice writes the same documents */
  faceId: z.string(),
  caseId: idSchema,
  photoId: idSchema,
  faceIndex: z.int(),
  caseKind: caseKindSchema,
  caseStatus: caseStatusSchema,
  country: countrySchema,
  modelVersion: z.string(),
  /**
   * the template key the embedding is protected with (docs/template-protection.md): a stored
   * vector is the key's secret orthogonal matrix times the model's vector, never the model's own.
   * With modelVersion it names the vector's space: only vectors of one space are compared.
   */
  templateKeyId: z.string().min(1).max(64),
  quality: qualitySchema,
  bbox: boxSchema,
  photoDate: z.iso.date().optional(),
  createdAt: isoDateTimeSchema,
  embedding: z.array(z.number()).length(EMBEDDING_DIM),
});
export type FaceDoc = z.infer<typeof faceDoc>;

export const uploadCasePhotoInput = z.strictObject({
  caseId: idSchema,
  /** optional, for safe retries: the same id with the same bytes answers with the stored photo; different bytes are refused */
  photoId: idSchema.optional(),
  contentBase64: base64,
  photoDate: z.iso.date().optional(),
  fileName: text(200).optional(),
});
export const chooseCasePhotoFaceInput = z.strictObject({
  caseId: idSchema,
  photoId: idSchema,
  faceIndex: z.int().min(0).max(63),
});
export const retractCasePhotoInput = z.strictObject({ caseId: idSchema, photoId: idSchema, reason: requiredText(500) });
export const photoOutput = z.object({ photo: photoDoc });
export const listCasePhotosInput = z.strictObject({ caseId: idSchema });
export const listCasePhotosOutput = z.object({ photos: z.array(photoDoc) });
export const getPhotoThumbnailInput = z.strictObject({ caseId: idSchema, photoId: idSchema });
export const getPhotoThumbnailOutput = z.object({ dataUrl: z.string() });
export const inlineImage = base64;
