import { randomUUID } from "node:crypto";
import type { Deps } from "../ports/index.js";
import type { AuditAction, AuditEntry, ListAuditLogsInput } from "../schemas/index.js";
import type { Actor } from "./actor.js";

import { ServiceError } from "./errors.js";

export async function audit(
  deps: Pick<Deps, "audit" | "clock">,
  actor: Actor,
  action: AuditAction,
  target: AuditEntry["target"],
  details?: AuditEntry["details"],
): Promise<void> {
  await deps.audit.append({
    id: randomUUID(),
    actor: actor.uid,
    action,
    target,
    at: deps.clock.now().toISOString(),
    ...(actor.ipHash ? { ipHash: actor.ipHash } : {}),
    ...(details ? { details } : {}),
  });
}

/**
 * A refusal that matters for oversight — a record of another country, a family contact the caller
 * may not read — is written to the audit log before it is answered.
 */
export async function refuseAudited(
  deps: Pick<Deps, "audit" | "clock">,
  caller: Actor,
  reason: "other_country" | "family_contact_not_allowed" | "custody_contact_not_allowed" | "match_contacts_not_allowed",
  target: AuditEntry["target"],
  details: AuditEntry["details"] = {},
): Promise<never> {
  await audit(deps, caller, "access.refused", target, { ...details, reason });
  throw new ServiceError(reason);
}

export async function listAuditLogs(deps: Deps, actor: Actor, input: ListAuditLogsInput) {
  const { actorEmail, ...filter } = input;
  if (actorEmail) {
    const officer = await deps.officers.findByEmail(actorEmail.trim().toLowerCase());
    if (!officer) return { entries: [], actors: {} };
    filter.actor = officer.uid;
  }
  const entries = await deps.audit.list(filter);
  const actors: Record<string, { name: string; email?: string }> = {};
  for (const uid of new Set(entries.map((e) => e.actor))) {
    const officer = await deps.officers.get(uid);
    if (officer) actors[uid] = { name: officer.name, ...(officer.email ? { email: officer.email } : {}) };
  }
  return { entries, actors };
}
