// The callable matrix: every exported callable against every kind of caller, with exact codes.
import { logger } from "firebase-functions/logger";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as functions from "../../src/index.js";
import { callables, type CallableName } from "../../src/schemas/index.js";
import { setDepsForTesting } from "../../src/runtime/deps.js";
import type { Actor } from "../../src/services/actor.js";
import { createCase } from "../../src/services/cases.js";
import { createHmac } from "node:crypto";
import {
  TEST_IP_HASH_KEY,
  actor,
  admin,
  memoryDeps,
  officerBI,
  officerRW,
  pending,
  supervisorBI,
  suspended,
  unverified,
  type TestDeps,
  officerRecordOf,
} from "../support/deps.js";
import { codeOf } from "../support/codes.js";
import { request } from "./support.js";
import { pairFixture } from "../support/matches.js";
import { linkInProcess } from "../../src/runtime/cross-border.js";
import { addFace } from "../support/synthetic-faces.js";

type Runnable = { run(req: ReturnType<typeof request>): Promise<unknown> };
const fn = (name: string): Runnable => (functions as unknown as Record<string, Runnable>)[name]!;

let deps: TestDeps;
let caseId: string;
let foundId: string;
let matchId: string;

beforeAll(() => {
  process.env.ENFORCE_APP_CHECK = "true";
});
afterAll(() => setDepsForTesting(undefined));

beforeEach(async () => {
  deps = memoryDeps();
  // one deployment for both countries, its two sides linked (cross-border callables)
  linkInProcess([deps]);
  setDepsForTesting(deps);
  for (const a of [admin, officerBI, officerRW, pending, suspended, unverified, staleRecord])
    await deps.officers.put(officerRecordOf(a));
  caseId = (
    await createCase(deps, officerBI, {
      kind: "missing",
      country: "BI",
      station: "S",
      subject: { names: [], aliases: [], sex: "unknown" },
    })
  ).case.id;
  foundId = (
    await createCase(deps, officerBI, {
      kind: "found",
      country: "BI",
      station: "S",
      subject: { names: [], aliases: [], sex: "unknown" },
    })
  ).case.id;
  // a pair marked potential by an officer of neither case: the case's officer may confirm it
  matchId = (await pairFixture(deps, caseId, foundId, "marker-1")).id;
});

/** token claims of an approved admin of Rwanda, and no officer record at all */
const claimsWithoutRecord = actor("claims-only", { role: "admin", status: "approved", country: "RW" });
/** the record says: an approved officer of Burundi, not on the case; the token still claims admin of Rwanda */
const staleRecord = actor("stale-1", { role: "officer", status: "approved", country: "BI" });
const staleToken = actor("stale-1", { role: "admin", status: "approved", country: "RW" });

