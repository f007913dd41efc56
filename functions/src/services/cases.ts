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

export function toView(value: Case): CaseView {
  const { familyContact, ...rest } = value;
  return { ...rest, hasFamilyContact: familyContact !== undefined };
}

function addYears(date: Date, years: number): string {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

export async function mustGetCase(deps: Deps, actor: Actor, caseId: string): Promise<Case> {
  const value = await deps.cases.get(caseId);
  if (!value) throw new ServiceError("not-found", "No case with this reference.");
  requireCountry(actor, value.country);
  return value;
}

/** the case's own officers, supervisors of its country, admins */
function mayManage(actor: Actor, value: Case): boolean {
  return isAdmin(actor) || actor.claims.role === "supervisor" || value.officerUids.includes(actor.uid);
}

function seal(deps: Deps, contact: FamilyContact | undefined) {
  return contact ? { familyContact: deps.keyRing.seal(JSON.stringify(contact)) } : {};
}

export async function createCase(deps: Deps, actor: Actor | undefined, input: CreateCaseInput) {
  const a = requireApproved(actor);
  requireCountry(a, input.country);
  const now = deps.clock.now();
  const { familyContact, ...fields } = input;
  const value: Case = {
    ...fields,
    ...seal(deps, familyContact),
    id: randomUUID(),
    status: "open",
    officerUids: [a.uid],
    createdBy: a.uid,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    retentionUntil: addYears(now, deps.limits.caseRetentionYears),
  };
  await deps.cases.put(value);
  await audit(deps, a, "case.create", { type: "case", id: value.id }, { kind: value.kind, country: value.country });
  return { case: toView(value) };
}

export async function updateCase(
  deps: Deps,
  actor: Actor | undefined,
  input: { caseId: string; station?: string; externalRef?: string; subject?: Partial<Case["subject"]>; familyContact?: FamilyContact; status?: "open" | "resolved" },
) {
  const a = requireApproved(actor);
  const value = await mustGetCase(deps, a, input.caseId);
  if (!mayManage(a, value)) throw new ServiceError("permission-denied", "Only the case's officers, supervisors and administrators can change it.");
  if (value.status === "closed") throw new ServiceError("failed-precondition", "This case is closed and can no longer be changed.");
  const updated: Case = {
    ...value,
    ...(input.station !== undefined ? { station: input.station } : {}),
    ...(input.externalRef !== undefined ? { externalRef: input.externalRef } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    subject: { ...value.subject, ...input.subject },
    ...seal(deps, input.familyContact),
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.cases.put(updated);
  if (updated.status !== value.status) await deps.faces.setCaseStatus(value.id, updated.status);
  await audit(deps, a, "case.update", { type: "case", id: value.id });
  return { case: toView(updated) };
}

export async function closeCase(deps: Deps, actor: Actor | undefined, input: { caseId: string; reason: string }) {
  const a = requireApproved(actor);
  const value = await mustGetCase(deps, a, input.caseId);
  if (!mayManage(a, value)) throw new ServiceError("permission-denied", "Only the case's officers, supervisors and administrators can close it.");
  if (value.status === "closed") throw new ServiceError("failed-precondition", "This case is already closed.");
  const now = deps.clock.now();
  const closed: Case = {
    ...value,
    status: "closed",
    closedAt: now.toISOString(),
    closeReason: input.reason,
    updatedAt: now.toISOString(),
    retentionUntil: addYears(now, deps.limits.caseRetentionYears),
  };
  await deps.cases.put(closed);
  await deps.faces.setCaseStatus(value.id, "closed");
  await audit(deps, a, "case.close", { type: "case", id: value.id });
  return { case: toView(closed) };
}

export async function getCase(deps: Deps, actor: Actor | undefined, input: { caseId: string; includeFamilyContact: boolean }) {
  const a = requireApproved(actor);
  const value = await mustGetCase(deps, a, input.caseId);
  if (!input.includeFamilyContact || !value.familyContact) return { case: toView(value) };
  if (!mayManage(a, value))
    throw new ServiceError("permission-denied", "Only the case's officers, supervisors and administrators can see the family's contact.");
  const familyContact = familyContactSchema.parse(JSON.parse(deps.keyRing.open(value.familyContact)));
  await audit(deps, a, "case.decrypt_contact", { type: "case", id: value.id });
  return { case: toView(value), familyContact };
}

export async function listCases(deps: Deps, actor: Actor | undefined, input: ListCasesInput) {
  const a = requireApproved(actor);
  if (input.country) requireCountry(a, input.country);
  const country = isAdmin(a) ? input.country : a.claims.country;
  const { cases, nextCursor } = await deps.cases.list(
    { ...(country ? { country } : {}), ...(input.status ? { status: input.status } : {}), ...(input.kind ? { kind: input.kind } : {}) },
    { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) },
  );
  return { cases: cases.map(toView), ...(nextCursor ? { nextCursor } : {}) };
}
