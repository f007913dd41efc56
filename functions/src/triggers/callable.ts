// The one way a callable is built: App Check (per config), the caller's identity, zod parsing of
// plain JSON only, the officer record as the source of truth for role and status, one service
// call, and errors mapped to HttpsError with sentences a person understands.
import { createHmac } from "node:crypto";
import { HttpsError, onCall, type CallableRequest } from "firebase-functions/https";
import type { z } from "zod";
import { ImageError } from "../engine/errors.js";
import { enforceAppCheck, familyContactKeys, ipHashKey } from "../config.js";
import { claimsSchema, hasForeignPrototype } from "../schemas/index.js";
import { getDeps } from "../runtime/deps.js";
import type { Deps } from "../ports/index.js";
import type { Actor } from "../services/actor.js";
import { ServiceError } from "../services/errors.js";
import { functionsEvents } from "../runtime/events.js";

export interface CallContext {
  email?: string;
}

type Service<I, O> = (deps: Deps, actor: Actor | undefined, input: I, context: CallContext) => Promise<O>;

export const CALLABLE_OPTIONS = {
  memory: "1GiB" as const,
  timeoutSeconds: 120,
  secrets: [familyContactKeys, ipHashKey],
  // the engine is CPU-bound: one request at a time per instance, scale by instances
  concurrency: 1,
};

function ipHash(deps: Deps, ip: string | undefined): string | undefined {
  if (!ip || !deps.ipHashKey) return undefined;
  return createHmac("sha256", deps.ipHashKey).update(ip).digest("hex").slice(0, 16);
}

/** The officer record (updated at once on approval or suspension) wins over possibly stale token claims. */
async function actorOf(deps: Deps, request: CallableRequest): Promise<Actor | undefined> {
  const auth = request.auth;
  if (!auth) return undefined;
  const tokenClaims = claimsSchema.safeParse(auth.token);
  const officer = await deps.officers.get(auth.uid);
  return {
    uid: auth.uid,
    emailVerified: auth.token.email_verified === true,
    claims: officer ? { role: officer.role, status: officer.status, country: officer.country } : tokenClaims.success ? tokenClaims.data : {},
    ...(ipHash(deps, request.rawRequest?.ip) ? { ipHash: ipHash(deps, request.rawRequest?.ip)! } : {}),
  };
}

export function toHttpsError(error: unknown): HttpsError {
  if (error instanceof HttpsError) return error;
  if (error instanceof ServiceError) return new HttpsError(error.code, error.message, error.details);
  if (error instanceof ImageError) return new HttpsError("invalid-argument", error.message, { reason: error.code });
  functionsEvents.warn("callable_failed", { error: error instanceof Error ? error.name : "unknown" });
  return new HttpsError("internal", "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.");
}

export function handleCall<I extends z.ZodType, O extends z.ZodType>(
  schemas: { input: I; output: O },
  service: Service<z.output<I>, z.output<O>>,
) {
  return async (request: CallableRequest): Promise<z.output<O>> => {
    try {
      if (enforceAppCheck.value() && !request.app)
        throw new HttpsError("unauthenticated", "This app could not be verified (App Check). Update the app or contact your administrator.");
      if (hasForeignPrototype(request.data)) throw new HttpsError("invalid-argument", "The request is not plain JSON.");
      const parsed = schemas.input.safeParse(request.data ?? undefined);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ");
        throw new HttpsError("invalid-argument", `Please check the form: ${detail}`);
      }
      const deps = await getDeps();
      const email = request.auth?.token.email;
      return await service(deps, await actorOf(deps, request), parsed.data, email ? { email } : {});
    } catch (error) {
      throw toHttpsError(error);
    }
  };
}

export function callable<I extends z.ZodType, O extends z.ZodType>(schemas: { input: I; output: O }, service: Service<z.output<I>, z.output<O>>) {
  return onCall(CALLABLE_OPTIONS, handleCall(schemas, service));
}
