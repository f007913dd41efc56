// A case's candidate list: every open case of the other kind in the country ranked by the fused
// score whatever the band, exact face scores against all of them; reviewing a candidate opens it
// as a pair (same outcomes, same memory of a "no candidate"). Synthetic unit vectors with chosen
// similarities, written as ingest writes them.
import { beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createCaseInput, listCaseCandidatesOutput } from "../../src/schemas/index.js";
import { listCaseCandidates, openCandidatePair, rankCandidates } from "../../src/services/candidates.js";
import { createCase, updateCase } from "../../src/services/cases.js";
import { reunificationMatchId } from "../../src/services/cross-match.js";
import { reviewMatch } from "../../src/services/matches.js";
import { codeOf } from "../support/codes.js";
import { addFace, basis, towards } from "../support/synthetic-faces.js";
import { actor, admin, memoryDeps, officerBI, officerRecordOf, officerRW, type TestDeps } from "../support/deps.js";

const finder = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
const bystander = actor("officer-bi-3", { role: "officer", status: "approved", country: "BI" });

let deps: TestDeps;

beforeEach(async () => {
  deps = memoryDeps();
  // faces of the synthetic model "m": the active model of these tests
  deps.analyzer = async () => ({
    modelVersion: "m",
    analyze: () => Promise.reject(new Error("no engine in this test")),
  });
  for (const a of [officerBI, finder, bystander, admin, officerRW])
    await deps.officers.put(officerRecordOf(a, { name: a.uid }));
});

async function newCase(
  by: typeof officerBI,
  input: Partial<z.input<typeof createCaseInput>> & Pick<z.input<typeof createCaseInput>, "kind">,
) {
  const { case: c } = await createCase(
    deps,
    by,
    createCaseInput.parse({ country: "BI", station: "S", subject: {}, ...input }),
  );
  return c.id;
}

/** a child missing since 2012 (photo at 6), found in 2026 as a young man: his face says little across 14 years, his facts fit */
const longMissing = {
  subject: {
    sex: "male" as const,
    birthYear: 2006,
    lastSeenDate: "2012-05-01",
    lastSeenPlace: { country: "BI" as const, level1: "Butanyerera", level2: "Ngozi" },
  },
};
const foundFacts = (
  over: { sex?: "male" | "female"; min?: number; max?: number; level2?: string; level1?: string } = {},
) => ({
  subject: { sex: over.sex ?? ("male" as const), ageRange: { min: over.min ?? 17, max: over.max ?? 23 } },
  found: {
    dateFound: "2026-03-01",
    foundPlace: {
      country: "BI" as const,
      ...(over.level1 ? { level1: over.level1 } : {}),
      level2: over.level2 ?? "Ngozi",
    },
  },
});

