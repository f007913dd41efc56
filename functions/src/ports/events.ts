// The catalogue of what TORA FACE reports about itself: one method per event, each with its own
// fields. Fields are counts, codes, durations and ids, never names, phone numbers, photos or
// embeddings; an unexpected error keeps its message and stack.
import type { TombstoneOutcome, PhotoStatus, SweepCounts } from "../schemas/index.js";

export interface EventLog {
  photoIngested(fields: { status: PhotoStatus; facesFound: number; facesIndexed: number; ms: number }): void;
  /** a Storage upload under cases/ names a case that does not exist */
  photoForUnknownCase(fields: { caseId: string }): void;
  /** an upload tried to put other bytes under an existing photo's id: evidence is never replaced */
  photoReplacementRefused(fields: { caseId: string; photoId: string }): void;
  /** an object put straight into Storage was refused (the uploader's rights, the upload limit, the case, the same photo again): its bytes are deleted */
  storedUploadRefused(fields: { caseId: string; photoId: string; reason: string }): void;
  /** a Storage event older than the retry window: not retried; a photo without a record is handed to the scheduled resume */
  uploadEventExpired(fields: {
    ageMinutes: number;
    outcome: "ignored" | "recorded" | "missing" | "refused" | "handed_over";
  }): void;
  /** scheduled work on photos whose processing was interrupted */
  interruptedPhotosResumed(fields: { resumed: number; failed: number; gaveUp: number }): void;
  /** the migration that makes photos with several indexed faces wait for an officer's choice */
  severalFacePhotosFlagged(fields: { photos: number }): void;
  searchCompleted(fields: { faces: number; candidates: number; ms: number }): void;
  /** a photo's face searched against the opposite kind (and its own kind for duplicates) */
  crossMatchCompleted(fields: {
    neighbours: number;
    opened: number;
    updated: number;
    reopened: number;
    duplicates: number;
    ms: number;
  }): void;
  /** a photo-document event older than the retry window: dropped; an error for an alert, naming the case for `tora-face cross-match --case` */
  crossMatchEventExpired(fields: { caseId: string; photoId: string; ageMinutes: number }): void;
  /** cross-match after a photo write failed (local mode: the write stands; production: the trigger retries) */
  crossMatchFailed(fields: { caseId: string; photoId: string; error: unknown }): void;
  /** a callable ended with an error that is not a refusal: the cause of an `internal` answer */
  callableFailed(fields: { callable: string; error: unknown }): void;
  exportStarted(fields: { operation: string }): void;
  exportSkipped(fields: { reason: string }): void;
  /** the last export is fine: the log line the backup alert's absence is checked against */
  backupVerified(fields: { operation: string; ageHours: number }): void;
  /** an error for the log-based alert: the last export failed, is too old, or there is none */
  backupCheckFailed(fields: {
    reason: "failed" | "stale" | "missing";
    operation?: string;
    ageHours?: number;
    error?: string;
  }): void;
  /** one retention sweep: what each rule deleted or changed, and whether it reached the end */
  retentionSweepCompleted(fields: SweepCounts & { complete: boolean; pages: number; ms: number }): void;
  /** contacts sealed again with the current key (a key rotation) */
  contactsResealed(fields: { keyId: string; cases: number; contacts: number }): void;
  casePurged(fields: { caseId: string; outcome: TombstoneOutcome; photos: number; faces: number; blobs: number }): void;
  modelMigrationProgress(fields: {
    migrationId: string;
    status: string;
    total: number;
    reembedded: number;
    notEnrolled: number;
    missingBytes: number;
    oldFacesDeleted: number;
  }): void;
  modelSwitched(fields: { migrationId: string; from: string; to: string }): void;
  /** a step of a migration failed (Cloud Tasks retries it; locally the migration waits to be resumed) */
  modelMigrationStepFailed(fields: { migrationId: string; phase: string; error: unknown }): void;
  appealDrafted(fields: { generator: string; withPhoto: boolean; ms: number }): void;
  /** a photo compared with one case ("is this the person?") */
  verificationCompleted(fields: { faces: number; caseFaces: number; aboveThreshold: number; ms: number }): void;
  /** a video clip's frames analysed, linked into tracks and searched */
  clipSearchCompleted(fields: {
    frames: number;
    faces: number;
    tracks: number;
    searched: number;
    candidates: number;
    ms: number;
  }): void;
  /** a message to another country's deployment got no answer, or one outside the protocol */
  peerCallFailed(fields: { kind: string; to: string; error: unknown }): void;
  /** a message from another deployment was refused before or while it was handled (identity, window, replay, rules) */
  peerMessageRefused(fields: { kind?: string; from?: string; reason: string }): void;
  /** a message from another deployment failed unexpectedly: the cause of an `internal` answer */
  peerMessageFailed(fields: { kind: string; from: string; error: unknown }): void;
  /** the cross-border sweep: expired requests deleted (received) or marked expired (sent), old message ids forgotten */
  crossBorderSweepCompleted(fields: { receivedDeleted: number; sentExpired: number; messagesForgotten: number }): void;
}
