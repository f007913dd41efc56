// Turns what a callable threw into a sentence for a person. The backend already writes its
// messages as sentences; codes without a useful message get a translated one.
import { ClientValidationError } from "./client";

export interface Translate {
  (key: string, vars?: Record<string, string | number>): string;
}

const byCode: Record<string, string> = {
  unauthenticated: "error.unauthenticated",
  "permission-denied": "error.permissionDenied",
  "resource-exhausted": "error.rateLimited",
  "not-found": "error.notFound",
  unavailable: "error.unavailable",
  internal: "error.internal",
  "deadline-exceeded": "error.unavailable",
};

const AUTH_CODES = new Set(["auth.invalid-credential", "auth.email-already-in-use", "auth.weak-password", "auth.invalid-email", "auth.too-many-requests"]);

export function humanError(error: unknown, t: Translate): string {
  if (error instanceof ClientValidationError) return t("error.form", { detail: error.issues.map((i) => i.message).join("; ") });
  const e = error as { code?: string; message?: string };
  const code = (e.code ?? "").replace(/^functions\//, "").replace(/^auth\//, "auth.");
  if (code.startsWith("auth.")) return t(AUTH_CODES.has(code) ? `error.${code}` : "error.signIn");
  // the backend's own sentences (rate limits, refused images, approval state) are shown as they are
  if (e.message && code !== "internal" && !/^[a-z-]+$/.test(e.message)) return e.message;
  return t(byCode[code] ?? "error.internal");
}
