import type { Deps } from "../ports/index.js";
import type { ErrorReason } from "../schemas/index.js";
import type { Actor } from "./actor.js";
import { ServiceError } from "./errors.js";

const actions = {
  search: { window: 60, limit: (d: Deps) => d.limits.searchesPerMinute, refusal: "searches_exhausted" },
  upload: { window: 3600, limit: (d: Deps) => d.limits.uploadsPerHour, refusal: "uploads_exhausted" },
} as const satisfies Record<string, { window: number; limit: (d: Deps) => number; refusal: ErrorReason }>;

export async function enforceRateLimit(deps: Deps, caller: Actor, action: keyof typeof actions): Promise<void> {
  const a = actions[action];
  const limit = a.limit(deps);
  const result = await deps.rateLimiter.consume(`${action}:${caller.uid}`, limit, a.window);
  if (!result.allowed) throw new ServiceError(a.refusal, { limit, retryAfterSeconds: result.retryAfterSeconds });
}
