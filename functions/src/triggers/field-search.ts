// Searching from the field: one photo against one case, a video clip's tracks, a case drafted
// without network.
import { submitCaseDraft as draft } from "../services/case-drafts.js";
import { verifyFaces as verify } from "../services/verify.js";
import { searchClip as clip } from "../services/video-search.js";
import { callable } from "./callable.js";

export const verifyFaces = callable("verifyFaces", verify);
export const searchClip = callable("searchClip", clip);
export const submitCaseDraft = callable("submitCaseDraft", draft);
