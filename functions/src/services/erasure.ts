// Erasure of a case on request (a family's request, a court order): one administrator asks with
// the legal ground, a second, different administrator approves, and the same purge as the
// retention sweep runs at once. Every step is audited; the request keeps what was deleted.
import { randomUUID } from "node:crypto";
import type { Deps } from "../ports/index.js";
import type { Case, ErasureRequest } from "../schemas/index.js";
import { type Actor, requireRole } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";
import { purgeCase } from "./purge.js";

/** the request with what the administrators decide on: the case as it stands, when it still exists */
function view(request: ErasureRequest, record: Case | undefined) {
  if (!record) return request;
  const { id, kind, country, status, externalRef, station, createdAt } = record;
  return { ...request, case: { id, kind, country, status, station, createdAt, ...(externalRef ? { externalRef } : {}) } };
}

async function mustGetPending(deps: Deps, requestId: string): Promise<ErasureRequest> {
  const request = await deps.erasures.get(requestId);
  if (!request) throw new ServiceError("erasure_request_not_found");
  if (request.status !== "pending") throw new ServiceError("erasure_not_pending", { status: request.status });
  return request;
}

export async function requestCaseErasure(deps: Deps, actor: Actor | undefined, input: { caseId: string; reason: string }) {
  const admin = requireRole(actor, "admin");
  const record = await deps.cases.get(input.caseId);
  if (!record) throw new ServiceError("case_not_found");
  if ((await deps.erasures.list({ caseId: record.id, status: "pending", limit: 1 })).length > 0) throw new ServiceError("erasure_already_requested");
  const request: ErasureRequest = {
    id: randomUUID(),
    caseId: record.id,
    reason: input.reason,
    status: "pending",
    requestedBy: admin.uid,
    requestedAt: deps.clock.now().toISOString(),
  };
  await deps.erasures.put(request);
  await audit(deps, admin, "case.erasure_request", { type: "erasure", id: request.id }, { caseId: record.id });
  return { request: view(request, record) };
}

/** four-eyes: the administrator who asked cannot approve; the purge runs at once */
export async function approveCaseErasure(deps: Deps, actor: Actor | undefined, input: { requestId: string }) {
  const admin = requireRole(actor, "admin");
  const request = await mustGetPending(deps, input.requestId);
  if (request.requestedBy === admin.uid) throw new ServiceError("erasure_needs_second_admin");
  const record = await deps.cases.get(request.caseId);
  const earlier = record ? undefined : await deps.tombstones.get(request.caseId);
  if (!record && !earlier) throw new ServiceError("case_not_found");
  await audit(deps, admin, "case.erasure_approve", { type: "erasure", id: request.id }, { caseId: request.caseId });
  // a case the sweep purged meanwhile is already gone: the request is done with nothing left to delete
  const { tombstone, receipt } = record
    ? await purgeCase(deps, admin, record, { outcome: "erased", decidedBy: admin.uid, requestedBy: request.requestedBy })
    : { tombstone: earlier!, receipt: undefined };
  const { photoSha256: _hashes, ...deleted } = receipt ?? {
    photoSha256: [],
    photos: 0,
    blobs: 0,
    faces: 0,
    matches: 0,
    notifications: 0,
    bulletins: 0,
    searchesScrubbed: 0,
  };
  const executed: ErasureRequest = { ...request, status: "executed", decidedBy: admin.uid, decidedAt: deps.clock.now().toISOString(), deleted };
  await deps.erasures.put(executed);
  const { pendingReceipt: _pending, ...finalTombstone } = tombstone;
  return { request: view(executed, undefined), tombstone: finalTombstone };
}

export async function declineCaseErasure(deps: Deps, actor: Actor | undefined, input: { requestId: string; note: string }) {
  const admin = requireRole(actor, "admin");
  const request = await mustGetPending(deps, input.requestId);
  const declined: ErasureRequest = { ...request, status: "declined", decidedBy: admin.uid, decidedAt: deps.clock.now().toISOString(), declineNote: input.note };
  await deps.erasures.put(declined);
  await audit(deps, admin, "case.erasure_decline", { type: "erasure", id: request.id }, { caseId: request.caseId });
  return { request: view(declined, await deps.cases.get(request.caseId)) };
}

export async function listErasureRequests(deps: Deps, actor: Actor | undefined, input: { status?: ErasureRequest["status"]; limit: number }) {
  requireRole(actor, "admin");
  const requests = await deps.erasures.list(input);
  return { requests: await Promise.all(requests.map(async (r) => view(r, r.status === "executed" ? undefined : await deps.cases.get(r.caseId)))) };
}
