// A case's status changes here and nowhere else. The rules of every transition, in one place:
//
//   open → closed       closeCase, with a reason: the case's officers, the supervisors of its country
//                       and administrators — except the officer who marked one of its pairs a
//                       potential candidate while that pair waits for its second officer (four-eyes.ts)
//   open → resolved     only a confirmed reunification (confirmReunification): a second officer
//                       confirms the pair, and both its cases are resolved with it, outcome "reunified"
//   resolved → open,    reopenCase, with a reason: the supervisors of the case's country and
//   closed → open       administrators (it brings a case back into search and stops its retention clock)
//   anything else       refused: a resolved case is not closed nor a closed one resolved without being
//                       re-opened first, and an edit of the facts (updateCase) never changes a status
//
// Each change is one transaction — the case read with its pairs, or a pair with its two cases
// (ports/cases.ts CaseDecisions) — so the rule is checked against what is written; then the same
// steps follow every change: the faces' prefilter status, the audit entry, and what the change
// means for the case's pairs and cross-match.
import type { Deps } from "../ports/index.js";
import type { AuditAction, AuditEntry, Case, CaseStatus, Match } from "../schemas/index.js";
import type { ErrorReason } from "../schemas/errors.js";
import { type Actor, isAdmin } from "./actor.js";
import { audit } from "./audit.js";
import { mayManage, mustGetCase, toView } from "./cases.js";
import { caseChanged } from "./cross-match.js";
import { ServiceError } from "./errors.js";
import { awaitingSecondOfficer, confirmRefusal, markerOf } from "./four-eyes.js";
import { withStatus } from "./retention-periods.js";

type CaseTransition = "close" | "reopen" | "reunify";

/** where each transition may start and where it ends */
const CASE_TRANSITIONS = {
  close: { from: ["open"], to: "closed" },
  reopen: { from: ["resolved", "closed"], to: "open" },
  reunify: { from: ["open"], to: "resolved" },
} as const satisfies Record<CaseTransition, { from: readonly CaseStatus[]; to: CaseStatus }>;

/** the refusal when a transition does not start from the case's status */
const WRONG_STATUS: Record<CaseTransition, Partial<Record<CaseStatus, ErrorReason>>> = {
  close: { closed: "case_already_closed", resolved: "case_resolved_not_closed" },
  reopen: { open: "case_already_open" },
  reunify: { resolved: "match_cases_not_open", closed: "match_cases_not_open" },
};

/**
 * Why the caller may not make this transition of the case now, or undefined. `pairs` are the
 * case's pairs as the same transaction read them. (Who may confirm a reunification is the pair's
 * rule: four-eyes.ts confirmRefusal.)
 */
function transitionRefusal(
  transition: CaseTransition,
  caller: Actor,
  record: Case,
  pairs: Match[],
): ErrorReason | undefined {
  // who may, before whether the case is where the transition starts: a caller without the right learns nothing more
  if (transition === "close" && !mayManage(caller, record)) return "case_close_not_allowed";
  if (transition === "reopen" && !(isAdmin(caller) || caller.claims.role === "supervisor"))
    return "case_reopen_not_allowed";
  if (!(CASE_TRANSITIONS[transition].from as readonly CaseStatus[]).includes(record.status))
    return WRONG_STATUS[transition][record.status];
  if (transition === "close" && awaitingSecondOfficer(caller, pairs)) return "case_close_awaits_confirmation";
  return undefined;
}

/** the case after the transition: status, end fields and retention date (retention-periods.ts) */
function moved(deps: Deps, record: Case, transition: CaseTransition, by: string, at: string): Case {
  return { ...withStatus(record, CASE_TRANSITIONS[transition].to, by, new Date(at), deps.retention), updatedAt: at };
}

/** what follows every change of a case's status, the same for each */
async function statusChanged(
  deps: Deps,
  caller: Actor,
  before: Case,
  after: Case,
  action: AuditAction,
  details?: AuditEntry["details"],
): Promise<void> {
  // the faces follow the status as it is stored now (a change racing this one ends with the last)
  await deps.faces.followCaseStatus(after.id);
  await audit(deps, caller, action, { type: "case", id: after.id }, details);
  await caseChanged(deps, before, after);
}

/** one transition of one case, checked and written in one transaction */
async function transition(
  deps: Deps,
  caller: Actor,
  caseId: string,
  name: "close" | "reopen",
  finish: (moved: Case, current: Case) => Case,
) {
  const at = deps.clock.now().toISOString();
  const { before, after } = await deps.decisions.ofCase(caseId, (current, pairs) => {
    if (!current) throw new ServiceError("case_not_found");
    const refusal = transitionRefusal(name, caller, current, pairs);
    if (refusal) throw new ServiceError(refusal);
    return finish(moved(deps, current, name, caller.uid, at), current);
  });
  await statusChanged(deps, caller, before!, after!, name === "close" ? "case.close" : "case.reopen", {
    from: before!.status,
  });
  return { case: toView(after!) };
}

export async function closeCase(deps: Deps, caller: Actor, input: { caseId: string; reason: string }) {
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_close_not_allowed");
  return transition(deps, caller, record.id, "close", (closed) => ({ ...closed, closeReason: input.reason }));
}

export async function reopenCase(deps: Deps, caller: Actor, input: { caseId: string; reason: string }) {
  const record = await mustGetCase(deps, caller, input.caseId);
  return transition(deps, caller, record.id, "reopen", (opened, current) => ({
    ...opened,
    reopened: { by: caller.uid, at: opened.updatedAt, reason: input.reason, from: current.status },
  }));
}

/**
 * The second officer's confirmation, in one transaction: the pair confirmed (`confirm` writes its
 * history entry) and both its cases resolved as reunified, or nothing at all. The four-eyes rule is
 * checked against the pair as that transaction reads it: a review in between (another outcome,
 * another marker) voids the confirmation.
 */
export async function reunify(
  deps: Deps,
  caller: Actor,
  matchId: string,
  confirm: (pair: Match, at: string) => Match,
): Promise<{ match: Match; cases: [Case, Case] }> {
  const at = deps.clock.now().toISOString();
  // the cases as the committed attempt read them (Firestore may run `decide` more than once)
  let read: [Case, Case] | undefined;
  const { written } = await deps.decisions.ofPair(matchId, (pair, [a, b]) => {
    if (!pair || !a || !b) throw new ServiceError("match_not_found");
    const refusal = confirmRefusal(caller, pair, [a, b]);
    if (refusal) throw new ServiceError(refusal, refusal === "match_not_potential" ? { state: pair.state } : {});
    for (const c of [a, b]) {
      const wrong = transitionRefusal("reunify", caller, c, []);
      if (wrong) throw new ServiceError(wrong);
    }
    read = [a, b];
    const marker = markerOf(pair)!;
    const resolved = [a, b].map((c, i) => ({
      ...moved(deps, c, "reunify", caller.uid, at),
      outcome: "reunified" as const,
      reunification: {
        matchId: pair.id,
        otherCaseId: (i === 0 ? b : a).id,
        markedBy: marker,
        confirmedBy: caller.uid,
        at,
      },
    })) as [Case, Case];
    return { pair: confirm(pair, at), cases: resolved };
  });
  const { pair, cases } = written!;
  for (let i = 0; i < 2; i++)
    await statusChanged(deps, caller, read![i]!, cases[i]!, "case.reunified", { match: pair.id });
  return { match: pair, cases };
}
