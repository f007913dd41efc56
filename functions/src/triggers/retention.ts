// Data leaving on time: the daily retention sweep, an open case confirmed as still needed, and
// erasure on request with a second administrator's approval.
import { onSchedule } from "firebase-functions/scheduler";
import { familyContactKeys, ipHashKey, scheduleOf } from "../config.js";
import { SCHEDULE_TIME_ZONE } from "../ports/settings.js";
import { getDeps } from "../runtime/deps.js";
import {
  approveCaseErasure as approve,
  declineCaseErasure as decline,
  listErasureRequests as list,
  requestCaseErasure as request,
} from "../services/erasure.js";
import { confirmCaseStillNeeded as confirm, runRetentionSweep } from "../services/retention.js";
import { callable } from "./callable.js";

export const confirmCaseStillNeeded = callable("confirmCaseStillNeeded", confirm);
export const requestCaseErasure = callable("requestCaseErasure", request);
export const approveCaseErasure = callable("approveCaseErasure", approve);
export const declineCaseErasure = callable("declineCaseErasure", decline);
export const listErasureRequests = callable("listErasureRequests", list);

/** a scheduled run may last 30 minutes; the sweep stops a little before and the next run resumes */
const SWEEP_TIMEOUT_SECONDS = 1800;
const SWEEP_MARGIN_MS = 3 * 60_000;

export const retentionSweep = onSchedule(
  {
    schedule: scheduleOf("retentionSweep"),
    timeZone: SCHEDULE_TIME_ZONE,
    timeoutSeconds: SWEEP_TIMEOUT_SECONDS,
    memory: "512MiB",
    secrets: [familyContactKeys, ipHashKey],
  },
  async () => {
    await runRetentionSweep(await getDeps(), { deadline: Date.now() + SWEEP_TIMEOUT_SECONDS * 1000 - SWEEP_MARGIN_MS });
  },
);
