// When a case's data may leave: the retention clock starts when the case is resolved (reunified)
// or closed, and stops when it is re-opened. An open case has no retention date at all.
import type { Retention } from "../ports/index.js";
import type { Case, CaseStatus } from "../schemas/index.js";

function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString();
}

function addYears(date: Date, years: number): string {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

/**
 * The case with a new status, its end fields and its retention date following it. Which changes are
 * allowed, and to whom, is case-status.ts's; this is what each does to the record.
 */
export function withStatus(record: Case, status: CaseStatus, by: string, now: Date, retention: Retention): Case {
  const at = now.toISOString();
  if (status === "closed")
    return { ...record, status, closedAt: at, closedBy: by, retentionUntil: addYears(now, retention.closedCaseYears) };
  // re-opened: no end, no retention date, no outcome (the audit log and a confirmed pair keep what was)
  const {
    retentionUntil: _until,
    resolvedAt: _at,
    resolvedBy: _by,
    closedAt: _closedAt,
    closedBy: _closedBy,
    closeReason: _reason,
    outcome: _outcome,
    reunification: _reunification,
    ...open
  } = record;
  if (status === "open") return { ...open, status };
  return { ...open, status, resolvedAt: at, resolvedBy: by, retentionUntil: addDays(now, retention.reunifiedCaseDays) };
}
