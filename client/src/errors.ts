// What a failed call means for the person holding the phone. The codes are the Firebase callable
// codes the backend answers with; a failure is sorted into the few kinds an app reacts to
// differently: no network (keep the form, try again), a server fault (try later), wrong
// credentials, a refusal, bad input, a rate limit. A refusal carries its reason key from the
// catalogue (schemas/errors.ts) with its parameters, for the app to translate.
import { ERROR_REASONS, type ErrorParams, type ErrorReason } from "../../functions/src/schemas/index.js";
import type { ServiceErrorCode } from "../../functions/src/services/errors.js";
import { ClientValidationError, type InputIssue } from "./client.js";

/** every code a callable can answer with, and what it means in TORA FACE */
export const callableErrorCodes = {
  "invalid-argument":
    "The input was refused: fields of the form (details.reason invalid_input, details.issues: path, zod issue code, message), or a photo that cannot be read (details.reason image_refused, details.image: the image error code).",
  unauthenticated:
    "Nobody is signed in, or the app could not be verified (App Check): sign in again or update the app.",
  "permission-denied":
    "The caller may not do this: email not verified, registration pending or refused, account suspended, role too low, or a record of another country's police.",
  "not-found": "The record named in the input does not exist (or no longer does).",
  "already-exists": "The record to create exists already.",
  "failed-precondition":
    "The record is not in a state that allows this (a closed case, a registration that is no longer pending, the last administrator …).",
  "resource-exhausted": "Too many requests of this kind: details.retryAfterSeconds says when to try again.",
  internal:
    "A fault on the server, or no answer at all (the Firebase SDK reports a network failure the same way): try again later.",
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
  | "session"
  /** the person cancelled it (an upload): nothing to say */
  | "cancelled";

export interface Failure {
  kind: FailureKind;
  /** the code without its SDK prefix ("invalid-argument"), or "auth/…" for Firebase Auth codes */
  code: string;
  /** the backend's sentence, when it sent one (English; a fallback for apps without a translation) */
  message?: string;
  /** details.reason, when the backend sent one: a stable key to translate (ERROR_REASONS) */
  reason?: string;
  /** the reason's parameters (details without reason and issues): the placeholders of its sentence */
  params?: ErrorParams;
  retryAfterSeconds?: number;
  /** refused input, by the client's own validation or the backend's: which fields, and why */
  issues?: InputIssue[];
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
/** Cloud Storage codes (uploads straight to Storage) by what they mean; others are faults, or the network */
const storageKinds: Partial<Record<string, FailureKind>> = {
  "storage/unauthorized": "refused", // the security rules said no: not the case's officer, a closed case …
  "storage/unauthenticated": "session",
  "storage/canceled": "cancelled",
  "storage/object-not-found": "not-found",
  "storage/quota-exceeded": "server",
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
  cancelled: "cancelled",
};

/**
 * A blocking function's refusal reaches the Auth SDK as auth/internal-error carrying the function's
 * JSON answer: "HTTP Cloud Function returned an error: {…}" in production, "HTTP request to … returned
 * HTTP error 403: {…}" from the emulator. Its reason is details.reason when the answer kept the
 * details, otherwise the catalogue's reason whose sentence it is.
 */
function blockingRefusal(message: string): Pick<Failure, "message" | "reason" | "params"> | undefined {
  if (!/"status"\s*:\s*"[A-Z_]+"/.test(message)) return undefined;
  const json = /\{"error"\s*:[\s\S]*\}\}/.exec(message)?.[0];
  let answer: { error?: { message?: unknown; details?: unknown } } | undefined;
  try {
    answer = json ? (JSON.parse(json) as typeof answer) : undefined;
  } catch {
    answer = undefined;
  }
  const sentence =
    typeof answer?.error?.message === "string"
      ? answer.error.message
      : /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
  if (sentence === undefined) return undefined;
  const text = answer ? sentence : (JSON.parse(`"${sentence}"`) as string);
  const { reason, params } = reasonAndParams(answer?.error?.details);
  const known = reason ?? reasonOfSentence(text);
  return { message: text, ...(known ? { reason: known } : {}), ...(params ? { params } : {}) };
}

/** the reason whose sentence (without parameters) this is, for answers that lost their details */
export function reasonOfSentence(sentence: string): ErrorReason | undefined {
  return (Object.keys(ERROR_REASONS) as ErrorReason[]).find(
    (r) => !ERROR_REASONS[r].message.includes("{") && ERROR_REASONS[r].message === sentence,
  );
}

function reasonAndParams(details: unknown): { reason?: string; params?: ErrorParams; issues?: InputIssue[] } {
  if (!details || typeof details !== "object") return {};
  const { reason, issues, ...rest } = details as Record<string, unknown>;
  const params = Object.fromEntries(
    Object.entries(rest).filter((e): e is [string, string | number | boolean] =>
      ["string", "number", "boolean"].includes(typeof e[1]),
    ),
  );
  const validIssues = Array.isArray(issues)
    ? issues.filter(
        (i): i is InputIssue =>
          !!i &&
          typeof i === "object" &&
          typeof i.path === "string" &&
          typeof i.code === "string" &&
          typeof i.message === "string",
      )
    : [];
  return {
    ...(typeof reason === "string" ? { reason } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    ...(validIssues.length ? { issues: validIssues } : {}),
  };
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
  const { reason, params, issues } = reasonAndParams(e.details);
  const facts = {
    ...(reason ? { reason } : {}),
    ...(params ? { params } : {}),
    ...(typeof params?.retryAfterSeconds === "number" ? { retryAfterSeconds: params.retryAfterSeconds } : {}),
    ...(issues ? { issues } : {}),
  };
  if (code.startsWith("auth/")) {
    const kind = authKinds[code];
    if (kind) return { kind, code };
    const refusal = blockingRefusal(raw);
    if (refusal) return { kind: "refused", code, ...refusal };
    return { kind: online ? "server" : "offline", code };
  }
  if (code.startsWith("storage/")) return { kind: storageKinds[code] ?? (online ? "server" : "offline"), code };
  // the Functions SDK ends its messages with the HTTP status, "[0]" when nothing answered at all
  const [, sentence = raw, status] = /^([\s\S]*) \[(\d{1,3})\]$/.exec(raw) ?? [];
  const message = sentence && sentence !== code && status !== "0" ? { message: sentence } : {};
  const kind = byCallableCode[code];
  if (kind) return { kind, code, ...message, ...facts };
  // internal, unavailable, deadline-exceeded, unknown: without a network they mean "offline"
  if (!online) return { kind: "offline", code };
  return { kind: "server", code, ...message, ...facts };
}
