// Firebase Auth (production or the Auth emulator): custom claims merged, never overwritten.
import { getAuth } from "firebase-admin/auth";
import type { IdentityProvider } from "../../ports/index.js";
import { claimsSchema } from "../../schemas/index.js";
import { adminApp } from "./app.js";

/**
 * Marks the account's address verified. Only for the command line's create-admin: its operator,
 * holding the project's credentials, names the first administrator's address (no one can sign in
 * to the portal's first steps otherwise before e-mail works).
 */
export async function markEmailVerified(uid: string): Promise<void> {
  await getAuth(adminApp()).updateUser(uid, { emailVerified: true });
}

export function firebaseIdentity(): IdentityProvider {
  const auth = () => getAuth(adminApp());
  return {
    async getClaims(uid) {
      const user = await auth().getUser(uid);
      return claimsSchema.parse(user.customClaims ?? {});
    },
    async mergeClaims(uid, claims) {
      const user = await auth().getUser(uid);
      await auth().setCustomUserClaims(uid, { ...(user.customClaims ?? {}), ...claims });
    },
    async revokeRefreshTokens(uid) {
      await auth().revokeRefreshTokens(uid);
    },
    async findUidByEmail(email) {
      try {
        return (await auth().getUserByEmail(email)).uid;
      } catch (error) {
        if ((error as { code?: string }).code === "auth/user-not-found") return undefined;
        throw error;
      }
    },
  };
}
