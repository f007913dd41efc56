import { getStorage } from "firebase-admin/storage";
import type { BlobStore } from "../../ports/index.js";
import { adminApp } from "./app.js";

/** photo bytes in the project's default Cloud Storage bucket */
export function storageBlobs(): BlobStore {
  const bucket = () => getStorage(adminApp()).bucket();
  return {
    put: async (path, bytes, contentType, metadata) =>
      bucket()
        .file(path)
        .save(Buffer.from(bytes), { contentType, resumable: false, ...(metadata ? { metadata: { metadata } } : {}) }),
    async get(path) {
      const file = bucket().file(path);
      const [exists] = await file.exists();
      return exists ? new Uint8Array((await file.download())[0]) : undefined;
    },
    delete: async (path) => void (await bucket().file(path).delete({ ignoreNotFound: true })),
  };
}
