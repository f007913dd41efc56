// The peer protocol's envelope and answer as both links (local and HTTPS) write and read them: a
// message gets its own id and issue time; an answer is parsed with its kind's reply schema, so a
// reply outside the protocol is an error, never data.
import { randomUUID } from "node:crypto";
import type { Clock, PeerLink, PeerResult } from "../ports/index.js";
import {
  PEER_PROTOCOL_VERSION,
  peerAnswerSchema,
  peerMessages,
  type Country,
  type PeerEnvelope,
  type PeerMessageKind,
  type PeerReply,
} from "../schemas/index.js";

export function envelopeOf(
  message: { kind: PeerMessageKind; from: Country; to: Country; payload: unknown },
  clock: Clock,
): PeerEnvelope {
  return {
    v: PEER_PROTOCOL_VERSION,
    id: randomUUID(),
    kind: message.kind,
    from: message.from,
    to: message.to,
    issuedAt: clock.now().toISOString(),
    payload: message.payload,
  };
}

/** the answer as the protocol reads it: the refusal's reason, or the reply parsed with the kind's schema (throws otherwise) */
export function readAnswer<K extends PeerMessageKind>(kind: K, raw: unknown): PeerResult<K> {
  const answer = peerAnswerSchema.parse(raw);
  if (!answer.ok) return { ok: false, reason: answer.reason, ...(answer.params ? { params: answer.params } : {}) };
  return { ok: true, reply: peerMessages[kind].reply.parse(answer.reply) as PeerReply<K> };
}

/** a deployment linked to no other: every message is refused as not configured */
export const unlinkedPeers: PeerLink = {
  send: async (message) => ({ ok: false, reason: "peer_not_configured", params: { country: message.to } }),
};
