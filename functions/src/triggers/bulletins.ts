// Missing-person appeals: drafted by Gemini on Vertex AI, approved by an officer of the case.
import {
  approveAppealBulletin as approve,
  draftAppealBulletin as draft,
  listAppealBulletins as list,
} from "../services/bulletins.js";
import { callable } from "./callable.js";

export const draftAppealBulletin = callable("draftAppealBulletin", draft);
export const approveAppealBulletin = callable("approveAppealBulletin", approve);
export const listAppealBulletins = callable("listAppealBulletins", list);
