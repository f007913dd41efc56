// A case drafted on a phone without network arrives when the network returns — possibly twice: an
// answer lost on a failing link is sent again, two open tabs may send the same queue. The case's
// id is derived from the officer and the draft's id, so every sending of one draft finds the case
// the first one created instead of creating another.
import { createHash } from "node:crypto";
import type { Deps } from "../ports/index.js";
import type { SubmitCaseDraftInput } from "../schemas/index.js";
import { type Actor } from "./actor.js";
import { createCaseWithId, mustGetCase, toView } from "./cases.js";

/** the case id of an officer's draft: another officer's draft with the same id is another case */
export const draftCaseId = (uid: string, draftId: string): string =>
  `d-${createHash("sha256").update(`${uid}\n${draftId}`).digest("hex").slice(0, 40)}`;

export async function submitCaseDraft(deps: Deps, caller: Actor, input: SubmitCaseDraftInput) {
  const id = draftCaseId(caller.uid, input.draftId);
  if (await deps.cases.get(id)) return { case: toView(await mustGetCase(deps, caller, id)), created: false };
  return { ...(await createCaseWithId(deps, caller, input.case, id)), created: true };
}
