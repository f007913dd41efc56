// A change of face model without downtime: every indexed photo is embedded again with the new
// model beside the old vectors, search switches to the new version in one write, and the old
// vectors are deleted after the switch.
import { z } from "zod";
import { isoDateTimeSchema } from "./common.js";

const count = z.int().min(0);
const modelVersionSchema = z.string().min(1).max(200);

/** reembedding: new vectors beside the old; cleaning: switched, old vectors being deleted */
const migrationStatusSchema = z.enum(["reembedding", "cleaning", "done"]);

const modelMigrationSchema = z.object({
  id: z.string(),
  from: modelVersionSchema,
  to: modelVersionSchema,
  status: migrationStatusSchema,
  startedBy: z.string(),
  startedAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /** indexed photos when the migration started (progress: reembedded + notEnrolled + missingBytes of total) */
  total: count,
  reembedded: count,
  /** the new model found no usable face of the subject: the photo leaves the index at the switch, with the new verdict */
  notEnrolled: count,
  /** the photo's bytes were missing from storage */
  missingBytes: count,
  oldFacesDeleted: count,
  /** where the current phase stopped (opaque); a task for another position is a duplicate */
  cursor: z.string().optional(),
  switchedAt: isoDateTimeSchema.optional(),
  finishedAt: isoDateTimeSchema.optional(),
});
export type ModelMigration = z.infer<typeof modelMigrationSchema>;

/** the one document search reads: which model's vectors are searched */
export const modelStateDoc = z.object({
  activeVersion: modelVersionSchema,
  migration: modelMigrationSchema.optional(),
});
export type ModelState = z.infer<typeof modelStateDoc>;

/** one step of a migration, as a task queue delivers it (at least once) */
export const reembedTaskSchema = z.object({
  migrationId: z.string(),
  phase: z.enum(["reembed", "cleanup"]),
  /** the cursor the step starts from; absent for the first page of a phase */
  after: z.string().optional(),
});
export type ReembedTask = z.infer<typeof reembedTaskSchema>;

export const startModelMigrationInput = z.strictObject({ toVersion: modelVersionSchema });
export const modelMigrationOutput = z.object({
  activeVersion: modelVersionSchema,
  /** the model versions this deployment carries */
  available: z.array(modelVersionSchema),
  migration: modelMigrationSchema.nullable(),
});
