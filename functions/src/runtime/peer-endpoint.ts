// The peer endpoint's work, without the Functions SDK: who sent the request (the bearer token, as
// adapters/firebase/peer-https.ts verifies it against the allow-list), then the protocol
// (services/cross-border-peer.ts). Every answer is a protocol answer, a refusal included.
import { authenticatePeer, type PeerTokenVerifier } from "../adapters/firebase/peer-https.js";
import type { Deps } from "../ports/index.js";
import { receivePeerMessage } from "../services/cross-border-peer.js";

interface PeerHttpRequest {
  method: string;
  authorization?: string;
  body: unknown;
}

/** one request to the peer endpoint: its HTTP status and JSON answer (a protocol answer always) */
export async function handlePeerRequest(
  deps: Deps,
  options: { verifier: PeerTokenVerifier; ownEndpoint: string },
  request: PeerHttpRequest,
): Promise<{ status: number; body: unknown }> {
  const refused = (status: number, reason: "peer_identity_refused" | "peer_not_configured" | "invalid_input") => ({
    status,
    body: { ok: false, reason },
  });
  if (request.method !== "POST") return refused(405, "invalid_input");
  if (!options.ownEndpoint) return refused(503, "peer_not_configured");
  const who = await authenticatePeer(
    { directory: deps.crossBorder.peers, verifier: options.verifier, ownEndpoint: options.ownEndpoint },
    request.authorization,
  );
  if ("refused" in who) {
    deps.events.peerMessageRefused({ reason: who.refused });
    return refused(401, "peer_identity_refused");
  }
  const answer = await receivePeerMessage(deps, request.body, who.country);
  return { status: answer.ok ? 200 : answer.reason === "internal" ? 500 : 400, body: answer };
}
