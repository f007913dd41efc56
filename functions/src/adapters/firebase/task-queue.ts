// The face model migration's steps as Cloud Tasks for the `reembedFaces` task queue function
// (retried and rate-limited by the queue's configuration, triggers/function-options.ts).
import { getFunctions } from "firebase-admin/functions";
import type { ReembedQueue } from "../../ports/index.js";
import type { ReembedTask } from "../../schemas/index.js";
import { adminApp } from "./app.js";

/**
 * `dispatchDeadlineSeconds`: how long Cloud Tasks waits for a step before it counts the attempt as
 * failed and retries it — the function's own timeout, or a long step would be retried while it runs.
 */
export function cloudTasksReembedQueue(region: string, dispatchDeadlineSeconds: number): ReembedQueue {
  return {
    async enqueue(task) {
      await getFunctions(adminApp())
        .taskQueue<ReembedTask>(`locations/${region}/functions/reembedFaces`)
        .enqueue(task, { dispatchDeadlineSeconds });
    },
  };
}
