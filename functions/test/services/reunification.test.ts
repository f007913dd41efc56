// Reunification on the local adapter: background cross-match (deterministic pairs), the fused
// ranking, review that remembers, four-eyes confirmation, notifications, cross-match exclusion.
// Faces are synthetic unit vectors with chosen similarities, written as ingest writes them (the
// face first, then the indexed photo record, whose write runs the photo trigger of local mode).
import { beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createCaseInput, type Match } from "../../src/schemas/index.js";
import { createCase, getCase, updateCase } from "../../src/services/cases.js";
import { crossMatchPhoto, reunificationMatchId } from "../../src/services/cross-match.js";
import { DUPLICATE_VERSION, PAIR_REOPEN_MARGIN } from "../../src/matching/index.js";
import { confirmReunification, getMatch, listMatches, reviewMatch } from "../../src/services/matches.js";
import { reopenCase } from "../../src/services/case-status.js";
import { listNotifications, markNotificationsRead } from "../../src/services/notifications.js";
import { retractCasePhoto } from "../../src/services/photos.js";
import { SYSTEM_ACTOR } from "../../src/services/actor.js";
import { purgeCase } from "../../src/services/purge.js";
import { codeOf } from "../support/codes.js";
import { addFace, basis, towards } from "../support/synthetic-faces.js";
import {
  actor,
  admin,
  memoryDeps,
  officerBI,
  officerRW,
  supervisorBI,
  type TestDeps,
  officerRecordOf,
} from "../support/deps.js";
import { ServiceError } from "../../src/services/errors.js";

const finder = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
const colleague = actor("officer-bi-3", { role: "officer", status: "approved", country: "BI" });

let deps: TestDeps;

beforeEach(async () => {
  deps = memoryDeps();
  for (const a of [officerBI, finder, colleague, supervisorBI, admin, officerRW])
    await deps.officers.put(officerRecordOf(a, { name: a.uid, email: `${a.uid}@police.example` }));
});

/** a case as the createCase callable makes it (its input parsed, defaults applied) */
async function newCase(
  by = officerBI,
  input: Partial<z.input<typeof createCaseInput>> & Pick<z.input<typeof createCaseInput>, "kind">,
) {
  const { case: c } = await createCase(
    deps,
    by,
    createCaseInput.parse({ country: "BI", station: "S", subject: {}, ...input }),
  );
  return c.id;
}

async function allPairs(): Promise<Match[]> {
  return (await deps.matches.list({}, { limit: 1000 })).matches;
}

const child = {
  missing: {
    subject: {
      names: ["NDAYISHIMIYE Jean-Claude"],
      aliases: [],
      sex: "male" as const,
      birthYear: 2011,
      lastSeenDate: "2025-11-20",
      lastSeenPlace: { country: "BI" as const, level1: "Butanyerera", level2: "Ngozi" },
    },
  },
  found: {
    subject: { names: [], aliases: [], sex: "male" as const, ageRange: { min: 12, max: 16 } },
    found: {
      dateFound: "2025-11-23",
      foundPlace: { country: "BI" as const, level2: "Ngozi" },
      heldAt: { kind: "shelter" as const, name: "Centre Kamenge" },
      condition: "alive" as const,
      cannotIdentify: true,
    },
  },
};

