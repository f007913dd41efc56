// The catalogue of what TORA FACE reports about itself: one method per event, each with its own
// fields. Fields are counts, codes, durations and ids, never names, phone numbers, photos or
// embeddings; an unexpected error keeps its message and stack.
import type { PhotoStatus } from "../schemas/index.js";

export interface EventLog {
  photoIngested(fields: { status: PhotoStatus; facesFound: number; facesIndexed: number; ms: number }): void;
  /** a Storage upload under cases/ names a case that does not exist */
  photoForUnknownCase(fields: { caseId: string }): void;
  /** an upload tried to put other bytes under an existing photo's id: evidence is never replaced */
  photoReplacementRefused(fields: { caseId: string; photoId: string }): void;
  /** a Storage event older than the retry window: left to the scheduled resume */
  uploadEventExpired(fields: { ageMinutes: number }): void;
  /** scheduled work on photos whose processing was interrupted */
  interruptedPhotosResumed(fields: { resumed: number; failed: number; gaveUp: number }): void;
  /** the migration that makes photos with several indexed faces wait for an officer's choice */
  severalFacePhotosFlagged(fields: { photos: number }): void;
  searchCompleted(fields: { faces: number; candidates: number; ms: number }): void;
  /** a photo's face searched against the opposite kind (and its own kind for duplicates) */
  crossMatchCompleted(fields: { neighbours: number; opened: number; updated: number; reopened: number; duplicates: number; ms: number }): void;
  /** a photo-document event older than the retry window: dropped (`tora-face cross-match` finishes it) */
  crossMatchEventExpired(fields: { ageMinutes: number }): void;
  /** cross-match after a photo write failed (local mode: the write stands; production: the trigger retries) */
  crossMatchFailed(fields: { caseId: string; photoId: string; error: unknown }): void;
  /** a callable ended with an error that is not a refusal: the cause of an `internal` answer */
  callableFailed(fields: { callable: string; error: unknown }): void;
  exportStarted(fields: { operation: string }): void;
  exportSkipped(fields: { reason: string }): void;
}
