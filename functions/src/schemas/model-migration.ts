// A change of face model without downtime: every indexed photo is embedded again with the new
// model beside the old vectors, search switches to the new version in one write, and the old
// vectors are deleted after the switch.
import { z } from "zod";
import { isoDateTimeSchema } from "./common.js";

const count = z.int().min(0);
const modelVersionSchema = z.string().min(1).max(200);

/** reembedding: new vectors beside the old; cleaning: switched, old vectors being deleted */
const migrationStatusSchema = z.enum(["reembedding", "cleaning", "done"]);

const templateKeyIdSchema = z.string().min(1).max(64);

/**
 * A move of every face vector to another space: another model (its photos embedded again), or
 * another template key (its vectors re-keyed by one matrix product, no photo read), or both.
 */
const modelMigrationSchema = z.object({
  id: z.string(),
  from: modelVersionSchema,
  to: modelVersionSchema,
  /** the template key of the vectors it moves from and to (the same key: a model change alone) */
  fromTemplateKey: templateKeyIdSchema,
  toTemplateKey: templateKeyIdSchema,
  status: migrationStatusSchema,
  startedBy: z.string(),
  startedAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /** indexed photos when the migration started (progress: reembedded + notEnrolled + missingBytes of total) */
  total: count,
  reembedded: count,
  /** vectors moved to the target key without reading their photo (a template key rotation) */
  rekeyed: count,
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
  /** the template key of the searched vectors; absent until a migration recorded it: the oldest key of TEMPLATE_KEYS */
  activeTemplateKey: templateKeyIdSchema.optional(),
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
/** absent: the newest key of TEMPLATE_KEYS */
export const startTemplateKeyRotationInput = z.strictObject({ toKeyId: templateKeyIdSchema.optional() });
export const modelMigrationOutput = z.object({
  activeVersion: modelVersionSchema,
  /** the model versions this deployment carries */
  available: z.array(modelVersionSchema),
  /** the template key of the searched vectors, and the key ids this deployment holds (newest first; never a key) */
  activeTemplateKey: templateKeyIdSchema,
  templateKeys: z.array(templateKeyIdSchema),
  migration: modelMigrationSchema.nullable(),
});
