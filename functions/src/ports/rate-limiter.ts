export interface RateLimiter {
  /** records one use of `key`; refuses without recording when `limit` uses already fall in the window */
  consume(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** takes back the most recent use of `key` (work that turned out to cost nothing) */
  refund(key: string): Promise<void>;
}
