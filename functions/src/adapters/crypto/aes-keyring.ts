// AES-256-GCM key ring from one secret string: "id1:base64key,id2:base64key" — the first key seals,
// every key opens, so rotation is "prepend a new key, re-seal at leisure, drop the old one".
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "../../ports/index.js";
import type { Sealed } from "../../schemas/index.js";

export class KeyRingError extends Error {}

export function parseKeyRingSecret(secret: string): { currentId: string; keys: Map<string, Buffer> } {
  const keys = new Map<string, Buffer>();
  for (const part of secret
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, material] = part.split(":");
    if (!id || !material || !/^[\w-]{1,64}$/.test(id))
      throw new KeyRingError('key ring secret: expected "id:base64key[,id:base64key…]"');
    const key = Buffer.from(material, "base64");
    if (key.length !== 32)
      throw new KeyRingError(`key ring secret: key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
  }
  const currentId = keys.keys().next().value;
  if (!currentId) throw new KeyRingError("key ring secret is empty");
  return { currentId, keys };
}

export function createKeyRing(secret: string): KeyRing {
  const { currentId, keys } = parseKeyRingSecret(secret);
  return {
    currentKeyId: currentId,
    seal(plaintext: string): Sealed {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keys.get(currentId)!, iv);
      cipher.setAAD(Buffer.from(currentId));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return {
        keyId: currentId,
        iv: iv.toString("base64"),
        ciphertext: ciphertext.toString("base64"),
        tag: cipher.getAuthTag().toString("base64"),
      };
    },
    open(sealed: Sealed): string {
      const key = keys.get(sealed.keyId);
      if (!key)
        throw new KeyRingError(
          `no key "${sealed.keyId}" in the key ring: it was removed before its data was re-sealed`,
        );
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
      decipher.setAAD(Buffer.from(sealed.keyId));
      decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}

/** a fresh secret for a new key ring: "k<date>:<32 random bytes>" */
export function newKeyRingSecret(id = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}
