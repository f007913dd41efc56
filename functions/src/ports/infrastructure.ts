import type { FaceEngine } from "../engine/types.js";
import type { Sealed } from "../schemas/index.js";

export interface RateLimiter {
  /** records one use of `key`; refuses without recording when `limit` uses already fall in the window */
  consume(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export interface BlobStore {
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(path: string): Promise<Uint8Array | undefined>;
  delete(path: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** AES-256-GCM with named keys: new data sealed with the current key, old keys still open */
export interface KeyRing {
  seal(plaintext: string): Sealed;
  open(sealed: Sealed): string;
}

/** the face engine, created lazily by the adapter that owns it */
export type FaceAnalyzer = Pick<FaceEngine, "analyze" | "modelVersion">;

/** structured, PII-free events; one method per kind of message */
export interface EventLog {
  info(event: string, fields: Record<string, string | number | boolean>): void;
  warn(event: string, fields: Record<string, string | number | boolean>): void;
}
