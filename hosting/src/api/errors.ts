// Turns what a call threw into a sentence for a person, in their language. The client kit says what
// kind of failure it is (no network, server fault, wrong password, refusal …); the backend's English
// sentence is shown only where no translation exists yet.
import { describeFailure } from "@tora-face/client";

export interface Translate {
  (key: string, vars?: Record<string, string | number>): string;
}

/** what the person was doing: an action keeps its form ("your form is kept"), a page load offers a retry */
export type During = "action" | "load";

/** Firebase Auth codes with a sentence of their own in the dictionaries (error.auth.<code>) */
const AUTH_SENTENCES = new Set(["invalid-credential", "email-already-in-use", "weak-password", "invalid-email", "too-many-requests"]);

// FALLBACK until the blocking function and the services send details.reason keys: the English
// sentences they send today, matched to the portal's own keys.
const KNOWN_SENTENCES: [RegExp, string][] = [[/account is suspended/i, "refused.suspended"]];

export function humanError(error: unknown, t: Translate, online: boolean, during: During = "action"): string {
  const failure = describeFailure(error, online);
  if (failure.code.startsWith("auth/")) {
    const name = failure.code.slice("auth/".length);
    if (AUTH_SENTENCES.has(name)) return t(`error.auth.${name}`);
  }
  switch (failure.kind) {
    case "offline":
      return t(during === "action" ? "error.offline" : "error.offlineLoad");
    case "server":
      // "internal" with the server's own sentence is a fault it reported; without one, nothing answered
      return t(failure.code === "internal" && failure.message ? "error.internal" : "error.unavailable");
    case "credentials":
      return t("error.signIn");
    case "input":
      if (failure.issues) return t("error.form", { detail: failure.issues.map((i) => i.message).join("; ") });
      break;
    case "session":
      return t("error.unauthenticated");
    default:
      break;
  }
  const known = failure.message ? KNOWN_SENTENCES.find(([pattern]) => pattern.test(failure.message!)) : undefined;
  if (known) return t(known[1]);
  if (failure.message) return failure.message;
  const byKind: Record<string, string> = { refused: "error.permissionDenied", "rate-limited": "error.rateLimited", "not-found": "error.notFound" };
  return t(byKind[failure.kind] ?? "error.internal");
}
