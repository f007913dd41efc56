// The task queue of a face model migration in local mode: tasks run one after another in this
// process, in the background, as Cloud Tasks would deliver them (the handler is set by whoever
// owns the use case; until then tasks wait).
import type { ReembedQueue } from "../../ports/index.js";
import type { ReembedTask } from "../../schemas/index.js";

export interface LocalReembedQueue extends ReembedQueue {
  /** the handler of every task; `onError` hears a failed task (the migration then waits to be resumed) */
  onTask(handler: (task: ReembedTask) => Promise<void>, onError?: (task: ReembedTask, error: unknown) => void): void;
  /** resolves when no task is waiting or running */
  idle(): Promise<void>;
}

export function localReembedQueue(): LocalReembedQueue {
  const waiting: ReembedTask[] = [];
  let handler: ((task: ReembedTask) => Promise<void>) | undefined;
  let onError: (task: ReembedTask, error: unknown) => void = () => undefined;
  let running: Promise<void> | undefined;
  function pump(): void {
    if (running || !handler) return;
    const run = handler;
    running = (async () => {
      for (let task = waiting.shift(); task; task = waiting.shift()) {
        try {
          await run(task);
        } catch (error) {
          onError(task, error);
        }
      }
    })().finally(() => {
      running = undefined;
      if (waiting.length) pump();
    });
  }
  return {
    async enqueue(task) {
      waiting.push(task);
      setImmediate(pump);
    },
    onTask(next, failed) {
      handler = next;
      if (failed) onError = failed;
      pump();
    },
    async idle() {
      while (running || (handler && waiting.length)) await (running ?? new Promise((r) => setImmediate(r)));
    },
  };
}
