// The peer link between two Firebase projects. A message is an HTTPS POST to the other
// deployment's peer endpoint (its crossBorderPeer function) carrying a Google-signed ID token of
// this deployment's service account, minted for audience = that endpoint. The receiving side
// verifies the token's signature against Google's certificates, its issuer, expiry and audience
// (its own endpoint: a token minted for another service is refused), and that its verified email
// is the service account its allow-list names for a country: that country sent the message.
// Replays are the protocol's concern (an envelope id is accepted once, within a five-minute window:
// services/cross-border-peer.ts), so a captured request sent again is refused as replayed.
import { GoogleAuth, OAuth2Client } from "google-auth-library";
import type { Clock, PeerDirectory, PeerLink } from "../../ports/index.js";
import type { Country } from "../../schemas/index.js";
import { envelopeOf, readAnswer } from "../peer-envelope.js";

/** mints this deployment's ID tokens */
export interface PeerTokenSource {
  idTokenFor(audience: string): Promise<string>;
}

/** checks another deployment's ID token: its claims when valid for `audience`, or throws */
export interface PeerTokenVerifier {
  verify(idToken: string, audience: string): Promise<{ email?: string; email_verified?: boolean }>;
}

/** the runtime's service account (the metadata server on Google Cloud) */
export function googleTokenSource(auth: GoogleAuth = new GoogleAuth()): PeerTokenSource {
  return {
    async idTokenFor(audience) {
      const client = await auth.getIdTokenClient(audience);
      return client.idTokenProvider.fetchIdToken(audience);
    },
  };
}

/**
 * Google's own verification (OAuth2Client.verifyIdToken: RS256 signature against Google's published
 * certificates, issuer accounts.google.com, not expired, audience). Tests pass a client whose
 * certificates are their own.
 */
export function googleTokenVerifier(client: OAuth2Client = new OAuth2Client()): PeerTokenVerifier {
  return {
    async verify(idToken, audience) {
      const ticket = await client.verifyIdToken({ idToken, audience });
      const payload = ticket.getPayload();
      if (!payload) throw new Error("an ID token without claims");
      return { ...(payload.email ? { email: payload.email } : {}), email_verified: payload.email_verified === true };
    },
  };
}

/**
 * The country whose allow-listed service account signed this request's bearer token for
 * `ownEndpoint`, or why not (the reason is logged, never told the caller in detail).
 */
export async function authenticatePeer(
  options: { directory: PeerDirectory; verifier: PeerTokenVerifier; ownEndpoint: string },
  authorization: string | undefined,
): Promise<{ country: Country } | { refused: string }> {
  const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? "")?.[1];
  if (!token) return { refused: "no bearer token" };
  let claims;
  try {
    claims = await options.verifier.verify(token, options.ownEndpoint);
  } catch (error) {
    return { refused: `token not valid: ${error instanceof Error ? error.message.slice(0, 120) : "unknown"}` };
  }
  const email = claims.email?.toLowerCase();
  if (!email || claims.email_verified !== true) return { refused: "token without a verified service account" };
  const peer = (await options.directory.list()).find((p) => p.serviceAccount.toLowerCase() === email);
  if (!peer) return { refused: "service account not on the allow-list" };
  return { country: peer.country };
}

interface HttpsPeerLinkOptions {
  /** the countries this deployment sends for (its own) */
  countries: Country[];
  directory: PeerDirectory;
  tokens: PeerTokenSource;
  clock: Clock;
  fetch?: typeof globalThis.fetch;
  /** the whole exchange, the other side's search included */
  timeoutMs?: number;
}

export function httpsPeerLink(options: HttpsPeerLinkOptions): PeerLink {
  const send = options.fetch ?? globalThis.fetch;
  return {
    async send(message) {
      if (!options.countries.includes(message.from)) return { ok: false, reason: "peer_identity_refused" };
      const peer = await options.directory.get(message.to);
      if (!peer) return { ok: false, reason: "peer_not_configured", params: { country: message.to } };
      const token = await options.tokens.idTokenFor(peer.endpoint);
      const response = await send(peer.endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(envelopeOf(message, options.clock)),
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
      // a refusal comes back as a protocol answer (with a 4xx status); anything else is no answer
      const body: unknown = await response.json().catch(() => undefined);
      if (body === undefined) throw new Error(`peer ${message.to} answered HTTP ${response.status} without an answer`);
      return readAnswer(message.kind, body);
    },
  };
}
