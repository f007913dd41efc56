// The review of match pairs, as INTERPOL's face unit and DVI practice do it: a person records one
// of three outcomes for each pair, with a reason; every change is kept with who, when and the
// model and calibration versions; a pair reviewed "no candidate" stays dismissed (cross-match
// re-opens it only for stronger photos); a reunification needs a second officer to confirm it.
// Then both cases are resolved as reunified and the contacts are shown to both cases' officers.
import type { Deps } from "../ports/index.js";
import {
  MATCH_STATES_TO_REVIEW,
  type Case,
  type GetMatchOutput,
  type ListMatchesInput,
  type Match,
  type MatchCaseSummary,
  type MatchHistoryEntry,
  type ReviewReason,
  type SearchOutcome,
} from "../schemas/index.js";
import { type Actor, requireCountry, countryScope, reaches } from "./actor.js";
import { audit, refuseAudited } from "./audit.js";
import { reunify } from "./case-status.js";
import { mayManage, mustGetCase, openContact, toView } from "./cases.js";
import { ServiceError } from "./errors.js";
import { confirmRefusal, markerOf } from "./four-eyes.js";
import { notifyPair } from "./notifications.js";

const STATE_OF_OUTCOME = {
  potential_candidate: "potential",
  no_candidate: "no_candidate",
  inconclusive: "inconclusive",
} as const;

/** the pair and its two cases, within the caller's country (a refusal of another country's pair is audited) */
async function mustGetPair(deps: Deps, caller: Actor, matchId: string): Promise<{ match: Match; cases: [Case, Case] }> {
  const match = await deps.matches.get(matchId);
  if (!match) throw new ServiceError("match_not_found");
  if (!reaches(caller, match.country))
    await refuseAudited(deps, caller, "other_country", { type: "match", id: match.id });
  const [a, b] = await Promise.all(match.caseIds.map((id) => deps.cases.get(id)));
  if (!a || !b) throw new ServiceError("match_not_found");
  return { match, cases: [a, b] };
}

/** the officers of either case, supervisors of their country and administrators */
const mayReview = (caller: Actor, cases: [Case, Case]): boolean => cases.some((c) => mayManage(caller, c));

function summaryOf(caller: Actor, c: Case): MatchCaseSummary {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    country: c.country,
    station: c.station,
    ...(c.externalRef ? { externalRef: c.externalRef } : {}),
    names: c.subject.names,
    mine: c.officerUids.includes(caller.uid),
  };
}

const historyEntry = (
  caller: Actor,
  match: Match,
  at: string,
  entry: Pick<MatchHistoryEntry, "event" | "state"> & Partial<MatchHistoryEntry>,
): MatchHistoryEntry => ({
  at,
  by: caller.uid,
  similarity: match.face.similarity,
  score: match.score,
  band: match.band,
  modelVersion: match.modelVersion,
  calibrationVersion: match.calibrationVersion,
  ...entry,
});

/** The "possible matches" queue: the caller's country's pairs, highest score first. */
export async function listMatches(deps: Deps, caller: Actor, input: ListMatchesInput) {
  if (input.country) requireCountry(caller, input.country);
  const country = countryScope(caller, input.country);
  const scope = country ? { country } : {};
  let pairs: Match[];
  let nextCursor: string | undefined;
  if (input.caseId) {
    const c = await mustGetCase(deps, caller, input.caseId);
    pairs = (await deps.matches.listForCase(c.id))
      .filter((m) => (!input.states || input.states.includes(m.state)) && (!input.kind || m.kind === input.kind))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
      .slice(0, input.limit);
  } else {
    const states = input.states ?? MATCH_STATES_TO_REVIEW;
    // pairs waiting for review are shown while both cases are open
    const waiting = states.every((s) => MATCH_STATES_TO_REVIEW.includes(s));
    const page = await deps.matches.list(
      { ...scope, states, ...(input.kind ? { kind: input.kind } : {}), ...(waiting ? { casesOpen: true } : {}) },
      { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) },
    );
    pairs = page.matches;
    nextCursor = page.nextCursor;
  }
  const cases = new Map<string, Promise<Case | undefined>>();
  const read = (id: string) => cases.get(id) ?? cases.set(id, deps.cases.get(id)).get(id)!;
  const matches = [];
  for (const match of pairs) {
    const [a, b] = await Promise.all(match.caseIds.map(read));
    if (a && b)
      matches.push({
        match,
        cases: [summaryOf(caller, a), summaryOf(caller, b)] as [MatchCaseSummary, MatchCaseSummary],
      });
  }
  const newCount = await deps.matches.count({ ...scope, states: ["new"], casesOpen: true });
  return { matches, newCount, ...(nextCursor ? { nextCursor } : {}) };
}

