// Cross-border search, as officers use it: ask the other country's police to search for one of
// your cases, decide the requests your country received, open a pair on a candidate they sent
// back, review and confirm it with an officer of the other country, then read its contact. Every
// request is a message to the other side (cross-border-peer.ts answers it there); this side keeps
// its own records and audits what it sent and received. Rights come from the caller's officer
// record: the country they work in is the side they act for.
import { randomUUID } from "node:crypto";
import type { Deps } from "../ports/index.js";
import {
  type Agreement,
  type Country,
  type CrossBorderPair,
  type PairActor,
  type PairState,
  type PeerRecord,
  type ReceivedRequest,
  type SentRequest,
  agreementClassSchema,
  confirmCrossBorderPairInput,
  decideCrossBorderRequestInput,
  getCrossBorderPairInput,
  getCrossBorderRequestInput,
  listCrossBorderPairsInput,
  listCrossBorderRequestsInput,
  listCrossBorderRequestsOutput,
  openCrossBorderPairInput,
  peerContactSchema,
  peerFactsSchema,
  peerRecordSchema,
  proposeAgreementInput,
  receivedRequestView,
  requestCrossBorderSearchInput,
  reviewCrossBorderPairInput,
  revokeAgreementInput,
  withdrawCrossBorderRequestInput,
} from "../schemas/index.js";
import type { z } from "zod";
import { type Actor, isAdmin, requireSupervisor } from "./actor.js";
import { audit } from "./audit.js";
import { mayManage, mustGetCase } from "./cases.js";
import { isMatchable } from "./cross-match.js";
import { foundFactsOf, missingFactsOf } from "../matching/index.js";
import { ServiceError } from "./errors.js";
import { outgoingProbeFaces } from "./cross-border-probe.js";
import { reserveCrossBorderRequest } from "./rate-limit.js";
import {
  applyPairEvent,
  confirmEvent,
  confirmRefusal,
  contactOfCase,
  crossBorderPairId,
  halfId,
  mirrored,
  pairView,
  reviewEvent,
  sealedPeerContact,
  standingOf,
} from "./cross-border-pairs.js";
import { crossBorderOf, peerActor, recordDecision, sendPeer } from "./cross-border-peer.js";
import { peerOfficerOf, runPeerSearch } from "./cross-border-search.js";

const DAY_MS = 86_400_000;

/** the side the caller acts for: their country, which this deployment must hold */
function sideOf(deps: Deps, caller: Actor): Country {
  const country = caller.claims.country;
  if (!country || !crossBorderOf(deps).countries.includes(country)) throw new ServiceError("other_country");
  return country;
}

const requestTarget = (id: string) => ({ type: "cross_border_request" as const, id });
const pairTarget = (id: string) => ({ type: "cross_border_pair" as const, id });

// ---------------------------------------------------------------------------- the asking side

/**
 * Sends a request: the case's faces (embeddings, never photos) and the facts fusion reads (never a
 * contact or a description). The other side answers pending, or approved with its results when a
 * standing agreement covers the request. Nothing is recorded here when the other side refuses.
 */
