import { randomUUID } from "node:crypto";
import type { Deps } from "../ports/index.js";
import type { AuditAction, AuditEntry, ListAuditLogsInput } from "../schemas/index.js";
import type { Actor } from "./actor.js";
import { requireRole } from "./actor.js";

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

export async function listAuditLogs(deps: Deps, actor: Actor | undefined, input: ListAuditLogsInput) {
  requireRole(actor, "admin");
  return { entries: await deps.audit.list(input) };
}
