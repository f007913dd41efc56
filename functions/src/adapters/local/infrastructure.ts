// Rate limits, blobs and claims for local mode.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import type { BlobStore, Clock, IdentityProvider, Notifier, RateLimiter } from "../../ports/index.js";
import type { ToraClaims } from "../../schemas/index.js";
import { DocTable, transaction } from "./database.js";

/** sliding window, persisted and decided inside one write transaction */
export function localRateLimiter(db: DatabaseSync, clock: Clock): RateLimiter {
  return {
    async consume(key, limit, windowSeconds) {
      const now = clock.now().getTime();
      const since = now - windowSeconds * 1000;
      return transaction(db, () => {
        db.prepare("DELETE FROM rate_events WHERE key = ? AND at <= ?").run(key, since);
        const rows = db.prepare("SELECT at FROM rate_events WHERE key = ? ORDER BY at").all(key) as { at: number }[];
        if (rows.length >= limit) {
          const oldest = rows[rows.length - limit]!.at;
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - now) / 1000)) };
        }
        db.prepare("INSERT INTO rate_events (key, at) VALUES (?, ?)").run(key, now);
        return { allowed: true, retryAfterSeconds: 0 };
      });
    },
  };
}

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

/** claims kept in the local database: the CLI and tests, where no Auth emulator runs */
export function localIdentity(db: DatabaseSync): IdentityProvider & { revoked: (uid: string) => number; addUser(uid: string, email: string): void } {
  const claims = new DocTable<ToraClaims>(db, "identity_claims");
  const users = new DocTable<{ uid: string; email: string; revocations: number }>(db, "identity_users");
  return {
    getClaims: async (uid) => claims.get(uid) ?? {},
    async mergeClaims(uid, next) {
      claims.put(uid, { ...claims.get(uid), ...next });
    },
    async revokeRefreshTokens(uid) {
      const user = users.get(uid) ?? { uid, email: "", revocations: 0 };
      users.put(uid, { ...user, revocations: user.revocations + 1 });
    },
    async findUidByEmail(email) {
      return users.query({ email }, 1)[0]?.value.uid;
    },
    async emailVerificationLink(email) {
      const user = users.query({ email }, 1)[0]?.value;
      return user ? `local-verification:${user.uid}` : undefined;
    },
    revoked: (uid) => users.get(uid)?.revocations ?? 0,
    addUser: (uid, email) => users.put(uid, { uid, email, revocations: users.get(uid)?.revocations ?? 0 }),
  };
}

export const systemClock: Clock = { now: () => new Date() };

/** local mode keeps outgoing messages in the database (the Auth emulator also lists its links) */
export function localOutbox(db: DatabaseSync, clock: Clock): Notifier & { sent(): { to: string; link: string; at: string }[] } {
  const table = new DocTable<{ to: string; link: string; at: string }>(db, "mail_outbox", (m) => m.at);
  return {
    async sendEmailVerification(email, link) {
      const at = clock.now().toISOString();
      table.put(`${at}-${email}`, { to: email, link, at });
    },
    sent: () => table.query({}, 1000).map((r) => r.value),
  };
}