export async function requestCrossBorderSearch(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof requestCrossBorderSearchInput>,
): Promise<{ request: SentRequest }> {
  const from = sideOf(deps, caller);
  const record = await mustGetCase(deps, caller, input.caseId);
  if (record.country !== from) throw new ServiceError("other_country");
  if (!mayManage(caller, record)) throw new ServiceError("cross_border_request_not_allowed");
  if (input.to === from) throw new ServiceError("cross_border_same_country");
  if (!isMatchable(record)) throw new ServiceError("cross_border_case_not_open");
  const faces = await outgoingProbeFaces(deps, record.id);
  if (!faces.length) throw new ServiceError("cross_border_case_no_faces");
  const requester = (await peerOfficerOf(deps, caller.uid)) ?? { name: caller.uid, station: record.station };
  const now = deps.clock.now();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + input.validDays * DAY_MS).toISOString();
  const giveBack = await reserveCrossBorderRequest(deps, caller);
  const reply = await sendPeer(deps, {
    kind: "request.submit",
    from,
    to: input.to,
    payload: {
      id,
      case: {
        country: from,
        id: record.id,
        ...(record.externalRef ? { externalRef: record.externalRef } : {}),
        kind: record.kind,
        station: record.station,
      },
      requester,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      ...(input.note ? { note: input.note } : {}),
      facts: peerFactsSchema.parse(
        record.kind === "missing"
          ? { kind: "missing", facts: missingFactsOf(record) }
          : { kind: "found", facts: foundFactsOf(record) },
      ),
      faces,
      sentAt: now.toISOString(),
      expiresAt,
    },
  }).catch(async (error: unknown) => {
    await giveBack();
    throw error;
  });
  const decided = reply.decided;
  const request: SentRequest = {
    id,
    from,
    to: input.to,
    caseId: record.id,
    caseKind: record.kind,
    ...(record.externalRef ? { externalRef: record.externalRef } : {}),
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    ...(input.note ? { note: input.note } : {}),
    faces: faces.length,
    modelVersion: faces[0]!.modelVersion,
    requestedBy: caller.uid,
    requestedAt: now.toISOString(),
    expiresAt,
    state: decided ? decided.decision.outcome : "pending",
    ...(decided
      ? {
          decision: decided.decision,
          ...(decided.results ? { results: decided.results } : {}),
          ...(decided.scope ? { scope: decided.scope } : {}),
          ...(decided.calibrationVersion ? { calibrationVersion: decided.calibrationVersion } : {}),
        }
      : {}),
    updatedAt: now.toISOString(),
  };
  await crossBorderOf(deps).sent.create(request);
  await audit(deps, caller, "xborder.request_send", requestTarget(id), {
    to: input.to,
    caseId: record.id,
    faces: faces.length,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
  });
  if (decided)
    await audit(deps, peerActor(input.to), "xborder.results_receive", requestTarget(id), {
      outcome: decided.decision.outcome,
      candidates: decided.results?.length ?? 0,
    });
  return { request };
}

/** the asking officer (or a supervisor) withdraws a pending request: the other side deletes it */
export async function withdrawCrossBorderRequest(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof withdrawCrossBorderRequestInput>,
): Promise<{ request: SentRequest }> {
  const from = sideOf(deps, caller);
  const xb = crossBorderOf(deps);
  const current = await xb.sent.get(input.requestId);
  if (!current || current.from !== from) throw new ServiceError("cross_border_request_not_found");
  if (current.requestedBy !== caller.uid && caller.claims.role !== "supervisor" && !isAdmin(caller))
    throw new ServiceError("cross_border_request_not_allowed");
  const now = deps.clock.now().toISOString();
  const updated = await xb.sent.update(input.requestId, (r) => {
    if (!r) throw new ServiceError("cross_border_request_not_found");
    if (r.state !== "pending") throw new ServiceError("cross_border_request_decided", { state: r.state });
    return { ...r, state: "withdrawn", updatedAt: now };
  });
  await audit(deps, caller, "xborder.request_withdraw", requestTarget(input.requestId), { reason: input.reason });
  await sendPeer(deps, {
    kind: "request.withdraw",
    from,
    to: current.to,
    payload: { requestId: input.requestId, reason: input.reason },
  }).catch(() => undefined); // the other side deletes it at expiry anyway
  return { request: updated.after! };
}

// ---------------------------------------------------------------------------- the searching side

/**
 * A supervisor (or administrator) of the country asked decides. Declined: the request is deleted
 * whole, its audit lines remain. Approved: the search runs on this side's data, the received faces
 * and facts are deleted, the results go back. Either way the decision is sent to the asking side.
 */
