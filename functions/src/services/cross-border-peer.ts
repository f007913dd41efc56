// The receiving side of the peer protocol (schemas/peer-protocol.ts): a message from another
// country's deployment, whose identity the link already proved (a Google-signed ID token over
// HTTPS, the process itself locally), is checked — addressed to a country this side holds, from the
// country that proved itself, issued within the window, never seen before, its payload exactly as
// the protocol says — then handled. Every message received is audited on this side; a refusal too.
// Sending: sendPeer, which turns the other side's refusal into this side's error.
import type { CrossBorderPorts, Deps, PeerMessage } from "../ports/index.js";
import {
  CROSS_BORDER_MAX_VALID_DAYS,
  peerEnvelopeSchema,
  peerMessages,
  PEER_WINDOW_SECONDS,
  type AgreementClass,
  type DecidedPayload,
  type Country,
  type PeerAnswer,
  type PeerMessageKind,
  type PeerPayload,
  type PeerReply,
  type ReceivedRequest,
} from "../schemas/index.js";
import type { Actor } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";
import { applyPairEvent, contactOfCase, halfId, mirrored, sealedPeerContact } from "./cross-border-pairs.js";
import { runPeerSearch } from "./cross-border-search.js";
import { prepareProbeVectors } from "./cross-border-probe.js";
import { yearsBetween } from "../matching/index.js";

/** the cross-border ports */
export const crossBorderOf = (deps: Deps): CrossBorderPorts => deps.crossBorder;

/** who the audit names for what another deployment did */
export const peerActor = (country: Country): Actor => ({
  uid: `peer-${country}`,
  emailVerified: true,
  claims: { country },
});

/** sends a message; the other side's refusal becomes this side's error, no answer becomes peer_unreachable */
export async function sendPeer<K extends PeerMessageKind>(deps: Deps, message: PeerMessage<K>): Promise<PeerReply<K>> {
  let result;
  try {
    result = await crossBorderOf(deps).link.send(message);
  } catch (error) {
    deps.events.peerCallFailed({ kind: message.kind, to: message.to, error });
    throw new ServiceError("peer_unreachable");
  }
  if (!result.ok) throw new ServiceError(result.reason, result.params ?? {});
  return result.reply;
}

/** the standing-agreement classes a request falls in, from its facts alone */
function classesOf(payload: PeerPayload<"request.submit">): AgreementClass[] {
  const { facts } = payload;
  if (facts.kind === "found") {
    const range = facts.facts.estimatedAgeRange;
    return range && range.max < 18 ? ["unaccompanied_children"] : [];
  }
  const f = facts.facts;
  const age =
    f.ageAtDisappearance ??
    (f.birthYear !== undefined && f.lastSeenDate ? yearsBetween(`${f.birthYear}-07-01`, f.lastSeenDate) : undefined);
  return age !== undefined && age < 18 ? ["missing_children"] : [];
}

/**
 * The other side's decision on a request this side sent, with its results when approved: written
 * once, onto a request still pending (a decision sent again changes nothing), and audited.
 */
export async function recordDecision(deps: Deps, from: Country, payload: DecidedPayload) {
  const now = deps.clock.now().toISOString();
  const updated = await crossBorderOf(deps).sent.update(payload.requestId, (r) => {
    if (!r || r.to !== from) throw new ServiceError("cross_border_request_not_found");
    if (r.state !== "pending") return undefined;
    return {
      ...r,
      state: payload.decision.outcome,
      decision: payload.decision,
      ...(payload.results ? { results: payload.results } : {}),
      ...(payload.scope ? { scope: payload.scope } : {}),
      ...(payload.calibrationVersion ? { calibrationVersion: payload.calibrationVersion } : {}),
      updatedAt: now,
    };
  });
  if (updated.written)
    await audit(
      deps,
      peerActor(from),
      "xborder.results_receive",
      { type: "cross_border_request", id: payload.requestId },
      { outcome: payload.decision.outcome, candidates: payload.results?.length ?? 0 },
    );
  return updated.after!;
}

type Handler<K extends PeerMessageKind> = (
  deps: Deps,
  message: { id: string; from: Country; to: Country; payload: PeerPayload<K> },
) => Promise<PeerReply<K>>;

