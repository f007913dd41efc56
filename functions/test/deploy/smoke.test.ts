// The smoke check's verdicts, against a fake of the project's HTTP surface: a healthy deploy
// passes; a store that does not answer, another build, a canary not found first and a rule that
// lets an anonymous read through each fail, saying what was seen. (Against the real emulators:
// test/emulator/smoke.test.ts.)
import { describe, expect, it } from "vitest";
import { runSmoke, smokeReport, type SmokeTarget } from "../../src/deploy/smoke.js";

const target: SmokeTarget = {
  project: "p",
  functionsUrl: "https://fn",
  authUrl: "https://auth",
  apiKey: "k",
  firestoreUrl: "https://fs",
  storage: { url: "https://st", bucket: "b" },
};
const healthy = {
  status: "ok",
  version: { commit: "c1", builtAt: "2026-12-06T06:00:00.000Z", revision: "health-00002" },
  modelVersion: "m",
  calibration: { modelVersion: "m", threshold: 0.32, matchesModel: true },
  store: { reachable: true, ms: 12 },
  checkedAt: "2026-12-06T06:00:00.000Z",
};
const canary = { email: "canary@x", password: "pw", photo: new Uint8Array([1, 2, 3]), caseRef: "CANARY-1" };

interface Project {
  health: { status: number; body: unknown };
  first?: string;
  anonymousList: string;
  firestore: number;
  storage: number;
  /** the search filters the canary search must send */
  filters?: unknown;
}
const good = (): Project => ({
  health: { status: 200, body: healthy },
  first: "CANARY-1",
  anonymousList: "UNAUTHENTICATED",
  firestore: 403,
  storage: 403,
});

function fakeFetch(p: Project, seen: string[] = []): typeof fetch {
  const reply = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status }));
  return ((url: string, init?: RequestInit) => {
    seen.push(`${init?.method ?? "GET"} ${url}`);
    if (url === "https://fn/health") return reply(p.health.status, p.health.body);
    if (url.startsWith("https://auth/accounts:signInWithPassword"))
      return JSON.parse(String(init!.body)).password === "pw" ? reply(200, { idToken: "t" }) : reply(400, {});
    if (url === "https://fn/searchFaces") {
      const body = JSON.parse(String(init!.body));
      expect(body.data.purpose).toEqual({ reason: "post-deploy smoke check: the canary CANARY-1" });
      expect(body.data.filters).toEqual(p.filters);
      expect((init!.headers as Record<string, string>).authorization).toBe("Bearer t");
      return reply(200, {
        result: {
          faces: [{ candidates: p.first ? [{ externalRef: p.first, similarity: 0.81, band: "strong" }] : [] }],
        },
      });
    }
    if (url === "https://fn/listCases")
      return (init!.headers as Record<string, string>).authorization
        ? reply(200, { result: {} })
        : p.anonymousList === "UNAUTHENTICATED"
          ? reply(401, { error: { status: "UNAUTHENTICATED", message: "sign in" } })
          : reply(200, { result: { cases: [] } });
    if (url.startsWith("https://fs/")) return reply(p.firestore, {});
    if (url.startsWith("https://st/")) return reply(p.storage, {});
    return reply(404, {});
  }) as typeof fetch;
}

const statuses = async (p: Project, options = {}) =>
  Object.fromEntries(
    (await runSmoke(target, { canary, expectCommit: "c1", ...options }, fakeFetch(p))).map((r) => [r.id, r.status]),
  );

describe("smoke check", () => {
  it("passes a healthy deploy of this checkout's build, asking every surface", async () => {
    const seen: string[] = [];
    const results = await runSmoke(target, { canary, expectCommit: "c1" }, fakeFetch(good(), seen));
    expect(Object.fromEntries(results.map((r) => [r.id, r.status]))).toEqual({
      health: "ok",
      version: "ok",
      canary: "ok",
      anonymous: "ok",
    });
    expect(results.find((r) => r.id === "canary")!.detail).toMatch(/CANARY-1 found first \(similarity 0.810, strong\)/);
    expect(seen).toContain("GET https://fs/projects/p/databases/(default)/documents/cases?pageSize=1");
    expect(seen).toContain("GET https://st/v0/b/b/o?prefix=cases%2F");
    expect(smokeReport(results)).toMatchObject({ passed: true });
    // a closed canary case is searched among closed cases
    expect(
      await statuses({ ...good(), filters: { status: "closed" } }, { canary: { ...canary, caseStatus: "closed" } }),
    ).toMatchObject({ canary: "ok" });
  });

  it("fails, saying what it saw, on each broken surface", async () => {
    expect(
      await statuses({ ...good(), health: { status: 503, body: { ...healthy, status: "unavailable" } } }),
    ).toMatchObject({
      health: "fail",
    });
    expect(await statuses({ ...good(), health: { status: 404, body: "Not found" } })).toMatchObject({ health: "fail" });
    expect(await statuses(good(), { expectCommit: "c0" })).toMatchObject({ version: "fail" });
    expect(await statuses({ ...good(), first: "OTHER" })).toMatchObject({ canary: "fail" });
    expect(await statuses({ ...good(), first: undefined })).toMatchObject({ canary: "fail" });
    expect(await statuses(good(), { canary: { ...canary, password: "wrong" } })).toMatchObject({ canary: "fail" });
    expect(await statuses({ ...good(), firestore: 200 })).toMatchObject({ anonymous: "fail" });
    expect(await statuses({ ...good(), storage: 200 })).toMatchObject({ anonymous: "fail" });
    expect(await statuses({ ...good(), anonymousList: "OK" })).toMatchObject({ anonymous: "fail" });
    const failed = smokeReport(await runSmoke(target, { canary }, fakeFetch({ ...good(), firestore: 200 })));
    expect(failed.passed).toBe(false);
    expect(failed.lines.join("\n")).toMatch(/NOT refused: Firestore cases \(HTTP 200\)[\s\S]*roll back/);
  });

  it("skips what it has nothing to check with, and says so", async () => {
    const local = { ...target, firestoreUrl: undefined, storage: undefined };
    const results = await runSmoke(local, {}, fakeFetch(good()));
    expect(Object.fromEntries(results.map((r) => [r.id, r.status]))).toMatchObject({
      canary: "skipped",
      anonymous: "ok",
    });
    expect(results.find((r) => r.id === "anonymous")!.detail).toMatch(/not asked: Firestore .*Storage/);
  });
});