export async function decideCrossBorderRequest(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof decideCrossBorderRequestInput>,
): Promise<{ request?: z.infer<typeof receivedRequestView>; deleted: boolean }> {
  const to = sideOf(deps, caller);
  if (caller.claims.role !== "supervisor" && !isAdmin(caller))
    throw new ServiceError("cross_border_decide_not_allowed");
  const xb = crossBorderOf(deps);
  const request = await xb.received.get(input.requestId);
  if (!request || request.to !== to) throw new ServiceError("cross_border_request_not_found");
  const now = deps.clock.now().toISOString();
  if (request.expiresAt <= now) {
    await expireReceived(deps, request);
    throw new ServiceError("cross_border_request_expired");
  }
  const officer = await deps.officers.get(caller.uid);
  const decision = {
    outcome: input.decision === "approve" ? ("approved" as const) : ("declined" as const),
    at: now,
    by: { name: officer?.name ?? caller.uid, role: caller.claims.role ?? "supervisor" },
    reason: input.reason,
  };
  const target = requestTarget(request.id);
  if (decision.outcome === "declined") {
    const removed = await xb.received.remove(request.id, (r) => r.state === "pending");
    if (!removed) throw new ServiceError("cross_border_request_decided", { state: "approved" });
    await audit(deps, caller, "xborder.request_decline", target, { from: request.from, reason: input.reason });
    await deliver(deps, request, { requestId: request.id, decision });
    return { deleted: true };
  }
  // claimed for this decision first: a second supervisor deciding at the same moment is refused
  const claimed = await xb.received.update(request.id, (r) => {
    if (!r) throw new ServiceError("cross_border_request_not_found");
    if (r.state !== "pending") throw new ServiceError("cross_border_request_decided", { state: r.state });
    return { ...r, state: "approved", decision, updatedAt: now };
  });
  const held = claimed.after!;
  const faces = held.sealedFaces ? JSON.parse(deps.keyRing.open(held.sealedFaces)) : [];
  let found;
  try {
    found = await runPeerSearch(deps, { case: held.case, facts: held.facts!, faces, country: to });
  } catch (error) {
    // the search did not run: the request waits for a decision again
    await xb.received.update(request.id, (r) => {
      if (!r || r.state !== "approved" || r.results) return undefined;
      const { decision: _decision, ...rest } = r;
      return { ...rest, state: "pending", updatedAt: now };
    });
    throw error;
  }
  await audit(deps, caller, "xborder.request_approve", target, { from: request.from, reason: input.reason });
  // the other country's faces and facts are forgotten once searched, like any probe
  const done = await xb.received.update(request.id, (r) => {
    if (!r) return undefined;
    const { sealedFaces: _faces, facts: _facts, ...rest } = r;
    return { ...rest, results: found.results, updatedAt: now };
  });
  await audit(deps, caller, "xborder.search", target, {
    candidates: found.results.length,
    openCases: found.scope.openCases,
    facesDeleted: held.faceCount,
  });
  const delivered = await deliver(deps, request, {
    requestId: request.id,
    decision,
    results: found.results,
    scope: found.scope,
    calibrationVersion: found.calibrationVersion,
  });
  const final = delivered
    ? (await xb.received.update(request.id, (r) => (r ? { ...r, delivered: true } : undefined))).after
    : done.after;
  return { request: receivedRequestView.parse(final), deleted: false };
}

/** sends the decision; one that does not arrive is asked for again by the other side (request.status) */
async function deliver(
  deps: Deps,
  request: ReceivedRequest,
  decided: Parameters<typeof sendPeer<"request.decided">>[1]["payload"],
): Promise<boolean> {
  try {
    await sendPeer(deps, { kind: "request.decided", from: request.to, to: request.from, payload: decided });
    return true;
  } catch {
    return false;
  }
}

async function expireReceived(deps: Deps, request: ReceivedRequest): Promise<void> {
  const now = deps.clock.now().toISOString();
  if (await crossBorderOf(deps).received.remove(request.id, (r) => r.expiresAt <= now))
    await audit(deps, peerActor(request.from), "xborder.request_expire", requestTarget(request.id), {
      side: "received",
      state: request.state,
    });
}

// ---------------------------------------------------------------------------- reading requests

export async function listCrossBorderRequests(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof listCrossBorderRequestsInput>,
): Promise<z.output<typeof listCrossBorderRequestsOutput>> {
  const country = sideOf(deps, caller);
  const xb = crossBorderOf(deps);
  const page = { limit: input.limit ?? 20, ...(input.cursor ? { cursor: input.cursor } : {}) };
  if (input.direction === "sent") {
    if (input.caseId) await mustGetCase(deps, caller, input.caseId);
    const sent = await xb.sent.list({ from: country, ...(input.caseId ? { caseId: input.caseId } : {}) }, page);
    return { sent: sent.items, ...(sent.nextCursor ? { nextCursor: sent.nextCursor } : {}) };
  }
  requireSupervisor(caller);
  const received = await xb.received.list({ to: country }, page);
  return {
    received: received.items.map((r) => receivedRequestView.parse(r)),
    ...(received.nextCursor ? { nextCursor: received.nextCursor } : {}),
  };
}

