// The other country's deployment calls here: one HTTPS endpoint for every message of the peer
// protocol. The caller proves itself with a Google-signed ID token for this endpoint, from a
// service account the operator allow-listed (adapters/firebase/peer-https.ts); the message is then
// handled as the protocol says (runtime/peer-endpoint.ts, services/cross-border-peer.ts). The
// endpoint is public at the HTTP level on purpose: the other project's identity is checked here,
// on every request. Expired requests are swept hourly.
import { onRequest } from "firebase-functions/https";
import { onSchedule } from "firebase-functions/scheduler";
import { googleTokenVerifier, type PeerTokenVerifier } from "../adapters/firebase/peer-https.js";
import { peerEndpoint } from "../config.js";
import { getDeps } from "../runtime/deps.js";
import { handlePeerRequest } from "../runtime/peer-endpoint.js";
import { sweepCrossBorder } from "../services/cross-border.js";
import { CROSS_BORDER_SWEEP_OPTIONS, PEER_ENDPOINT_OPTIONS } from "./function-options.js";

let verifier: PeerTokenVerifier | undefined;

export const crossBorderPeer = onRequest({ ...PEER_ENDPOINT_OPTIONS, invoker: "public" }, async (req, res) => {
  verifier ??= googleTokenVerifier();
  const authorization = req.get("authorization");
  const answer = await handlePeerRequest(
    await getDeps(),
    { verifier, ownEndpoint: peerEndpoint.value() },
    { method: req.method, ...(authorization ? { authorization } : {}), body: req.body },
  );
  res.status(answer.status).json(answer.body);
});

export const crossBorderSweep = onSchedule(
  { ...CROSS_BORDER_SWEEP_OPTIONS, schedule: "every 60 minutes" },
  async () => {
    await sweepCrossBorder(await getDeps());
  },
);
