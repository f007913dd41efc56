// Every code a photo's verdict (photo.reasons, faces[].issues) or a search's probe verdict can
// carry, and what it means. The English sentence a person reads comes with each reason from the
// backend (with its numbers); apps translate by code and fall back to that sentence. A code added
// to the engine without a row here fails to compile.
import type { ImageErrorCode, PhotoRejectCode, QualityIssueCode } from "../../functions/src/engine/index.js";
import type { StoredUploadRefusal } from "../../functions/src/schemas/index.js";

/** given up after repeated interrupted analyses (services/photo-ingest.ts) */
type ProcessingCode = "processing_failed";
export type PhotoReasonCode =
  QualityIssueCode | PhotoRejectCode | ImageErrorCode | ProcessingCode | StoredUploadRefusal;

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
  upload_not_allowed:
    "Sent straight to Storage by someone who may not add photos to this case now (their account, the case's country or team, or the case is closed): not kept.",
  upload_limit: "Sent straight to Storage past the hourly upload limit: not kept; send it again later.",
  same_photo_stored: "Sent straight to Storage, but the same photo is on this case already: not kept a second time.",
} as const satisfies Record<PhotoReasonCode, string>;

export const isPhotoReasonCode = (code: string): code is PhotoReasonCode => Object.hasOwn(photoReasonCodes, code);
