// Cross-border search: requests to the other country's police and their decisions, the pairs both
// sides pursue, the standing agreements of the two countries' administrators (services/cross-border.ts).
// The other deployment's messages arrive at crossBorderPeer (triggers/cross-border-peer.ts).
import {
  acceptCrossBorderAgreement as acceptAgreement,
  confirmCrossBorderPair as confirmPair,
  decideCrossBorderRequest as decide,
  getCrossBorderPair as getPair,
  getCrossBorderRequest as getRequest,
  listCrossBorderAgreements as listAgreements,
  listCrossBorderPairs as listPairs,
  listCrossBorderRequests as listRequests,
  openCrossBorderPair as openPair,
  proposeCrossBorderAgreement as proposeAgreement,
  requestCrossBorderSearch as request,
  reviewCrossBorderPair as reviewPair,
  revokeCrossBorderAgreement as revokeAgreement,
  withdrawCrossBorderRequest as withdraw,
} from "../services/cross-border.js";
import { callable } from "./callable.js";

export const requestCrossBorderSearch = callable("requestCrossBorderSearch", request);
export const listCrossBorderRequests = callable("listCrossBorderRequests", listRequests);
export const getCrossBorderRequest = callable("getCrossBorderRequest", getRequest);
export const decideCrossBorderRequest = callable("decideCrossBorderRequest", decide);
export const withdrawCrossBorderRequest = callable("withdrawCrossBorderRequest", withdraw);
export const openCrossBorderPair = callable("openCrossBorderPair", openPair);
export const listCrossBorderPairs = callable("listCrossBorderPairs", listPairs);
export const getCrossBorderPair = callable("getCrossBorderPair", getPair);
export const reviewCrossBorderPair = callable("reviewCrossBorderPair", reviewPair);
export const confirmCrossBorderPair = callable("confirmCrossBorderPair", confirmPair);
export const proposeCrossBorderAgreement = callable("proposeCrossBorderAgreement", proposeAgreement);
export const acceptCrossBorderAgreement = callable("acceptCrossBorderAgreement", acceptAgreement);
export const revokeCrossBorderAgreement = callable("revokeCrossBorderAgreement", revokeAgreement);
export const listCrossBorderAgreements = callable("listCrossBorderAgreements", listAgreements);