describe("cross-match in the background", () => {
  it("opens one pair per missing ↔ found pair with everything the review needs, and tells both officers", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", externalRef: "NGO-2025-0113", ...child.missing });
    const missingPhoto = await addFace(deps, missingId, basis(0), "2025-06-01");
    const foundId = await newCase(finder, {
      kind: "found",
      externalRef: "KAM-17",
      ...child.found,
      custodyContact: { name: "Soeur Marie", relationship: "director", phone: "+25779000001" },
    });
    const foundPhoto = await addFace(deps, foundId, towards(0, 1, 0.4), "2025-11-23");

    const [pair] = await allPairs();
    expect(pair!.id).toBe(reunificationMatchId(missingId, foundId));
    expect(pair).toMatchObject({
      kind: "reunification",
      country: "BI",
      caseIds: [missingId, foundId],
      state: "new",
      casesOpen: true,
      modelVersion: "m",
      face: {
        similarity: 0.4,
        band: "possible",
        faces: [
          { caseId: missingId, photoId: missingPhoto, photoDate: "2025-06-01" },
          { caseId: foundId, photoId: foundPhoto, photoDate: "2025-11-23" },
        ],
      },
    });
    expect(pair!.calibrationVersion).toMatch(/\+fusion-2$/);
    expect(pair!.fused!.factors.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        "face_similarity",
        "sex_same",
        "age_overlap",
        "found_after_last_seen",
        "place_same_level2",
      ]),
    );
    expect(pair!.fused!.factors.find((f) => f.code === "found_after_last_seen")!.sentence).toBe(
      "found 3 days after last seen",
    );
    expect(pair!.score).toBe(pair!.fused!.llr);
    expect(pair!.history).toEqual([
      expect.objectContaining({ event: "opened", by: "system", state: "new", photoId: foundPhoto }),
    ]);

    for (const who of [officerBI, finder]) {
      const { notifications, unread } = await listNotifications(deps, who, { unreadOnly: false, limit: 10 });
      expect(unread).toBe(1);
      expect(notifications[0]).toMatchObject({
        kind: "new_candidate",
        matchId: pair!.id,
        cases: [
          { id: missingId, externalRef: "NGO-2025-0113" },
          { id: foundId, externalRef: "KAM-17" },
        ],
      });
    }
    // e-mail where configured: a message that names no person and no case
    const mail = (deps.notifier as unknown as { sent(): { to: string; text?: string }[] }).sent();
    expect(mail.map((m) => m.to).sort()).toEqual(["officer-bi-2@police.example", "officer-bi@police.example"]);
    expect(JSON.stringify(mail)).not.toMatch(/NGO-2025|KAM-17|Ndayishimiye/i);

    const { matches, newCount } = await listMatches(deps, supervisorBI, { limit: 25 });
    expect(newCount).toBe(1);
    expect(matches[0]!.cases.map((c) => [c.kind, c.externalRef, c.mine])).toEqual([
      ["missing", "NGO-2025-0113", false],
      ["found", "KAM-17", false],
    ]);
    expect((await markNotificationsRead(deps, officerBI, { all: true })).unread).toBe(0);
    expect((await listNotifications(deps, finder, { unreadOnly: true, limit: 10 })).unread).toBe(1);
  });

  it("an officer's count of new pairs counts their cases and their station's; a supervisor counts the country; a station moved by an edit moves the count", async () => {
    const elsewhere = actor("officer-bi-kirundo", { role: "officer", status: "approved", country: "BI" });
    await deps.officers.put(officerRecordOf(elsewhere, { station: "Kirundo" }));
    await deps.officers.put(officerRecordOf(colleague, { station: "  s " }));
    const missingId = await newCase(officerBI, { kind: "missing", ...child.missing });
    await addFace(deps, missingId, basis(0));
    const foundId = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, foundId, towards(0, 1, 0.4));
    const count = async (a: typeof officerBI) => (await listMatches(deps, a, { limit: 1 })).newCount;
    expect(await count(officerBI)).toBe(1);
    expect(await count(finder)).toBe(1);
    // the same station, written otherwise: concerned
    expect(await count(colleague)).toBe(1);
    expect(await count(elsewhere)).toBe(0);
    expect(await count(supervisorBI)).toBe(1);
    expect((await deps.matches.get(reunificationMatchId(missingId, foundId)))!.concerns).toEqual(
      expect.arrayContaining([`u:${officerBI.uid}`, `u:${finder.uid}`, "s:s"]),
    );
    await updateCase(deps, finder, { caseId: foundId, station: "Kirundo" });
    expect(await count(elsewhere)).toBe(1);
  });

  it("a duplicate delivery changes nothing: one match document, the same content, no second notification", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", ...child.missing });
    await addFace(deps, missingId, basis(0));
    const foundId = await newCase(finder, { kind: "found", ...child.found });
    const photoId = await addFace(deps, foundId, towards(0, 1, 0.45));
    const before = await allPairs();
    expect(before).toHaveLength(1);
    deps.clockAt.now = new Date("2026-11-25T12:00:00.000Z");
    // the trigger delivered twice more, and the photo record written again as a redelivered upload does
    expect(await crossMatchPhoto(deps, { caseId: foundId, photoId })).toMatchObject({ opened: 0, updated: 0 });
    await crossMatchPhoto(deps, { caseId: foundId, photoId });
    await deps.photos.put((await deps.photos.get(foundId, photoId))!);
    expect(await allPairs()).toEqual(before);
    expect((await listNotifications(deps, officerBI, { unreadOnly: false, limit: 10 })).notifications).toHaveLength(1);
  });

  it("ranks the right found case first where the face scores alone tie", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", ...child.missing });
    await addFace(deps, missingId, basis(0), "2025-06-01");
    // eight found children whose faces score the same against the missing child's: one fits the facts
    const wrongFacts = [
      { subject: { names: [], aliases: [], sex: "female" as const, ageRange: { min: 12, max: 16 } }, place: "Ngozi" },
      { subject: { names: [], aliases: [], sex: "male" as const, ageRange: { min: 30, max: 40 } }, place: "Ngozi" },
      {
        subject: { names: [], aliases: [], sex: "male" as const, ageRange: { min: 12, max: 16 } },
        place: "Rumonge",
        dateFound: "2025-01-10",
      },
      { subject: { names: [], aliases: [], sex: "male" as const, ageRange: { min: 3, max: 6 } }, place: "Muyinga" },
      { subject: { names: [], aliases: [], sex: "unknown" as const, ageRange: { min: 20, max: 30 } }, place: "Gitega" },
      { subject: { names: [], aliases: [], sex: "female" as const }, place: "Bubanza" },
      {
        subject: { names: [], aliases: [], sex: "male" as const, ageRange: { min: 14, max: 18 } },
        place: "Mukaza",
        dateFound: "2024-12-01",
      },
    ];
    const ids: string[] = [];
    for (const [k, w] of wrongFacts.entries()) {
      const id = await newCase(finder, {
        kind: "found",
        subject: w.subject,
        found: { dateFound: w.dateFound ?? "2025-11-23", foundPlace: { country: "BI", text: w.place } },
      });
      await addFace(deps, id, towards(0, k + 2, 0.36), "2025-11-23");
      ids.push(id);
    }
    const rightId = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, rightId, towards(0, 1, 0.36), "2025-11-23");

    const pairs = await allPairs();
    expect(new Set(pairs.map((p) => p.face.similarity))).toEqual(new Set([0.36]));
    const { matches } = await listMatches(deps, officerBI, { limit: 25 });
    expect(matches[0]!.match.caseIds[1]).toBe(rightId);
    expect(matches[0]!.match.score).toBeGreaterThan(matches[1]!.match.score);
    // a conflicting fact lowers a pair and is shown, it does not hide it
    const femaleSameAge = matches.find((m) => m.match.caseIds[1] === ids[0]);
    expect(femaleSameAge?.match.fused!.factors.map((f) => f.code)).toContain("sex_different");
  });

  it("re-scores a case's pairs when its facts are edited, keeping the change in the history", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", subject: { names: [], aliases: [], sex: "male" } });
    await addFace(deps, missingId, basis(0));
    const foundId = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, foundId, towards(0, 1, 0.4));
    const [before] = await allPairs();
    await updateCase(deps, officerBI, {
      caseId: missingId,
      subject: { birthYear: 2011, lastSeenDate: "2025-11-20", lastSeenPlace: { country: "BI", level2: "Ngozi" } },
    });
    const [after] = await allPairs();
    expect(after!.score).toBeGreaterThan(before!.score);
    expect(after!.history.at(-1)).toMatchObject({
      event: "facts_changed",
      by: "system",
      state: "new",
      score: after!.score,
    });
    // an edit that changes no fact writes nothing (a station is not a fact of the score: it moves whom the pair concerns)
    await updateCase(deps, officerBI, { caseId: missingId, externalRef: "NGO-1" });
    expect(await allPairs()).toEqual([after]);
    await updateCase(deps, officerBI, { caseId: missingId, station: "Ngozi" });
    expect(await allPairs()).toEqual([{ ...after, concerns: expect.arrayContaining(["s:ngozi", "s:s"]) }]);
  });

  it("proposes a possible duplicate as a fused decision: a child reported twice whose face scores under the threshold, with the factors shown", async () => {
    const report = {
      subject: {
        names: [],
        sex: "female" as const,
        birthYear: 2015,
        lastSeenDate: "2025-02-10",
        lastSeenPlace: { country: "BI" as const, level1: "Butanyerera", level2: "Ngozi" },
      },
    };
    const first = await newCase(officerBI, { kind: "missing", externalRef: "A", ...report });
    await addFace(deps, first, basis(0), "2024-12-01");
    const second = await newCase(colleague, {
      kind: "missing",
      externalRef: "B",
      subject: { ...report.subject, birthYear: 2016, lastSeenDate: "2025-02-12" },
    });
    await addFace(deps, second, towards(0, 1, 0.28), "2023-06-01");
    const pairs = await allPairs();
    expect(pairs).toHaveLength(1);
    const pair = pairs[0]!;
    expect(pair).toMatchObject({
      kind: "duplicate",
      state: "new",
      caseIds: [first, second].sort(),
      face: { band: "below_threshold" },
    });
    expect(pair.band).not.toBe("below_threshold");
    expect(pair.score).toBe(pair.fused!.llr);
    expect(pair.calibrationVersion).toBe(DUPLICATE_VERSION);
    expect(pair.fused!.factors.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        "face_similarity",
        "child_photo",
        "sex_same",
        "reports_age_fit",
        "reports_dates_close",
        "place_same_level2",
      ]),
    );
    expect(pair.fused!.factors.find((f) => f.code === "reports_dates_close")!.sentence).toBe("last seen 2 days apart");
    const queue = await listMatches(deps, officerBI, { limit: 25, kind: "duplicate" });
    expect(queue.matches).toHaveLength(1);
    expect((await listNotifications(deps, colleague, { unreadOnly: true, limit: 5 })).notifications[0]!.kind).toBe(
      "possible_duplicate",
    );
  });

  it("does not propose two different children whose faces cross the face threshold when their facts do not fit", async () => {
    const first = await newCase(officerBI, {
      kind: "missing",
      subject: {
        sex: "male",
        birthYear: 2012,
        lastSeenDate: "2021-04-01",
        lastSeenPlace: { country: "BI", level1: "Butanyerera", level2: "Ngozi" },
      },
    });
    await addFace(deps, first, basis(0), "2020-01-01");
    const second = await newCase(colleague, {
      kind: "missing",
      subject: {
        sex: "female",
        birthYear: 2017,
        lastSeenDate: "2025-09-01",
        lastSeenPlace: { country: "BI", level1: "Burunga", level2: "Rumonge" },
      },
    });
    // a face score the face threshold alone proposed (0.32 and above): a duplicate by the old rule
    await addFace(deps, second, towards(0, 1, 0.4), "2025-01-01");
    expect(await allPairs()).toEqual([]);
    // the same faces with nothing known but the face: proposed only from the face's own strength
    const third = await newCase(colleague, { kind: "missing" });
    await addFace(deps, third, towards(0, 2, 0.56));
    const pairs = await allPairs();
    expect(pairs.map((p) => p.caseIds.includes(third))).toEqual([true]);
  });
});

