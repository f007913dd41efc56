// Missing and found person cases. The family's contact is sealed with AES-256-GCM and opened only
// for the case's officers, supervisors and admins, each time audited.
import { randomUUID } from "node:crypto";
import type { Deps } from "../ports/index.js";
import {
  familyContactSchema,
  type Case,
  type CaseView,
  type CreateCaseInput,
  type FamilyContact,
  type ListCasesInput,
} from "../schemas/index.js";
import { type Actor, isAdmin, requireApproved, requireCountry } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";
import { withStatus } from "./retention-periods.js";

export function toView(record: Case): CaseView {
  const { familyContact, ...rest } = record;
  return { ...rest, hasFamilyContact: familyContact !== undefined };
}

export async function mustGetCase(deps: Deps, caller: Actor, caseId: string): Promise<Case> {
  const record = await deps.cases.get(caseId);
  if (!record) throw new ServiceError("case_not_found");
  requireCountry(caller, record.country);
  return record;
}

/** the case's own officers, supervisors of its country, admins */
export function mayManage(caller: Actor, record: Case): boolean {
  return isAdmin(caller) || caller.claims.role === "supervisor" || record.officerUids.includes(caller.uid);
}

function seal(deps: Deps, contact: FamilyContact | undefined) {
  return contact ? { familyContact: deps.keyRing.seal(JSON.stringify(contact)) } : {};
}

export async function createCase(deps: Deps, actor: Actor | undefined, input: CreateCaseInput) {
  const caller = requireApproved(actor);
  requireCountry(caller, input.country);
  const now = deps.clock.now();
  const { familyContact, ...fields } = input;
  const record: Case = {
    ...fields,
    ...seal(deps, familyContact),
    id: randomUUID(),
    status: "open",
    officerUids: [caller.uid],
    createdBy: caller.uid,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.cases.put(record);
  await audit(deps, caller, "case.create", { type: "case", id: record.id }, { kind: record.kind, country: record.country });
  return { case: toView(record) };
}

export async function updateCase(
  deps: Deps,
  actor: Actor | undefined,
  input: { caseId: string; station?: string; externalRef?: string; subject?: Partial<Case["subject"]>; familyContact?: FamilyContact; status?: "open" | "resolved" },
) {
  const caller = requireApproved(actor);
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_change_not_allowed");
  if (record.status === "closed") throw new ServiceError("case_closed");
  const now = deps.clock.now();
  const edited: Case = {
    ...record,
    ...(input.station !== undefined ? { station: input.station } : {}),
    ...(input.externalRef !== undefined ? { externalRef: input.externalRef } : {}),
    subject: { ...record.subject, ...input.subject },
    ...seal(deps, input.familyContact),
    updatedAt: now.toISOString(),
  };
  const updated = input.status !== undefined && input.status !== record.status ? withStatus(edited, input.status, caller.uid, now, deps.retention) : edited;
  await deps.cases.put(updated);
  if (updated.status !== record.status) await deps.faces.setCaseStatus(record.id, updated.status);
  await audit(deps, caller, "case.update", { type: "case", id: record.id });
  return { case: toView(updated) };
}

export async function closeCase(deps: Deps, actor: Actor | undefined, input: { caseId: string; reason: string }) {
  const caller = requireApproved(actor);
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_close_not_allowed");
  if (record.status === "closed") throw new ServiceError("case_already_closed");
  const now = deps.clock.now();
  const closed: Case = { ...withStatus(record, "closed", caller.uid, now, deps.retention), closeReason: input.reason, updatedAt: now.toISOString() };
  await deps.cases.put(closed);
  await deps.faces.setCaseStatus(record.id, "closed");
  await audit(deps, caller, "case.close", { type: "case", id: record.id });
  return { case: toView(closed) };
}

export async function getCase(deps: Deps, actor: Actor | undefined, input: { caseId: string; includeFamilyContact: boolean }) {
  const caller = requireApproved(actor);
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!input.includeFamilyContact || !record.familyContact) return { case: toView(record) };
  if (!mayManage(caller, record)) throw new ServiceError("family_contact_not_allowed");
  const familyContact = familyContactSchema.parse(JSON.parse(deps.keyRing.open(record.familyContact)));
  await audit(deps, caller, "case.decrypt_contact", { type: "case", id: record.id });
  return { case: toView(record), familyContact };
}

export async function listCases(deps: Deps, actor: Actor | undefined, input: ListCasesInput) {
  const caller = requireApproved(actor);
  if (input.country) requireCountry(caller, input.country);
  const country = isAdmin(caller) ? input.country : caller.claims.country;
  const { cases, nextCursor } = await deps.cases.list(
    { ...(country ? { country } : {}), ...(input.status ? { status: input.status } : {}), ...(input.kind ? { kind: input.kind } : {}) },
    { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) },
  );
  return { cases: cases.map(toView), ...(nextCursor ? { nextCursor } : {}) };
}
