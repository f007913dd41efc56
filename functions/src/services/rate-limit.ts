import type { Deps } from "../ports/index.js";
import type { Actor } from "./actor.js";
import { ServiceError } from "./errors.js";

const actions = {
  search: { what: "searches", window: 60, limit: (d: Deps) => d.limits.searchesPerMinute, per: "minute" },
  upload: { what: "photo uploads", window: 3600, limit: (d: Deps) => d.limits.uploadsPerHour, per: "hour" },
} as const;

export async function enforceRateLimit(deps: Deps, actor: Actor, action: keyof typeof actions): Promise<void> {
  const a = actions[action];
  const limit = a.limit(deps);
  const result = await deps.rateLimiter.consume(`${action}:${actor.uid}`, limit, a.window);
  if (!result.allowed) {
    throw new ServiceError(
      "resource-exhausted",
      `Too many ${a.what}: at most ${limit} per ${a.per}. Try again in ${result.retryAfterSeconds} seconds.`,
      { retryAfterSeconds: result.retryAfterSeconds },
    );
  }
}
