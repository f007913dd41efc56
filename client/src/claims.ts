// The token's custom claims cache the officer record's rights for the security rules (a photo
// sent straight to Cloud Storage is judged on them). After an approval, a role change or a
// reinstatement the record changes at once but a token keeps its claims until it is refreshed —
// up to an hour. An app compares them after loading the profile and forces a refresh when they
// differ (Firebase Auth: getIdToken(true)), so an officer approved a minute ago can upload now.
import type { CallableOutput } from "../../functions/src/schemas/index.js";

const CACHED = ["role", "status", "country"] as const;

/** true when the token's claims no longer say what the officer record says */
export function tokenClaimsStale(
  tokenClaims: Record<string, unknown>,
  profile: CallableOutput<"getMyProfile">,
): boolean {
  if (!profile.officer) return false;
  return CACHED.some((name) => (profile.claims[name] ?? null) !== (tokenClaims[name] ?? null));
}