const officerInput = {
  name: "Jean",
  badgeNumber: "BI-1234",
  rank: "Sergeant",
  station: "Ngozi",
  country: "BI",
  phone: "+25779123456",
};
const inputs = (): Record<CallableName, unknown> => ({
  registerOfficer: officerInput,
  getMyProfile: {},
  listOfficers: {},
  approveOfficer: { uid: pending.uid, note: "badge checked" },
  rejectOfficer: { uid: pending.uid, note: "badge unknown" },
  setOfficerRole: { uid: officerBI.uid, role: "supervisor" },
  setOfficerSearchBudget: { uid: officerBI.uid, searchesPerDay: 50, note: "shelter intake week" },
  suspendOfficer: { uid: officerBI.uid, note: "investigation" },
  reinstateOfficer: { uid: suspended.uid },
  createCase: { kind: "found", country: "BI", station: "Kamenge", subject: {} },
  updateCase: { caseId, station: "Kirundo" },
  closeCase: { caseId, reason: "reunited" },
  reopenCase: { caseId, reason: "closed by mistake" },
  getCase: { caseId },
  listCases: {},
  uploadCasePhoto: { caseId, contentBase64: "AAAA" },
  chooseCasePhotoFace: { caseId, photoId: "none", faceIndex: 1 },
  retractCasePhoto: { caseId, photoId: "none", reason: "not the missing child" },
  listCasePhotos: { caseId },
  getPhotoThumbnail: { caseId, photoId: "none" },
  searchFaces: { probe: { contentBase64: "AAAA" }, purpose: { reason: "test" } },
  listSearchHistory: {},
  recordSearchOutcome: { searchId: "none", faceIndex: 0, caseId, outcome: "inconclusive" },
  listMatches: {},
  getMatch: { matchId },
  reviewMatch: { matchId, outcome: "inconclusive", reason: "needs_more_photos" },
  confirmReunification: { matchId },
  listCaseCandidates: { caseId },
  openCandidatePair: { caseId, candidateCaseId: foundId },
  listNotifications: {},
  markNotificationsRead: { all: true },
  listAuditLogs: {},
  getStats: {},
  confirmCaseStillNeeded: { caseId },
  requestCaseErasure: { caseId, reason: "family's request under Law 058/2021" },
  approveCaseErasure: { requestId: "none" },
  declineCaseErasure: { requestId: "none", note: "no legal ground" },
  listErasureRequests: {},
  startModelMigration: { toVersion: "none" },
  getModelMigration: {},
  startTemplateKeyRotation: { toKeyId: "none" },
  draftAppealBulletin: { caseId },
  approveAppealBulletin: { bulletinId: "none", texts: { en: "a", fr: "b", sw: "c", rn: "d", rw: "e" } },
  listAppealBulletins: { caseId },
  getEvidenceFile: { matchId },
  getEvidenceFilePdf: { matchId, language: "rn" },
  verifyFaces: { caseId, probe: { contentBase64: "AAAA" } },
  searchClip: { frames: [{ contentBase64: "AAAA", atMs: 500 }], purpose: { reason: "test" } },
  submitCaseDraft: {
    draftId: "0b7f8a4e-3c2d-4e5f-9a1b-2c3d4e5f6a7b",
    case: { kind: "found", country: "BI", station: "Kamenge", subject: {} },
  },
  requestCrossBorderSearch: { caseId, to: "RW", purpose: "reunification", legalBasis: "vital_interest" },
  listCrossBorderRequests: { direction: "sent" },
  getCrossBorderRequest: { requestId: "none", direction: "sent" },
  decideCrossBorderRequest: { requestId: "none", decision: "approve", reason: "vital interest" },
  withdrawCrossBorderRequest: { requestId: "none", reason: "family found" },
  openCrossBorderPair: { requestId: "none", candidateCaseId: foundId },
  listCrossBorderPairs: {},
  getCrossBorderPair: { pairId: NO_PAIR },
  reviewCrossBorderPair: { pairId: NO_PAIR, outcome: "inconclusive", reason: "needs_more_photos" },
  confirmCrossBorderPair: { pairId: NO_PAIR },
  proposeCrossBorderAgreement: { with: "RW", class: "unaccompanied_children", validUntil: "2027-12-31" },
  acceptCrossBorderAgreement: { agreementId: "none" },
  revokeCrossBorderAgreement: { agreementId: "none", reason: "ended" },
  listCrossBorderAgreements: {},
  sendFamilySms: { caseId, reason: "family_needed", approved: true },
  listFamilySms: { caseId },
});
const NO_PAIR = "xb" + "0".repeat(30);

// who may call: read from the registry (schemas/callable-access.ts), never restated here
const access = (n: string) => callables[n as CallableName].access;
const named = (test: (a: (typeof callables)[CallableName]["access"]) => boolean) =>
  new Set(Object.keys(callables).filter((n) => test(access(n))));
const adminOnly = named((a) => a.caller === "admin");
const forEveryoneSignedIn = named((a) => a.caller === "signed-in");
const forVerifiedAnyStatus = named((a) => a.caller === "verified");
/** a case or pair of another country is refused (a listing is narrowed instead) */
const countryBound = named((a) => a.ownCountry === "record");
/** only the case's own officers, supervisors of its country and admins (for a pair: of either case) */
const caseOfficersOnly = named((a) => a.team === "case");
/** a supervisor of the case's country or an administrator */
const supervisorsOnly = named((a) => a.team === "supervisors");
/** the record named is looked up before the caller's country can be known */
const notFoundFirst = new Set([
  "recordSearchOutcome",
  "approveAppealBulletin",
  // cross-border: each side's own records, looked up before anything else
  "getCrossBorderRequest",
  "withdrawCrossBorderRequest",
  "openCrossBorderPair",
  "getCrossBorderPair",
  "reviewCrossBorderPair",
  "confirmCrossBorderPair",
]);

