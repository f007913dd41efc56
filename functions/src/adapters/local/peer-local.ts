// The peer link inside one process: two countries in one deployment (one store, two scopes), or
// local mode with one store per country. The message still goes through the whole protocol — an
// envelope with its own id and time, JSON on the way there and back (nothing is shared by reference
// between the two sides), the receiving side's window and replay ledger — only the proof of
// identity differs: the sending side is known because it is this process's own (the HTTPS adapter
// proves it with a Google-signed ID token instead).
import type { Clock, PeerLink } from "../../ports/index.js";
import type { Country, PeerAnswer } from "../../schemas/index.js";
import { envelopeOf, readAnswer } from "../peer-envelope.js";

/** a side's handling of a message from an authenticated country (services/cross-border-peer.ts) */
type PeerReceiver = (envelope: unknown, from: Country) => Promise<PeerAnswer>;

interface LocalPeerLinkOptions {
  /** the countries this side sends for */
  countries: Country[];
  /** the receiving side of a country held in this process, if any */
  receiverOf: (country: Country) => PeerReceiver | undefined;
  clock: Clock;
}

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

export function localPeerLink(options: LocalPeerLinkOptions): PeerLink {
  return {
    async send(message) {
      if (!options.countries.includes(message.from)) return { ok: false, reason: "peer_identity_refused" };
      const receiver = options.receiverOf(message.to);
      if (!receiver) return { ok: false, reason: "peer_not_configured", params: { country: message.to } };
      const answer = await receiver(viaJson(envelopeOf(message, options.clock)), message.from);
      return readAnswer(message.kind, viaJson(answer));
    },
  };
}
