import type { DatabaseSync } from "node:sqlite";
import type { Clock, RateLimiter } from "../../ports/index.js";
import { transaction } from "./database.js";

/** sliding window, persisted and decided inside one write transaction */
export function localRateLimiter(db: DatabaseSync, clock: Clock): RateLimiter {
  return {
    async consume(key, limit, windowSeconds) {
      const now = clock.now().getTime();
      const since = now - windowSeconds * 1000;
      return transaction(db, () => {
        db.prepare("DELETE FROM rate_events WHERE key = ? AND at <= ?").run(key, since);
        const rows = db.prepare("SELECT at FROM rate_events WHERE key = ? ORDER BY at").all(key) as { at: number }[];
        if (rows.length >= limit) {
          const oldest = rows[rows.length - limit]!.at;
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - now) / 1000)),
          };
        }
        db.prepare("INSERT INTO rate_events (key, at) VALUES (?, ?)").run(key, now);
        return { allowed: true, retryAfterSeconds: 0 };
      });
    },
    async refund(key) {
      db.prepare(
        "DELETE FROM rate_events WHERE rowid = (SELECT rowid FROM rate_events WHERE key = ? ORDER BY at DESC, rowid DESC LIMIT 1)",
      ).run(key);
    },
  };
}
