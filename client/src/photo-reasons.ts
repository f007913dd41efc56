// Every code a photo's verdict (photo.reasons, faces[].issues) or a search's probe verdict can
// carry, and what it means. The English sentence a person reads comes with each reason from the
// backend (with its numbers); apps translate by code and fall back to that sentence. A code added
// to the engine without a row here fails to compile.
import type { ImageErrorCode, PhotoRejectCode, QualityIssueCode } from "../../functions/src/engine/index.js";

/** given up after repeated interrupted analyses (services/photos.ts) */
type ProcessingCode = "processing_failed";
export type PhotoReasonCode = QualityIssueCode | PhotoRejectCode | ImageErrorCode | ProcessingCode;

export const photoReasonCodes = {
  no_face: "No face was found in the photo.",
  several_faces: "Several comparable faces: an officer chooses the case's person (chooseCasePhotoFace).",
  quality: "The face does not meet the quality rules (the other reasons say which).",
  face_too_small: "The face is smaller than the minimum size in pixels.",
  too_dark: "The face (or the whole photo) is too dark.",
  too_bright: "The face is washed out.",
  too_blurry: "The face is blurred.",
  pose_too_strong: "The face is turned or tilted too far.",
  low_detector_score: "The face is not clearly visible (low detector confidence).",
  empty: "The file is empty.",
  too_large: "The file is larger than 16 MiB.",
  unsupported_format: "Not a JPEG, PNG, WebP or TIFF photo.",
  heic_unsupported: "A HEIC/HEIF photo, which cannot be read: export it as JPEG.",
  corrupt: "The photo is damaged or incomplete.",
  pixel_limit: "The photo has more than 50 megapixels.",
  processing_failed: "The photo could not be processed after several attempts: upload it again.",
} as const satisfies Record<PhotoReasonCode, string>;

export const isPhotoReasonCode = (code: string): code is PhotoReasonCode => Object.hasOwn(photoReasonCodes, code);
