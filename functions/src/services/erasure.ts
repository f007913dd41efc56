// Erasure of a case on request (a family's request, a court order): one administrator asks with
// the legal ground, a second, different administrator approves, and the same purge as the
// retention sweep runs at once. Every step is audited; the request keeps what was deleted.
import { randomUUID } from "node:crypto";
import type { Deps } from "../ports/index.js";
import type { Case, ErasureRequest } from "../schemas/index.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";
import { officerNames } from "./officers.js";
import { purgeCase } from "./purge.js";

/** the request with what the administrators decide on: the case as it stands, when it still exists */
function view(request: ErasureRequest, record: Case | undefined) {
  if (!record) return request;
  const { id, kind, country, status, externalRef, station, createdAt } = record;
  return {
    ...request,
    case: { id, kind, country, status, station, createdAt, ...(externalRef ? { externalRef } : {}) },
  };
}

/**
 * Administrators know a case by its file number: a reference that is no case's id is read as one.
 * A file number two cases share (two countries, a typing slip) names no case: the id decides then.
 */
async function caseByIdOrFileNumber(deps: Deps, ref: string): Promise<Case> {
  const byId = /^[A-Za-z0-9_-]{1,128}$/.test(ref) ? await deps.cases.get(ref) : undefined;
  if (byId) return byId;
  const found = await deps.cases.findByExternalRef(ref, undefined, 2);
  if (found.length > 1) throw new ServiceError("case_reference_ambiguous");
  if (!found[0]) throw new ServiceError("case_not_found");
  return found[0];
}

const mustBePending = (request: ErasureRequest | undefined): ErasureRequest => {
  if (!request) throw new ServiceError("erasure_request_not_found");
  if (request.status !== "pending") throw new ServiceError("erasure_not_pending", { status: request.status });
  return request;
};

export async function requestCaseErasure(
  deps: Deps,
  admin: Actor,
  input: { caseId: string; reason: string } | { caseRef: string; reason: string },
) {
  const record = await caseByIdOrFileNumber(deps, "caseId" in input ? input.caseId : input.caseRef.trim());
  const request: ErasureRequest = {
    id: randomUUID(),
    caseId: record.id,
    ...(record.externalRef ? { externalRef: record.externalRef } : {}),
    reason: input.reason,
    status: "pending",
    requestedBy: admin.uid,
    requestedAt: deps.clock.now().toISOString(),
  };
  // one pending request per case, even when two administrators ask at the same moment
  if (!(await deps.erasures.createPending(request)).created) throw new ServiceError("erasure_already_requested");
  await audit(deps, admin, "case.erasure_request", { type: "erasure", id: request.id }, { caseId: record.id });
  return { request: view(request, record) };
}

/**
 * Four eyes: the administrator who asked cannot approve. The decision is taken in one step on the
 * request (a second approval or a decline at the same moment finds it decided), then the purge runs
 * at once. An approval whose purge was interrupted is finished by the same administrator approving
 * again (the purge goes on from its tombstone).
 */
export async function approveCaseErasure(deps: Deps, admin: Actor, input: { requestId: string }) {
  const asked = await deps.erasures.get(input.requestId);
  if (!asked) throw new ServiceError("erasure_request_not_found");
  const record = await deps.cases.get(asked.caseId);
  const earlier = record ? undefined : await deps.tombstones.get(asked.caseId);
  if (!record && !earlier) throw new ServiceError("case_not_found");
  const at = deps.clock.now().toISOString();
  const { before, after } = await deps.erasures.update(asked.id, (current) => {
    if (current?.status === "executed" && current.decidedBy === admin.uid && !current.deleted) return undefined;
    const request = mustBePending(current);
    if (request.requestedBy === admin.uid) throw new ServiceError("erasure_needs_second_admin");
    return { ...request, status: "executed", decidedBy: admin.uid, decidedAt: at };
  });
  const request = after!;
  if (before?.status === "pending")
    await audit(deps, admin, "case.erasure_approve", { type: "erasure", id: request.id }, { caseId: request.caseId });
  // a case the sweep purged meanwhile is already gone: the request is done with nothing left to delete
  const { tombstone, receipt } = record
    ? await purgeCase(deps, admin, record, {
        outcome: "erased",
        decidedBy: admin.uid,
        requestedBy: request.requestedBy,
      })
    : { tombstone: earlier!, receipt: undefined };
  const { photoSha256: _hashes, ...deleted } = receipt ?? {
    photoSha256: [],
    photos: 0,
    blobs: 0,
    faces: 0,
    matches: 0,
    notifications: 0,
    bulletins: 0,
    smsMessages: 0,
    searchesScrubbed: 0,
  };
  const { after: executed } = await deps.erasures.update(request.id, (current) =>
    current ? { ...current, deleted } : undefined,
  );
  const { pendingReceipt: _pending, ...finalTombstone } = tombstone;
  return { request: view(executed!, undefined), tombstone: finalTombstone };
}

export async function declineCaseErasure(deps: Deps, admin: Actor, input: { requestId: string; note: string }) {
  const at = deps.clock.now().toISOString();
  const { after } = await deps.erasures.update(input.requestId, (current) => ({
    ...mustBePending(current),
    status: "declined",
    decidedBy: admin.uid,
    decidedAt: at,
    declineNote: input.note,
  }));
  await audit(deps, admin, "case.erasure_decline", { type: "erasure", id: after!.id }, { caseId: after!.caseId });
  return { request: view(after!, await deps.cases.get(after!.caseId)) };
}

export async function listErasureRequests(
  deps: Deps,
  actor: Actor,
  input: { status?: ErasureRequest["status"]; limit: number },
) {
  const requests = await deps.erasures.list(input);
  return {
    requests: await Promise.all(
      requests.map(async (r) => view(r, r.status === "executed" ? undefined : await deps.cases.get(r.caseId))),
    ),
    officerNames: await officerNames(
      deps,
      requests.flatMap((r) => [r.requestedBy, r.decidedBy]),
    ),
  };
}