/** what a valid caller gets for these placeholder inputs (the service ran and answered) */
const validOutcome: Record<string, string> = {
  uploadCasePhoto: "invalid-argument", // "AAAA" is not a photo: refused, nothing stored
  chooseCasePhotoFace: "not-found",
  retractCasePhoto: "not-found",
  getPhotoThumbnail: "not-found",
  searchFaces: "invalid-argument", // "AAAA" is not an image
  verifyFaces: "failed-precondition", // the case has no searchable face yet
  searchClip: "invalid-argument", // "AAAA" is not an image
  recordSearchOutcome: "not-found",
  registerOfficer: "failed-precondition", // already registered and approved
  approveCaseErasure: "not-found",
  declineCaseErasure: "not-found",
  startModelMigration: "failed-precondition", // no model "none" in this deployment
  startTemplateKeyRotation: "failed-precondition", // no template key "none" in this deployment
  approveAppealBulletin: "not-found",
  reopenCase: "failed-precondition", // the case is open
  requestCrossBorderSearch: "failed-precondition", // the case has no searchable face to send
  sendFamilySms: "failed-precondition", // the case has no family contact
  getCrossBorderRequest: "not-found",
  decideCrossBorderRequest: "not-found",
  withdrawCrossBorderRequest: "not-found",
  openCrossBorderPair: "not-found",
  getCrossBorderPair: "not-found",
  reviewCrossBorderPair: "not-found",
  confirmCrossBorderPair: "not-found",
  acceptCrossBorderAgreement: "not-found",
  revokeCrossBorderAgreement: "not-found",
};

const names = Object.keys(inputs()) as CallableName[];
/** the exports the Functions SDK serves as callables */
const exportedCallables = Object.entries(functions)
  .filter(([, f]) => (f as { __endpoint?: { callableTrigger?: unknown } }).__endpoint?.callableTrigger !== undefined)
  .map(([name]) => name);

describe("callable matrix", () => {
  it("covers every exported callable, and every callable of the registry is exported", () => {
    expect([...exportedCallables].sort()).toEqual([...names].sort());
    expect([...names].sort()).toEqual(Object.keys(callables).sort());
  });

  const callers: [string, Actor | undefined, (name: string) => string][] = [
    ["unauthenticated", undefined, () => "unauthenticated"],
    ["unverified", unverified, (n) => (forEveryoneSignedIn.has(n) ? "ok" : "permission-denied")],
    [
      "pending",
      pending,
      (n) => (forEveryoneSignedIn.has(n) ? "ok" : forVerifiedAnyStatus.has(n) ? "ok" : "permission-denied"),
    ],
    [
      "suspended",
      suspended,
      (n) =>
        forEveryoneSignedIn.has(n) ? "ok" : forVerifiedAnyStatus.has(n) ? "failed-precondition" : "permission-denied",
    ],
    [
      "wrong role",
      officerBI,
      (n) => (adminOnly.has(n) || supervisorsOnly.has(n) ? "permission-denied" : (validOutcome[n] ?? "ok")),
    ],
    [
      "wrong country",
      officerRW,
      (n) =>
        adminOnly.has(n) || supervisorsOnly.has(n)
          ? "permission-denied"
          : notFoundFirst.has(n)
            ? "not-found"
            : countryBound.has(n)
              ? "permission-denied"
              : (validOutcome[n] ?? "ok"),
    ],
    [
      "valid (admin)",
      admin,
      (n) =>
        n === "registerOfficer" ? "failed-precondition" : n === "reinstateOfficer" ? "ok" : (validOutcome[n] ?? "ok"),
    ],
    // rights come from the officer record alone: claims in a token grant nothing
    [
      "token claims without an officer record",
      claimsWithoutRecord,
      (n) => (forEveryoneSignedIn.has(n) || forVerifiedAnyStatus.has(n) ? "ok" : "permission-denied"),
    ],
    [
      "stale claims (the record is an officer of Burundi, the token says admin of Rwanda)",
      staleToken,
      (n) =>
        adminOnly.has(n) || ((caseOfficersOnly.has(n) || supervisorsOnly.has(n)) && !notFoundFirst.has(n))
          ? "permission-denied"
          : (validOutcome[n] ?? "ok"),
    ],
  ];

  for (const [label, caller, expected] of callers) {
    it.each(names)(`${label}: %s`, async (name) => {
      const data = inputs()[name];
      expect(await codeOf(fn(name).run(request(data, { ...(caller ? { actor: caller } : {}) })))).toBe(expected(name));
    });
  }
});