const handlers: { [K in PeerMessageKind]: Handler<K> } = {
  "request.submit": async (deps, { from, to, payload }) => {
    const xb = crossBorderOf(deps);
    if (payload.case.country !== from || payload.facts.kind !== payload.case.kind)
      throw new ServiceError("cross_border_request_not_allowed");
    const existing = await xb.received.get(payload.id);
    if (existing) return { state: existing.state };
    const now = deps.clock.now().toISOString();
    // a validity this side would not grant is refused: a request never outlives the longest one
    const longest = new Date(deps.clock.now().getTime() + (CROSS_BORDER_MAX_VALID_DAYS + 1) * 86_400_000).toISOString();
    if (payload.expiresAt <= now || payload.expiresAt > longest) throw new ServiceError("cross_border_request_expired");
    // faces of another model could not be compared with this side's: refused now, not at the decision
    await prepareProbeVectors(deps, payload.faces);
    const classes = classesOf(payload);
    const today = now.slice(0, 10);
    const standing = (await xb.agreements.list(100)).find(
      (a) => a.state === "active" && a.countries.includes(from) && a.validUntil >= today && classes.includes(a.class),
    );
    const base: ReceivedRequest = {
      id: payload.id,
      from,
      to,
      case: payload.case,
      requester: payload.requester,
      purpose: payload.purpose,
      legalBasis: payload.legalBasis,
      ...(payload.note ? { note: payload.note } : {}),
      faceCount: payload.faces.length,
      modelVersion: payload.faces[0]!.modelVersion,
      classes,
      receivedAt: now,
      expiresAt: payload.expiresAt,
      state: "pending",
      updatedAt: now,
    };
    const actor = peerActor(from);
    const target = { type: "cross_border_request" as const, id: payload.id };
    if (!standing) {
      // kept for the supervisor's decision: the facts, and the faces sealed with this side's keys
      await xb.received.create({
        ...base,
        facts: payload.facts,
        sealedFaces: deps.keyRing.seal(JSON.stringify(payload.faces)),
      });
      await audit(deps, actor, "xborder.request_receive", target, {
        from,
        caseId: payload.case.id,
        faces: payload.faces.length,
        purpose: payload.purpose,
        legalBasis: payload.legalBasis,
      });
      return { state: "pending" };
    }
    // pre-approved by a standing agreement: searched now, the faces never stored
    const found = await runPeerSearch(deps, { ...payload, country: to });
    const decision = {
      outcome: "approved" as const,
      at: now,
      agreementId: standing.id,
      reason: `standing agreement ${standing.id} (${standing.class})`,
    };
    await xb.received.create({ ...base, state: "approved", decision, results: found.results, delivered: true });
    await audit(deps, actor, "xborder.request_receive", target, {
      from,
      caseId: payload.case.id,
      faces: payload.faces.length,
      purpose: payload.purpose,
      legalBasis: payload.legalBasis,
    });
    await audit(deps, actor, "xborder.request_approve", target, { agreementId: standing.id });
    await audit(deps, actor, "xborder.search", target, {
      candidates: found.results.length,
      openCases: found.scope.openCases,
      facesDeleted: payload.faces.length,
    });
    return {
      state: "approved",
      decided: {
        requestId: payload.id,
        decision,
        results: found.results,
        scope: found.scope,
        calibrationVersion: found.calibrationVersion,
      },
    };
  },

  "request.withdraw": async (deps, { from, payload }) => {
    const xb = crossBorderOf(deps);
    const removed = await xb.received.remove(payload.requestId, (r) => r.from === from);
    if (removed)
      await audit(
        deps,
        peerActor(from),
        "xborder.request_withdraw",
        { type: "cross_border_request", id: payload.requestId },
        { reason: payload.reason },
      );
    return {};
  },

  "request.decided": async (deps, { from, payload }) => {
    await recordDecision(deps, from, payload);
    return {};
  },

  "request.status": async (deps, { from, payload }) => {
    const r = await crossBorderOf(deps).received.get(payload.requestId);
    if (!r || r.from !== from) return { state: "gone" };
    if (r.state === "pending" || !r.decision) return { state: "pending" };
    return {
      state: "approved",
      decided: { requestId: r.id, decision: r.decision, ...(r.results ? { results: r.results } : {}) },
    };
  },

  "pair.open": async (deps, { from, to, payload }) => {
    const xb = crossBorderOf(deps);
    const request = await xb.received.get(payload.requestId);
    const now = deps.clock.now().toISOString();
    if (!request || request.from !== from || request.state !== "approved")
      throw new ServiceError("cross_border_request_not_found");
    if (request.expiresAt <= now) throw new ServiceError("cross_border_request_expired");
    if (payload.requestingCase.id !== request.case.id) throw new ServiceError("cross_border_not_a_candidate");
    const candidate = request.results?.find((c) => c.case.id === payload.candidateCaseId);
    const own = await deps.cases.get(payload.candidateCaseId);
    if (!candidate || !own || own.country !== to) throw new ServiceError("cross_border_not_a_candidate");
    const id = halfId(payload.pairId, to);
    const written = await xb.pairs.update(id, (current) =>
      current
        ? undefined
        : {
            id,
            pairId: payload.pairId,
            requestId: payload.requestId,
            country: to,
            peerCountry: from,
            authority: false,
            ownCase: { id: own.id, kind: own.kind },
            peerCase: payload.requestingCase,
            peerOfficer: payload.requester,
            evidence: payload.evidence,
            ...payload.state,
            createdAt: now,
            updatedAt: now,
          },
    );
    if (written.written)
      await audit(
        deps,
        peerActor(from),
        "xborder.pair_open",
        { type: "cross_border_pair", id },
        { caseId: own.id, requestId: payload.requestId },
      );
    return {};
  },

  // the other side's officer acted: this side keeps the pair's state and decides
  "pair.act": async (deps, { from, to, payload }) => {
    const xb = crossBorderOf(deps);
    const id = halfId(payload.pairId, to);
    const now = deps.clock.now().toISOString();
    if (payload.event.by.country !== from) throw new ServiceError("peer_identity_refused");
    const updated = await xb.pairs.update(id, (half) => {
      if (!half || !half.authority || half.peerCountry !== from) throw new ServiceError("cross_border_pair_not_found");
      const state = applyPairEvent(half, payload.event);
      if (state === half || state.version === half.version) return undefined;
      const confirmed = state.state === "confirmed";
      return {
        ...half,
        ...state,
        peerVersion: state.version,
        ...(confirmed && payload.contact ? { peerContact: sealedPeerContact(deps, payload.contact) } : {}),
        ...(confirmed ? { contactSent: true } : {}),
        updatedAt: now,
      };
    });
    const half = updated.after!;
    const target = { type: "cross_border_pair" as const, id };
    if (updated.written) {
      const action = payload.event.event === "confirmed" ? "xborder.pair_confirm" : "xborder.pair_review";
      await audit(deps, peerActor(from), action, target, { by: payload.event.by.name, state: half.state });
    }
    const confirmed = half.state === "confirmed";
    const contact = confirmed ? contactOfCase(deps, await deps.cases.get(half.ownCase.id)) : undefined;
    if (updated.written && confirmed && payload.contact)
      await audit(deps, peerActor(from), "xborder.contact_receive", target, { kind: payload.contact.kind });
    if (contact) await audit(deps, peerActor(from), "xborder.contact_send", target, { kind: contact.kind });
    return {
      state: { state: half.state, version: half.version, history: half.history },
      ...(contact ? { contact } : {}),
    };
  },

  // the asking side's state after an event there; once confirmed, its contact, and this side's goes back
  "pair.sync": async (deps, { from, to, payload }) => {
    const xb = crossBorderOf(deps);
    const id = halfId(payload.pairId, to);
    const now = deps.clock.now().toISOString();
    const confirmed = payload.state.state === "confirmed";
    const updated = await xb.pairs.update(id, (half) => {
      if (!half || half.authority || half.peerCountry !== from) throw new ServiceError("cross_border_pair_not_found");
      const next = mirrored(half, payload.state, now) ?? half;
      const withContact =
        confirmed && payload.contact && !half.peerContact
          ? { ...next, peerContact: sealedPeerContact(deps, payload.contact), contactSent: true, updatedAt: now }
          : next;
      return withContact === half ? undefined : withContact;
    });
    const half = updated.after!;
    const target = { type: "cross_border_pair" as const, id };
    if (updated.written) {
      const last = payload.state.history.at(-1);
      await audit(
        deps,
        peerActor(from),
        last?.event === "confirmed" ? "xborder.pair_confirm" : "xborder.pair_review",
        target,
        {
          state: half.state,
        },
      );
      if (confirmed && payload.contact)
        await audit(deps, peerActor(from), "xborder.contact_receive", target, { kind: payload.contact.kind });
    }
    const contact = half.state === "confirmed" ? contactOfCase(deps, await deps.cases.get(half.ownCase.id)) : undefined;
    if (contact && updated.written)
      await audit(deps, peerActor(from), "xborder.contact_send", target, { kind: contact.kind });
    return { version: half.version, ...(contact ? { contact } : {}) };
  },

  "pair.state": async (deps, { from, to, payload }) => {
    const half = await crossBorderOf(deps).pairs.get(halfId(payload.pairId, to));
    if (!half || !half.authority || half.peerCountry !== from) throw new ServiceError("cross_border_pair_not_found");
    const contact = half.state === "confirmed" ? contactOfCase(deps, await deps.cases.get(half.ownCase.id)) : undefined;
    return {
      state: { state: half.state, version: half.version, history: half.history },
      ...(contact ? { contact } : {}),
    };
  },

  "agreement.propose": async (deps, { from, to, payload }) => {
    const xb = crossBorderOf(deps);
    const a = payload.agreement;
    if (a.proposedBy.country !== from || !a.countries.includes(to) || a.state !== "proposed")
      throw new ServiceError("peer_identity_refused");
    const written = await xb.agreements.update(a.id, (current) => (current ? undefined : a));
    if (written.written)
      await audit(
        deps,
        peerActor(from),
        "xborder.agreement_propose",
        { type: "agreement", id: a.id },
        { class: a.class, validUntil: a.validUntil },
      );
    return {};
  },

  "agreement.accept": async (deps, { from, payload }) => {
    const xb = crossBorderOf(deps);
    if (payload.by.country !== from) throw new ServiceError("peer_identity_refused");
    const updated = await xb.agreements.update(payload.agreementId, (a) => {
      if (!a || !a.countries.includes(from)) throw new ServiceError("agreement_not_found");
      if (a.state === "active" && a.acceptedBy?.country === from) return undefined;
      if (a.state !== "proposed" || a.proposedBy.country === from)
        throw new ServiceError("agreement_not_proposed", { state: a.state });
      return { ...a, state: "active", acceptedBy: payload.by, acceptedAt: payload.at, updatedAt: payload.at };
    });
    if (updated.written)
      await audit(deps, peerActor(from), "xborder.agreement_accept", { type: "agreement", id: payload.agreementId });
    return {};
  },

  "agreement.revoke": async (deps, { from, payload }) => {
    const xb = crossBorderOf(deps);
    if (payload.by.country !== from) throw new ServiceError("peer_identity_refused");
    const updated = await xb.agreements.update(payload.agreementId, (a) => {
      if (!a || !a.countries.includes(from)) throw new ServiceError("agreement_not_found");
      if (a.state === "revoked") return undefined;
      return {
        ...a,
        state: "revoked",
        revoked: { by: payload.by, at: payload.at, reason: payload.reason },
        updatedAt: payload.at,
      };
    });
    if (updated.written)
      await audit(
        deps,
        peerActor(from),
        "xborder.agreement_revoke",
        { type: "agreement", id: payload.agreementId },
        { reason: payload.reason },
      );
    return {};
  },
};

