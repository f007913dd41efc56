// Officer registration, approval with badge verification, roles and suspension. Every decision is
// one transaction on the officer record; claims are then merged into the Auth user (never
// overwritten); losing rights revokes refresh tokens at once.
import type { Deps } from "../ports/index.js";
import type { DecisionInput, Officer, RegisterOfficerInput, Role, SetSearchBudgetInput } from "../schemas/index.js";
import { type Actor, ROLE_RANK } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";

/**
 * Changes the officer record in one transaction (the checks against the record as it stands then),
 * then brings the token's claims — a cache of the record for the security rules — in line with the
 * record as stored after the change, so that racing decisions leave the claims of the last one.
 */
async function change(
  deps: Deps,
  uid: string,
  decide: (officer: Officer, approvedAdmins: number) => Officer,
): Promise<{ before: Officer; after: Officer }> {
  const { before, after } = await deps.officers.update(uid, (current, admins) => {
    if (!current) throw new ServiceError("officer_not_found");
    return decide(current, admins);
  });
  await syncClaims(deps, uid);
  return { before: before!, after: after! };
}

async function syncClaims(deps: Deps, uid: string): Promise<void> {
  const officer = await deps.officers.get(uid);
  if (officer)
    await deps.identity.mergeClaims(uid, { role: officer.role, status: officer.status, country: officer.country });
}

/** an administrator may lose the role only while another approved one remains (counted in the same transaction) */
function refuseLastAdministrator(approvedAdmins: number): void {
  if (approvedAdmins <= 1) throw new ServiceError("last_administrator");
}

export async function registerOfficer(
  deps: Deps,
  caller: Actor,
  input: RegisterOfficerInput,
  context: { email?: string } = {},
) {
  const now = deps.clock.now().toISOString();
  const { after: officer } = await deps.officers.update(caller.uid, (existing) => {
    if (existing && existing.status !== "pending")
      throw new ServiceError("already_registered", { status: existing.status });
    return {
      ...input,
      uid: caller.uid,
      ...(context.email ? { email: context.email } : {}),
      role: "officer",
      status: "pending",
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
  });
  await syncClaims(deps, caller.uid);
  await audit(deps, caller, "officer.register", { type: "officer", id: caller.uid }, { country: input.country });
  return { officer: officer! };
}

export async function getMyProfile(deps: Deps, actor: Actor | undefined) {
  if (!actor) throw new ServiceError("sign_in_required");
  return { officer: (await deps.officers.get(actor.uid)) ?? null, claims: actor.claims };
}

export async function listOfficers(deps: Deps, actor: Actor, input: { status?: Officer["status"]; limit: number }) {
  return { officers: await deps.officers.list(input) };
}

function decide(deps: Deps, admin: Actor, officer: Officer, status: Officer["status"], note: string): Officer {
  const at = deps.clock.now().toISOString();
  return { ...officer, status, updatedAt: at, decision: { by: admin.uid, at, status, note } };
}

export async function approveOfficer(deps: Deps, admin: Actor, input: DecisionInput) {
  const { after } = await change(deps, input.uid, (officer) => {
    if (officer.status !== "pending" && officer.status !== "rejected")
      throw new ServiceError("approve_needs_pending", { status: officer.status });
    return decide(deps, admin, officer, "approved", input.note);
  });
  await audit(deps, admin, "officer.approve", { type: "officer", id: after.uid }, { country: after.country });
  return { officer: after };
}

export async function rejectOfficer(deps: Deps, admin: Actor, input: DecisionInput) {
  const { after } = await change(deps, input.uid, (officer) => {
    if (officer.status !== "pending") throw new ServiceError("reject_needs_pending", { status: officer.status });
    return decide(deps, admin, officer, "rejected", input.note);
  });
  await deps.identity.revokeRefreshTokens(after.uid);
  await audit(deps, admin, "officer.reject", { type: "officer", id: after.uid });
  return { officer: after };
}

export async function setOfficerRole(deps: Deps, admin: Actor, input: { uid: string; role: Role }) {
  if (input.uid === admin.uid) throw new ServiceError("self_change");
  const { before, after } = await change(deps, input.uid, (officer, approvedAdmins) => {
    if (officer.status !== "approved") throw new ServiceError("role_needs_approved");
    if (officer.role === "admin" && ROLE_RANK[input.role] < ROLE_RANK.admin) refuseLastAdministrator(approvedAdmins);
    return { ...officer, role: input.role, updatedAt: deps.clock.now().toISOString() };
  });
  if (ROLE_RANK[input.role] < ROLE_RANK[before.role]) await deps.identity.revokeRefreshTokens(after.uid);
  await audit(deps, admin, "officer.role", { type: "officer", id: after.uid }, { from: before.role, to: input.role });
  return { officer: after };
}

/** An administrator sets one officer's 24-hour search budget (or returns it to the default); audited. */
export async function setOfficerSearchBudget(deps: Deps, admin: Actor, input: SetSearchBudgetInput) {
  const { before, after } = await change(deps, input.uid, (officer) => {
    const { searchesPerDay: _previous, ...rest } = officer;
    return {
      ...rest,
      ...(input.searchesPerDay !== null ? { searchesPerDay: input.searchesPerDay } : {}),
      updatedAt: deps.clock.now().toISOString(),
    };
  });
  await audit(
    deps,
    admin,
    "officer.search_budget",
    { type: "officer", id: after.uid },
    { from: before.searchesPerDay ?? "default", to: input.searchesPerDay ?? "default" },
  );
  return { officer: after };
}

export async function suspendOfficer(deps: Deps, admin: Actor, input: DecisionInput) {
  if (input.uid === admin.uid) throw new ServiceError("self_change");
  const { after } = await change(deps, input.uid, (officer, approvedAdmins) => {
    if (officer.status !== "approved") throw new ServiceError("suspend_needs_approved", { status: officer.status });
    if (officer.role === "admin") refuseLastAdministrator(approvedAdmins);
    return decide(deps, admin, officer, "suspended", input.note);
  });
  await deps.identity.revokeRefreshTokens(after.uid);
  await audit(deps, admin, "officer.suspend", { type: "officer", id: after.uid });
  return { officer: after };
}

export async function reinstateOfficer(deps: Deps, admin: Actor, input: { uid: string }) {
  const { after } = await change(deps, input.uid, (officer) => {
    if (officer.status !== "suspended") throw new ServiceError("reinstate_needs_suspended");
    return decide(deps, admin, officer, "approved", "reinstated");
  });
  await audit(deps, admin, "officer.reinstate", { type: "officer", id: after.uid });
  return { officer: after };
}

/** The first administrator, created from the command line by someone holding project credentials. */
export async function bootstrapAdmin(
  deps: Deps,
  actor: Actor,
  input: RegisterOfficerInput & { uid: string; email: string },
) {
  const now = deps.clock.now().toISOString();
  const { uid, email, ...details } = input;
  const { after: officer } = await deps.officers.update(uid, (existing) => ({
    ...details,
    uid,
    email,
    role: "admin",
    status: "approved",
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    decision: { by: actor.uid, at: now, status: "approved", note: "administrator created from the command line" },
  }));
  await syncClaims(deps, uid);
  await audit(deps, actor, "admin.bootstrap", { type: "officer", id: uid });
  return { officer: officer! };
}
