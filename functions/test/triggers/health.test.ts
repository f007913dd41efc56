// GET /health: the build, the model and its calibration, whether the store answers — and nothing
// about any case, officer or key, even with a full store.
import { afterAll, describe, expect, it } from "vitest";
import { health } from "../../src/index.js";
import { CALIBRATION } from "../../src/engine/index.js";
import { loadManifest, modelVersion } from "../../src/models/manifest.js";
import { setDepsForTesting } from "../../src/runtime/deps.js";
import { healthSchema } from "../../src/schemas/index.js";
import { checkHealth } from "../../src/services/health.js";
import { memoryDeps, officerBI, officerRecordOf } from "../support/deps.js";
import { seedCase } from "../support/seed.js";

const build = { commit: "abc123", builtAt: "2026-12-06T06:00:00.000Z", revision: "health-00007-xyz" };

/** the handler as the platform calls it: a request, and a response that records what was sent */
async function get(method = "GET") {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    set(name: string, value: string) {
      sent.headers[name] = value;
      return response;
    },
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
  };
  await (health as unknown as (req: unknown, res: unknown) => Promise<void>)({ method, headers: {} }, response);
  return sent;
}

describe("health", () => {
  afterAll(() => setDepsForTesting(undefined));

  it("answers the build, this build's model until a migration ran, the calibration, and the store's answer", async () => {
    const deps = memoryDeps();
    const answer = await checkHealth(deps, build);
    expect(healthSchema.parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({
      status: "ok",
      version: build,
      modelVersion: modelVersion(loadManifest()),
      calibration: { modelVersion: CALIBRATION.modelVersion, threshold: CALIBRATION.threshold },
      store: { reachable: true },
    });
    expect(answer.calibration.matchesModel).toBe(answer.modelVersion === CALIBRATION.modelVersion);
    // after a migration: the store's active model, and whether the calibration was made for it
    await deps.operations.putModelState({ activeVersion: "other-model" });
    expect(await checkHealth(deps, build)).toMatchObject({
      modelVersion: "other-model",
      calibration: { matchesModel: false },
    });
  });

  it("says unavailable when the store does not answer", async () => {
    const deps = memoryDeps();
    deps.operations = { ...deps.operations, getModelState: () => Promise.reject(new Error("UNAVAILABLE")) };
    expect(await checkHealth(deps, build)).toMatchObject({ status: "unavailable", store: { reachable: false } });
  });

  it("over HTTP: 200 with no data of the store, 503 when the store fails, GET only, never cached", async () => {
    const deps = memoryDeps();
    await deps.officers.put(officerRecordOf(officerBI));
    const seeded = await seedCase(deps, officerBI);
    setDepsForTesting(deps);
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(ok.headers["Cache-Control"]).toBe("no-store");
    const body = healthSchema.parse(ok.body);
    expect(body.version.commit).toBe("source");
    const text = JSON.stringify(ok.body);
    for (const secret of [seeded.case.id, deps.templateKeys.defaultKeyId, "Aline", "Ngozi"])
      expect(text).not.toContain(secret);
    expect((await get("POST")).status).toBe(405);
    deps.operations = { ...deps.operations, getModelState: () => Promise.reject(new Error("UNAVAILABLE")) };
    const down = await get();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: "unavailable" });
  });
});
