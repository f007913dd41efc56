import type { Country, OfficerStatus, Role } from "../schemas/index.js";
import { ServiceError } from "./errors.js";

/** who is calling, from a verified ID token (or the CLI acting as the system) */
export interface Actor {
  uid: string;
  emailVerified: boolean;
  claims: { role?: Role; status?: OfficerStatus; country?: Country };
  ipHash?: string;
}

export const SYSTEM_ACTOR: Actor = { uid: "system", emailVerified: true, claims: { role: "admin", status: "approved" } };

export function requireSignedIn(actor: Actor | undefined): Actor {
  if (!actor) throw new ServiceError("unauthenticated", "Please sign in first.");
  if (!actor.emailVerified) throw new ServiceError("permission-denied", "Please verify your email address before using TORA FACE.");
  return actor;
}

export function requireApproved(actor: Actor | undefined): Actor {
  const a = requireSignedIn(actor);
  switch (a.claims.status) {
    case "approved":
      return a;
    case "suspended":
      throw new ServiceError("permission-denied", "Your account is suspended. Contact your administrator.");
    case "rejected":
      throw new ServiceError("permission-denied", "Your registration was not approved.");
    default:
      throw new ServiceError("permission-denied", "Your account is waiting for approval by an administrator.");
  }
}

const rank: Record<Role, number> = { officer: 0, supervisor: 1, admin: 2 };

export function requireRole(actor: Actor | undefined, role: Role): Actor {
  const a = requireApproved(actor);
  if (rank[a.claims.role ?? "officer"] < rank[role]) throw new ServiceError("permission-denied", `This needs the ${role} role.`);
  return a;
}

export const isAdmin = (a: Actor): boolean => a.claims.role === "admin";

/** officers and supervisors work within their country; admins everywhere */
export function requireCountry(actor: Actor, country: Country): void {
  if (!isAdmin(actor) && actor.claims.country !== country)
    throw new ServiceError("permission-denied", "This record belongs to another country's police.");
}
