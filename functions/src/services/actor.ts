// Who is calling and what they may do. The rules every use case applies to its caller, and the
// sign-in rules of the Auth blocking functions, which are the same rules seen from Auth.
import type { CallerLevel, Country, Officer, OfficerStatus, Role, ToraClaims } from "../schemas/index.js";
import type { ErrorReason } from "../schemas/errors.js";
import { ServiceError } from "./errors.js";

/**
 * Who is calling. `claims` are the rights of the caller's officer record — never the token's
 * custom claims, which only cache them for the security rules; a caller without a record has none.
 */
export interface Actor {
  uid: string;
  emailVerified: boolean;
  claims: { role?: Role; status?: OfficerStatus; country?: Country };
  ipHash?: string;
  /** the officer's own 24-hour search budget, when an administrator set one */
  searchesPerDay?: number;
  /** the command line's operator, who holds the store's keys: not rate-limited like an officer */
  operator?: true;
}

/**
 * The actor behind a uid: the rights of its officer record, nothing else. A uid without a record
 * has none. The callables and the Storage trigger both make their caller this way.
 */
export function actorOfRecord(
  uid: string,
  officer: Officer | undefined,
  context: { emailVerified: boolean; ipHash?: string },
): Actor {
  return {
    uid,
    emailVerified: context.emailVerified,
    claims: officer ? { role: officer.role, status: officer.status, country: officer.country } : {},
    ...(officer?.searchesPerDay !== undefined ? { searchesPerDay: officer.searchesPerDay } : {}),
    ...(context.ipHash ? { ipHash: context.ipHash } : {}),
  };
}

export const SYSTEM_ACTOR: Actor = {
  uid: "system",
  emailVerified: true,
  claims: { role: "admin", status: "approved" },
  operator: true,
};

/** roles in order of rights: each may do what the ones before it may */
export const ROLE_RANK: Record<Role, number> = { officer: 0, supervisor: 1, admin: 2 };

function requireSignedIn(actor: Actor | undefined): Actor {
  if (!actor) throw new ServiceError("sign_in_required");
  if (!actor.emailVerified) throw new ServiceError("email_not_verified");
  return actor;
}

/** why an account of this status may not work, or undefined when it may */
function statusRefusal(status: OfficerStatus | undefined): ErrorReason | undefined {
  switch (status) {
    case "approved":
      return undefined;
    case "suspended":
      return "account_suspended";
    case "rejected":
      return "registration_rejected";
    case "pending":
      return "approval_pending";
    default:
      return "registration_required";
  }
}

function requireApproved(actor: Actor | undefined): Actor {
  const caller = requireSignedIn(actor);
  const refusal = statusRefusal(caller.claims.status);
  if (refusal) throw new ServiceError(refusal);
  return caller;
}

function requireRole(actor: Actor | undefined, role: Role): Actor {
  const caller = requireApproved(actor);
  if (ROLE_RANK[caller.claims.role ?? "officer"] < ROLE_RANK[role]) throw new ServiceError("role_required", { role });
  return caller;
}

/**
 * The caller a callable of this level admits, or its refusal: the one place a caller level
 * (schemas/callable-access.ts) is checked, at the callable boundary before the service runs.
 */
export function admitCaller(level: CallerLevel, actor: Actor | undefined): Actor {
  switch (level) {
    case "signed-in":
      if (!actor) throw new ServiceError("sign_in_required");
      return actor;
    case "verified":
      return requireSignedIn(actor);
    case "approved":
      return requireApproved(actor);
    case "admin":
      return requireRole(actor, "admin");
  }
}

export const isAdmin = (caller: Actor): boolean => caller.claims.role === "admin";

/**
 * The caller's country scope, the one home of this rule: officers and supervisors work within
 * their own country, administrators in every one.
 */
export function reaches(caller: Actor, country: Country): boolean {
  return isAdmin(caller) || caller.claims.country === country;
}

/** the country a list or search is narrowed to: the caller's own; an administrator's choice (none: every country) */
export function countryScope(caller: Actor, wanted: Country | undefined): Country | undefined {
  return isAdmin(caller) ? wanted : caller.claims.country;
}

export function requireCountry(caller: Actor, country: Country): void {
  if (!reaches(caller, country)) throw new ServiceError("other_country");
}

/** the claims of a new account: a pending officer until an administrator decides */
export function startingClaims(): ToraClaims {
  return { role: "officer", status: "pending" };
}

/**
 * Why this user may not sign in, or undefined. A suspended account may not. An unverified address
 * may: Firebase Auth's own verification e-mail needs the signed-in user, and such a token opens
 * nothing else (requireSignedIn refuses it, the security rules read email_verified). A pending
 * account may sign in to register and to see that it waits.
 */
export function signInRefusal(user: { claims: Record<string, unknown> }): ServiceError | undefined {
  return user.claims.status === "suspended" ? new ServiceError("account_suspended") : undefined;
}
