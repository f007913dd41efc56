// The template keys from one secret string, as the contacts' key ring: "id:base64key[,id:base64key…]",
// newest first. A key's matrix is derived once per instance and kept (128 × 128 float64: 128 KiB).
import { EMBEDDING_DIM } from "../../schemas/index.js";
import type { TemplateKeys } from "../../ports/index.js";
import { multiply, multiplyByTranspose, multiplyTransposed, orthogonalFromKey } from "../../templates/index.js";
import { KeyRingError, newKeyRingSecret, parseKeyRingSecret } from "./aes-keyring.js";

export function createTemplateKeys(secret: string, dim = EMBEDDING_DIM): TemplateKeys {
  let parsed;
  try {
    parsed = parseKeyRingSecret(secret);
  } catch (error) {
    throw new KeyRingError(
      `template keys: ${error instanceof Error ? error.message.replace(/^key ring secret: /, "") : String(error)}`,
    );
  }
  const keyIds = [...parsed.keys.keys()];
  const matrices = new Map<string, Float64Array>();
  const moves = new Map<string, Float64Array>();
  const matrix = (keyId: string): Float64Array => {
    const known = matrices.get(keyId);
    if (known) return known;
    const key = parsed.keys.get(keyId);
    if (!key)
      throw new KeyRingError(
        `template key "${keyId}" is not in TEMPLATE_KEYS: vectors protected with it cannot be searched`,
      );
    const derived = orthogonalFromKey(key, dim);
    matrices.set(keyId, derived);
    return derived;
  };
  return {
    keyIds,
    defaultKeyId: keyIds[keyIds.length - 1]!,
    has: (keyId) => parsed.keys.has(keyId),
    protect: (keyId, vector) => multiply(matrix(keyId), vector),
    unprotect: (keyId, vector) => multiplyByTranspose(matrix(keyId), vector),
    rekey(fromKeyId, toKeyId, vector) {
      const id = `${fromKeyId}\u0000${toKeyId}`;
      let move = moves.get(id);
      if (!move) moves.set(id, (move = multiplyTransposed(matrix(toKeyId), matrix(fromKeyId))));
      return multiply(move, vector);
    },
  };
}

/** a fresh template key ring of one key (development, tests, and the first key of a deployment) */
export const newTemplateKeySecret = newKeyRingSecret;
