import { z } from "zod";
import { caseKindSchema, caseStatusSchema } from "./cases.js";
import { countrySchema, idSchema, isoDateTimeSchema } from "./common.js";

export const EMBEDDING_DIM = 128;
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

export const photoStatusSchema = z.enum(["processing", "indexed", "rejected"]);
export type PhotoStatus = z.infer<typeof photoStatusSchema>;
export const photoDoc = z.object({
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
  uploadedBy: z.string(),
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
  quality: qualitySchema,
  bbox: boxSchema,
  photoDate: z.iso.date().optional(),
  createdAt: isoDateTimeSchema,
  embedding: z.array(z.number()).length(EMBEDDING_DIM),
});
export type FaceDoc = z.infer<typeof faceDoc>;

export const uploadCasePhotoInput = z.strictObject({
  caseId: idSchema,
  photoId: idSchema.optional(),
  contentBase64: base64,
  photoDate: z.iso.date().optional(),
});
export const photoOutput = z.object({ photo: photoDoc });
export const listCasePhotosInput = z.strictObject({ caseId: idSchema });
export const listCasePhotosOutput = z.object({ photos: z.array(photoDoc) });
export const getPhotoThumbnailInput = z.strictObject({ caseId: idSchema, photoId: idSchema });
export const getPhotoThumbnailOutput = z.object({ dataUrl: z.string() });
export const inlineImage = base64;
