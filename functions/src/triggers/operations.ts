// Scheduled work. The nightly Firestore export is a long-running operation that Firestore
// finishes on its own: we start it and return.
import firestoreAdmin from "@google-cloud/firestore";
import { onSchedule } from "firebase-functions/scheduler";
import { backupBucket } from "../config.js";
import { functionsEvents } from "../runtime/events.js";

export const nightlyExport = onSchedule({ schedule: "every day 01:00", timeZone: "Africa/Bujumbura" }, async () => {
  const bucket = backupBucket.value();
  if (!bucket) {
    functionsEvents.exportSkipped({ reason: "BACKUP_BUCKET is empty" });
    return;
  }
  const client = new firestoreAdmin.v1.FirestoreAdminClient();
  const projectId = process.env.GCLOUD_PROJECT ?? (await client.getProjectId());
  const [operation] = await client.exportDocuments({
    name: client.databasePath(projectId, "(default)"),
    outputUriPrefix: `gs://${bucket}/firestore/${new Date().toISOString().slice(0, 10)}`,
    collectionIds: [],
  });
  functionsEvents.exportStarted({ operation: operation.name ?? "unknown" });
});
