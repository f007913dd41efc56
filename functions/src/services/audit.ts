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
    if (!officer) return { entries: [], actors: {}, targets: {} };
    filter.actor = officer.uid;
  }
  const entries = await deps.audit.list(filter);
  const actors: Record<string, { name: string; email?: string }> = {};
  for (const uid of new Set(entries.map((e) => e.actor))) {
    const officer = await deps.officers.get(uid);
    if (officer) actors[uid] = { name: officer.name, ...(officer.email ? { email: officer.email } : {}) };
  }
  return { entries, actors, targets: await targetNames(deps, entries) };
}

/**
 * What people know an entry's target by, keyed "{type}:{id}": a case's file number, a pair's two
 * file numbers, an erasure's or an appeal's case, an officer's name. A case without a file number, or gone, keeps
 * its id (the tombstone of an erased case holds no file number, by design).
 */
async function targetNames(deps: Deps, entries: AuditEntry[]): Promise<Record<string, string>> {
  const caseRefs = new Map<string, string | undefined>();
  const caseRef = async (id: string) => {
    if (!caseRefs.has(id)) caseRefs.set(id, (await deps.cases.get(id))?.externalRef);
    return caseRefs.get(id);
  };
  const targets: Record<string, string> = {};
  for (const { target } of entries) {
    const key = `${target.type}:${target.id}`;
    if (key in targets) continue;
    let name: string | undefined;
    if (target.type === "case") name = await caseRef(target.id);
    else if (target.type === "officer") name = (await deps.officers.get(target.id))?.name;
    else if (target.type === "erasure") {
      const request = await deps.erasures.get(target.id);
      name = request ? (request.externalRef ?? (await caseRef(request.caseId))) : undefined;
    } else if (target.type === "bulletin") {
      const bulletin = await deps.bulletins.get(target.id);
      name = bulletin ? await caseRef(bulletin.caseId) : undefined;
    } else if (target.type === "match") {
      const pair = await deps.matches.get(target.id);
      const refs = pair ? await Promise.all(pair.caseIds.map(caseRef)) : [];
      name = refs.length && refs.every(Boolean) ? refs.join(" ↔ ") : undefined;
    }
    if (name) targets[key] = name;
  }
  return targets;
}
