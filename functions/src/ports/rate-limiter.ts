/** no rate window is longer than a day: older uses can be forgotten (Firestore: TTL on expireAt) */
export const MAX_RATE_WINDOW_SECONDS = 86_400;

export interface RateLimiter {
  /** records one use of `key`; refuses without recording when `limit` uses already fall in the window */
  consume(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** takes back the most recent use of `key` (work that turned out to cost nothing) */
  refund(key: string): Promise<void>;
}
