// Rate limits in a Firestore transaction, blobs in Cloud Storage.
import { getStorage } from "firebase-admin/storage";
import type { Firestore } from "firebase-admin/firestore";
import type { BlobStore, Clock, RateLimiter } from "../../ports/index.js";
import { adminApp } from "./app.js";
import { COLLECTIONS } from "./firestore-stores.js";

/** a sliding window of timestamps per key, read and written in one transaction */
export function firestoreRateLimiter(db: Firestore, clock: Clock): RateLimiter {
  return {
    consume(key, limit, windowSeconds) {
      const ref = db.collection(COLLECTIONS.rateLimits).doc(key.replaceAll("/", "_"));
      return db.runTransaction(async (tx) => {
        const now = clock.now().getTime();
        const recent = (((await tx.get(ref)).get("hits") as number[] | undefined) ?? []).filter((t) => t > now - windowSeconds * 1000);
        if (recent.length >= limit) {
          const oldest = recent[recent.length - limit]!;
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - now) / 1000)) };
        }
        tx.set(ref, { hits: [...recent, now], expiresAt: new Date(now + windowSeconds * 1000) });
        return { allowed: true, retryAfterSeconds: 0 };
      });
    },
  };
}

export function storageBlobs(): BlobStore {
  const bucket = () => getStorage(adminApp()).bucket();
  return {
    put: async (path, bytes, contentType) => bucket().file(path).save(Buffer.from(bytes), { contentType, resumable: false }),
    async get(path) {
      const file = bucket().file(path);
      const [exists] = await file.exists();
      return exists ? new Uint8Array((await file.download())[0]) : undefined;
    },
    delete: async (path) => void (await bucket().file(path).delete({ ignoreNotFound: true })),
  };
}