describe("case status through the callables: named use cases only, four eyes", () => {
  const call = (name: string, data: unknown, caller: Actor) => fn(name).run(request(data, { actor: caller }));
  const refusal = async (name: string, data: unknown, caller: Actor) => {
    const error = (await call(name, data, caller).catch((e: unknown) => e)) as {
      code?: string;
      details?: { reason?: string; detail?: string };
    };
    return { code: error.code ?? "ok", reason: error.details?.reason, detail: error.details?.detail };
  };
  const statusOf = async (id: string) => (await deps.cases.get(id))!.status;
  /** the case's own officer marks the pair a potential candidate */
  const markPotential = () =>
    call("reviewMatch", { matchId, outcome: "potential_candidate", reason: "faces_match" }, officerBI);

  beforeEach(async () => {
    await deps.officers.put(officerRecordOf(supervisorBI));
  });

  it("updateCase refuses a status with a sentence that names the use cases; the case stays open", async () => {
    const answer = await refusal("updateCase", { caseId, status: "resolved" }, officerBI);
    expect(answer).toMatchObject({ code: "invalid-argument", reason: "invalid_input" });
    expect(answer.detail).toMatch(/closeCase.*reopenCase.*confirmReunification/);
    expect(await refusal("updateCase", { caseId, status: "closed", station: "Kirundo" }, admin)).toMatchObject({
      code: "invalid-argument",
    });
    expect(await deps.cases.get(caseId)).toMatchObject({ status: "open", station: "S" });
  });

  it("the officer who marked a pair potential can neither close its cases nor confirm it; a second officer confirms", async () => {
    await markPotential();
    for (const id of [caseId, foundId])
      expect(await refusal("closeCase", { caseId: id, reason: "reunited" }, officerBI)).toMatchObject({
        code: "permission-denied",
        reason: "case_close_awaits_confirmation",
      });
    expect(await refusal("confirmReunification", { matchId }, officerBI)).toMatchObject({
      code: "permission-denied",
      reason: "match_same_reviewer",
    });
    expect([await statusOf(caseId), await statusOf(foundId)]).toEqual(["open", "open"]);
    expect(await codeOf(call("confirmReunification", { matchId }, admin))).toBe("ok");
    expect([await statusOf(caseId), await statusOf(foundId)]).toEqual(["resolved", "resolved"]);
  });

  it("another officer of the case may close it while the pair waits", async () => {
    await markPotential();
    expect(
      await codeOf(call("closeCase", { caseId, reason: "found deceased, identified by the family" }, supervisorBI)),
    ).toBe("ok");
    expect(await statusOf(caseId)).toBe("closed");
    // the pair's cases are no longer both open: it cannot be confirmed now
    expect(await refusal("confirmReunification", { matchId }, admin)).toMatchObject({
      code: "failed-precondition",
      reason: "match_cases_not_open",
    });
    expect(await statusOf(foundId)).toBe("open");
  });

  it("a resolved case is not closed; a supervisor or an administrator re-opens it, an officer cannot", async () => {
    await call("confirmReunification", { matchId }, admin);
    expect(await refusal("closeCase", { caseId, reason: "x" }, officerBI)).toMatchObject({
      code: "failed-precondition",
      reason: "case_resolved_not_closed",
    });
    expect(await refusal("reopenCase", { caseId, reason: "x" }, officerBI)).toMatchObject({
      code: "permission-denied",
      reason: "case_reopen_not_allowed",
    });
    expect(await refusal("reopenCase", { caseId, reason: "x" }, officerRW)).toMatchObject({
      code: "permission-denied",
      reason: "other_country",
    });
    expect(await codeOf(call("reopenCase", { caseId, reason: "the family says it is not him" }, supervisorBI))).toBe(
      "ok",
    );
    expect(await deps.cases.get(caseId)).toMatchObject({
      status: "open",
      reopened: { by: supervisorBI.uid, from: "resolved" },
    });
    expect((await deps.cases.get(caseId))!.outcome).toBeUndefined();
    expect(await refusal("reopenCase", { caseId, reason: "again" }, admin)).toMatchObject({
      code: "failed-precondition",
      reason: "case_already_open",
    });
    expect((await deps.audit.list({ action: "case.reopen", limit: 5 })).map((e) => [e.actor, e.details?.from])).toEqual(
      [[supervisorBI.uid, "resolved"]],
    );
  });

  it("a closed case changes no more until an administrator re-opens it", async () => {
    expect(await codeOf(call("closeCase", { caseId, reason: "withdrawn by the family" }, officerBI))).toBe("ok");
    expect(await refusal("closeCase", { caseId, reason: "again" }, officerBI)).toMatchObject({
      code: "failed-precondition",
      reason: "case_already_closed",
    });
    expect(await refusal("updateCase", { caseId, station: "Kirundo" }, officerBI)).toMatchObject({
      code: "failed-precondition",
      reason: "case_closed",
    });
    expect(await codeOf(call("reopenCase", { caseId, reason: "the family asks again" }, admin))).toBe("ok");
    expect(await deps.cases.get(caseId)).toMatchObject({ status: "open" });
    expect((await deps.cases.get(caseId))!.closedAt).toBeUndefined();
  });
});

