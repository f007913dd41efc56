// GET /health: the build, the face model and calibration, whether the store answers. Public and
// without data (schemas/health.ts): a load balancer, an uptime check and `npm run smoke` read it.
import { onRequest } from "firebase-functions/https";
import { getDeps } from "../runtime/deps.js";
import { buildInfo } from "../runtime/build-info.js";
import { checkHealth } from "../services/health.js";
import { HEALTH_OPTIONS } from "./function-options.js";

export const health = onRequest(HEALTH_OPTIONS, async (request, response) => {
  response.set("Cache-Control", "no-store");
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.set("Allow", "GET, HEAD").status(405).json({ error: "only GET" });
    return;
  }
  let answer;
  try {
    answer = await checkHealth(await getDeps(), buildInfo());
  } catch {
    // the deps themselves did not build (a secret missing, a malformed key ring): unhealthy, said without detail
    response.status(503).json({ status: "unavailable", version: buildInfo() });
    return;
  }
  response.status(answer.status === "ok" ? 200 : 503).json(answer);
});