describe("a case's candidate list", () => {
  it("ranks every open found case by the fused score whatever the band, says most of it is not the person, and gives each candidate's factors and photo gap", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", externalRef: "NGO-2012-7", ...longMissing });
    await addFace(deps, missingId, basis(0), "2012-03-01");
    // the right person: a face score far below the threshold (0.32), and below every stranger's
    const rightId = await newCase(finder, { kind: "found", externalRef: "KAM-1", ...foundFacts() });
    await addFace(deps, rightId, towards(0, 1, 0.15), "2026-03-01");
    // 30 strangers whose faces score higher, with facts that do not fit (a woman, an older man, elsewhere)
    const strangers: string[] = [];
    for (let k = 0; k < 30; k++) {
      const facts =
        k % 3 === 0
          ? foundFacts({ sex: "female" })
          : k % 3 === 1
            ? foundFacts({ min: 40, max: 50 })
            : foundFacts({ level1: "Rumonge", level2: "Rumonge" });
      const id = await newCase(finder, { kind: "found", externalRef: `S-${k}`, ...facts });
      await addFace(deps, id, towards(0, k + 2, 0.16 + k * 0.002), "2026-03-01");
      strangers.push(id);
    }
    const list = await listCaseCandidates(deps, officerBI, { caseId: missingId });
    expect(listCaseCandidatesOutput.parse(list)).toEqual(list);
    expect(list.scope).toEqual({ kind: "found", country: "BI", openCases: 31, withFaces: 31 });
    expect(list.candidates).toHaveLength(20);
    const first = list.candidates[0]!;
    expect(first.case.externalRef).toBe("KAM-1");
    expect(first.similarity).toBeCloseTo(0.15, 4);
    // the face alone ranks it last: the facts put it first
    expect(list.candidates.slice(1).every((c) => c.similarity > first.similarity && c.score < first.score)).toBe(true);
    expect(first.photoAgeGapYears).toBe(14);
    expect(first.factors.map((f) => f.code)).toEqual(
      expect.arrayContaining(["face_similarity", "photo_age_gap", "sex_same", "place_same_level2"]),
    );
    // a child's photo against an adult's: the bands hold (LAG: 0.9× the adults' false-match rate), no child note
    expect(first.factors.some((f) => f.code === "child_photo")).toBe(false);
    expect(list.candidates.map((c) => c.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 1; i < 20; i++)
      expect(list.candidates[i - 1]!.score).toBeGreaterThanOrEqual(list.candidates[i]!.score);
    expect(list.belowWeak).toBe(list.candidates.filter((c) => c.band === "below_threshold").length);
    expect(list.belowWeak).toBeGreaterThan(15);
    expect(list.notice).toContain("NOT the person");
    expect(first.matchId).toBe(reunificationMatchId(missingId, rightId));
    expect(first.faces.map((f) => f.caseId)).toEqual([missingId, rightId]);
    expect(
      (await deps.audit.list({ limit: 50 })).some((e) => e.action === "case.candidates" && e.target.id === missingId),
    ).toBe(true);
    // the list of a found case holds the missing persons
    const back = await listCaseCandidates(deps, finder, { caseId: rightId, limit: 5 });
    expect(back.candidates.map((c) => c.case.id)).toEqual([missingId]);
    expect(back.candidates[0]!.faces.map((f) => f.caseId)).toEqual([rightId, missingId]);
    expect(back.candidates[0]!.score).toBe(first.score);
  });

  it("looks only at open, cross-matched cases of the other kind in the case's country", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", ...longMissing });
    await addFace(deps, missingId, basis(0));
    const other = await newCase(officerBI, { kind: "missing" });
    await addFace(deps, other, basis(0));
    const rw = await newCase(officerRW, { kind: "found", country: "RW" });
    await addFace(deps, rw, basis(0));
    const excluded = await newCase(finder, {
      kind: "found",
      legalBasis: "police_inquiry",
      crossMatch: { allowed: false, reason: "court order" },
    });
    await addFace(deps, excluded, basis(0));
    const kept = await newCase(finder, { kind: "found" });
    await addFace(deps, kept, towards(0, 3, 0.1));
    const list = await rankCandidates(deps, (await deps.cases.get(missingId))!, 20);
    expect(list.candidates.map((c) => c.case.id)).toEqual([kept]);
    expect(list.scope.openCases).toBe(1);
    expect(await codeOf(listCaseCandidates(deps, officerRW, { caseId: missingId }))).toBe("permission-denied");
    expect(await codeOf(listCaseCandidates(deps, finder, { caseId: excluded }))).toBe("failed-precondition");
    // a case without a searchable face has an empty list, and says so
    const faceless = await newCase(officerBI, { kind: "missing" });
    expect((await listCaseCandidates(deps, officerBI, { caseId: faceless })).faces).toBe(0);
  });

  it("reviewing a candidate opens it as a pair; 'no candidate' keeps it off the list until a stronger photo", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", ...longMissing });
    await addFace(deps, missingId, basis(0), "2012-03-01");
    const candidate = await newCase(finder, { kind: "found", ...foundFacts({ sex: "female" }) });
    await addFace(deps, candidate, towards(0, 1, 0.1), "2026-03-01");
    expect(await deps.matches.get(reunificationMatchId(missingId, candidate))).toBeUndefined();

    expect(await codeOf(openCandidatePair(deps, bystander, { caseId: missingId, candidateCaseId: candidate }))).toBe(
      "permission-denied",
    );
    const { match } = await openCandidatePair(deps, officerBI, { caseId: missingId, candidateCaseId: candidate });
    expect(match).toMatchObject({
      id: reunificationMatchId(missingId, candidate),
      state: "new",
      band: "below_threshold",
      caseIds: [missingId, candidate],
    });
    expect(match.history[0]).toMatchObject({ event: "opened", by: officerBI.uid });
    expect((await openCandidatePair(deps, finder, { caseId: candidate, candidateCaseId: missingId })).match).toEqual(
      match,
    );
    const listed = await listCaseCandidates(deps, officerBI, { caseId: missingId });
    expect(listed.candidates[0]!.pair).toEqual({ state: "new" });

    await reviewMatch(deps, officerBI, { matchId: match.id, outcome: "no_candidate", reason: "faces_differ" });
    const after = await listCaseCandidates(deps, officerBI, { caseId: missingId });
    expect(after.candidates).toEqual([]);
    expect(after.excluded).toBe(1);
    // a new photo that raises the face score by the margin brings it back, still reviewed "no candidate"
    await addFace(deps, candidate, towards(0, 2, 0.2), "2026-03-02");
    const back = await listCaseCandidates(deps, officerBI, { caseId: missingId });
    expect(back.candidates.map((c) => c.case.id)).toEqual([candidate]);
    expect(back.candidates[0]!.similarity).toBeCloseTo(0.2, 4);
  });

  it("has its own per-minute window: lists opened again and again are refused, an officer's searches are not taken", async () => {
    const limited = memoryDeps({ searchesPerMinute: 2 });
    limited.analyzer = deps.analyzer;
    for (const a of [officerBI]) await limited.officers.put(officerRecordOf(a, { name: a.uid }));
    const { case: c } = await createCase(
      limited,
      officerBI,
      createCaseInput.parse({ kind: "missing", country: "BI", station: "S", subject: {} }),
    );
    await listCaseCandidates(limited, officerBI, { caseId: c.id });
    await listCaseCandidates(limited, officerBI, { caseId: c.id });
    expect(await codeOf(listCaseCandidates(limited, officerBI, { caseId: c.id }))).toBe("resource-exhausted");
    expect((await limited.rateLimiter.consume(`search:${officerBI.uid}`, 2, 60)).allowed).toBe(true);
  });

  it("refuses a pair that cannot be one: two cases of one kind, or a closed case", async () => {
    const a = await newCase(officerBI, { kind: "missing" });
    const b = await newCase(officerBI, { kind: "missing" });
    await addFace(deps, a, basis(0));
    await addFace(deps, b, basis(0));
    expect(await codeOf(openCandidatePair(deps, officerBI, { caseId: a, candidateCaseId: b }))).toBe(
      "failed-precondition",
    );
    const f = await newCase(officerBI, { kind: "found" });
    expect(await codeOf(openCandidatePair(deps, officerBI, { caseId: a, candidateCaseId: f }))).toBe(
      "failed-precondition",
    ); // no face
    await updateCase(deps, officerBI, { caseId: f, station: "Gitega" });
  });
});