describe("review that remembers", () => {
  async function reviewedPair(similarity: number) {
    const missingId = await newCase(officerBI, { kind: "missing", ...child.missing });
    await addFace(deps, missingId, basis(0));
    const foundId = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, foundId, towards(0, 1, similarity));
    const matchId = reunificationMatchId(missingId, foundId);
    await reviewMatch(deps, officerBI, {
      matchId,
      outcome: "no_candidate",
      reason: "faces_differ",
      note: "different ears",
    });
    return { missingId, foundId, matchId };
  }

  it("never proposes a pair reviewed 'no candidate' again: not on redelivery, not for new photos that score no better by the margin, not for new facts", async () => {
    const { foundId, matchId } = await reviewedPair(0.36);
    const reviewed = (await deps.matches.get(matchId))!;
    expect(reviewed).toMatchObject({ state: "no_candidate", dismissed: { similarity: 0.36, by: officerBI.uid } });
    expect(reviewed.history.at(-1)).toMatchObject({
      event: "reviewed",
      by: officerBI.uid,
      outcome: "no_candidate",
      reason: "faces_differ",
      note: "different ears",
      modelVersion: "m",
    });
    expect(reviewed.history.at(-1)!.calibrationVersion).toMatch(/fusion-2/);

    await crossMatchPhoto(deps, { caseId: foundId, photoId: reviewed.face.faces[1].photoId });
    await addFace(deps, foundId, towards(0, 2, 0.36 + PAIR_REOPEN_MARGIN - 0.01));
    await updateCase(deps, finder, { caseId: foundId, subject: { names: ["Ndayishimye Jean Claude"] } });
    const after = (await deps.matches.get(matchId))!;
    expect(after.state).toBe("no_candidate");
    expect(after.history.map((h) => h.event)).toEqual(["opened", "reviewed", "face_changed", "facts_changed"]);
    expect((await listMatches(deps, officerBI, { limit: 25 })).matches).toEqual([]);
    expect(
      (await listNotifications(deps, officerBI, { unreadOnly: false, limit: 10 })).notifications.map((n) => n.kind),
    ).toEqual(["new_candidate"]);
  });

  it("re-opens it when new photos raise its face score above what was reviewed by the margin, saying why", async () => {
    const { foundId, matchId } = await reviewedPair(0.36);
    const photoId = await addFace(deps, foundId, towards(0, 3, 0.47));
    const reopened = (await deps.matches.get(matchId))!;
    expect(reopened.state).toBe("new");
    expect(reopened.face.similarity).toBe(0.47);
    expect(reopened.history.at(-1)).toMatchObject({
      event: "reopened",
      by: "system",
      state: "new",
      reviewedSimilarity: 0.36,
      similarity: 0.47,
      photoId,
    });
    expect((await listMatches(deps, officerBI, { limit: 25 })).matches.map((m) => m.match.id)).toEqual([matchId]);
    const { notifications } = await listNotifications(deps, finder, { unreadOnly: false, limit: 10 });
    expect(notifications.map((n) => n.kind)).toEqual(["candidate_reopened", "new_candidate"]);
  });

  it("a retracted photo leaves the pair's face evidence: the best remaining face pair counts", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", ...child.missing });
    await addFace(deps, missingId, basis(0));
    const foundId = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, foundId, towards(0, 1, 0.36));
    const best = await addFace(deps, foundId, towards(0, 2, 0.5));
    const matchId = reunificationMatchId(missingId, foundId);
    expect((await deps.matches.get(matchId))!.face.similarity).toBe(0.5);
    await retractCasePhoto(deps, finder, { caseId: foundId, photoId: best, reason: "another child in the photo" });
    const after = (await deps.matches.get(matchId))!;
    expect(after.face.similarity).toBe(0.36);
    expect(after.history.at(-1)).toMatchObject({ event: "face_changed", similarity: 0.36 });
  });

  it("a retracted only photo takes its pairs out, reviewed or not: none shows withdrawn evidence; a new photo proposes them again", async () => {
    const { missingId, foundId, matchId } = await reviewedPair(0.36);
    const unreviewedId = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, unreviewedId, towards(0, 4, 0.45));
    const unreviewed = reunificationMatchId(missingId, unreviewedId);
    expect((await deps.matches.get(unreviewed))!.state).toBe("new");
    const photoId = (await deps.matches.get(matchId))!.face.faces[0].photoId;
    await retractCasePhoto(deps, officerBI, { caseId: missingId, photoId, reason: "a photo of the brother" });
    expect(await deps.matches.get(matchId)).toBeUndefined();
    expect(await deps.matches.get(unreviewed)).toBeUndefined();
    expect((await listMatches(deps, officerBI, { limit: 25 })).matches).toEqual([]);

    await addFace(deps, missingId, towards(0, 5, 0.9));
    expect((await deps.matches.get(unreviewed))!).toMatchObject({ state: "new" });
    expect((await deps.matches.get(reunificationMatchId(missingId, foundId)))!.history.map((h) => h.event)).toEqual([
      "opened",
    ]);
  });
});

