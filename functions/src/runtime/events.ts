// The event catalogue (ports/events.ts) written to the Cloud Functions logger as structured
// entries: each event has one name, and its fields become the entry's labels for log queries.
import { logger } from "firebase-functions/logger";
import type { EventLog } from "../ports/index.js";

/** an Error's message and stack (no request data), or what was thrown instead */
function errorFields(error: unknown): { errorName: string; errorMessage: string; stack?: string } {
  if (error instanceof Error)
    return { errorName: error.name, errorMessage: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { errorName: typeof error, errorMessage: String(error) };
}

export const functionsEvents: EventLog = {
  photoIngested: (fields) => logger.info("photo_ingested", { event: "photo_ingested", ...fields }),
  photoForUnknownCase: (fields) =>
    logger.warn("photo_for_unknown_case", { event: "photo_for_unknown_case", ...fields }),
  photoReplacementRefused: (fields) =>
    logger.warn("photo_replacement_refused", { event: "photo_replacement_refused", ...fields }),
  storedUploadRefused: (fields) => logger.warn("stored_upload_refused", { event: "stored_upload_refused", ...fields }),
  uploadEventExpired: (fields) => logger.warn("upload_event_expired", { event: "upload_event_expired", ...fields }),
  interruptedPhotosResumed: (fields) =>
    logger.info("interrupted_photos_resumed", { event: "interrupted_photos_resumed", ...fields }),
  severalFacePhotosFlagged: (fields) =>
    logger.info("several_face_photos_flagged", { event: "several_face_photos_flagged", ...fields }),
  searchCompleted: (fields) => logger.info("search_completed", { event: "search_completed", ...fields }),
  crossMatchCompleted: (fields) => logger.info("cross_match_completed", { event: "cross_match_completed", ...fields }),
  crossMatchEventExpired: (fields) =>
    logger.error("cross_match_event_expired", { event: "cross_match_event_expired", ...fields }),
  crossMatchFailed: ({ error, ...fields }) =>
    logger.error("cross_match_failed", { event: "cross_match_failed", ...fields, ...errorFields(error) }),
  callableFailed: ({ callable, error }) =>
    logger.error("callable_failed", { event: "callable_failed", callable, ...errorFields(error) }),
  exportStarted: (fields) => logger.info("export_started", { event: "export_started", ...fields }),
  exportSkipped: (fields) => logger.warn("export_skipped", { event: "export_skipped", ...fields }),
  backupVerified: (fields) => logger.info("backup_verified", { event: "backup_verified", ...fields }),
  backupCheckFailed: (fields) => logger.error("backup_check_failed", { event: "backup_check_failed", ...fields }),
  contactsResealed: (fields) => logger.info("contacts_resealed", { event: "contacts_resealed", ...fields }),
  retentionSweepCompleted: (fields) =>
    logger.info("retention_sweep_completed", { event: "retention_sweep_completed", ...fields }),
  casePurged: (fields) => logger.info("case_purged", { event: "case_purged", ...fields }),
  modelMigrationProgress: (fields) =>
    logger.info("model_migration_progress", { event: "model_migration_progress", ...fields }),
  modelSwitched: (fields) => logger.info("model_switched", { event: "model_switched", ...fields }),
  modelMigrationStepFailed: ({ error, ...fields }) =>
    logger.error("model_migration_step_failed", {
      event: "model_migration_step_failed",
      ...fields,
      ...errorFields(error),
    }),
  appealDrafted: (fields) => logger.info("appeal_drafted", { event: "appeal_drafted", ...fields }),
  verificationCompleted: (fields) =>
    logger.info("verification_completed", { event: "verification_completed", ...fields }),
  clipSearchCompleted: (fields) => logger.info("clip_search_completed", { event: "clip_search_completed", ...fields }),
  peerCallFailed: ({ error, ...fields }) =>
    logger.error("peer_call_failed", { event: "peer_call_failed", ...fields, ...errorFields(error) }),
  peerMessageRefused: (fields) => logger.warn("peer_message_refused", { event: "peer_message_refused", ...fields }),
  peerMessageFailed: ({ error, ...fields }) =>
    logger.error("peer_message_failed", { event: "peer_message_failed", ...fields, ...errorFields(error) }),
  crossBorderSweepCompleted: (fields) =>
    logger.info("cross_border_sweep_completed", { event: "cross_border_sweep_completed", ...fields }),
};

/** the command line and tests: nothing is reported */
export const silentEvents: EventLog = {
  photoIngested: () => undefined,
  photoForUnknownCase: () => undefined,
  photoReplacementRefused: () => undefined,
  storedUploadRefused: () => undefined,
  uploadEventExpired: () => undefined,
  interruptedPhotosResumed: () => undefined,
  severalFacePhotosFlagged: () => undefined,
  searchCompleted: () => undefined,
  crossMatchCompleted: () => undefined,
  crossMatchEventExpired: () => undefined,
  crossMatchFailed: () => undefined,
  callableFailed: () => undefined,
  exportStarted: () => undefined,
  exportSkipped: () => undefined,
  backupVerified: () => undefined,
  backupCheckFailed: () => undefined,
  contactsResealed: () => undefined,
  retentionSweepCompleted: () => undefined,
  casePurged: () => undefined,
  modelMigrationProgress: () => undefined,
  modelSwitched: () => undefined,
  modelMigrationStepFailed: () => undefined,
  appealDrafted: () => undefined,
  verificationCompleted: () => undefined,
  clipSearchCompleted: () => undefined,
  peerCallFailed: () => undefined,
  peerMessageRefused: () => undefined,
  peerMessageFailed: () => undefined,
  crossBorderSweepCompleted: () => undefined,
};
