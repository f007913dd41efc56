// Face model migration: started and followed by administrators, each step a task of a queue that
// Cloud Tasks retries (with backoff) and rate-limits (one step at a time).
import { onTaskDispatched } from "firebase-functions/tasks";
import { getDeps } from "../runtime/deps.js";
import { reembedTaskSchema } from "../schemas/index.js";
import {
  getModelMigration as status,
  handleReembedTask,
  startModelMigration as start,
  startTemplateKeyRotation as rotate,
} from "../services/model-migration.js";
import { callable } from "./callable.js";
import { REEMBED_OPTIONS } from "./function-options.js";

export const startModelMigration = callable("startModelMigration", start);
export const getModelMigration = callable("getModelMigration", status);
export const startTemplateKeyRotation = callable("startTemplateKeyRotation", rotate);

export const reembedFaces = onTaskDispatched(REEMBED_OPTIONS, async (request) => {
  await handleReembedTask(await getDeps(), reembedTaskSchema.parse(request.data));
});