describe("four eyes", () => {
  async function potentialPair() {
    const missingId = await newCase(officerBI, {
      kind: "missing",
      ...child.missing,
      familyContact: { name: "Mama Claude", relationship: "mother", phone: "+25779111222" },
    });
    await addFace(deps, missingId, basis(0));
    const record = (await deps.cases.get(missingId))!;
    await deps.cases.put({ ...record, officerUids: [...record.officerUids, colleague.uid] });
    const foundId = await newCase(finder, {
      kind: "found",
      ...child.found,
      custodyContact: { name: "Soeur Marie", relationship: "director", phone: "+25779000001" },
    });
    await addFace(deps, foundId, towards(0, 1, 0.42));
    const matchId = reunificationMatchId(missingId, foundId);
    await reviewMatch(deps, officerBI, { matchId, outcome: "potential_candidate", reason: "faces_match" });
    return { missingId, foundId, matchId };
  }

  it("the officer who marked the pair potential cannot confirm it, nor a colleague of the same case only", async () => {
    const { matchId } = await potentialPair();
    const same = (await confirmReunification(deps, officerBI, { matchId }).catch((e: unknown) => e)) as ServiceError;
    expect(same.reason).toBe("match_same_reviewer");
    expect(same.code).toBe("permission-denied");
    expect(
      ((await confirmReunification(deps, colleague, { matchId }).catch((e: unknown) => e)) as ServiceError).reason,
    ).toBe("match_confirm_not_allowed");
    expect(await codeOf(confirmReunification(deps, officerRW, { matchId }))).toBe("permission-denied");
    expect((await getMatch(deps, officerBI, { matchId, includeContacts: false })).access).toMatchObject({
      mayReview: true,
      mayConfirm: false,
      confirmRefusal: "match_same_reviewer",
    });
    expect((await getMatch(deps, finder, { matchId, includeContacts: false })).access).toMatchObject({
      mayConfirm: true,
      mayReadContacts: false,
    });
    expect((await deps.matches.get(matchId))!.state).toBe("potential");
    // the officer of the found case is told that a confirmation waits
    expect((await listNotifications(deps, finder, { unreadOnly: false, limit: 5 })).notifications[0]!.kind).toBe(
      "confirmation_needed",
    );
  });

  it("the other case's officer confirms: both cases resolved as reunified, contacts shown to the found case's officer, both officers told, all audited", async () => {
    const { missingId, foundId, matchId } = await potentialPair();
    deps.clockAt.now = new Date("2026-11-26T08:00:00.000Z");
    const { match, cases } = await confirmReunification(deps, finder, {
      matchId,
      note: "mother recognised him at the shelter",
    });
    expect(match.state).toBe("confirmed");
    expect(match.history.at(-1)).toMatchObject({
      event: "confirmed",
      by: finder.uid,
      note: "mother recognised him at the shelter",
    });
    for (const c of cases)
      expect(c).toMatchObject({
        status: "resolved",
        outcome: "reunified",
        reunification: { matchId, markedBy: officerBI.uid, confirmedBy: finder.uid },
      });
    expect(cases[0].reunification!.otherCaseId).toBe(foundId);
    expect(
      await deps.faces.findNearest({
        vector: Float32Array.from(basis(0)),
        filter: { caseStatus: "open" },
        limit: 5,
        distanceThreshold: 2,
      }),
    ).toEqual([]);

    const shown = await getMatch(deps, finder, { matchId, includeContacts: true });
    expect(shown.familyContact).toEqual({ name: "Mama Claude", relationship: "mother", phone: "+25779111222" });
    expect(shown.custodyContact).toMatchObject({ name: "Soeur Marie" });
    const missingOfficer = await getMatch(deps, officerBI, { matchId, includeContacts: true });
    expect(missingOfficer.custodyContact).toMatchObject({ phone: "+25779000001" });
    expect(
      await codeOf(
        getMatch(deps, actor("officer-bi-9", { role: "officer", status: "approved", country: "BI" }), {
          matchId,
          includeContacts: true,
        }),
      ),
    ).toBe("permission-denied");

    const kinds = (uid: typeof officerBI) =>
      listNotifications(deps, uid, { unreadOnly: true, limit: 10 }).then((r) => r.notifications.map((n) => n.kind));
    expect(await kinds(officerBI)).toContain("reunification_confirmed");
    expect(await kinds(colleague)).toContain("reunification_confirmed");
    const actions = (await deps.audit.list({ limit: 50 })).map((e) => `${e.action}:${e.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `match.review:${officerBI.uid}`,
        `match.confirm:${finder.uid}`,
        `case.reunified:${finder.uid}`,
        `case.decrypt_contact:${finder.uid}`,
      ]),
    );
    // the review is closed; the pair stays in the record
    expect(
      (
        (await reviewMatch(deps, officerBI, { matchId, outcome: "no_candidate", reason: "faces_differ" }).catch(
          (e: unknown) => e,
        )) as ServiceError
      ).reason,
    ).toBe("match_confirmed");
    expect((await listMatches(deps, officerBI, { limit: 25 })).matches).toEqual([]);
    expect(
      (await listMatches(deps, officerBI, { limit: 25, states: ["confirmed"] })).matches.map((m) => m.match.id),
    ).toEqual([matchId]);
    expect((await getCase(deps, finder, { caseId: missingId, includeFamilyContact: false })).case.outcome).toBe(
      "reunified",
    );
  });

  it("a confirmation closes the two cases' other pairs as 'resolved elsewhere' in its own step, with the reason in their history; a re-opening gives them back", async () => {
    const { missingId, foundId, matchId } = await potentialPair();
    // a second found child resembling the missing one: a pair that waits for review
    const other = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, other, towards(0, 2, 0.45));
    const otherPair = reunificationMatchId(missingId, other);
    expect((await deps.matches.get(otherPair))?.state).toBe("new");
    await confirmReunification(deps, finder, { matchId });
    const closed = (await deps.matches.get(otherPair))!;
    expect(closed.state).toBe("closed");
    expect(closed.casesOpen).toBe(false);
    expect(closed.history.at(-1)).toMatchObject({ event: "resolved_elsewhere", elsewhere: matchId, by: finder.uid });
    // its case's page lists it closed, the confirmed pair confirmed
    const states = (await listMatches(deps, officerBI, { caseId: missingId, limit: 10 })).matches.map((m) => [
      m.match.id,
      m.match.state,
    ]);
    expect(states).toEqual(
      expect.arrayContaining([
        [otherPair, "closed"],
        [matchId, "confirmed"],
      ]),
    );
    // a new photo does not bring a closed pair back while the case is resolved
    await addFace(deps, other, towards(0, 2, 0.3));
    expect((await deps.matches.get(otherPair))!.state).toBe("closed");
    // the reunification was a mistake: the supervisor re-opens the missing case; the pair is back as it was
    await reopenCase(deps, supervisorBI, { caseId: missingId, reason: "the family did not recognise him" });
    const back = (await deps.matches.get(otherPair))!;
    expect(back).toMatchObject({ state: "new", casesOpen: true });
    expect(back.history.at(-1)).toMatchObject({ event: "restored", state: "new", by: supervisorBI.uid });
    expect(foundId).toBeDefined();
  });

  it("the transaction of a confirmation reads the other pairs of both cases: the port gives them to the decision", async () => {
    const { missingId, matchId } = await potentialPair();
    const other = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, other, towards(0, 2, 0.45));
    let seen: string[] = [];
    await deps.decisions.ofPair(matchId, (_pair, _cases, others) => {
      seen = others.map((p) => p.id);
      return undefined;
    });
    expect(seen).toEqual([reunificationMatchId(missingId, other)]);
  });

  it("a supervisor or an administrator may confirm what an officer marked", async () => {
    const { matchId } = await potentialPair();
    expect((await getMatch(deps, supervisorBI, { matchId, includeContacts: false })).access.mayConfirm).toBe(true);
    expect((await confirmReunification(deps, admin, { matchId })).match.state).toBe("confirmed");
  });
});

describe("cross-match exclusion", () => {
  it("a case excluded from cross-match never appears in a match, says why, and comes back when included again", async () => {
    const excluded = await newCase(officerBI, {
      kind: "missing",
      legalBasis: "police_inquiry",
      crossMatch: { allowed: false, reason: "suspect in an inquiry: no matching without a magistrate's order" },
      ...child.missing,
    });
    await addFace(deps, excluded, basis(0));
    const foundId = await newCase(finder, { kind: "found", ...child.found });
    await addFace(deps, foundId, towards(0, 1, 0.6));
    const otherMissing = await newCase(colleague, { kind: "missing", ...child.missing });
    await addFace(deps, otherMissing, towards(0, 2, 0.55));
    // a photo of the excluded case added while the others are there
    await addFace(deps, excluded, towards(0, 3, 0.9));

    const pairs = await allPairs();
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((p) => !p.caseIds.includes(excluded))).toBe(true);
    expect((await getCase(deps, officerBI, { caseId: excluded, includeFamilyContact: false })).case.crossMatch).toEqual(
      {
        allowed: false,
        reason: "suspect in an inquiry: no matching without a magistrate's order",
      },
    );

    await updateCase(deps, officerBI, { caseId: excluded, crossMatch: { allowed: true } });
    expect((await allPairs()).some((p) => p.caseIds.includes(excluded))).toBe(true);
    // excluded again: its pairs leave the store
    await updateCase(deps, officerBI, { caseId: excluded, crossMatch: { allowed: false, reason: "order withdrawn" } });
    expect((await allPairs()).some((p) => p.caseIds.includes(excluded))).toBe(false);
    expect(await deps.matches.listForCase(excluded)).toEqual([]);
  });

  it("a purge deletes every pair of a case, on both sides, and the notifications about them", async () => {
    const missingId = await newCase(officerBI, { kind: "missing", ...child.missing });
    await addFace(deps, missingId, basis(0));
    const foundIds: string[] = [];
    for (let k = 1; k <= 3; k++) {
      foundIds.push(await newCase(finder, { kind: "found", ...child.found }));
      await addFace(deps, foundIds.at(-1)!, towards(0, k, 0.45));
    }
    expect(await deps.matches.listForCase(missingId)).toHaveLength(3);
    const unread = async (who: typeof officerBI) =>
      (await listNotifications(deps, who, { unreadOnly: false, limit: 10 })).notifications;
    expect(await unread(officerBI)).not.toEqual([]);

    const record = (await deps.cases.get(missingId))!;
    const { receipt } = await purgeCase(deps, SYSTEM_ACTOR, record, { outcome: "erased", decidedBy: admin.uid });
    expect(receipt.matches).toBe(3);
    expect(await deps.matches.listForCase(missingId)).toEqual([]);
    for (const id of foundIds) expect(await deps.matches.listForCase(id)).toEqual([]);
    expect(await unread(officerBI)).toEqual([]);
    expect((await unread(finder)).filter((n) => n.cases.some((c) => c.id === missingId))).toEqual([]);
  });
});
