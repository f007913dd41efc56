// Who may call each callable, for apps and the API reference: the registry's rows
// (functions/src/schemas/callable-access.ts, the one home of these facts) and the codes each caller
// level answers with.
import {
  callableAccess,
  callerLevels,
  type CallableAccess,
  type CallerLevel,
} from "../../functions/src/schemas/index.js";
import { callableErrorCodes, type CallableErrorCode } from "./errors.js";

export { callableAccess, callerLevels, type CallableAccess, type CallerLevel };
/** the codes any callable of this caller level can answer with, whatever its own rules */
export function levelErrors(access: CallableAccess): Partial<Record<CallableErrorCode, string>> {
  const errors: Partial<Record<CallableErrorCode, string>> = {
    "invalid-argument": "The input does not match the schema (the message names the field).",
  };
  errors.unauthenticated = "Nobody is signed in, or App Check failed.";
  const refused = [
    access.caller === "verified" || access.caller === "approved" || access.caller === "admin"
      ? "the email is not verified"
      : "",
    access.caller === "approved" || access.caller === "admin"
      ? "the registration is pending or refused, or the account suspended"
      : "",
    access.caller === "admin" ? "the caller is not an administrator" : "",
    access.ownCountry === "record" ? "the record belongs to another country's police" : "",
    access.ownCountry === "listing" ? "a filter names another country's records" : "",
  ].filter(Boolean);
  if (refused.length) errors["permission-denied"] = `${refused.join("; ")}.`.replace(/^./, (c) => c.toUpperCase());
  errors.internal = callableErrorCodes.internal;
  return errors;
}