export async function getCrossBorderRequest(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof getCrossBorderRequestInput>,
) {
  const country = sideOf(deps, caller);
  const xb = crossBorderOf(deps);
  const now = deps.clock.now().toISOString();
  const supervisor = caller.claims.role === "supervisor" || isAdmin(caller);
  if (input.direction === "received") {
    const r = await xb.received.get(input.requestId);
    if (!r || r.to !== country || !supervisor) throw new ServiceError("cross_border_request_not_found");
    return {
      received: receivedRequestView.parse(r),
      access: { mayDecide: r.state === "pending" && r.expiresAt > now, mayWithdraw: false, mayOpenPairs: false },
    };
  }
  let s = await xb.sent.get(input.requestId);
  if (!s || s.from !== country) throw new ServiceError("cross_border_request_not_found");
  if (s.state === "pending" && s.expiresAt > now) {
    // a decision that did not arrive is asked for (the other side may be unreachable: shown as pending)
    const status = await sendPeer(deps, {
      kind: "request.status",
      from: country,
      to: s.to,
      payload: { requestId: s.id },
    }).catch(() => undefined);
    if (status?.decided) s = await recordDecision(deps, s.to, status.decided);
  }
  const record = await deps.cases.get(s.caseId);
  const manages = record ? mayManage(caller, record) : supervisor;
  return {
    sent: s,
    access: {
      mayDecide: false,
      mayWithdraw: s.state === "pending" && (s.requestedBy === caller.uid || supervisor),
      mayOpenPairs: s.state === "approved" && s.expiresAt > now && manages,
    },
  };
}

// ---------------------------------------------------------------------------- pairs

async function actorOf(deps: Deps, caller: Actor, standing: PairActor["standing"]): Promise<PairActor> {
  const officer = await deps.officers.get(caller.uid);
  return {
    uid: caller.uid,
    name: officer?.name ?? caller.uid,
    country: caller.claims.country!,
    role: caller.claims.role ?? "officer",
    standing,
  };
}

/**
 * An officer of the asking side opens a pair on a candidate the other side sent back, within the
 * request's validity: the other side opens its half on its own case, then this side keeps its
 * half, which holds the pair's state. Opening twice opens one pair.
 */
