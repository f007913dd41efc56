// The rules of a cross-border pair, pure: the asking side keeps the pair's state and applies every
// event to it (its own officers' and, through pair.act, the other side's) inside one
// read-modify-write, so two officers of two countries acting at the same moment never both win.
// Four eyes across the border: the confirmation is by an officer of the other country than the one
// who marked the pair a potential candidate.
import { createHash, randomUUID } from "node:crypto";
import type { Deps } from "../ports/index.js";
import type {
  Case,
  Country,
  CrossBorderPair,
  CrossBorderPairView,
  MatchState,
  PairActor,
  PairEvent,
  PairState,
  PeerContact,
  SearchOutcome,
} from "../schemas/index.js";
import type { Actor } from "./actor.js";
import { isAdmin } from "./actor.js";
import { ServiceError } from "./errors.js";

/** a pair's reference, the same on both sides: derived from the request and the candidate, so opening twice opens one */
export const crossBorderPairId = (requestId: string, candidateCaseId: string): string =>
  "xb" + createHash("sha256").update(`${requestId}\n${candidateCaseId}`).digest("hex").slice(0, 30);
export const halfId = (pairId: string, country: Country): string => `${pairId}_${country}`;

const STATE_OF_OUTCOME: Record<SearchOutcome, MatchState> = {
  potential_candidate: "potential",
  no_candidate: "no_candidate",
  inconclusive: "inconclusive",
};

/** the caller's standing on this side's half: an officer of its case, or a supervisor or administrator of its country */
export function standingOf(
  caller: Actor,
  half: CrossBorderPair,
  ownCase: Case | undefined,
): PairActor["standing"] | undefined {
  if (caller.claims.country !== half.country && !isAdmin(caller)) return undefined;
  if (isAdmin(caller)) return "admin";
  if (caller.claims.role === "supervisor") return "supervisor";
  return ownCase?.officerUids.includes(caller.uid) ? "case_officer" : undefined;
}

/** the last actor who marked the pair a potential candidate */
const markerOf = (state: PairState): PairActor | undefined =>
  state.history.findLast((e) => e.event === "reviewed" && e.outcome === "potential_candidate")?.by;

/** why this actor may not confirm the pair, or undefined */
export function confirmRefusal(state: PairState, by: PairActor) {
  if (state.state !== "potential") return { reason: "match_not_potential" as const, params: { state: state.state } };
  const marker = markerOf(state);
  if (!marker || marker.country === by.country) return { reason: "cross_border_confirm_same_country" as const };
  return undefined;
}

export function reviewEvent(
  by: PairActor,
  at: string,
  input: { outcome: SearchOutcome; reason: PairEvent["reason"]; note?: string },
): PairEvent {
  return {
    id: randomUUID(),
    at,
    event: "reviewed",
    state: STATE_OF_OUTCOME[input.outcome],
    by,
    outcome: input.outcome,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
}

export const confirmEvent = (by: PairActor, at: string, note?: string): PairEvent => ({
  id: randomUUID(),
  at,
  event: "confirmed",
  state: "confirmed",
  by,
  ...(note ? { note } : {}),
});

/**
 * The pair's state after an event, or a refusal (thrown). A confirmed pair takes no further event;
 * an event already applied (a message sent again) leaves the state as it is.
 */
export function applyPairEvent(state: PairState, event: PairEvent): PairState {
  if (state.history.some((e) => e.id === event.id)) return state;
  if (state.state === "confirmed") throw new ServiceError("match_not_potential", { state: state.state });
  if (event.event === "confirmed") {
    const refusal = confirmRefusal(state, event.by);
    if (refusal) throw new ServiceError(refusal.reason, "params" in refusal ? refusal.params : {});
  }
  return { state: event.state, version: state.version + 1, history: [...state.history, event] };
}

/** a half with the pair's state as the asking side told it (never an older one over a newer) */
export function mirrored(half: CrossBorderPair, state: PairState, at: string): CrossBorderPair | undefined {
  if (state.version <= half.version) return undefined;
  return { ...half, ...state, updatedAt: at };
}

/** this side's case's contact as it crosses once confirmed: the family's (missing) or the custody's (found) */
export function contactOfCase(deps: Pick<Deps, "keyRing">, record: Case | undefined): PeerContact | undefined {
  const sealed = record?.kind === "missing" ? record.familyContact : record?.custodyContact;
  if (!record || !sealed) return undefined;
  return { kind: record.kind === "missing" ? "family" : "custody", contact: JSON.parse(deps.keyRing.open(sealed)) };
}

/** the other side's contact, sealed with this side's key ring, kept on the half */
export const sealedPeerContact = (deps: Pick<Deps, "keyRing">, contact: PeerContact) => ({
  kind: contact.kind,
  sealed: deps.keyRing.seal(JSON.stringify(contact.contact)),
});

export function pairView(half: CrossBorderPair): CrossBorderPairView {
  const { peerContact, ...rest } = half;
  return { ...rest, hasPeerContact: peerContact !== undefined };
}
