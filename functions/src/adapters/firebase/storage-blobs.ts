import { getStorage } from "firebase-admin/storage";
import { BlobExistsError, type BlobStore } from "../../ports/index.js";
import { adminApp } from "./app.js";

type Bucket = ReturnType<ReturnType<typeof getStorage>["bucket"]>;

/** Cloud Storage answers a failed precondition with HTTP 412 */
const PRECONDITION_FAILED = 412;

/** photo bytes in the project's default Cloud Storage bucket (or the one given: tests) */
export function storageBlobs(bucket: () => Bucket = () => getStorage(adminApp()).bucket()): BlobStore {
  return {
    async put(path, bytes, contentType, metadata) {
      try {
        // create-only: generation 0 means "no live object", so an existing photo is never replaced
        await bucket()
          .file(path)
          .save(Buffer.from(bytes), {
            contentType,
            resumable: false,
            preconditionOpts: { ifGenerationMatch: 0 },
            ...(metadata ? { metadata: { metadata } } : {}),
          });
      } catch (error) {
        if ((error as { code?: unknown }).code === PRECONDITION_FAILED) throw new BlobExistsError(path);
        throw error;
      }
    },
    async get(path) {
      const file = bucket().file(path);
      const [exists] = await file.exists();
      return exists ? new Uint8Array((await file.download())[0]) : undefined;
    },
    delete: async (path) => void (await bucket().file(path).delete({ ignoreNotFound: true })),
    async list(prefix, { limit, after, olderThan }) {
      // Cloud Storage lists in name order from startOffset (inclusive); the age filter is ours
      const found: { path: string; updatedAt: Date }[] = [];
      let pageToken: string | undefined;
      do {
        const [files, next] = await bucket().getFiles({
          prefix,
          autoPaginate: false,
          maxResults: 1000,
          ...(after ? { startOffset: after } : {}),
          ...(pageToken ? { pageToken } : {}),
        });
        for (const file of files) {
          if (after !== undefined && file.name <= after) continue;
          const updatedAt = new Date(String(file.metadata.updated ?? file.metadata.timeCreated));
          if (olderThan && !(updatedAt < olderThan)) continue;
          found.push({ path: file.name, updatedAt });
          if (found.length === limit) return found;
        }
        pageToken = (next as { pageToken?: string } | null)?.pageToken;
      } while (pageToken);
      return found;
    },
  };
}
