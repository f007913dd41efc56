// Backups that are proven: the production export's record (read by the scheduled check) and the
// local store's manifest (counts and hashes per collection, compared after a restore).
import { z } from "zod";
import { isoDateTimeSchema } from "./common.js";

const count = z.int().min(0);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const backupRecordDoc = z.object({
  id: z.string(),
  /** the long-running operation of the Firestore export */
  operation: z.string(),
  outputUri: z.string(),
  startedAt: isoDateTimeSchema,
  state: z.enum(["started", "succeeded", "failed"]),
  checkedAt: isoDateTimeSchema.optional(),
  error: z.string().optional(),
});
export type BackupRecord = z.infer<typeof backupRecordDoc>;

export const backupManifestSchema = z.object({
  format: z.literal(1),
  createdAt: isoDateTimeSchema,
  /** per table or document collection: rows and one hash over their sorted ids and contents */
  collections: z.record(z.string(), z.object({ count, sha256 })),
  blobs: z.object({ count, bytes: count, sha256 }),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
