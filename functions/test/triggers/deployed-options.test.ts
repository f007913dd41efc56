// The options each function is deployed with, read from the manifest the Firebase CLI deploys
// from: work that waits on Firestore shares an instance, the face engine has one to itself, warm
// instances where a cold start hurts, one runtime identity, the photo bucket named, Cloud Tasks
// waiting as long as a step may run, the nightly export retried.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { REEMBED_TASK_TIMEOUT_SECONDS } from "../../src/config.js";
import { callables, type CallableName } from "../../src/schemas/index.js";
import { deployManifest, manifestSkipReason, type Manifest } from "../support/manifest.js";
import { recordingFirestore } from "../support/recording-firestore.js";

if (manifestSkipReason) console.warn(`SKIPPED deployed function options: ${manifestSkipReason}`);

/** callables that run the face engine (analysis or a model load): one request per instance */
const ENGINE = ["uploadCasePhoto", "chooseCasePhotoFace", "searchFaces", "startModelMigration", "getModelMigration"];

describe.skipIf(manifestSkipReason)("deployed function options", () => {
  let manifest: Manifest;
  beforeAll(() => {
    manifest = deployManifest();
  });

  it("a callable that only reads and writes records serves many requests per instance; the engine one at a time", () => {
    for (const name of Object.keys(callables) as CallableName[]) {
      const endpoint = manifest.endpoints[name]!;
      // concurrency above 1 needs a whole CPU (Cloud Run)
      expect(endpoint.cpu, name).toBeGreaterThanOrEqual(1);
      if (ENGINE.includes(name)) expect(endpoint.concurrency, name).toBe(1);
      else expect(endpoint.concurrency, name).toBeGreaterThan(1);
    }
    expect(manifest.endpoints.listCases!.concurrency).toBeGreaterThanOrEqual(40);
    expect(manifest.endpoints.onCasePhotoUploaded!.concurrency).toBe(1);
  });

  it("keeps instances warm where a cold start hurts, as many as the deploy parameters say", () => {
    for (const name of ["beforeSignedIn", "beforeCreated", "getMyProfile"])
      expect(manifest.endpoints[name]!.minInstances, name).toBe("{{ params.SIGN_IN_MIN_INSTANCES }}");
    expect(manifest.endpoints.searchFaces!.minInstances).toBe("{{ params.SEARCH_MIN_INSTANCES }}");
    const warm = Object.entries(manifest.endpoints).filter(
      ([, e]) => e.minInstances !== undefined && e.minInstances !== null,
    );
    expect(warm.map(([n]) => n).sort()).toEqual(["beforeCreated", "beforeSignedIn", "getMyProfile", "searchFaces"]);
  });

  it("every function runs as the dedicated runtime service account, never the default one", () => {
    for (const [name, endpoint] of Object.entries(manifest.endpoints))
      expect(endpoint.serviceAccountEmail, name).toBe("{{ params.RUNTIME_SERVICE_ACCOUNT }}");
  });

  it("the Storage trigger listens to the photo bucket the deploy names, not to whatever the default bucket is", () => {
    expect(manifest.endpoints.onCasePhotoUploaded!.eventTrigger!.eventFilters!.bucket).toBe(
      "{{ params.PHOTO_BUCKET }}",
    );
    expect(manifest.params.find((p) => p.name === "PHOTO_BUCKET")!.default).toBe("{{ params.STORAGE_BUCKET }}");
  });

  it("the health endpoint is public HTTP (load balancers and uptime checks carry no identity), small and never warm-kept", () => {
    const health = manifest.endpoints.health!;
    expect(health.httpsTrigger!.invoker).toEqual(["public"]);
    expect(health.availableMemoryMb).toBe(256);
  });

  it("only the functions that reach the SMS gateway hold its credentials; its delivery reports come in public", () => {
    const secretsOf = (name: string) => (manifest.endpoints[name]!.secretEnvironmentVariables ?? []).map((s) => s.key);
    const holders = Object.keys(manifest.endpoints).filter((n) => secretsOf(n).includes("AT_API_KEY"));
    expect(holders.sort()).toEqual(["sendFamilySms", "smsDeliveryReport"]);
    expect(secretsOf("sendFamilySms")).toEqual(expect.arrayContaining(["AT_API_KEY", "AT_USERNAME"]));
    expect(secretsOf("smsDeliveryReport")).toContain("SMS_REPORT_TOKEN");
    expect(manifest.endpoints.smsDeliveryReport!.httpsTrigger!.invoker).toEqual(["public"]);
  });

  it("a model migration step may run as long as Cloud Tasks waits for it; the nightly export is retried", () => {
    expect(manifest.endpoints.reembedFaces!.timeoutSeconds).toBe(REEMBED_TASK_TIMEOUT_SECONDS);
    expect(manifest.endpoints.nightlyExport!.scheduleTrigger!.retryConfig!.retryCount).toBeGreaterThanOrEqual(1);
  });
});

describe("the re-embed task queue", () => {
  it("production enqueues each step with a dispatch deadline equal to the task function's timeout", async () => {
    const enqueue = vi.fn(async () => undefined);
    vi.doMock("firebase-admin/functions", () => ({ getFunctions: () => ({ taskQueue: () => ({ enqueue }) }) }));
    vi.doMock("../../src/adapters/firebase/app.js", () => ({ adminApp: () => ({}) }));
    vi.doMock("firebase-admin/firestore", async (original) => ({
      ...(await original<object>()),
      getFirestore: () => recordingFirestore().db,
    }));
    const { createFirebaseDeps } = await import("../../src/runtime/firebase-deps.js");
    const deps = createFirebaseDeps({
      keyRingSecret: `k1:${Buffer.alloc(32).toString("base64")}`,
      analyzer: async () => ({}) as never,
    } as never);
    await deps.reembedQueue.enqueue({ migrationId: "m", phase: "embed" } as never);
    expect(enqueue).toHaveBeenCalledWith(expect.anything(), { dispatchDeadlineSeconds: REEMBED_TASK_TIMEOUT_SECONDS });
    // Cloud Tasks accepts 15 s to 30 min
    expect(REEMBED_TASK_TIMEOUT_SECONDS).toBeLessThanOrEqual(1800);
    vi.doUnmock("firebase-admin/functions");
    vi.doUnmock("firebase-admin/firestore");
    vi.doUnmock("../../src/adapters/firebase/app.js");
  });
});
