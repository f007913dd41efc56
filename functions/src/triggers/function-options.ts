// What each kind of function is deployed with: the work it does decides its memory, CPU,
// concurrency, timeout and warm instances. One home for every function's options.
import {
  familyContactKeys,
  ipHashKey,
  smsApiKey,
  smsReportToken,
  smsUsername,
  templateKeys,
  REEMBED_TASK_TIMEOUT_SECONDS,
  searchMinInstances,
  signInMinInstances,
} from "../config.js";
import type { CallableName } from "../schemas/index.js";
import { SCHEDULE_TIME_ZONE } from "../ports/settings.js";

const SECRETS = [familyContactKeys, ipHashKey, templateKeys];
/** the SMS gateway's credentials: only the functions that reach it hold them */
const SMS_SECRETS = [smsApiKey, smsUsername];

/**
 * A whole face function process (Functions SDK, Admin SDK, engine and both models) peaks at
 * 260 MiB on the largest photos we measure (`npm run bench -- --memory`: 4160×3120 photos and a
 * 64-face crowd; the bench fails above 400 MiB), so 512 MiB — half the price per second of 1 GiB.
 */
export const FACE_FUNCTION_MEMORY = "512MiB" as const;

/** the gateway's delivery reports: public (the token in the URL is checked), small, many at once */
export const SMS_REPORT_OPTIONS = {
  memory: "256MiB" as const,
  cpu: 1,
  concurrency: 80,
  secrets: [...SECRETS, ...SMS_SECRETS, smsReportToken],
  invoker: "public",
};

/** the health check reads one document: small, many at once, never warm-kept */
export const HEALTH_OPTIONS = {
  memory: "256MiB" as const,
  cpu: 1,
  concurrency: 80,
  secrets: SECRETS,
  invoker: "public",
};

/** the engine is CPU-bound: one request at a time per instance, scale by instances */
export const FACE_FUNCTION_OPTIONS = { memory: FACE_FUNCTION_MEMORY, cpu: 1, concurrency: 1, secrets: SECRETS };

/**
 * Callables that only read and write records wait on Firestore, not on the CPU: one instance
 * serves many officers at once. Loading the functions takes 128 MiB before any request (measured:
 * importing lib/index.js, onnxruntime and sharp included); 512 MiB leaves room for 40 requests
 * with their pages of records, and memory is a tenth of the price of the CPU.
 */
const RECORD_FUNCTION_OPTIONS = { memory: "512MiB" as const, cpu: 1, concurrency: 40, secrets: SECRETS };

/** a thumbnail shrinks the stored photo on load: 8 of the largest smoke photos at once peak at 170 MiB (measured) */
const IMAGE_FUNCTION_OPTIONS = { memory: "512MiB" as const, cpu: 1, concurrency: 8, secrets: SECRETS };

/** callables that run the face engine (analysis, a model load) */
const ENGINE_CALLABLES = new Set<CallableName>([
  "uploadCasePhoto",
  "chooseCasePhotoFace",
  "searchFaces",
  "startModelMigration",
  "getModelMigration",
]);
const IMAGE_CALLABLES = new Set<CallableName>(["getPhotoThumbnail"]);
/** callables that reach the SMS gateway: only they hold its credentials */
const SMS_CALLABLES = new Set<CallableName>(["sendFamilySms"]);

/**
 * Where a cold start hurts, instances can be kept warm (each costs its idle time): the profile is
 * the first call of every page load, a search waits for the models to load (several seconds).
 */
const WARM: Partial<Record<CallableName, typeof signInMinInstances>> = {
  getMyProfile: signInMinInstances,
  searchFaces: searchMinInstances,
};

const CALLABLE_TIMEOUT_SECONDS = 120;

export function callableOptions(name: CallableName) {
  const kind = ENGINE_CALLABLES.has(name)
    ? FACE_FUNCTION_OPTIONS
    : IMAGE_CALLABLES.has(name)
      ? IMAGE_FUNCTION_OPTIONS
      : RECORD_FUNCTION_OPTIONS;
  const warm = WARM[name];
  return {
    ...kind,
    ...(SMS_CALLABLES.has(name) ? { secrets: [...kind.secrets, ...SMS_SECRETS] } : {}),
    timeoutSeconds: CALLABLE_TIMEOUT_SECONDS,
    ...(warm ? { minInstances: warm } : {}),
  };
}

/**
 * The Auth blocking functions answer within Auth's 7-second limit or the sign-in fails: a cold
 * start (1.3–2.2 s to load the functions here, plus the container) is where warm instances help
 * most. They read only the event: little memory, many at once.
 */
export const SIGN_IN_FUNCTION_OPTIONS = {
  memory: "256MiB" as const,
  cpu: 1,
  concurrency: 80,
  minInstances: signInMinInstances,
};

/** a photo arriving in Storage goes through the engine */
export const INGEST_OPTIONS = { ...FACE_FUNCTION_OPTIONS, timeoutSeconds: 120 };

/**
 * A model migration step may run 30 minutes; Cloud Tasks must wait as long before it counts the
 * attempt as failed and retries it (its default dispatch deadline is 10 minutes): the enqueue
 * sets the same number (runtime/firebase-deps.ts).
 */
export const REEMBED_OPTIONS = {
  memory: "1GiB" as const,
  cpu: 1,
  concurrency: 1,
  timeoutSeconds: REEMBED_TASK_TIMEOUT_SECONDS,
  secrets: SECRETS,
  retryConfig: { maxAttempts: 5, minBackoffSeconds: 60, maxDoublings: 4 },
  // one step at a time: each step continues from the position the previous one stored
  rateLimits: { maxConcurrentDispatches: 1, maxDispatchesPerSecond: 1 },
};

/** scheduled jobs of the operations; the export is retried (three times, 10 minutes apart at first) when starting it fails */
const SCHEDULED = { timeZone: SCHEDULE_TIME_ZONE, memory: "256MiB" as const, secrets: SECRETS };
export const NIGHTLY_EXPORT_OPTIONS = { ...SCHEDULED, retryCount: 3, minBackoffSeconds: 600, maxDoublings: 2 };
export const BACKUP_CHECK_OPTIONS = SCHEDULED;
export const CROSS_BORDER_SWEEP_OPTIONS = SCHEDULED;
/** the other country's messages: a search on a received request runs here (exact scores over a country's open cases) */
export const PEER_ENDPOINT_OPTIONS = { ...RECORD_FUNCTION_OPTIONS, timeoutSeconds: 120 };
