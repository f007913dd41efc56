// Face model migration: started and followed by administrators, each step a task of a queue that
// Cloud Tasks retries (with backoff) and rate-limits (one step at a time).
import { onTaskDispatched } from "firebase-functions/tasks";
import { familyContactKeys, ipHashKey } from "../config.js";
import { getDeps } from "../runtime/deps.js";
import { reembedTaskSchema } from "../schemas/index.js";
import { getModelMigration as status, handleReembedTask, startModelMigration as start } from "../services/model-migration.js";
import { callable } from "./callable.js";

export const startModelMigration = callable("startModelMigration", start);
export const getModelMigration = callable("getModelMigration", status);

export const reembedFaces = onTaskDispatched(
  {
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 60, maxDoublings: 4 },
    // one step at a time: each step continues from the position the previous one stored
    rateLimits: { maxConcurrentDispatches: 1, maxDispatchesPerSecond: 1 },
    memory: "1GiB",
    timeoutSeconds: 1800,
    concurrency: 1,
    secrets: [familyContactKeys, ipHashKey],
  },
  async (request) => {
    await handleReembedTask(await getDeps(), reembedTaskSchema.parse(request.data));
  },
);
