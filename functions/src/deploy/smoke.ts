// The post-deploy smoke check (`npm run smoke -- --project ID`): read from outside, as an officer's
// phone and an anonymous stranger reach the project. Three questions: does the deployed build
// answer (GET /health: its version, model, calibration, store); does a real search find the canary
// case with the canary photo; do the security rules refuse an anonymous read. Each check says
// "ok", "FAIL" with what was seen, or "skipped" with why (nothing to check it with).
import { healthSchema, type Health } from "../schemas/index.js";

export interface SmokeTarget {
  project: string;
  /** https://REGION-PROJECT.cloudfunctions.net, or the Functions emulator's http://HOST/PROJECT/REGION */
  functionsUrl: string;
  /** the Identity Toolkit API (the Auth emulator's when it runs) */
  authUrl: string;
  /** the web API key of the project (the emulators take any) */
  apiKey?: string;
  /** Firestore's REST root (production, or an emulator); undefined: no Firestore to ask */
  firestoreUrl?: string;
  /** Cloud Storage for Firebase's REST root and the photo bucket; undefined: no Storage to ask */
  storage?: { url: string; bucket: string };
}

interface CanaryOptions {
  email: string;
  password: string;
  /** a photo of the canary person (not the one enrolled in the case) */
  photo: Uint8Array;
  /** the canary case's reference: the search must find it first */
  caseRef: string;
  /** the canary case's status when it is not open (a closed canary stays out of officers' default searches) */
  caseStatus?: "open" | "closed" | "resolved";
}

interface SmokeOptions {
  canary?: CanaryOptions;
  /** an App Check token for the callables (a project that enforces App Check); the emulators take a placeholder */
  appCheckToken?: string;
  /** the commit this checkout would deploy: the health answer is compared with it */
  expectCommit?: string;
}

interface SmokeResult {
  id: "health" | "version" | "canary" | "anonymous";
  status: "ok" | "fail" | "skipped";
  detail: string;
}

type Fetch = typeof fetch;
const json = { "content-type": "application/json" };

export async function runSmoke(target: SmokeTarget, options: SmokeOptions, fetchImpl: Fetch = fetch) {
  const results: SmokeResult[] = [];
  const health = await checkHealth(target, fetchImpl);
  results.push(health.result);
  if (health.body) results.push(checkVersion(health.body, options.expectCommit));
  results.push(await checkCanary(target, options, fetchImpl));
  results.push(await checkAnonymous(target, options, fetchImpl));
  return results;
}

async function checkHealth(target: SmokeTarget, fetchImpl: Fetch): Promise<{ result: SmokeResult; body?: Health }> {
  const url = `${target.functionsUrl}/health`;
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    return { result: { id: "health", status: "fail", detail: `${url} did not answer: ${messageOf(error)}` } };
  }
  const parsed = healthSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success)
    return {
      result: { id: "health", status: "fail", detail: `${url} answered HTTP ${response.status}, not a health answer` },
    };
  const h = parsed.data;
  const ok = response.status === 200 && h.status === "ok";
  return {
    body: h,
    result: {
      id: "health",
      status: ok ? "ok" : "fail",
      detail: ok
        ? `store reachable (${h.store.ms} ms), model ${h.modelVersion}, calibration ${h.calibration.matchesModel ? "made for it" : `made for ${h.calibration.modelVersion}: re-calibrate`} (threshold ${h.calibration.threshold})`
        : `HTTP ${response.status}: the store ${h.store.reachable ? "answered" : "did not answer"}`,
    },
  };
}

function checkVersion(h: Health, expectCommit: string | undefined): SmokeResult {
  const running = `build ${h.version.commit} of ${h.version.builtAt}${h.version.revision ? `, revision ${h.version.revision}` : ""}`;
  if (!expectCommit) return { id: "version", status: "ok", detail: running };
  return h.version.commit === expectCommit
    ? { id: "version", status: "ok", detail: `${running}: the build of this checkout` }
    : { id: "version", status: "fail", detail: `${running}, but this checkout built ${expectCommit}` };
}

