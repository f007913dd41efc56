// Runs the real exported functions (their .run handlers) on in-memory ports.
import type { CallableRequest } from "firebase-functions/https";
import type { Actor } from "../../src/services/actor.js";

export interface Caller {
  actor?: Actor;
  app?: boolean;
  email?: string;
  /** the browser page's origin; mobile apps send none */
  origin?: string;
  /** what the emulator passes on for a malformed bearer token */
  auth?: CallableRequest["auth"];
}

export function request(data: unknown, caller: Caller): CallableRequest {
  const { actor, app = true } = caller;
  return {
    data,
    rawRequest: {
      ip: "203.0.113.9",
      headers: caller.origin ? { origin: caller.origin } : {},
    } as unknown as CallableRequest["rawRequest"],
    acceptsStreaming: false,
    ...(app ? { app: { appId: "test-app", token: {} as never, alreadyConsumed: false } } : {}),
    ...(caller.auth ? { auth: caller.auth } : {}),
    ...(actor
      ? {
          auth: {
            uid: actor.uid,
            token: {
              ...actor.claims,
              email_verified: actor.emailVerified,
              ...(caller.email ? { email: caller.email } : {}),
            } as never,
            rawToken: "placeholder",
          },
        }
      : {}),
  } as CallableRequest;
}
