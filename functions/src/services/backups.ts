// Backups that are proven: the nightly export is recorded when it starts, and a second scheduled
// check reads the last record, asks Firestore how the export ended, and reports an error (for a
// log-based alert) when it failed, is older than the allowed age, or there is none.
import type { DatabaseExporter, Deps } from "../ports/index.js";
import type { BackupRecord } from "../schemas/index.js";

export async function startNightlyExport(
  deps: Pick<Deps, "operations" | "clock" | "events">,
  exporter: DatabaseExporter,
  bucket: string,
): Promise<BackupRecord | undefined> {
  if (!bucket) {
    deps.events.exportSkipped({ reason: "BACKUP_BUCKET is empty" });
    return undefined;
  }
  const startedAt = deps.clock.now().toISOString();
  const outputUri = `gs://${bucket}/firestore/${startedAt.slice(0, 10)}`;
  const { operation } = await exporter.start(outputUri);
  const record: BackupRecord = { id: startedAt, operation, outputUri, startedAt, state: "started" };
  await deps.operations.putBackup(record);
  deps.events.exportStarted({ operation });
  return record;
}

type BackupCheck =
  | { ok: true; record: BackupRecord; ageHours: number }
  | { ok: false; reason: "failed" | "stale" | "missing"; record?: BackupRecord; ageHours?: number };

export async function checkLastBackup(
  deps: Pick<Deps, "operations" | "clock" | "events">,
  exporter: DatabaseExporter,
  maxAgeHours: number,
): Promise<BackupCheck> {
  const last = await deps.operations.lastBackup();
  if (!last) {
    deps.events.backupCheckFailed({ reason: "missing" });
    return { ok: false, reason: "missing" };
  }
  const now = deps.clock.now();
  let record = last;
  if (last.state === "started") {
    const status = await exporter.status(last.operation);
    record = {
      ...last,
      checkedAt: now.toISOString(),
      ...(status.done ? { state: status.error ? "failed" : "succeeded" } : {}),
      ...(status.error ? { error: status.error } : {}),
    };
    await deps.operations.putBackup(record);
  }
  const ageHours = Math.round(((now.getTime() - Date.parse(record.startedAt)) / 3_600_000) * 10) / 10;
  const fields = { operation: record.operation, ageHours, ...(record.error ? { error: record.error } : {}) };
  // an export still running past the allowed age is as good as missing
  const reason = record.state === "failed" ? "failed" : ageHours > maxAgeHours ? "stale" : undefined;
  if (reason) {
    deps.events.backupCheckFailed({ reason, ...fields });
    return { ok: false, reason, record, ageHours };
  }
  deps.events.backupVerified({ operation: record.operation, ageHours });
  return { ok: true, record, ageHours };
}
