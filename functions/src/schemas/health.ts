// What the health endpoint answers: enough for an operator or a load balancer to know which build
// runs, which face model and calibration it searches with, and whether its store answers — never a
// record, a count, a key id or anything about a person.
import { z } from "zod";
import { isoDateTimeSchema } from "./common.js";

export const healthSchema = z.strictObject({
  /** "ok" (HTTP 200) or "unavailable" (HTTP 503: the store did not answer) */
  status: z.enum(["ok", "unavailable"]),
  /** the build: the commit it was built from (scripts/build-info.mjs), and the serving revision where the platform names one */
  version: z.strictObject({
    commit: z.string(),
    builtAt: z.string(),
    revision: z.string().optional(),
  }),
  /** the face model search uses (the store's active model; this build's until a migration ran) */
  modelVersion: z.string(),
  calibration: z.strictObject({
    modelVersion: z.string(),
    threshold: z.number(),
    /** false: the active model is not the one the thresholds were derived for (re-calibrate) */
    matchesModel: z.boolean(),
  }),
  store: z.strictObject({ reachable: z.boolean(), ms: z.number().int().nonnegative() }),
  checkedAt: isoDateTimeSchema,
});
export type Health = z.infer<typeof healthSchema>;
