// Four eyes: an officer who marks a pair a potential candidate cannot close the loop alone. Someone
// else confirms the reunification, and while the pair waits for that second officer the marker may
// not end either of its cases by closing it. The rules read the pair and its cases as the caller's
// transaction read them (ports/cases.ts CaseDecisions), so what they decide stays true when written.
import type { Case, Match } from "../schemas/index.js";
import { type Actor, isAdmin } from "./actor.js";

/** the officer who marked the pair a potential candidate last */
export function markerOf(match: Match): string | undefined {
  return match.history.findLast((h) => h.event === "reviewed" && h.outcome === "potential_candidate")?.by;
}

/**
 * Why the caller may not confirm this pair, or undefined. Not the officer who marked it potential,
 * and someone with standing: a supervisor, an administrator, or an officer of a case the marker is
 * not an officer of.
 */
export function confirmRefusal(caller: Actor, match: Match, cases: [Case, Case]) {
  if (match.kind !== "reunification") return "match_not_reunification" as const;
  if (match.state !== "potential") return "match_not_potential" as const;
  const marker = markerOf(match);
  if (!marker || marker === caller.uid) return "match_same_reviewer" as const;
  const otherCaseOfficer = cases.some((c) => c.officerUids.includes(caller.uid) && !c.officerUids.includes(marker));
  if (!(isAdmin(caller) || caller.claims.role === "supervisor" || otherCaseOfficer))
    return "match_confirm_not_allowed" as const;
  return undefined;
}

/** a pair of the case the caller marked potential that still waits for its second officer */
export const awaitingSecondOfficer = (caller: Actor, pairs: Match[]): Match | undefined =>
  pairs.find((p) => p.kind === "reunification" && p.state === "potential" && markerOf(p) === caller.uid);
