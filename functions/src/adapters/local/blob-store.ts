import { randomUUID } from "node:crypto";
import { link, mkdir, readdir, readFile, rm, rmdir, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { BlobExistsError, type BlobStore, type Clock } from "../../ports/index.js";
import { systemClock } from "../system-clock.js";

class BlobPathError extends Error {}

/** the listing rules every adapter shares: path order, after a path, older than a time, a limit */
function pageOf(
  entries: { path: string; updatedAt: Date }[],
  options: { limit: number; after?: string; olderThan?: Date },
) {
  return entries
    .filter(
      (e) =>
        (options.after === undefined || e.path > options.after) &&
        (!options.olderThan || e.updatedAt < options.olderThan),
    )
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .slice(0, options.limit);
}

/**
 * Storage paths as files under one folder; ".." and absolute paths are refused. A file's time is
 * the clock's at writing (a test's clock moves the age of what it wrote). Writes are create-only
 * and whole: the bytes go to a temporary file first, which link(2) then gives its name — an
 * exclusive create that fails when the name exists — so no reader, and no other process writing
 * the same path, ever sees a part-written file or replaces a stored one. (A crash can leave a
 * `.part` file: it is listed like any object, so a purge or the sweep of orphan bytes removes it.)
 */
export function diskBlobStore(root: string, clock: Clock = systemClock): BlobStore {
  const base = resolve(root);
  const file = (path: string): string => {
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/.test(path) || path.split("/").some((p) => p === ".." || p === "."))
      throw new BlobPathError(`not a valid storage path: ${path}`);
    const full = resolve(join(base, path));
    if (!full.startsWith(base + sep)) throw new BlobPathError(`not a valid storage path: ${path}`);
    return full;
  };
  async function walk(folder: string): Promise<{ path: string; updatedAt: Date }[]> {
    let names;
    try {
      names = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const found: { path: string; updatedAt: Date }[] = [];
    for (const entry of names) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) found.push(...(await walk(full)));
      else if (entry.isFile())
        found.push({ path: relative(base, full).split(sep).join("/"), updatedAt: (await stat(full)).mtime });
    }
    return found;
  }
  return {
    async put(path, bytes) {
      const target = file(path);
      const folder = dirname(target);
      // the folder of a purged case may be removed between the mkdir and the write: try again then
      for (let attempt = 0; ; attempt++) {
        await mkdir(folder, { recursive: true });
        const temporary = join(folder, `.${randomUUID()}.part`);
        try {
          await writeFile(temporary, bytes, { flag: "wx" });
          const now = clock.now();
          await utimes(temporary, now, now);
          await link(temporary, target);
          return;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "EEXIST") throw new BlobExistsError(path);
          if (code !== "ENOENT" || attempt >= 3) throw error;
        } finally {
          await unlink(temporary).catch(() => undefined);
        }
      }
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
      const target = file(path);
      await rm(target, { force: true });
      // folders left empty go too: a purged case's id must not stay behind as a folder name
      for (let folder = dirname(target); folder.startsWith(base + sep); folder = dirname(folder)) {
        try {
          await rmdir(folder);
        } catch {
          break;
        }
      }
    },
    async list(prefix, options) {
      const folder = prefix.includes("/") ? join(base, prefix.slice(0, prefix.lastIndexOf("/"))) : base;
      const entries = (await walk(folder)).filter((e) => e.path.startsWith(prefix));
      return pageOf(entries, options);
    },
  };
}

export function memoryBlobStore(clock: Clock = systemClock): BlobStore {
  const blobs = new Map<string, { bytes: Uint8Array; updatedAt: Date }>();
  return {
    async put(path, bytes) {
      if (blobs.has(path)) throw new BlobExistsError(path);
      blobs.set(path, { bytes: new Uint8Array(bytes), updatedAt: clock.now() });
    },
    get: async (path) => blobs.get(path)?.bytes,
    delete: async (path) => void blobs.delete(path),
    list: async (prefix, options) =>
      pageOf(
        [...blobs].filter(([path]) => path.startsWith(prefix)).map(([path, b]) => ({ path, updatedAt: b.updatedAt })),
        options,
      ),
  };
}
