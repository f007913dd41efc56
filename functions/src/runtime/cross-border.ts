// Links deployments held in this process: one shared deployment for both countries (it links to
// itself: a message from its Burundi side to its Rwanda side crosses the whole protocol all the
// same), or local mode with one store per country. Between two Firebase projects the link is the
// HTTPS adapter instead (adapters/firebase/peer-https.ts).
import { localPeerLink } from "../adapters/local/peer-local.js";
import type { Deps } from "../ports/index.js";
import type { Country } from "../schemas/index.js";
import { receivePeerMessage } from "../services/cross-border-peer.js";

/** sets each side's link to the others (and to itself for the countries it holds itself) */
export function linkInProcess<D extends Deps>(sides: D[]): D[] {
  const holder = (country: Country): Deps | undefined => sides.find((d) => d.crossBorder.countries.includes(country));
  for (const side of sides) {
    const xb = side.crossBorder;
    xb.link = localPeerLink({
      countries: xb.countries,
      clock: side.clock,
      receiverOf: (country) => {
        const other = holder(country);
        return other ? (envelope, from) => receivePeerMessage(other, envelope, from) : undefined;
      },
    });
  }
  return sides;
}
