import type { DatabaseSync } from "node:sqlite";
import type { IdentityProvider } from "../../ports/index.js";
import type { ToraClaims } from "../../schemas/index.js";
import { DocTable } from "./database.js";

/** claims kept in the local database: the CLI and tests, where no Auth emulator runs */
export function localIdentity(
  db: DatabaseSync,
): IdentityProvider & { revoked: (uid: string) => number; addUser(uid: string, email: string): void } {
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
    revoked: (uid) => users.get(uid)?.revocations ?? 0,
    addUser: (uid, email) => users.put(uid, { uid, email, revocations: users.get(uid)?.revocations ?? 0 }),
  };
}
