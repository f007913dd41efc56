// What a failed call means for the person holding the phone. The codes are the Firebase callable
// codes the backend answers with; a failure is sorted into the few kinds an app reacts to
// differently: no network (keep the form, try again), a server fault (try later), wrong
// credentials, a refusal, bad input, a rate limit.
import type { ServiceErrorCode } from "../../functions/src/services/errors.js";
import { ClientValidationError } from "./client.js";

/** every code a callable can answer with, and what it means in TORA FACE */
export const callableErrorCodes = {
  "invalid-argument": "The input was refused: a field of the form (the message names it), or a photo that cannot be read (details.reason holds the image error code).",
  unauthenticated: "Nobody is signed in, or the app could not be verified (App Check): sign in again or update the app.",
  "permission-denied":
    "The caller may not do this: email not verified, registration pending or refused, account suspended, role too low, or a record of another country's police.",
  "not-found": "The record named in the input does not exist (or no longer does).",
  "already-exists": "The record to create exists already.",
  "failed-precondition": "The record is not in a state that allows this (a closed case, a registration that is no longer pending, the last administrator …).",
  "resource-exhausted": "Too many requests of this kind: details.retryAfterSeconds says when to try again.",
  internal: "A fault on the server, or no answer at all (the Firebase SDK reports a network failure the same way): try again later.",
  unavailable: "The service is not answering (overloaded or being deployed): try again later.",
  "deadline-exceeded": "No answer within the time limit (a slow network or a busy server): try again.",
} as const satisfies Record<ServiceErrorCode | "unavailable" | "deadline-exceeded", string>;
export type CallableErrorCode = keyof typeof callableErrorCodes;

export type FailureKind =
  /** no network: keep what the person typed, try again when back online */
  | "offline"
  /** the backend failed or did not answer while the device is online */
  | "server"
  /** sign-in with a wrong email or password */
  | "credentials"
  /** refused for who the caller is (status, role, country) — also a sign-in refused by the blocking function */
  | "refused"
  /** the input was refused, by the client's own validation or by the backend */
  | "input"
  | "rate-limited"
  | "not-found"
  /** the record's state does not allow it */
  | "state"
  /** the session ended: sign in again */
  | "session";

export interface Failure {
  kind: FailureKind;
  /** the code without its SDK prefix ("invalid-argument"), or "auth/…" for Firebase Auth codes */
  code: string;
  /** the backend's sentence, when it sent one (English; a fallback for apps without a translation) */
  message?: string;
  /** details.reason, when the backend sent one: a stable key to translate */
  reason?: string;
  retryAfterSeconds?: number;
  /** for input refused by the client's own validation: which fields */
  issues?: { path: string; message: string }[];
}

/** Firebase Auth codes by what they mean; any other auth code is a fault (or, offline, the network) */
const authKinds: Partial<Record<string, FailureKind>> = {
  "auth/network-request-failed": "offline", // Google's sign-in servers rarely fail: a failed request is the network's
  "auth/invalid-credential": "credentials",
  "auth/wrong-password": "credentials",
  "auth/user-not-found": "credentials",
  "auth/missing-password": "credentials",
  "auth/invalid-email": "input",
  "auth/missing-email": "input",
  "auth/weak-password": "input",
  "auth/password-does-not-meet-requirements": "input",
  "auth/email-already-in-use": "state",
  "auth/too-many-requests": "rate-limited",
  "auth/user-disabled": "refused",
  "auth/user-token-expired": "session",
  "auth/requires-recent-login": "session",
};
const byCallableCode: Partial<Record<string, FailureKind>> = {
  "invalid-argument": "input",
  "out-of-range": "input",
  unauthenticated: "session",
  "permission-denied": "refused",
  "not-found": "not-found",
  "already-exists": "state",
  "failed-precondition": "state",
  aborted: "state",
  "resource-exhausted": "rate-limited",
};

/**
 * A blocking function's refusal reaches the Auth SDK as auth/internal-error carrying the function's
 * JSON answer: "HTTP Cloud Function returned an error: {…}" in production, "HTTP request to … returned
 * HTTP error 403: {…}" from the emulator.
 */
function blockingRefusal(message: string): string | undefined {
  if (!/"status"\s*:\s*"[A-Z_]+"/.test(message)) return undefined;
  const sentence = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
  return sentence === undefined ? undefined : (JSON.parse(`"${sentence}"`) as string);
}

/**
 * Sorts a failed call (a callable, a Firebase Auth call or the client's own validation) into what
 * the app should say. `online` is the device's own view (navigator.onLine on the web, NetInfo in
 * React Native): the SDKs report "no network" and "no answer" with the same codes.
 */
export function describeFailure(error: unknown, online: boolean): Failure {
  if (error instanceof ClientValidationError) return { kind: "input", code: "invalid-argument", issues: error.issues };
  const e = (error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const code = String(e.code ?? "internal").replace(/^functions\//, "");
  const raw = typeof e.message === "string" ? e.message : "";
  const details = (e.details && typeof e.details === "object" ? e.details : {}) as { reason?: unknown; retryAfterSeconds?: unknown };
  const facts = {
    ...(typeof details.reason === "string" ? { reason: details.reason } : {}),
    ...(typeof details.retryAfterSeconds === "number" ? { retryAfterSeconds: details.retryAfterSeconds } : {}),
  };
  if (code.startsWith("auth/")) {
    const kind = authKinds[code];
    if (kind) return { kind, code };
    const refusal = blockingRefusal(raw);
    if (refusal) return { kind: "refused", code, message: refusal };
    return { kind: online ? "server" : "offline", code };
  }
  // the Functions SDK ends its messages with the HTTP status, "[0]" when nothing answered at all
  const [, sentence = raw, status] = /^([\s\S]*) \[(\d{1,3})\]$/.exec(raw) ?? [];
  const message = sentence && sentence !== code && status !== "0" ? { message: sentence } : {};
  const kind = byCallableCode[code];
  if (kind) return { kind, code, ...message, ...facts };
  // internal, unavailable, deadline-exceeded, unknown: without a network they mean "offline"
  if (!online) return { kind: "offline", code };
  return { kind: "server", code, ...message };
}
