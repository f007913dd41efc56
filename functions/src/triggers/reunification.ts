// Reunification: the "possible matches" queue, a case's candidate list, a pair with both sides, the review and the second
// officer's confirmation, the officers' notifications; and the trigger on case photo documents
// that cross-matches a face when it becomes searchable (retried with backoff by Eventarc).
import { onDocumentWritten } from "firebase-functions/firestore";
import { getDeps } from "../runtime/deps.js";
import { functionsEvents } from "../runtime/events.js";
import type { Photo } from "../schemas/index.js";
import { photoWritten } from "../services/cross-match.js";
import { listCaseCandidates as candidates, openCandidatePair as openCandidate } from "../services/candidates.js";
import {
  confirmReunification as confirm,
  getMatch as get,
  listMatches as list,
  reviewMatch as review,
} from "../services/matches.js";
import { listNotifications as notifications, markNotificationsRead as markRead } from "../services/notifications.js";
import { callable } from "./callable.js";
import { FACE_FUNCTION_MEMORY, FACE_FUNCTION_OPTIONS } from "./function-options.js";

export const listMatches = callable("listMatches", list);
export const getMatch = callable("getMatch", get);
export const reviewMatch = callable("reviewMatch", review);
export const confirmReunification = callable("confirmReunification", confirm);
export const listCaseCandidates = callable("listCaseCandidates", candidates);
export const openCandidatePair = callable("openCandidatePair", openCandidate);
export const listNotifications = callable("listNotifications", notifications);
export const markNotificationsRead = callable("markNotificationsRead", markRead);

/** past this age a failing event is dropped, with an error naming the case (its pairs wait for `tora-face cross-match --case`) */
const CROSS_MATCH_RETRY_WINDOW_MS = 24 * 3600_000;

// At-least-once delivery is fine: the cross-match is deterministic and writes only what changed.
export const onCasePhotoWritten = onDocumentWritten(
  {
    document: "cases/{caseId}/photos/{photoId}",
    retry: true,
    memory: FACE_FUNCTION_MEMORY,
    timeoutSeconds: 300,
    secrets: FACE_FUNCTION_OPTIONS.secrets,
  },
  async (event) => {
    const ageMs = Date.now() - Date.parse(event.time);
    if (ageMs > CROSS_MATCH_RETRY_WINDOW_MS) {
      functionsEvents.crossMatchEventExpired({
        caseId: event.params.caseId,
        photoId: event.params.photoId,
        ageMinutes: Math.round(ageMs / 60_000),
      });
      return;
    }
    const before = event.data?.before.exists ? (event.data.before.data() as Photo) : undefined;
    const after = event.data?.after.exists ? (event.data.after.data() as Photo) : undefined;
    try {
      await photoWritten(await getDeps(), before, after);
    } catch (error) {
      functionsEvents.crossMatchFailed({ caseId: event.params.caseId, photoId: event.params.photoId, error });
      throw error;
    }
  },
);
