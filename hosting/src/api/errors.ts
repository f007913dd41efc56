// Turns what a call threw into a sentence for a person, in their language. The client kit says what
// kind of failure it is (no network, server fault, wrong password, refusal …) and carries the
// backend's reason key with its parameters; the translation files say it (i18n/messages.ts).
import { describeFailure, type FailureKind } from "@tora-face/client";
import { t } from "../i18n";
import { issueText, reasonText, type FormFields } from "../i18n/messages";
import { APP_CHECK_NOT_STARTED } from "./app-check-gate";

/** what the person was doing: an action keeps its form ("your form is kept"), a page load offers a retry */
export type During = "action" | "load";

/** Firebase Auth codes with a sentence of their own in the dictionaries (error.auth.<code>) */
const AUTH_SENTENCES = new Set([
  "invalid-credential",
  "email-already-in-use",
  "weak-password",
  "invalid-email",
  "too-many-requests",
]);

/** a refusal without a reason key (an older backend, the platform's own answers) still gets a sentence of its kind */
const BY_KIND: Partial<Record<FailureKind, string>> = {
  refused: "error.permissionDenied",
  "rate-limited": "error.rateLimited",
  "not-found": "error.notFound",
  state: "error.conflict",
  session: "error.unauthenticated",
  input: "error.input",
};

/** `fields`: the form's controls by schema path, so a refused field is named by its own label */
export function humanError(error: unknown, online: boolean, during: During = "action", fields?: FormFields): string {
  const failure = describeFailure(error, online);
  // offline, it is the network; online, the App Check provider could not be loaded
  if (failure.code === APP_CHECK_NOT_STARTED && failure.kind !== "offline") return t("error.appCheck");
  if (failure.code.startsWith("auth/")) {
    const name = failure.code.slice("auth/".length);
    if (AUTH_SENTENCES.has(name)) return t(`error.auth.${name}`);
  }
  switch (failure.kind) {
    case "offline":
      return t(during === "action" ? "error.offline" : "error.offlineLoad");
    case "server":
      // "internal" with the server's own sentence is a fault it reported; without one, nothing answered
      return t(
        failure.code === "internal" && (failure.message || failure.reason) ? "error.internal" : "error.unavailable",
      );
    case "credentials":
      return t("error.signIn");
    case "cancelled":
      return t("error.cancelled");
    case "input":
      if (failure.issues)
        return t("error.form", { detail: failure.issues.map((issue) => issueText(issue, fields)).join("; ") });
      break;
    default:
      break;
  }
  if (failure.reason) {
    // a reason this portal does not know yet: the backend's own sentence says more than a generic one
    const text = reasonText(failure.reason, failure.params) ?? failure.message;
    if (text) return text;
  }
  const generic = BY_KIND[failure.kind];
  return generic ? t(generic) : (failure.message ?? t("error.internal"));
}