/**
 * Handles one message from `authenticated`, the country whose deployment the link proved the
 * sender to be. The answer is the reply, or a refusal with a reason of the catalogue.
 */
export async function receivePeerMessage(deps: Deps, raw: unknown, authenticated: Country): Promise<PeerAnswer> {
  const refuse = async (reason: string, kind?: string, detail?: string): Promise<PeerAnswer> => {
    deps.events.peerMessageRefused({ reason, from: authenticated, ...(kind ? { kind } : {}) });
    await audit(
      deps,
      peerActor(authenticated),
      "xborder.peer_refused",
      { type: "peer", id: authenticated },
      {
        reason,
        ...(kind ? { kind } : {}),
      },
    );
    return { ok: false, reason: reason as never, ...(detail ? { params: { detail } } : {}) };
  };
  const xb = deps.crossBorder;
  const envelope = peerEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return refuse("invalid_input", undefined, issuePaths(envelope.error));
  const { id, kind, from, to, issuedAt } = envelope.data;
  if (from !== authenticated || from === to || !xb.countries.includes(to)) return refuse("peer_identity_refused", kind);
  const now = deps.clock.now().getTime();
  const issued = Date.parse(issuedAt);
  if (Math.abs(now - issued) > PEER_WINDOW_SECONDS * 1000) return refuse("peer_message_stale", kind);
  const keepUntil = new Date(issued + 2 * PEER_WINDOW_SECONDS * 1000).toISOString();
  if (!(await xb.ledger.record(id, keepUntil))) return refuse("peer_message_replayed", kind);
  const payload = peerMessages[kind].payload.safeParse(envelope.data.payload);
  if (!payload.success) return refuse("invalid_input", kind, issuePaths(payload.error));
  try {
    const handler = handlers[kind] as Handler<typeof kind>;
    const reply = await handler(deps, { id, from, to, payload: payload.data as never });
    return { ok: true, reply };
  } catch (error) {
    if (error instanceof ServiceError) return { ok: false, reason: error.reason, params: paramsOf(error) };
    deps.events.peerMessageFailed({ kind, from, error });
    return { ok: false, reason: "internal" };
  }
}

/** where a message broke the protocol: the fields' paths and zod's words, never the values */
const issuePaths = (error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string =>
  error.issues.map((i) => `${i.path.map(String).join(".") || "message"}: ${i.message}`).join("; ");

function paramsOf(error: ServiceError): Record<string, string | number | boolean> {
  const { reason: _reason, ...params } = error.details;
  return params as Record<string, string | number | boolean>;
}