/** One pair with both cases in full, what the caller may do, and (after confirmation) the contacts. */
export async function getMatch(
  deps: Deps,
  caller: Actor,
  input: { matchId: string; includeContacts: boolean },
): Promise<GetMatchOutput> {
  const { match, cases } = await mustGetPair(deps, caller, input.matchId);
  const open = cases.every((c) => c.status === "open");
  const refusal = confirmRefusal(caller, match, cases) ?? (open ? undefined : ("match_cases_not_open" as const));
  const mayReadContacts = match.kind === "reunification" && match.state === "confirmed" && mayReview(caller, cases);
  const access = {
    mayReview: mayReview(caller, cases) && match.state !== "confirmed" && open,
    mayConfirm: refusal === undefined,
    ...(refusal ? { confirmRefusal: refusal } : {}),
    mayReadContacts,
  };
  const result: GetMatchOutput = { match, cases: [toView(cases[0]), toView(cases[1])], access };
  if (!input.includeContacts) return result;
  if (!mayReadContacts)
    await refuseAudited(deps, caller, "match_contacts_not_allowed", { type: "match", id: match.id });
  const [missing, found] = cases;
  if (missing.familyContact) {
    result.familyContact = openContact(deps, missing.familyContact);
    await audit(
      deps,
      caller,
      "case.decrypt_contact",
      { type: "case", id: missing.id },
      { contact: "family", match: match.id },
    );
  }
  if (found.custodyContact) {
    result.custodyContact = openContact(deps, found.custodyContact);
    await audit(
      deps,
      caller,
      "case.decrypt_contact",
      { type: "case", id: found.id },
      { contact: "custody", match: match.id },
    );
  }
  return result;
}

/** An officer's outcome for a pair, with a reason and a note; every review is kept in the pair's history. */
export async function reviewMatch(
  deps: Deps,
  caller: Actor,
  input: { matchId: string; outcome: SearchOutcome; reason: ReviewReason; note?: string },
) {
  const { match, cases } = await mustGetPair(deps, caller, input.matchId);
  if (!mayReview(caller, cases)) throw new ServiceError("match_review_not_allowed");
  if (match.state === "confirmed") throw new ServiceError("match_confirmed");
  if (!cases.every((c) => c.status === "open")) throw new ServiceError("match_cases_not_open");
  const at = deps.clock.now().toISOString();
  const state = STATE_OF_OUTCOME[input.outcome];
  const { after } = await deps.matches.update(match.id, (current) => {
    if (!current) throw new ServiceError("match_not_found");
    if (current.state === "confirmed") throw new ServiceError("match_confirmed");
    const entry = historyEntry(caller, current, at, {
      event: "reviewed",
      state,
      outcome: input.outcome,
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
    });
    const { dismissed: _dismissed, ...rest } = current;
    return {
      ...rest,
      state,
      // what a "no candidate" was decided on: only a stronger face brings the pair back
      ...(state === "no_candidate" ? { dismissed: { similarity: current.face.similarity, by: caller.uid, at } } : {}),
      updatedAt: at,
      history: [...current.history, entry],
    };
  });
  await audit(
    deps,
    caller,
    "match.review",
    { type: "match", id: match.id },
    { kind: match.kind, outcome: input.outcome, reason: input.reason },
  );
  if (state === "potential" && match.kind === "reunification")
    await notifyPair(deps, after!, "confirmation_needed", cases, caller.uid);
  return { match: after! };
}

/**
 * The second officer confirms a reunification: the pair is confirmed and both cases are resolved
 * as reunified (out of the search and the queue) in one step (case-status.ts), then the officers
 * of both cases are told.
 */
export async function confirmReunification(deps: Deps, caller: Actor, input: { matchId: string; note?: string }) {
  const { match } = await mustGetPair(deps, caller, input.matchId);
  const { match: confirmed, cases } = await reunify(deps, caller, match.id, (pair, at) => {
    const entry = historyEntry(caller, pair, at, {
      event: "confirmed",
      state: "confirmed",
      ...(input.note ? { note: input.note } : {}),
    });
    return { ...pair, state: "confirmed", updatedAt: at, history: [...pair.history, entry] };
  });
  await audit(deps, caller, "match.confirm", { type: "match", id: confirmed.id }, { markedBy: markerOf(confirmed)! });
  await notifyPair(deps, confirmed, "reunification_confirmed", cases, caller.uid);
  return {
    match: confirmed,
    cases: [toView(cases[0]), toView(cases[1])] as [ReturnType<typeof toView>, ReturnType<typeof toView>],
  };
}
