// The face model migration's steps as Cloud Tasks for the `reembedFaces` task queue function
// (retried and rate-limited by the queue's configuration, triggers/operations.ts).
import { getFunctions } from "firebase-admin/functions";
import type { ReembedQueue } from "../../ports/index.js";
import type { ReembedTask } from "../../schemas/index.js";
import { adminApp } from "./app.js";

export function cloudTasksReembedQueue(region: string): ReembedQueue {
  return {
    async enqueue(task) {
      await getFunctions(adminApp()).taskQueue<ReembedTask>(`locations/${region}/functions/reembedFaces`).enqueue(task);
    },
  };
}
