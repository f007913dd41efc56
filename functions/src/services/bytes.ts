// Photo bytes as they arrive: inline base64 from a callable, hashed to identify evidence.
import { createHash } from "node:crypto";
import { MAX_INLINE_BYTES } from "../schemas/index.js";
import { ServiceError } from "./errors.js";

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function decodeBase64(content: string): Uint8Array {
  const bytes = Buffer.from(content, "base64");
  if (bytes.length > MAX_INLINE_BYTES) throw new ServiceError("photo_too_large_inline");
  return bytes;
}