describe("callable boundary", () => {
  it("refuses requests without App Check while enforcement is on", async () => {
    expect(await codeOf(fn("listCases").run(request({}, { actor: officerBI, app: false })))).toBe("unauthenticated");
  });

  it("refuses an own __proto__ key that would make inherited keys read as real", async () => {
    const data = JSON.parse('{"uid": "pending-1", "note": "x", "__proto__": {"role": "admin"}}');
    expect(await codeOf(fn("approveOfficer").run(request(data, { actor: admin })))).toBe("invalid-argument");
    expect((await deps.officers.get(pending.uid))!.status).toBe("pending");
  });

  it("refuses Infinity where a whole number is expected, with a readable message", async () => {
    const error = (await fn("listCases")
      .run(request({ limit: Infinity }, { actor: officerBI }))
      .catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe("invalid-argument");
    expect(error.message).toMatch(/^Please check the form: limit:/);
  });

  it("names every refused field with its path and code, so an app can say it in the officer's language", async () => {
    const error = (await fn("registerOfficer")
      .run(request({ ...officerInput, phone: "079123456", badgeNumber: "" }, { actor: officerBI }))
      .catch((e: unknown) => e)) as { details: { reason: string; issues: { path: string; code: string }[] } };
    expect(error.details.reason).toBe("invalid_input");
    expect(error.details.issues.map((i) => i.path).sort()).toEqual(["badgeNumber", "phone"]);
    expect(error.details.issues.every((i) => i.code === "invalid_format")).toBe(true);
  });

  it("the officer record wins over stale token claims: a suspended officer is refused at once", async () => {
    await deps.officers.put({ ...(await deps.officers.get(officerBI.uid))!, status: "suspended" });
    expect(await codeOf(fn("listCases").run(request({}, { actor: officerBI })))).toBe("permission-denied");
  });

  it("logs the cause of an unexpected failure (message and stack) and answers with a generic sentence", async () => {
    const spy = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      deps.cases.list = async () => {
        throw new Error("database unreachable");
      };
      const error = (await fn("listCases")
        .run(request({}, { actor: officerBI }))
        .catch((e: unknown) => e)) as { code: string; message: string };
      expect(error.code).toBe("internal");
      expect(error.message).not.toContain("database unreachable");
      const [event, fields] = spy.mock.calls[0]! as [string, Record<string, unknown>];
      expect(event).toBe("callable_failed");
      expect(fields).toMatchObject({ callable: "listCases", errorName: "Error", errorMessage: "database unreachable" });
      expect(String(fields.stack)).toContain("database unreachable");
    } finally {
      spy.mockRestore();
    }
  });

  it("a malformed bearer token ends as unauthenticated, never internal", async () => {
    const malformed = { uid: "", token: {} as never, rawToken: "not-a-jwt" };
    expect(await codeOf(fn("listCases").run(request({}, { auth: malformed })))).toBe("unauthenticated");
    expect(await codeOf(fn("getMyProfile").run(request({}, { auth: { ...malformed, uid: "a/b" } })))).toBe(
      "unauthenticated",
    );
  });

  it("browsers only from the portal's origins; mobile apps (no Origin) as before", async () => {
    expect(await codeOf(fn("listCases").run(request({}, { actor: officerBI, origin: "https://evil.example" })))).toBe(
      "permission-denied",
    );
    expect(
      await codeOf(fn("listCases").run(request({}, { actor: officerBI, origin: "https://demo-tora-face.web.app" }))),
    ).toBe("ok");
    expect(
      await codeOf(
        fn("listCases").run(request({}, { actor: officerBI, origin: "https://demo-tora-face.firebaseapp.com" })),
      ),
    ).toBe("ok");
    expect(await codeOf(fn("listCases").run(request({}, { actor: officerBI })))).toBe("ok");
    // local origins only where the Functions emulator runs
    expect(await codeOf(fn("listCases").run(request({}, { actor: officerBI, origin: "http://127.0.0.1:5050" })))).toBe(
      "permission-denied",
    );
    process.env.FUNCTIONS_EMULATOR = "true";
    try {
      expect(
        await codeOf(fn("listCases").run(request({}, { actor: officerBI, origin: "http://127.0.0.1:5050" }))),
      ).toBe("ok");
    } finally {
      delete process.env.FUNCTIONS_EMULATOR;
    }
    process.env.PORTAL_ORIGINS = JSON.stringify(["https://tora.police.example"]);
    try {
      expect(
        await codeOf(fn("listCases").run(request({}, { actor: officerBI, origin: "https://tora.police.example" }))),
      ).toBe("ok");
    } finally {
      delete process.env.PORTAL_ORIGINS;
    }
  });

  it("deeply nested input is refused as not plain JSON, not a crash", async () => {
    let nested: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) nested = { a: nested };
    const error = (await fn("listCases")
      .run(request(nested, { actor: officerBI }))
      .catch((e: unknown) => e)) as { code: string; details: { reason: string } };
    expect(error.code).toBe("invalid-argument");
    expect(error.details.reason).toBe("not_plain_json");
  });

  it("pseudonymises the caller's IP in audit entries", async () => {
    const created = (await fn("createCase").run(
      request({ kind: "found", country: "BI", station: "S", subject: {} }, { actor: officerBI }),
    )) as {
      case: { id: string };
    };
    const entry = (await deps.audit.list({ action: "case.create", limit: 10 })).find(
      (e) => e.target.id === created.case.id,
    )!;
    expect(JSON.stringify(entry)).not.toContain("203.0.113.9");
    const expected = createHmac("sha256", TEST_IP_HASH_KEY).update("203.0.113.9").digest("hex").slice(0, 16);
    expect(entry.ipHash).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.ipHash).toBe(expected);
  });
});

