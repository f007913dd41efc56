// Backups that are proven: the nightly Firestore export is started and recorded (Firestore
// finishes the long-running operation on its own), and a later check reads the last record and
// logs a structured error for the alert when the export failed, is too old, or never ran.
import { onSchedule } from "firebase-functions/scheduler";
import { firestoreExporter } from "../adapters/firebase/firestore-export.js";
import { backupBucket, operationParams, scheduleOf, valuesOf } from "../config.js";
import { getDeps } from "../runtime/deps.js";
import { checkLastBackup, startNightlyExport } from "../services/backups.js";
import { BACKUP_CHECK_OPTIONS, NIGHTLY_EXPORT_OPTIONS } from "./function-options.js";

export const nightlyExport = onSchedule(
  { ...NIGHTLY_EXPORT_OPTIONS, schedule: scheduleOf("nightlyExport") },
  async () => {
    await startNightlyExport(await getDeps(), firestoreExporter(), backupBucket.value());
  },
);

export const checkBackups = onSchedule({ ...BACKUP_CHECK_OPTIONS, schedule: scheduleOf("backupCheck") }, async () => {
  await checkLastBackup(await getDeps(), firestoreExporter(), valuesOf(operationParams).backupMaxAgeHours);
});
