import type { ToraClaims } from "../../schemas/index.js";

export function startingClaims(): ToraClaims {
  return { role: "officer", status: "pending" };
}

/** a sentence explaining why this user may not sign in, or undefined */
export function signInRefusal(user: { emailVerified: boolean; claims: Record<string, unknown> }): string | undefined {
  if (!user.emailVerified)
    return "Please verify your email address first: open the link we sent you, then sign in again. You can ask for a new link on the sign-in page.";
  if (user.claims.status === "suspended") return "Your account is suspended. Contact your administrator.";
  return undefined;
}
