// Officer registration, approval with badge verification, roles and suspension. Claims are
// merged into the Auth user (never overwritten); losing rights revokes refresh tokens at once.
import type { Deps } from "../ports/index.js";
import type { DecisionInput, Officer, RegisterOfficerInput, Role, SetSearchBudgetInput } from "../schemas/index.js";
import { type Actor, ROLE_RANK, requireRole, requireSignedIn } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";

async function mustGet(deps: Deps, uid: string): Promise<Officer> {
  const officer = await deps.officers.get(uid);
  if (!officer) throw new ServiceError("officer_not_found");
  return officer;
}

async function save(deps: Deps, officer: Officer): Promise<Officer> {
  await deps.officers.put(officer);
  await deps.identity.mergeClaims(officer.uid, { role: officer.role, status: officer.status, country: officer.country });
  return officer;
}

/** an administrator may lose the role only while another approved one remains */
async function refuseLastAdministrator(deps: Deps): Promise<void> {
  const admins = await deps.officers.list({ role: "admin", status: "approved", limit: 2 });
  if (admins.length <= 1) throw new ServiceError("last_administrator");
}

export async function registerOfficer(deps: Deps, actor: Actor | undefined, input: RegisterOfficerInput, context: { email?: string } = {}) {
  const caller = requireSignedIn(actor);
  const existing = await deps.officers.get(caller.uid);
  if (existing && existing.status !== "pending") throw new ServiceError("already_registered", { status: existing.status });
  const now = deps.clock.now().toISOString();
  const officer = await save(deps, {
    ...input,
    uid: caller.uid,
    ...(context.email ? { email: context.email } : {}),
    role: "officer",
    status: "pending",
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
  await audit(deps, caller, "officer.register", { type: "officer", id: caller.uid }, { country: input.country });
  return { officer };
}

export async function getMyProfile(deps: Deps, actor: Actor | undefined) {
  if (!actor) throw new ServiceError("sign_in_required");
  return { officer: (await deps.officers.get(actor.uid)) ?? null, claims: actor.claims };
}

export async function listOfficers(deps: Deps, actor: Actor | undefined, input: { status?: Officer["status"]; limit: number }) {
  requireRole(actor, "admin");
  return { officers: await deps.officers.list(input) };
}

function decide(deps: Deps, admin: Actor, officer: Officer, status: Officer["status"], note: string): Officer {
  const at = deps.clock.now().toISOString();
  return { ...officer, status, updatedAt: at, decision: { by: admin.uid, at, status, note } };
}

export async function approveOfficer(deps: Deps, actor: Actor | undefined, input: DecisionInput) {
  const admin = requireRole(actor, "admin");
  const officer = await mustGet(deps, input.uid);
  if (officer.status !== "pending" && officer.status !== "rejected") throw new ServiceError("approve_needs_pending", { status: officer.status });
  const saved = await save(deps, decide(deps, admin, officer, "approved", input.note));
  await audit(deps, admin, "officer.approve", { type: "officer", id: officer.uid }, { country: officer.country });
  return { officer: saved };
}

export async function rejectOfficer(deps: Deps, actor: Actor | undefined, input: DecisionInput) {
  const admin = requireRole(actor, "admin");
  const officer = await mustGet(deps, input.uid);
  if (officer.status !== "pending") throw new ServiceError("reject_needs_pending", { status: officer.status });
  const saved = await save(deps, decide(deps, admin, officer, "rejected", input.note));
  await deps.identity.revokeRefreshTokens(officer.uid);
  await audit(deps, admin, "officer.reject", { type: "officer", id: officer.uid });
  return { officer: saved };
}

export async function setOfficerRole(deps: Deps, actor: Actor | undefined, input: { uid: string; role: Role }) {
  const admin = requireRole(actor, "admin");
  if (input.uid === admin.uid) throw new ServiceError("self_change");
  const officer = await mustGet(deps, input.uid);
  if (officer.status !== "approved") throw new ServiceError("role_needs_approved");
  const demotion = ROLE_RANK[input.role] < ROLE_RANK[officer.role];
  if (demotion && officer.role === "admin") await refuseLastAdministrator(deps);
  const saved = await save(deps, { ...officer, role: input.role, updatedAt: deps.clock.now().toISOString() });
  if (demotion) await deps.identity.revokeRefreshTokens(officer.uid);
  await audit(deps, admin, "officer.role", { type: "officer", id: officer.uid }, { from: officer.role, to: input.role });
  return { officer: saved };
}

/** An administrator sets one officer's 24-hour search budget (or returns it to the default); audited. */
export async function setOfficerSearchBudget(deps: Deps, actor: Actor | undefined, input: SetSearchBudgetInput) {
  const admin = requireRole(actor, "admin");
  const officer = await mustGet(deps, input.uid);
  const { searchesPerDay: _previous, ...rest } = officer;
  const updated: Officer = {
    ...rest,
    ...(input.searchesPerDay !== null ? { searchesPerDay: input.searchesPerDay } : {}),
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.officers.put(updated);
  await audit(
    deps,
    admin,
    "officer.search_budget",
    { type: "officer", id: officer.uid },
    { from: officer.searchesPerDay ?? "default", to: input.searchesPerDay ?? "default" },
  );
  return { officer: updated };
}

export async function suspendOfficer(deps: Deps, actor: Actor | undefined, input: DecisionInput) {
  const admin = requireRole(actor, "admin");
  if (input.uid === admin.uid) throw new ServiceError("self_change");
  const officer = await mustGet(deps, input.uid);
  if (officer.status !== "approved") throw new ServiceError("suspend_needs_approved", { status: officer.status });
  if (officer.role === "admin") await refuseLastAdministrator(deps);
  const saved = await save(deps, decide(deps, admin, officer, "suspended", input.note));
  await deps.identity.revokeRefreshTokens(officer.uid);
  await audit(deps, admin, "officer.suspend", { type: "officer", id: officer.uid });
  return { officer: saved };
}

export async function reinstateOfficer(deps: Deps, actor: Actor | undefined, input: { uid: string }) {
  const admin = requireRole(actor, "admin");
  const officer = await mustGet(deps, input.uid);
  if (officer.status !== "suspended") throw new ServiceError("reinstate_needs_suspended");
  const saved = await save(deps, decide(deps, admin, officer, "approved", "reinstated"));
  await audit(deps, admin, "officer.reinstate", { type: "officer", id: officer.uid });
  return { officer: saved };
}

/** The first administrator, created from the command line by someone holding project credentials. */
export async function bootstrapAdmin(deps: Deps, actor: Actor, input: RegisterOfficerInput & { uid: string; email: string }) {
  const now = deps.clock.now().toISOString();
  const { uid, email, ...details } = input;
  const existing = await deps.officers.get(uid);
  const officer = await save(deps, {
    ...details,
    uid,
    email,
    role: "admin",
    status: "approved",
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    decision: { by: actor.uid, at: now, status: "approved", note: "administrator created from the command line" },
  });
  await audit(deps, actor, "admin.bootstrap", { type: "officer", id: uid });
  return { officer };
}
