// How often an officer may use what costs or could be abused. Searches have a per-minute burst
// and a 24-hour budget (an administrator can set an officer's own budget); a search photo that
// turns out to have no usable face gives its place back and counts only against a separate hourly
// limit, so a refused photo costs an officer at work nothing. The command line's operator holds
// the store's keys and is not limited.
import { MAX_RATE_WINDOW_SECONDS, type Deps } from "../ports/index.js";
import type { Actor } from "./actor.js";
import { ServiceError } from "./errors.js";

interface Quota {
  key: string;
  limit: number;
  windowSeconds: number;
  refuse(limit: number, retryAfterSeconds: number): ServiceError;
}

const HOUR = 3600;
/** the budget's window: the longest there is (ports/rate-limiter.ts) */
const DAY = MAX_RATE_WINDOW_SECONDS;

function quotas(deps: Deps, caller: Actor) {
  return {
    burst: {
      key: `search:${caller.uid}`,
      limit: deps.limits.searchesPerMinute,
      windowSeconds: 60,
      refuse: (limit: number, retryAfterSeconds: number) =>
        new ServiceError("searches_exhausted", { limit, retryAfterSeconds }),
    },
    day: {
      key: `search-day:${caller.uid}`,
      limit: caller.searchesPerDay ?? deps.limits.searchesPerDay,
      windowSeconds: DAY,
      refuse: (limit: number, retryAfterSeconds: number) =>
        new ServiceError("search_budget_exhausted", { limit, retryAfterMinutes: Math.ceil(retryAfterSeconds / 60) }),
    },
    refused: {
      key: `probe-refused:${caller.uid}`,
      limit: deps.limits.refusedProbesPerHour,
      windowSeconds: HOUR,
      refuse: (limit: number, retryAfterSeconds: number) =>
        new ServiceError("refused_probes_exhausted", { limit, retryAfterSeconds }),
    },
    upload: {
      key: `upload:${caller.uid}`,
      limit: deps.limits.uploadsPerHour,
      windowSeconds: HOUR,
      refuse: (limit: number, retryAfterSeconds: number) =>
        new ServiceError("uploads_exhausted", { limit, retryAfterSeconds }),
    },
  } satisfies Record<string, Quota>;
}

/** takes one use of every quota, or none of them */
async function consumeAll(deps: Deps, all: Quota[]): Promise<void> {
  const taken: Quota[] = [];
  for (const q of all) {
    const result = await deps.rateLimiter.consume(q.key, q.limit, q.windowSeconds);
    if (!result.allowed) {
      await Promise.all(taken.map((t) => deps.rateLimiter.refund(t.key)));
      throw q.refuse(q.limit, result.retryAfterSeconds);
    }
    taken.push(q);
  }
}

/** what a search ticket settles to once the probe has been analysed */
export interface SearchTicket {
  /** the probe had at least one face: the search counts, the refused-photo place is given back */
  searched(): Promise<void>;
  /** the probe was unreadable or had no face: only the refused-photo place is kept */
  refused(): Promise<void>;
}

const FREE: SearchTicket = { searched: async () => undefined, refused: async () => undefined };

/** reserves a search (burst, budget, and a refused-photo place) before the probe is analysed */
export async function reserveSearch(deps: Deps, caller: Actor): Promise<SearchTicket> {
  if (caller.operator) return FREE;
  const q = quotas(deps, caller);
  await consumeAll(deps, [q.refused, q.burst, q.day]);
  return {
    searched: () => deps.rateLimiter.refund(q.refused.key),
    refused: async () => {
      await deps.rateLimiter.refund(q.burst.key);
      await deps.rateLimiter.refund(q.day.key);
    },
  };
}

/** reserves a photo upload; `refund` gives it back when the bytes were not a readable photo */
export async function reserveUpload(deps: Deps, caller: Actor): Promise<{ refund(): Promise<void> }> {
  if (caller.operator) return { refund: async () => undefined };
  const q = quotas(deps, caller).upload;
  await consumeAll(deps, [q]);
  return { refund: () => deps.rateLimiter.refund(q.key) };
}

/**
 * A case's candidate list reads every face and case of the other kind in the country (thousands of
 * Firestore reads): a list has its own per-minute window, as many as the search burst allows
 * searches, so a page opened again and again cannot run up the reads, and an officer's searches are
 * never refused because case pages were opened.
 */
export async function reserveCandidateList(deps: Deps, caller: Actor): Promise<void> {
  if (caller.operator) return;
  const burst = quotas(deps, caller).burst;
  await consumeAll(deps, [{ ...burst, key: `candidates:${caller.uid}` }]);
}

/**
 * A cross-border request is a search the other country runs for the caller: it takes a place of
 * the caller's search burst and 24-hour budget. The answer gives them back when the request
 * could not be sent (the other side refused it or did not answer).
 */
export async function reserveCrossBorderRequest(deps: Deps, caller: Actor): Promise<() => Promise<void>> {
  if (caller.operator) return async () => undefined;
  const { burst, day } = quotas(deps, caller);
  await consumeAll(deps, [burst, day]);
  return async () => void (await Promise.all([burst, day].map((q) => deps.rateLimiter.refund(q.key))));
}
