// One officer's device, as a process of its own: the real exported callables (their .run handlers:
// plain-JSON check, zod parsing, the caller's rights from their officer record, the use case, the
// error mapping) on the local adapter, over a database file and a blob folder that other worker
// processes share — as the Functions emulator's workers share them in local mode. Forked by
// races.test.ts; each message is one call, started at the moment the message names.
import { readFileSync } from "node:fs";
import { createLocalDeps } from "../../src/adapters/local/deps.js";
import * as functions from "../../src/index.js";
import { setDepsForTesting } from "../../src/runtime/deps.js";
import { silentEvents } from "../../src/runtime/events.js";
import { withLocalPhotoTrigger } from "../../src/runtime/local-triggers.js";
import { smoke } from "../support/data.js";
import { testAnalyzer } from "../support/deps.js";
import { request } from "../triggers/support.js";

export interface RaceCall {
  id: number;
  name: string;
  data: unknown;
  uid: string;
  /** Date.now() at which to send it: every call of a round starts at the same moment */
  startAt: number;
}
export interface RaceAnswer {
  id: number;
  code: string;
  reason?: string;
  result?: unknown;
}

type Runnable = { run(req: ReturnType<typeof request>): Promise<unknown> };
const fn = (name: string): Runnable => (functions as unknown as Record<string, Runnable>)[name]!;

const deps = withLocalPhotoTrigger(
  createLocalDeps({
    database: process.env.TORA_RACE_DB!,
    blobDir: process.env.TORA_RACE_BLOBS!,
    keyRingSecret: process.env.TORA_RACE_KEYS!,
    templateKeySecret: process.env.TORA_RACE_TEMPLATE_KEYS!,
    analyzer: testAnalyzer,
    events: silentEvents,
    // the rounds send many photos and searches: the limits are not what is measured here
    limits: { uploadsPerHour: 100_000, searchesPerMinute: 100_000, searchesPerDay: 100_000 },
  }),
);
setDepsForTesting(deps);

process.on("message", (call: RaceCall) => {
  void (async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, call.startAt - Date.now())));
    let answer: RaceAnswer;
    try {
      const result = await fn(call.name).run(
        request(call.data, { actor: { uid: call.uid, emailVerified: true, claims: {} } }),
      );
      answer = { id: call.id, code: "ok", result };
    } catch (error) {
      const e = error as { code?: string; details?: { reason?: string } };
      answer = {
        id: call.id,
        code: e.code ?? `unexpected ${String(error)}`,
        ...(e.details?.reason ? { reason: e.details.reason } : {}),
      };
    }
    process.send!(answer);
  })();
});

// the engine loads before the first round, so that every call of a round starts with it warm
await (await testAnalyzer()).analyze(readFileSync(smoke("people", "amy", "amy1.png")), { select: "all" });
process.send!({ ready: true });
