import type { Firestore } from "firebase-admin/firestore";
import type { Clock, RateLimiter } from "../../ports/index.js";
import { COLLECTIONS } from "./firestore-stores.js";

/** a sliding window of timestamps per key, read and written in one transaction; a TTL policy deletes idle keys (expireAt) */
export function firestoreRateLimiter(db: Firestore, clock: Clock): RateLimiter {
  return {
    consume(key, limit, windowSeconds) {
      const ref = db.collection(COLLECTIONS.rateLimits).doc(key.replaceAll("/", "_"));
      return db.runTransaction(async (tx) => {
        const now = clock.now().getTime();
        const recent = (((await tx.get(ref)).get("hits") as number[] | undefined) ?? []).filter(
          (t) => t > now - windowSeconds * 1000,
        );
        if (recent.length >= limit) {
          const oldest = recent[recent.length - limit]!;
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - now) / 1000)),
          };
        }
        tx.set(ref, { hits: [...recent, now], expireAt: new Date(now + windowSeconds * 1000) });
        return { allowed: true, retryAfterSeconds: 0 };
      });
    },
    async refund(key) {
      const ref = db.collection(COLLECTIONS.rateLimits).doc(key.replaceAll("/", "_"));
      await db.runTransaction(async (tx) => {
        const hits = ((await tx.get(ref)).get("hits") as number[] | undefined) ?? [];
        if (hits.length > 0) tx.update(ref, { hits: hits.slice(0, -1) });
      });
    },
  };
}
