// Limits that stop scraping without stopping an officer at work: a per-minute burst, a 24-hour
// budget an administrator can raise for one officer, refused photos that cost nothing else, and
// no officer limit for the command line's operator.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.js";
import type { ServiceError } from "../../src/services/errors.js";
import { setOfficerSearchBudget } from "../../src/services/officers.js";
import { searchFaces } from "../../src/services/search.js";
import { throughBoundary } from "../support/boundary.js";
import { codeOf } from "../support/codes.js";
import { skipReason, smoke } from "../support/data.js";
import { admin, memoryDeps, officerBI, type TestDeps, officerRecordOf } from "../support/deps.js";

const skip = skipReason({ models: true, faces: true }, "search rate limits");
const face = { contentBase64: readFileSync(smoke("people", "penny", "penny5.png")).toString("base64") };
const noFace = { contentBase64: readFileSync(smoke("nonface", "white.png")).toString("base64") };
const unreadable = { contentBase64: Buffer.from("not a photo").toString("base64") };
const search = (deps: TestDeps, probe: { contentBase64: string }, caller = officerBI) =>
  searchFaces(deps, caller, { probe, purpose: { reason: "intake" }, filters: {}, limit: 1 });
const reasonOf = async (run: Promise<unknown>): Promise<string | undefined> =>
  (
    (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as ServiceError | undefined
  )?.details?.reason;

describe.skipIf(skip)("search limits", () => {
  it("a photo without a usable face does not count against the burst or the budget", async () => {
    const deps = memoryDeps({ searchesPerMinute: 2, searchesPerDay: 2 });
    for (let i = 0; i < 3; i++) expect(await codeOf(search(deps, noFace))).toBe("ok");
    expect(await codeOf(search(deps, unreadable))).toBe("invalid-argument");
    expect(await codeOf(search(deps, face))).toBe("ok");
    expect(await codeOf(search(deps, face))).toBe("ok");
    expect(await reasonOf(search(deps, face))).toBe("searches_exhausted");
  });

  it("refused photos have their own hourly limit", async () => {
    const deps = memoryDeps({ refusedProbesPerHour: 3 });
    for (let i = 0; i < 3; i++) await search(deps, noFace);
    expect(await reasonOf(search(deps, noFace))).toBe("refused_probes_exhausted");
    // a real search is refused too while the limit holds (its place is taken until it has a face)
    expect(await reasonOf(search(deps, face))).toBe("refused_probes_exhausted");
    deps.clockAt.now = new Date(deps.clockAt.now.getTime() + 3601_000);
    expect(await codeOf(search(deps, face))).toBe("ok");
  });

  it("a 24-hour budget behind the burst, which an administrator raises for one officer (audited)", async () => {
    const deps = memoryDeps({ searchesPerMinute: 100, searchesPerDay: 2 });
    await search(deps, face);
    await search(deps, face);
    const error = (await search(deps, face).catch((e: unknown) => e)) as ServiceError;
    expect(error.details.reason).toBe("search_budget_exhausted");
    expect(error.message).toMatch(
      /^You have used your 2 searches of the last 24 hours\. Try again in \d+ minutes, or ask an administrator to raise your budget\.$/,
    );

    await deps.officers.put(officerRecordOf(officerBI));
    const budgetAs = throughBoundary(deps, "setOfficerSearchBudget", setOfficerSearchBudget);
    expect(await codeOf(budgetAs(officerBI, { uid: officerBI.uid, searchesPerDay: 500, note: "self-service" }))).toBe(
      "permission-denied",
    );
    const { officer } = await setOfficerSearchBudget(deps, admin, {
      uid: officerBI.uid,
      searchesPerDay: 4,
      note: "shelter intake week",
    });
    expect(officer.searchesPerDay).toBe(4);
    expect((await deps.audit.list({ action: "officer.search_budget", limit: 1 }))[0]).toMatchObject({
      actor: admin.uid,
      details: { from: "default", to: 4 },
    });
    // the callable boundary gives the caller the budget of their record
    const withBudget = { ...officerBI, searchesPerDay: officer.searchesPerDay! };
    expect(await codeOf(search(deps, face, withBudget))).toBe("ok");
    expect(await codeOf(search(deps, face, withBudget))).toBe("ok");
    expect(await reasonOf(search(deps, face, withBudget))).toBe("search_budget_exhausted");
    const reset = await setOfficerSearchBudget(deps, admin, {
      uid: officerBI.uid,
      searchesPerDay: null,
      note: "intake over",
    });
    expect(reset.officer.searchesPerDay).toBeUndefined();
  });

  it("the command line's operator is not limited like an officer", async () => {
    const deps = memoryDeps({ searchesPerMinute: 1, searchesPerDay: 1, refusedProbesPerHour: 1 });
    for (let i = 0; i < 4; i++) expect(await codeOf(search(deps, i % 2 ? noFace : face, SYSTEM_ACTOR))).toBe("ok");
  });
});