describe("cross-border through the callables: no reading across the border without an approved request", () => {
  const rwFinder = actor("rw-finder", { role: "officer", status: "approved", country: "RW" });
  const rwBystander = actor("rw-bystander", { role: "officer", status: "approved", country: "RW" });
  const call = (name: string, data: unknown, caller: Actor) => fn(name).run(request(data, { actor: caller }));
  const refusal = async (name: string, data: unknown, caller: Actor) => {
    const error = (await call(name, data, caller).catch((e: unknown) => e)) as {
      code?: string;
      details?: { reason?: string };
    };
    return { code: error.code ?? "ok", reason: error.details?.reason };
  };
  let rwFound: string;

  beforeEach(async () => {
    deps.analyzer = async () => ({
      modelVersion: "m",
      analyze: () => Promise.reject(new Error("no engine in this test")),
    });
    for (const a of [supervisorBI, rwFinder, rwBystander]) await deps.officers.put(officerRecordOf(a));
    rwFound = (
      await createCase(deps, rwFinder, {
        kind: "found",
        country: "RW",
        station: "Rubavu",
        subject: { names: [], aliases: [], sex: "female", ageRange: { min: 6, max: 9 } },
      })
    ).case.id;
    const face = Array.from({ length: 128 }, (_, i) => (i === 7 ? 1 : 0));
    await addFace(deps, rwFound, face);
    await addFace(
      deps,
      caseId,
      face.map((x, i) => (i === 7 ? 0.8 : i === 9 ? 0.6 : x)),
    );
  });

  const ask = (caller: Actor, validDays = 14, onCase = rwFound) =>
    call(
      "requestCrossBorderSearch",
      { caseId: onCase, to: "BI", purpose: "reunification", legalBasis: "vital_interest", validDays },
      caller,
    ) as Promise<{ request: { id: string; state: string } }>;

  it("a pending request shows nothing of the other side; only the country asked reads and decides it", async () => {
    const { request: sent } = await ask(rwFinder);
    expect(sent.state).toBe("pending");
    // Rwanda still cannot read the Burundian case, nor open a pair on it
    expect(await refusal("getCase", { caseId }, rwFinder)).toMatchObject({ reason: "other_country" });
    expect(
      await refusal("openCrossBorderPair", { requestId: sent.id, candidateCaseId: caseId }, rwFinder),
    ).toMatchObject({
      code: "failed-precondition",
      reason: "cross_border_request_decided",
    });
    // the request as Burundi received it is Burundi's supervisors' alone
    for (const caller of [rwFinder, officerBI])
      expect((await refusal("getCrossBorderRequest", { requestId: sent.id, direction: "received" }, caller)).code).toBe(
        "not-found",
      );
    expect(
      await refusal("decideCrossBorderRequest", { requestId: sent.id, decision: "approve", reason: "x" }, officerBI),
    ).toMatchObject({ code: "permission-denied", reason: "cross_border_decide_not_allowed" });
    // claims of an administrator in a token grant nothing: the record behind it is an officer
    expect(
      (await refusal("decideCrossBorderRequest", { requestId: sent.id, decision: "approve", reason: "x" }, staleToken))
        .code,
    ).toBe("permission-denied");
    expect(
      await codeOf(
        call("decideCrossBorderRequest", { requestId: sent.id, decision: "approve", reason: "child" }, supervisorBI),
      ),
    ).toBe("ok");
    const { sent: answered } = (await call(
      "getCrossBorderRequest",
      { requestId: sent.id, direction: "sent" },
      rwFinder,
    )) as { sent: { results: { case: { id: string } }[] } };
    expect(answered.results.map((c) => c.case.id)).toEqual([caseId]);
  });

  it("a request reaches only its case's candidates, for its case's officers, within its validity", async () => {
    const { request: sent } = await ask(rwFinder, 1);
    await call("decideCrossBorderRequest", { requestId: sent.id, decision: "approve", reason: "child" }, supervisorBI);
    // another Burundian case, not among the answers
    expect(
      await refusal("openCrossBorderPair", { requestId: sent.id, candidateCaseId: foundId }, rwFinder),
    ).toMatchObject({ code: "invalid-argument", reason: "cross_border_not_a_candidate" });
    // a Rwandan officer not on the case
    expect(
      await refusal("openCrossBorderPair", { requestId: sent.id, candidateCaseId: caseId }, rwBystander),
    ).toMatchObject({ code: "permission-denied", reason: "cross_border_pair_not_allowed" });
    // a Rwandan officer cannot send a Burundian case's faces, nor a case of their own to their own country
    expect(
      (
        await refusal(
          "requestCrossBorderSearch",
          { caseId, to: "BI", purpose: "reunification", legalBasis: "vital_interest" },
          rwFinder,
        )
      ).reason,
    ).toBe("other_country");
    expect(
      (
        await refusal(
          "requestCrossBorderSearch",
          { caseId: rwFound, to: "RW", purpose: "reunification", legalBasis: "vital_interest" },
          rwFinder,
        )
      ).reason,
    ).toBe("cross_border_same_country");
    // past its validity the request opens nothing
    deps.clockAt.now = new Date(deps.clockAt.now.getTime() + 2 * 86_400_000);
    expect(
      await refusal("openCrossBorderPair", { requestId: sent.id, candidateCaseId: caseId }, rwFinder),
    ).toMatchObject({ code: "failed-precondition", reason: "cross_border_request_expired" });
  });
});
