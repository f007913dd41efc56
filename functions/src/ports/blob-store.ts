/** the path already holds an object: a put never replaces one */
export class BlobExistsError extends Error {
  override readonly name = "BlobExistsError";
  constructor(readonly path: string) {
    super(`an object is already stored at ${path}`);
  }
}

/** photo bytes by storage path: Cloud Storage in production, a folder (or memory) locally */
export interface BlobStore {
  /**
   * Stores new bytes, create-only (Cloud Storage `ifGenerationMatch: 0`, an exclusive create of a
   * file): throws BlobExistsError when the path holds an object, which stays as it was. `metadata`
   * travels with the object (Cloud Storage custom metadata), e.g. who uploaded it.
   */
  put(path: string, bytes: Uint8Array, contentType: string, metadata?: Record<string, string>): Promise<void>;
  get(path: string): Promise<Uint8Array | undefined>;
  delete(path: string): Promise<void>;
  /**
   * Objects under `prefix` in path order, after `after` (a path), written before `olderThan`
   * when given: up to `limit` of them. Fewer than `limit` means the listing is complete.
   */
  list(
    prefix: string,
    options: { limit: number; after?: string; olderThan?: Date },
  ): Promise<{ path: string; updatedAt: Date }[]>;
}
