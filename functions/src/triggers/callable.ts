// The one way a callable is built: App Check (per config), browsers only from the portal's
// origins, the caller's identity, zod parsing of plain JSON only, the caller level the registry
// declares (schemas/callable-access.ts) checked against the officer record alone, one service
// call, and errors mapped to HttpsError with sentences a person understands.
import { createHmac } from "node:crypto";
import { HttpsError, onCall, type CallableRequest } from "firebase-functions/https";
import { ImageError } from "../engine/index.js";
import { enforceAppCheck, portalOriginList } from "../config.js";
import { callableOptions } from "./function-options.js";
import {
  callables,
  ERROR_REASONS,
  hasForeignPrototype,
  reasonMessage,
  uidSchema,
  type CallableName,
} from "../schemas/index.js";
import type { z } from "zod";
import { getDeps } from "../runtime/deps.js";
import { functionsEvents } from "../runtime/events.js";
import type { Deps } from "../ports/index.js";
import { actorOfRecord, admitCaller, type Actor } from "../services/actor.js";
import { ServiceError } from "../services/errors.js";
import { originAllowed } from "./origins.js";

interface CallContext {
  email?: string;
}

type Schemas<N extends CallableName> = (typeof callables)[N];
type Service<N extends CallableName> = (
  deps: Deps,
  caller: Actor,
  input: z.output<Schemas<N>["input"]>,
  context: CallContext,
) => Promise<z.output<Schemas<N>["output"]>>;

function ipHash(deps: Deps, ip: string | undefined): string | undefined {
  if (!ip || !deps.ipHashKey) return undefined;
  return createHmac("sha256", deps.ipHashKey).update(ip).digest("hex").slice(0, 16);
}

/**
 * The caller's rights come from their officer record alone (updated at once on approval or
 * suspension). The token's custom claims only cache them for the security rules: a token that
 * claims a role without a record behind it gets no rights at all.
 */
async function actorOf(deps: Deps, request: CallableRequest): Promise<Actor | undefined> {
  const auth = request.auth;
  if (!auth) return undefined;
  // production verifies the ID token before our code runs; the emulator passes a malformed one on
  if (!uidSchema.safeParse(auth.uid).success) throw new ServiceError("invalid_token");
  const hashed = ipHash(deps, request.rawRequest?.ip);
  return actorOfRecord(auth.uid, await deps.officers.get(auth.uid), {
    emailVerified: auth.token?.email_verified === true,
    ...(hashed ? { ipHash: hashed } : {}),
  });
}

function originOf(request: CallableRequest): string | undefined {
  const origin = request.rawRequest?.headers?.origin;
  return typeof origin === "string" ? origin : undefined;
}

const refusal = (
  reason: keyof typeof ERROR_REASONS,
  params: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): HttpsError =>
  new HttpsError(ERROR_REASONS[reason].code, reasonMessage(reason, params), { ...params, ...extra, reason });

/** each refused field with its path, zod's issue code and message: clients name the field in the officer's language */
function inputIssues(issues: readonly z.core.$ZodIssue[]) {
  return issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message }));
}

function toHttpsError(callable: string, error: unknown): HttpsError {
  if (error instanceof HttpsError) return error;
  if (error instanceof ServiceError) return new HttpsError(error.code, error.message, error.details);
  if (error instanceof ImageError) return refusal("image_refused", { message: error.message, image: error.code });
  functionsEvents.callableFailed({ callable, error });
  return refusal("internal");
}

export function handleCall<N extends CallableName>(name: N, service: Service<N>) {
  const schemas = callables[name];
  return async (request: CallableRequest): Promise<z.output<Schemas<N>["output"]>> => {
    try {
      const policy = {
        configured: portalOriginList(),
        projectId: process.env.GCLOUD_PROJECT,
        emulator: process.env.FUNCTIONS_EMULATOR === "true",
      };
      if (!originAllowed(originOf(request), policy)) throw refusal("origin_not_allowed");
      if (enforceAppCheck.value() && !request.app) throw refusal("app_not_verified");
      if (hasForeignPrototype(request.data)) throw refusal("not_plain_json");
      const parsed = schemas.input.safeParse(request.data ?? undefined);
      if (!parsed.success)
        throw refusal(
          "invalid_input",
          { detail: parsed.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ") },
          { issues: inputIssues(parsed.error.issues) },
        );
      const deps = await getDeps();
      const email = request.auth?.token?.email;
      const caller = admitCaller(schemas.access.caller, await actorOf(deps, request));
      return await service(deps, caller, parsed.data as z.output<Schemas<N>["input"]>, email ? { email } : {});
    } catch (error) {
      throw toHttpsError(name, error);
    }
  };
}

/** a callable of the registry (schemas/callables.ts), served by one use case */
export function callable<N extends CallableName>(name: N, service: Service<N>) {
  return onCall(callableOptions(name), handleCall(name, service));
}