export async function openCrossBorderPair(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof openCrossBorderPairInput>,
): Promise<{ pair: ReturnType<typeof pairView> }> {
  const country = sideOf(deps, caller);
  const xb = crossBorderOf(deps);
  const request = await xb.sent.get(input.requestId);
  if (!request || request.from !== country) throw new ServiceError("cross_border_request_not_found");
  const now = deps.clock.now().toISOString();
  if (request.state !== "approved") throw new ServiceError("cross_border_request_decided", { state: request.state });
  if (request.expiresAt <= now) throw new ServiceError("cross_border_request_expired");
  const record = await mustGetCase(deps, caller, request.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("cross_border_pair_not_allowed");
  const candidate = request.results?.find((c) => c.case.id === input.candidateCaseId);
  if (!candidate) throw new ServiceError("cross_border_not_a_candidate");
  const pairId = crossBorderPairId(request.id, candidate.case.id);
  const id = halfId(pairId, country);
  const existing = await xb.pairs.get(id);
  if (existing) return { pair: pairView(existing) };
  const by = await actorOf(deps, caller, standingOf(caller, { country } as CrossBorderPair, record)!);
  const state: PairState = {
    state: "new",
    version: 1,
    history: [{ id: randomUUID(), at: now, event: "opened", state: "new", by }],
  };
  const { rank: _rank, case: _case, officer: _officer, ...evidence } = candidate;
  await sendPeer(deps, {
    kind: "pair.open",
    from: country,
    to: request.to,
    payload: {
      pairId,
      requestId: request.id,
      candidateCaseId: candidate.case.id,
      requestingCase: {
        country,
        id: record.id,
        ...(record.externalRef ? { externalRef: record.externalRef } : {}),
        kind: record.kind,
        station: record.station,
      },
      requester: (await peerOfficerOf(deps, caller.uid)) ?? { name: by.name, station: record.station },
      evidence,
      state,
    },
  });
  const written = await xb.pairs.update(id, (current) =>
    current
      ? undefined
      : {
          id,
          pairId,
          requestId: request.id,
          country,
          peerCountry: request.to,
          authority: true,
          ownCase: { id: record.id, kind: record.kind },
          peerCase: candidate.case,
          ...(candidate.officer ? { peerOfficer: candidate.officer } : {}),
          evidence,
          ...state,
          peerVersion: 1,
          createdAt: now,
          updatedAt: now,
        },
  );
  if (written.written)
    await audit(deps, caller, "xborder.pair_open", pairTarget(id), {
      requestId: request.id,
      peerCase: candidate.case.id,
    });
  return { pair: pairView(written.after!) };
}

/** this side's half and the caller's standing on it (or the refusal) */
async function halfFor(deps: Deps, caller: Actor, pairId: string) {
  const country = sideOf(deps, caller);
  const half = await crossBorderOf(deps).pairs.get(halfId(pairId, country));
  if (!half) throw new ServiceError("cross_border_pair_not_found");
  const ownCase = await deps.cases.get(half.ownCase.id);
  const standing = standingOf(caller, half, ownCase);
  return { half, ownCase, standing };
}

/**
 * Applies an event: on the asking side to its own half, then the other side is told; on the
 * searching side the event goes to the asking side, which decides, and this half mirrors the
 * answer. A confirmation carries this side's contact and brings back the other side's.
 */
async function act(deps: Deps, caller: Actor, half: CrossBorderPair, event: PairState["history"][number]) {
  const xb = crossBorderOf(deps);
  const now = deps.clock.now().toISOString();
  const confirming = event.event === "confirmed";
  const ownContact = confirming ? contactOfCase(deps, await deps.cases.get(half.ownCase.id)) : undefined;
  const target = pairTarget(half.id);
  let after: CrossBorderPair;
  if (half.authority) {
    const updated = await xb.pairs.update(half.id, (h) => {
      if (!h) throw new ServiceError("cross_border_pair_not_found");
      const state = applyPairEvent(h, event);
      return state.version === h.version ? undefined : { ...h, ...state, updatedAt: now };
    });
    after = updated.after!;
    const reply = await sendPeer(deps, {
      kind: "pair.sync",
      from: half.country,
      to: half.peerCountry,
      payload: {
        pairId: half.pairId,
        state: { state: after.state, version: after.version, history: after.history },
        ...(confirming && ownContact ? { contact: ownContact } : {}),
      },
    }).catch(() => undefined); // the other side asks again (pair.state)
    after = (
      await xb.pairs.update(half.id, (h) =>
        h
          ? {
              ...h,
              ...(reply ? { peerVersion: reply.version } : {}),
              ...(confirming && reply?.contact && !h.peerContact
                ? { peerContact: sealedPeerContact(deps, peerContactSchema.parse(reply.contact)) }
                : {}),
              ...(confirming && reply ? { contactSent: true } : {}),
              updatedAt: now,
            }
          : undefined,
      )
    ).after!;
    if (confirming && reply?.contact)
      await audit(deps, peerActor(half.peerCountry), "xborder.contact_receive", target, { kind: reply.contact.kind });
  } else {
    const reply = await sendPeer(deps, {
      kind: "pair.act",
      from: half.country,
      to: half.peerCountry,
      payload: { pairId: half.pairId, event, ...(ownContact ? { contact: ownContact } : {}) },
    });
    after = (
      await xb.pairs.update(half.id, (h) => {
        if (!h) throw new ServiceError("cross_border_pair_not_found");
        const next = mirrored(h, reply.state, now) ?? h;
        const confirmed = reply.state.state === "confirmed";
        return {
          ...next,
          ...(confirmed && reply.contact && !h.peerContact
            ? { peerContact: sealedPeerContact(deps, reply.contact) }
            : {}),
          ...(confirmed && ownContact ? { contactSent: true } : {}),
          updatedAt: now,
        };
      })
    ).after!;
    if (confirming && reply.contact)
      await audit(deps, peerActor(half.peerCountry), "xborder.contact_receive", target, { kind: reply.contact.kind });
  }
  await audit(deps, caller, confirming ? "xborder.pair_confirm" : "xborder.pair_review", target, {
    state: after.state,
    ...(event.outcome ? { outcome: event.outcome } : {}),
  });
  if (confirming && ownContact) await audit(deps, caller, "xborder.contact_send", target, { kind: ownContact.kind });
  return { pair: pairView(after) };
}

export async function reviewCrossBorderPair(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof reviewCrossBorderPairInput>,
) {
  const { half, standing } = await halfFor(deps, caller, input.pairId);
  if (!standing) throw new ServiceError("cross_border_pair_not_allowed");
  if (half.state === "confirmed") throw new ServiceError("match_not_potential", { state: half.state });
  const by = await actorOf(deps, caller, standing);
  return act(deps, caller, half, reviewEvent(by, deps.clock.now().toISOString(), input));
}

export async function confirmCrossBorderPair(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof confirmCrossBorderPairInput>,
) {
  const { half, standing } = await halfFor(deps, caller, input.pairId);
  if (!standing) throw new ServiceError("cross_border_pair_not_allowed");
  const by = await actorOf(deps, caller, standing);
  // refused here already when this half knows enough; the asking side decides in the end
  const refusal = confirmRefusal(half, by);
  if (refusal) throw new ServiceError(refusal.reason, "params" in refusal ? refusal.params : {});
  return act(deps, caller, half, confirmEvent(by, deps.clock.now().toISOString(), input.note));
}

export async function listCrossBorderPairs(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof listCrossBorderPairsInput>,
) {
  const country = sideOf(deps, caller);
  const xb = crossBorderOf(deps);
  if (input.caseId) {
    const record = await mustGetCase(deps, caller, input.caseId);
    const pairs = (await xb.pairs.listForCase(record.id)).filter((p) => p.country === country);
    return { pairs: pairs.slice(0, input.limit ?? 20).map(pairView) };
  }
  const pairs = await xb.pairs.list({ country }, 200);
  const shown: CrossBorderPair[] = [];
  for (const p of pairs) {
    if (shown.length >= (input.limit ?? 20)) break;
    if (standingOf(caller, p, await deps.cases.get(p.ownCase.id))) shown.push(p);
  }
  return { pairs: shown.map(pairView) };
}

/**
 * The searching side's half as the asking side keeps the pair now: a state or a contact that did
 * not arrive is fetched (pair.state). Unreachable: the half as this side knows it.
 */
async function refreshed(deps: Deps, half: CrossBorderPair): Promise<CrossBorderPair> {
  if (
    half.authority
      ? half.peerVersion === half.version && (half.state !== "confirmed" || half.peerContact)
      : half.state === "confirmed" && half.peerContact
  )
    return half;
  const ownContact =
    half.state === "confirmed" ? contactOfCase(deps, await deps.cases.get(half.ownCase.id)) : undefined;
  const reply = half.authority
    ? await sendPeer(deps, {
        kind: "pair.sync",
        from: half.country,
        to: half.peerCountry,
        payload: {
          pairId: half.pairId,
          state: { state: half.state, version: half.version, history: half.history },
          ...(ownContact ? { contact: ownContact } : {}),
        },
      })
        .then((r) => ({ state: { state: half.state, version: r.version, history: half.history }, contact: r.contact }))
        .catch(() => undefined)
    : await sendPeer(deps, {
        kind: "pair.state",
        from: half.country,
        to: half.peerCountry,
        payload: { pairId: half.pairId },
      }).catch(() => undefined);
  if (!reply) return half;
  const now = deps.clock.now().toISOString();
  const updated = await crossBorderOf(deps).pairs.update(half.id, (h) => {
    if (!h) return undefined;
    const next = h.authority
      ? h.peerVersion === reply.state.version
        ? h
        : { ...h, peerVersion: reply.state.version }
      : (mirrored(h, reply.state, now) ?? h);
    const contact = reply.state.state === "confirmed" && reply.contact && !h.peerContact;
    if (next === h && !contact) return undefined;
    return { ...next, ...(contact ? { peerContact: sealedPeerContact(deps, reply.contact!) } : {}), updatedAt: now };
  });
  if (updated.written && reply.contact && !half.peerContact)
    await audit(deps, peerActor(half.peerCountry), "xborder.contact_receive", pairTarget(half.id), {
      kind: reply.contact.kind,
    });
  return updated.after ?? half;
}

/** a pair; after the confirmation, with includeContacts, the other side's contact (audited) */
export async function getCrossBorderPair(deps: Deps, caller: Actor, input: z.output<typeof getCrossBorderPairInput>) {
  const found = await halfFor(deps, caller, input.pairId);
  if (!found.standing) throw new ServiceError("cross_border_pair_not_allowed");
  const half = await refreshed(deps, found.half);
  const by = await actorOf(deps, caller, found.standing);
  const refusal = half.state === "potential" ? confirmRefusal(half, by) : { reason: "match_not_potential" as const };
  const mayReadContacts = half.state === "confirmed" && half.peerContact !== undefined;
  let peerContact;
  if (input.includeContacts && mayReadContacts && half.peerContact) {
    peerContact = {
      kind: half.peerContact.kind,
      contact: JSON.parse(deps.keyRing.open(half.peerContact.sealed)),
    };
    await audit(deps, caller, "xborder.contact_read", pairTarget(half.id), { kind: half.peerContact.kind });
  }
  return {
    pair: pairView(half),
    access: {
      mayReview: half.state !== "confirmed",
      mayConfirm: refusal === undefined,
      ...(refusal ? { confirmRefusal: refusal.reason } : {}),
      mayReadContacts,
    },
    ...(peerContact ? { peerContact } : {}),
  };
}

// ---------------------------------------------------------------------------- standing agreements

async function partyOf(deps: Deps, caller: Actor, country: Country) {
  const officer = await deps.officers.get(caller.uid);
  return { country, uid: caller.uid, name: officer?.name ?? caller.uid };
}

/** an administrator proposes a class of requests to pre-approve; the other country's administrator accepts it */
export async function proposeCrossBorderAgreement(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof proposeAgreementInput>,
): Promise<{ agreement: Agreement }> {
  const country = sideOf(deps, caller);
  if (input.with === country) throw new ServiceError("cross_border_same_country");
  const now = deps.clock.now().toISOString();
  if (input.validUntil <= now.slice(0, 10)) throw new ServiceError("agreement_date_past");
  const countries = [country, input.with].sort() as [Country, Country];
  const agreement: Agreement = {
    id: randomUUID(),
    countries,
    class: agreementClassSchema.parse(input.class),
    validUntil: input.validUntil,
    ...(input.note ? { note: input.note } : {}),
    state: "proposed",
    proposedBy: await partyOf(deps, caller, country),
    proposedAt: now,
    updatedAt: now,
  };
  await sendPeer(deps, { kind: "agreement.propose", from: country, to: input.with, payload: { agreement } });
  await crossBorderOf(deps).agreements.update(agreement.id, (current) => (current ? undefined : agreement));
  await audit(
    deps,
    caller,
    "xborder.agreement_propose",
    { type: "agreement", id: agreement.id },
    {
      with: input.with,
      class: input.class,
      validUntil: input.validUntil,
    },
  );
  return { agreement };
}

export async function acceptCrossBorderAgreement(
  deps: Deps,
  caller: Actor,
  input: { agreementId: string },
): Promise<{ agreement: Agreement }> {
  const country = sideOf(deps, caller);
  const xb = crossBorderOf(deps);
  const current = await xb.agreements.get(input.agreementId);
  if (!current || !current.countries.includes(country)) throw new ServiceError("agreement_not_found");
  if (current.state !== "proposed") throw new ServiceError("agreement_not_proposed", { state: current.state });
  if (current.proposedBy.country === country) throw new ServiceError("agreement_own_proposal");
  const at = deps.clock.now().toISOString();
  const by = await partyOf(deps, caller, country);
  await sendPeer(deps, {
    kind: "agreement.accept",
    from: country,
    to: current.proposedBy.country,
    payload: { agreementId: current.id, by, at },
  });
  const updated = await xb.agreements.update(current.id, (a) => {
    if (!a) throw new ServiceError("agreement_not_found");
    if (a.state === "active") return undefined;
    if (a.state !== "proposed") throw new ServiceError("agreement_not_proposed", { state: a.state });
    return { ...a, state: "active", acceptedBy: by, acceptedAt: at, updatedAt: at };
  });
  await audit(deps, caller, "xborder.agreement_accept", { type: "agreement", id: current.id });
  return { agreement: updated.after! };
}

export async function revokeCrossBorderAgreement(
  deps: Deps,
  caller: Actor,
  input: z.output<typeof revokeAgreementInput>,
): Promise<{ agreement: Agreement }> {
  const country = sideOf(deps, caller);
  const xb = crossBorderOf(deps);
  const current = await xb.agreements.get(input.agreementId);
  if (!current || !current.countries.includes(country)) throw new ServiceError("agreement_not_found");
  const at = deps.clock.now().toISOString();
  const by = await partyOf(deps, caller, country);
  const updated = await xb.agreements.update(current.id, (a) => {
    if (!a) throw new ServiceError("agreement_not_found");
    if (a.state === "revoked") return undefined;
    return { ...a, state: "revoked", revoked: { by, at, reason: input.reason }, updatedAt: at };
  });
  await audit(
    deps,
    caller,
    "xborder.agreement_revoke",
    { type: "agreement", id: current.id },
    { reason: input.reason },
  );
  const other = current.countries.find((c) => c !== country)!;
  // ended here at once; the other side is told (a refused or failed message is logged, never undoes it)
  await sendPeer(deps, {
    kind: "agreement.revoke",
    from: country,
    to: other,
    payload: { agreementId: current.id, by, at, reason: input.reason },
  }).catch(() => undefined);
  return { agreement: updated.after! };
}

export async function listCrossBorderAgreements(deps: Deps, caller: Actor) {
  requireSupervisor(caller);
  const country = sideOf(deps, caller);
  const agreements = (await crossBorderOf(deps).agreements.list(100)).filter((a) => a.countries.includes(country));
  return { agreements };
}

// ---------------------------------------------------------------------------- expiry

/**
 * Requests expire: a received one is deleted whole (faces, facts, results; its audit lines remain),
 * a sent one still pending is marked expired; message ids older than any replay window are forgotten.
 */
export async function sweepCrossBorder(deps: Deps, limit = 500) {
  const xb = crossBorderOf(deps);
  const now = deps.clock.now().toISOString();
  let receivedDeleted = 0;
  for (const r of await xb.received.listExpired(now, limit)) {
    const before = receivedDeleted;
    if (await xb.received.remove(r.id, (c) => c.expiresAt <= now)) receivedDeleted++;
    if (receivedDeleted > before)
      await audit(deps, peerActor(r.from), "xborder.request_expire", requestTarget(r.id), {
        side: "received",
        state: r.state,
      });
  }
  let sentExpired = 0;
  for (const s of await xb.sent.listExpired(now, limit)) {
    const updated = await xb.sent.update(s.id, (c) =>
      c && c.state === "pending" && c.expiresAt <= now ? { ...c, state: "expired", updatedAt: now } : undefined,
    );
    if (updated.written) {
      sentExpired++;
      await audit(deps, peerActor(s.to), "xborder.request_expire", requestTarget(s.id), { side: "sent" });
    }
  }
  const messagesForgotten = await xb.ledger.sweep(now);
  deps.events.crossBorderSweepCompleted({ receivedDeleted, sentExpired, messagesForgotten });
  return { receivedDeleted, sentExpired, messagesForgotten };
}

// ---------------------------------------------------------------------------- the allow-list (operator)

/**
 * The operator links this deployment to the other country's: where to call it, and the service
 * account whose Google-signed ID tokens its calls must carry. Audited.
 */
export async function allowPeer(
  deps: Deps,
  actor: Actor,
  input: { country: Country; endpoint: string; serviceAccount: string },
): Promise<PeerRecord> {
  const xb = crossBorderOf(deps);
  if (xb.countries.includes(input.country)) throw new ServiceError("cross_border_same_country");
  const record = peerRecordSchema.parse({
    ...input,
    serviceAccount: input.serviceAccount.trim().toLowerCase(),
    addedBy: actor.uid,
    addedAt: deps.clock.now().toISOString(),
  });
  await xb.peers.put(record);
  await audit(
    deps,
    actor,
    "xborder.peer_set",
    { type: "peer", id: record.country },
    {
      endpoint: record.endpoint,
      serviceAccount: record.serviceAccount,
    },
  );
  return record;
}

/** ends the link to a country: its messages are refused from now on. Audited. */
export async function removePeer(deps: Deps, actor: Actor, country: Country): Promise<boolean> {
  const removed = await crossBorderOf(deps).peers.remove(country);
  if (removed) await audit(deps, actor, "xborder.peer_set", { type: "peer", id: country }, { removed: true });
  return removed;
}
