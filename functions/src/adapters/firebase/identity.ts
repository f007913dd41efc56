// Firebase Auth (production or the Auth emulator): custom claims merged, never overwritten.
import { getAuth } from "firebase-admin/auth";
import type { IdentityProvider } from "../../ports/index.js";
import { claimsSchema } from "../../schemas/index.js";
import { adminApp } from "./app.js";

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
    async emailVerificationLink(email) {
      try {
        const user = await auth().getUserByEmail(email);
        if (user.emailVerified) return undefined;
        return await auth().generateEmailVerificationLink(email);
      } catch (error) {
        if ((error as { code?: string }).code === "auth/user-not-found") return undefined;
        throw error;
      }
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
