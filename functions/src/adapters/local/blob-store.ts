import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { BlobStore } from "../../ports/index.js";

export class BlobPathError extends Error {}

/** storage paths as files under one folder; ".." and absolute paths are refused */
export function diskBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const file = (path: string): string => {
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/.test(path) || path.split("/").some((p) => p === ".." || p === "."))
      throw new BlobPathError(`not a valid storage path: ${path}`);
    const full = resolve(join(base, path));
    if (!full.startsWith(base + sep)) throw new BlobPathError(`not a valid storage path: ${path}`);
    return full;
  };
  return {
    async put(path, bytes) {
      const target = file(path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    },
    async get(path) {
      try {
        return new Uint8Array(await readFile(file(path)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async delete(path) {
      await rm(file(path), { force: true });
    },
  };
}

export function memoryBlobStore(): BlobStore {
  const blobs = new Map<string, Uint8Array>();
  return {
    put: async (path, bytes) => void blobs.set(path, new Uint8Array(bytes)),
    get: async (path) => blobs.get(path),
    delete: async (path) => void blobs.delete(path),
  };
}