async function call(
  target: SmokeTarget,
  name: string,
  data: unknown,
  idToken: string | undefined,
  appCheck: string | undefined,
  fetchImpl: Fetch,
): Promise<{ status: number; result?: unknown; error?: { status: string; message: string } }> {
  const response = await fetchImpl(`${target.functionsUrl}/${name}`, {
    method: "POST",
    headers: {
      ...json,
      ...(idToken ? { authorization: `Bearer ${idToken}` } : {}),
      ...(appCheck ? { "x-firebase-appcheck": appCheck } : {}),
    },
    body: JSON.stringify({ data }),
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await response.json().catch(() => ({}))) as {
    result?: unknown;
    error?: { status: string; message: string };
  };
  return { status: response.status, ...body };
}

async function checkCanary(target: SmokeTarget, options: SmokeOptions, fetchImpl: Fetch): Promise<SmokeResult> {
  const canary = options.canary;
  if (!canary)
    return {
      id: "canary",
      status: "skipped",
      detail: "no canary: set TORA_SMOKE_EMAIL, TORA_SMOKE_PASSWORD, TORA_SMOKE_PHOTO and TORA_SMOKE_CASE",
    };
  const signIn = await fetchImpl(
    `${target.authUrl}/accounts:signInWithPassword?key=${encodeURIComponent(target.apiKey ?? "smoke")}`,
    {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: canary.email, password: canary.password, returnSecureToken: true }),
    },
  );
  const { idToken } = (await signIn.json().catch(() => ({}))) as { idToken?: string };
  if (!idToken)
    return {
      id: "canary",
      status: "fail",
      detail: `the canary officer ${canary.email} could not sign in (HTTP ${signIn.status})`,
    };
  const started = Date.now();
  const searched = await call(
    target,
    "searchFaces",
    {
      probe: { contentBase64: Buffer.from(canary.photo).toString("base64") },
      // a reason, not the canary case: a search tied to a case leaves that case out of its answer
      purpose: { reason: `post-deploy smoke check: the canary ${canary.caseRef}` },
      ...(canary.caseStatus ? { filters: { status: canary.caseStatus } } : {}),
      limit: 5,
    },
    idToken,
    options.appCheckToken,
    fetchImpl,
  );
  const ms = Date.now() - started;
  if (searched.error)
    return { id: "canary", status: "fail", detail: `searchFaces: ${searched.error.status} ${searched.error.message}` };
  const faces = (
    searched.result as { faces?: { candidates: { externalRef?: string; similarity: number; band: string }[] }[] }
  ).faces;
  const first = faces?.[0]?.candidates[0];
  if (!first)
    return {
      id: "canary",
      status: "fail",
      detail: `no candidate for the canary photo (${faces?.length ?? 0} face(s) found)`,
    };
  return first.externalRef === canary.caseRef
    ? {
        id: "canary",
        status: "ok",
        detail: `${canary.caseRef} found first (similarity ${first.similarity.toFixed(3)}, ${first.band}) in ${ms} ms`,
      }
    : {
        id: "canary",
        status: "fail",
        detail: `the first candidate is ${first.externalRef ?? "a case without reference"}, not ${canary.caseRef}`,
      };
}

async function checkAnonymous(target: SmokeTarget, options: SmokeOptions, fetchImpl: Fetch): Promise<SmokeResult> {
  const refused: string[] = [];
  const open: string[] = [];
  const skipped: string[] = [];
  // a callable without a signed-in officer (with App Check, so that only the missing identity refuses it)
  const listed = await call(target, "listCases", {}, undefined, options.appCheckToken, fetchImpl);
  (listed.error?.status === "UNAUTHENTICATED" ? refused : open).push(
    `listCases (${listed.error?.status ?? "answered"})`,
  );
  if (target.firestoreUrl) {
    for (const collection of ["cases", "police_users", "faces"]) {
      const r = await fetchImpl(
        `${target.firestoreUrl}/projects/${target.project}/databases/(default)/documents/${collection}?pageSize=1`,
      );
      (r.status === 403 || r.status === 401 ? refused : open).push(`Firestore ${collection} (HTTP ${r.status})`);
    }
  } else skipped.push("Firestore (no Firestore here: local mode)");
  if (target.storage) {
    const { url, bucket } = target.storage;
    const r = await fetchImpl(`${url}/v0/b/${bucket}/o?prefix=${encodeURIComponent("cases/")}`);
    (r.status === 403 || r.status === 401 ? refused : open).push(`Storage cases/ (HTTP ${r.status})`);
  } else skipped.push("Storage (no Storage here: local mode)");
  const detail = [
    refused.length ? `refused: ${refused.join(", ")}` : "",
    open.length ? `NOT refused: ${open.join(", ")}` : "",
    skipped.length ? `not asked: ${skipped.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
  return { id: "anonymous", status: open.length ? "fail" : "ok", detail };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** the lines a person reads, and whether the deploy passed */
export function smokeReport(results: SmokeResult[]): { lines: string[]; passed: boolean } {
  const mark = { ok: "ok     ", fail: "FAIL   ", skipped: "skipped" } as const;
  const lines = results.map((r) => `${mark[r.status]} ${r.id}: ${r.detail}`);
  const passed = results.every((r) => r.status !== "fail");
  lines.push(passed ? "smoke check passed" : "smoke check FAILED: roll back (docs/deploy-safely.md)");
  return { lines, passed };
}
