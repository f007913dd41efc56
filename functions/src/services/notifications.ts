// Officers' notifications: a document per officer and event of a pair, read by the portal (new
// candidate, re-opened candidate, confirmation needed, reunification confirmed, possible
// duplicate), and an e-mail where e-mail is configured. Ids are deterministic — the pair, the
// event's place in its history, the officer — so a repeated delivery notifies once.
import type { Deps } from "../ports/index.js";
import type { Case, Match, Notification, NotificationKind } from "../schemas/index.js";
import { caseReference } from "../words/case-reference.js";
import { type Actor } from "./actor.js";

const reference = (c: Case): string => caseReference(c.externalRef, c.id);

/** the events of a pair; a case's own review notice (case_review_due) is written by the retention sweep */
type PairEvent = Exclude<NotificationKind, "case_review_due">;

function message(kind: PairEvent, cases: [Case, Case]): string {
  const [a, b] = cases.map(reference);
  switch (kind) {
    case "new_candidate":
      return `Possible match to review: missing case ${a} and found case ${b}.`;
    case "candidate_reopened":
      return `A pair reviewed as no candidate is back for review (new photos score higher): missing case ${a} and found case ${b}.`;
    case "confirmation_needed":
      return `Marked a potential candidate, waiting for a second officer to confirm: missing case ${a} and found case ${b}.`;
    case "reunification_confirmed":
      return `Reunification confirmed: missing case ${a} and found case ${b} are resolved.`;
    case "possible_duplicate":
      return `Possible duplicate: cases ${a} and ${b} may be the same person.`;
  }
}

/** e-mail says only that there is something to look at: references can be names (import folders) */
const EMAIL = {
  subject: "TORA FACE: a possible match needs your attention",
  text: "A case of yours has news in TORA FACE (a possible match, a confirmation, or a possible duplicate). Sign in to the portal to see it.",
};

/** tells the officers of both cases (but the one who acted) about an event of the pair */
export async function notifyPair(
  deps: Deps,
  match: Match,
  kind: PairEvent,
  cases: [Case, Case],
  exceptUid?: string,
): Promise<void> {
  const recipients = [...new Set(cases.flatMap((c) => c.officerUids))].filter((uid) => uid !== exceptUid);
  const event = match.history.length - 1;
  const at = deps.clock.now().toISOString();
  for (const uid of recipients) {
    const notification: Notification = {
      id: `${match.id}.${event}.${uid}`.replaceAll(/[^A-Za-z0-9_.-]/g, "-"),
      uid,
      kind,
      matchId: match.id,
      cases: [0, 1].map((i) => ({
        id: cases[i]!.id,
        kind: cases[i]!.kind,
        ...(cases[i]!.externalRef ? { externalRef: cases[i]!.externalRef } : {}),
      })) as Notification["cases"],
      message: message(kind, cases),
      createdAt: at,
    };
    if (!(await deps.notifications.create(notification))) continue;
    const officer = await deps.officers.get(uid);
    if (officer?.email && officer.status === "approved") await deps.notifier.notifyOfficer(officer.email, EMAIL);
  }
}

export async function listNotifications(deps: Deps, caller: Actor, input: { unreadOnly: boolean; limit: number }) {
  const [notifications, unread] = await Promise.all([
    deps.notifications.list(caller.uid, input),
    deps.notifications.countUnread(caller.uid),
  ]);
  return { notifications, unread };
}

export async function markNotificationsRead(deps: Deps, caller: Actor, input: { ids: string[] } | { all: true }) {
  const marked = await deps.notifications.markRead(
    caller.uid,
    "all" in input ? "all" : input.ids,
    deps.clock.now().toISOString(),
  );
  return { marked, unread: await deps.notifications.countUnread(caller.uid) };
}
