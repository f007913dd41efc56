// The retention sweep, rule by rule, with a clock the test moves; its paging (stopped after a page
// and run again, it reaches the same end state as one run) and the purge it shares with erasure.
import { describe, expect, it } from "vitest";
import { casePhotoPath, type SearchHistoryEntry } from "../../src/schemas/index.js";
import { closeCase, reopenCase } from "../../src/services/case-status.js";
import { createCase } from "../../src/services/cases.js";
import { reapplyPurges } from "../../src/services/purge.js";
import { listNotifications } from "../../src/services/notifications.js";
import { confirmCaseStillNeeded, runRetentionSweep } from "../../src/services/retention.js";
import { codeOf } from "../support/codes.js";
import { SYSTEM_ACTOR } from "../../src/services/actor.js";
import { actor, memoryDeps, officerBI, officerRW, supervisorBI, type TestDeps } from "../support/deps.js";
import { reunifiedFixture } from "../support/matches.js";
import { seedCase } from "../support/seed.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const later = (deps: TestDeps, ms: number) => (deps.clockAt.now = new Date(deps.clockAt.now.getTime() + ms));

function searchEntry(deps: TestDeps, id: string, caseId: string): SearchHistoryEntry {
  return {
    id,
    userUid: officerBI.uid,
    purpose: { reason: "shelter intake" },
    filters: {},
    probeSha256: "a".repeat(64),
    modelVersion: "m",
    createdAt: deps.clock.now().toISOString(),
    faces: [{ index: 0, candidates: [{ caseId, similarity: 0.6, band: "strong" }] }],
    outcomes: [
      {
        faceIndex: 0,
        caseId,
        outcome: "no_candidate",
        note: "the mother says it is not her",
        by: officerBI.uid,
        at: deps.clock.now().toISOString(),
      },
    ],
  };
}

describe("retention dates", () => {
  it("count from the resolution or the closing, and stop when a case is re-opened", async () => {
    const deps = memoryDeps();
    const { case: created } = await createCase(deps, officerBI, {
      kind: "missing",
      country: "BI",
      station: "Ngozi",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    expect(created.retentionUntil).toBeUndefined();
    const found = await createCase(deps, officerBI, {
      kind: "found",
      country: "BI",
      station: "Kamenge",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    const [resolved] = (await reunifiedFixture(deps, created.id, found.case.id, officerBI)).cases;
    expect(resolved.retentionUntil).toBe(new Date(deps.clock.now().getTime() + 180 * DAY).toISOString());
    expect(resolved.resolvedBy).toBe(officerBI.uid);
    const reopened = (
      await reopenCase(deps, supervisorBI, { caseId: created.id, reason: "the DNA test said it is not him" })
    ).case;
    expect(reopened.retentionUntil).toBeUndefined();
    expect(reopened.resolvedAt).toBeUndefined();
    expect(reopened.outcome).toBeUndefined();
    expect(reopened.reopened).toMatchObject({
      by: supervisorBI.uid,
      from: "resolved",
      reason: "the DNA test said it is not him",
    });
    later(deps, 10 * DAY);
    const closed = (await closeCase(deps, officerBI, { caseId: created.id, reason: "withdrawn by the family" })).case;
    expect(closed.retentionUntil).toBe("2031-12-05T10:00:00.000Z");
    expect(closed.closedBy).toBe(officerBI.uid);
  });
});

describe("retention sweep", () => {
  it("deletes search photos left in Storage after 24 hours, nothing else", async () => {
    const deps = memoryDeps();
    await deps.blobs.put("probes/officer-bi/a", new Uint8Array([1]), "image/jpeg");
    await deps.blobs.put("probes/officer-rw/b", new Uint8Array([2]), "image/jpeg");
    const { photos } = await seedCase(deps, officerBI, { photos: 1 });
    later(deps, 23 * HOUR);
    await deps.blobs.put("probes/officer-bi/c", new Uint8Array([3]), "image/jpeg");
    expect((await runRetentionSweep(deps)).probesDeleted).toBe(0);
    later(deps, 2 * HOUR);
    expect((await runRetentionSweep(deps)).probesDeleted).toBe(2);
    expect((await deps.blobs.list("probes/", { limit: 10 })).map((b) => b.path)).toEqual(["probes/officer-bi/c"]);
    expect(await deps.blobs.get(photos[0]!.storagePath)).toBeDefined();
  });

  it("deletes case bytes that no photo record keeps once two hours old, and counts them in its audited receipt", async () => {
    const deps = memoryDeps();
    const { case: c, photos } = await seedCase(deps, officerBI, { photos: 1 });
    const bytes = new Uint8Array([1, 2, 3]);
    // an upload cut short before its record, bytes under a refusal whose deletion was interrupted, a crashed write's temporary file
    await deps.blobs.put(casePhotoPath(c.id, "no-record"), bytes, "image/jpeg");
    await deps.blobs.put(casePhotoPath(c.id, "refused"), bytes, "image/jpeg");
    const refusal = {
      ...photos[0]!,
      photoId: "refused",
      storagePath: casePhotoPath(c.id, "refused"),
      status: "rejected" as const,
      reasons: [{ code: "upload_not_allowed", message: "m" }],
    };
    await deps.photos.update(c.id, "refused", () => ({ photo: refusal }));
    await deps.blobs.put(`cases/${c.id}/photos/.0b0b.part`, bytes, "image/jpeg");
    later(deps, 1 * HOUR);
    expect((await runRetentionSweep(deps)).orphanBlobsDeleted).toBe(0);
    later(deps, 1 * HOUR + 60_000);
    // on its way still: younger than two hours
    await deps.blobs.put(casePhotoPath(c.id, "arriving"), bytes, "image/jpeg");
    expect((await runRetentionSweep(deps)).orphanBlobsDeleted).toBe(3);
    expect((await deps.blobs.list(`cases/${c.id}/`, { limit: 10 })).map((b) => b.path)).toEqual([
      casePhotoPath(c.id, "arriving"),
      photos[0]!.storagePath,
    ]);
    const receipt = (await deps.audit.list({ action: "retention.sweep", limit: 1 }))[0]!;
    expect(receipt.details).toMatchObject({ orphanBlobsDeleted: 3 });
  });

  it("forgets rate-limit windows and officers' e-mails after a day (Firestore's TTL in production)", async () => {
    const deps = memoryDeps();
    await deps.rateLimiter.consume("search:u", 5, 60);
    await deps.notifier.notifyOfficer("a@example.org", { subject: "s", text: "t" });
    later(deps, 23 * HOUR);
    expect((await runRetentionSweep(deps)).expiredRecords).toBe(0);
    later(deps, 2 * HOUR);
    expect((await runRetentionSweep(deps)).expiredRecords).toBe(2);
  });

  it("reduces searches older than 90 days to what the audit needs, once", async () => {
    const deps = memoryDeps();
    const { case: c } = await seedCase(deps, officerBI, { photos: 0 });
    await deps.searches.put(searchEntry(deps, "s-old", c.id));
    later(deps, 10 * DAY);
    await deps.searches.put(searchEntry(deps, "s-new", c.id));
    later(deps, 81 * DAY);
    expect((await runRetentionSweep(deps)).searchesReduced).toBe(1);
    const reduced = (await deps.searches.get("s-old"))!;
    expect(reduced.probeSha256).toBeUndefined();
    expect(reduced.faces).toEqual([]);
    expect(reduced.reduced).toMatchObject({ faces: 1, candidates: 1 });
    expect(reduced.outcomes).toEqual([
      expect.objectContaining({ caseId: c.id, outcome: "no_candidate", note: "", by: officerBI.uid }),
    ]);
    expect(reduced.userUid).toBe(officerBI.uid);
    expect(reduced.purpose).toEqual({ reason: "shelter intake" });
    expect((await deps.searches.get("s-new"))!.probeSha256).toBe("a".repeat(64));
    expect((await runRetentionSweep(deps)).searchesReduced).toBe(0);
    later(deps, 10 * DAY);
    expect((await runRetentionSweep(deps)).searchesReduced).toBe(1);
  });

  it("purges a closed case after 5 years and a resolved one after 180 days, leaving a tombstone and an audited receipt", async () => {
    const deps = memoryDeps();
    const closed = await seedCase(deps, officerBI, { photos: 2 });
    const resolved = await seedCase(deps, officerBI, { photos: 1 });
    const open = await seedCase(deps, officerBI, { photos: 1 });
    await closeCase(deps, officerBI, { caseId: closed.case.id, reason: "found deceased, identified" });
    // resolved with the found person it was reunified with (a case without photos)
    const found = await createCase(deps, officerBI, {
      kind: "found",
      country: "BI",
      station: "Kamenge",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    await reunifiedFixture(deps, resolved.case.id, found.case.id, officerBI);
    later(deps, 179 * DAY);
    expect((await runRetentionSweep(deps)).casesPurged).toBe(0);
    later(deps, 2 * DAY);
    const first = await runRetentionSweep(deps);
    expect(first).toMatchObject({ casesPurged: 2, photosDeleted: 1, facesDeleted: 1, blobsDeleted: 1 });
    expect(await deps.cases.get(resolved.case.id)).toBeUndefined();
    expect(await deps.tombstones.get(resolved.case.id)).toMatchObject({
      outcome: "reunified",
      decidedBy: officerBI.uid,
      kind: "missing",
      country: "BI",
      state: "purged",
    });

    deps.clockAt.now = new Date("2031-11-26T10:00:00.000Z");
    expect((await runRetentionSweep(deps)).casesPurged).toBe(1);
    const tombstone = (await deps.tombstones.get(closed.case.id))!;
    expect(tombstone).toMatchObject({
      outcome: "closed",
      decidedBy: officerBI.uid,
      endedAt: "2026-11-25T10:00:00.000Z",
      state: "purged",
    });
    expect(tombstone.pendingReceipt).toBeUndefined();
    const receipt = (await deps.audit.list({ action: "case.purge", limit: 10 })).find(
      (e) => e.target.id === closed.case.id,
    )!;
    expect(receipt.actor).toBe("system");
    expect(receipt.details).toMatchObject({ outcome: "closed", photos: 2, faces: 2, blobs: 2 });
    expect(String(receipt.details!.photoSha256).split(" ").sort()).toEqual(closed.photos.map((p) => p.sha256).sort());
    expect(await deps.faces.countForCase(closed.case.id)).toBe(0);
    expect(await deps.photos.list(closed.case.id)).toEqual([]);

    // an open case is never purged automatically
    deps.clockAt.now = new Date("2099-01-01T00:00:00.000Z");
    expect((await runRetentionSweep(deps)).casesPurged).toBe(0);
    expect(await deps.cases.get(open.case.id)).toBeDefined();
    expect(await deps.faces.countForCase(open.case.id)).toBe(1);
  });

  it("asks the officers of an open case quiet for 12 months to confirm it, once; a confirmation is audited and restarts the clock", async () => {
    const deps = memoryDeps();
    const colleague = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
    const { case: c } = await seedCase(deps, officerBI, { photos: 0 });
    await deps.cases.put({ ...c, officerUids: [officerBI.uid, colleague.uid] });
    later(deps, 364 * DAY);
    expect((await runRetentionSweep(deps)).reviewsRequested).toBe(0);
    later(deps, 2 * DAY);
    expect((await runRetentionSweep(deps)).reviewsRequested).toBe(1);
    for (const who of [officerBI, colleague])
      expect((await listNotifications(deps, who, { unreadOnly: true, limit: 10 })).notifications).toEqual([
        expect.objectContaining({
          kind: "case_review_due",
          cases: [expect.objectContaining({ id: c.id })],
          params: { months: 12 },
        }),
      ]);
    expect((await deps.cases.get(c.id))!.updatedAt).toBe(c.updatedAt);
    later(deps, 30 * DAY);
    expect((await runRetentionSweep(deps)).reviewsRequested).toBe(0);

    expect(await codeOf(confirmCaseStillNeeded(deps, officerRW, { caseId: c.id }))).toBe("permission-denied");
    const confirmed = (await confirmCaseStillNeeded(deps, colleague, { caseId: c.id })).case;
    expect(confirmed.review).toMatchObject({ confirmedBy: colleague.uid, confirmedAt: deps.clock.now().toISOString() });
    expect((await listNotifications(deps, officerBI, { unreadOnly: true, limit: 10 })).notifications).toEqual([]);
    expect(
      (await deps.audit.list({ action: "case.review_confirm", limit: 5 })).map((e) => [e.actor, e.target.id]),
    ).toEqual([[colleague.uid, c.id]]);
    later(deps, 368 * DAY);
    expect((await runRetentionSweep(deps)).reviewsRequested).toBe(1);
    expect((await listNotifications(deps, officerBI, { unreadOnly: false, limit: 10 })).notifications).toHaveLength(2);
    await closeCase(deps, officerBI, { caseId: c.id, reason: "closed" });
    expect(await codeOf(confirmCaseStillNeeded(deps, officerBI, { caseId: c.id }))).toBe("failed-precondition");
  });

  it("a second run deletes nothing; counts go to one audit entry per run", async () => {
    const deps = memoryDeps();
    const { case: c } = await seedCase(deps, officerBI, { photos: 2 });
    await closeCase(deps, officerBI, { caseId: c.id, reason: "closed" });
    await deps.blobs.put("probes/u/x", new Uint8Array([1]), "image/jpeg");
    const now = new Date("2099-01-01T00:00:00.000Z");
    const first = await runRetentionSweep(deps, { now });
    expect(first).toMatchObject({ casesPurged: 1, probesDeleted: 1, complete: true });
    const second = await runRetentionSweep(deps, { now });
    expect(second).toMatchObject({
      casesPurged: 0,
      probesDeleted: 0,
      photosDeleted: 0,
      facesDeleted: 0,
      blobsDeleted: 0,
      searchesReduced: 0,
      expiredRecords: 0,
      complete: true,
    });
    const runs = await deps.audit.list({ action: "retention.sweep", limit: 5 });
    expect(runs.map((r) => r.details?.casesPurged).sort()).toEqual([0, 1]);
  });
});

/** the same data in two stores: one swept page by page with stops, one in a single run */
async function populate(deps: TestDeps): Promise<void> {
  for (let i = 0; i < 7; i++) await deps.blobs.put(`probes/u${i % 3}/p${i}`, new Uint8Array([i]), "image/jpeg");
  for (let i = 0; i < 5; i++) {
    const { case: c } = await seedCase(deps, officerBI, { photos: 2 });
    await closeCase(deps, officerBI, { caseId: c.id, reason: "closed" });
    await deps.searches.put(searchEntry(deps, `s${i}`, c.id));
  }
  for (let i = 5; i < 8; i++) await seedCase(deps, officerBI, { photos: 1 });
}

async function endState(deps: TestDeps) {
  const cases = (await deps.cases.list({}, { limit: 100 })).cases;
  return {
    cases: cases.map((c) => [c.status, c.review?.requestedAt !== undefined]).sort(),
    probes: (await deps.blobs.list("probes/", { limit: 100 })).map((b) => b.path),
    photos: (await deps.blobs.list("cases/", { limit: 100 })).length,
    faces: (await deps.vectors.countByModelVersion()).map((v) => v.count),
    searches: (await deps.searches.list({ limit: 100 }))
      .map((s) => [s.id, s.reduced !== undefined, s.faces.length])
      .sort(),
    notifications: (await deps.notifications.list(officerBI.uid, { unreadOnly: true, limit: 100 })).length,
  };
}

describe("retention sweep paging", () => {
  it("stopped after every page and run again, it reaches the same end state as one run", async () => {
    const stepwise = memoryDeps();
    const whole = memoryDeps();
    await populate(stepwise);
    await populate(whole);
    const now = new Date("2099-01-01T00:00:00.000Z");
    for (const deps of [stepwise, whole]) deps.clockAt.now = now;

    const single = await runRetentionSweep(whole, { now, pageSize: 2 });
    expect(single.complete).toBe(true);
    const totals = { probesDeleted: 0, casesPurged: 0, searchesReduced: 0, reviewsRequested: 0, photosDeleted: 0 };
    let runs = 0;
    for (let done = false; !done; runs++) {
      const run = await runRetentionSweep(stepwise, { now, pageSize: 2, maxPages: 1 });
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += run[k];
      done = run.complete;
      expect(runs).toBeLessThan(50);
    }
    expect(runs).toBeGreaterThan(5);
    expect(totals).toEqual({
      probesDeleted: 7,
      casesPurged: 5,
      searchesReduced: 5,
      reviewsRequested: 3,
      photosDeleted: 10,
    });
    expect(single).toMatchObject(totals);
    expect(await endState(stepwise)).toEqual(await endState(whole));
    expect((await endState(whole)).probes).toEqual([]);
    // and the cursor kept nothing to do again
    expect(await runRetentionSweep(stepwise, { now, pageSize: 2 })).toMatchObject({
      probesDeleted: 0,
      casesPurged: 0,
      searchesReduced: 0,
      reviewsRequested: 0,
    });
  });

  it("a purge interrupted after the photo records went is finished by the next run, its receipt complete", async () => {
    const deps = memoryDeps();
    const { case: c, photos } = await seedCase(deps, officerBI, { photos: 3 });
    await closeCase(deps, officerBI, { caseId: c.id, reason: "closed" });
    const deleteForCase = deps.photos.deleteForCase;
    deps.photos.deleteForCase = async (caseId) => {
      await deleteForCase(caseId);
      throw new Error("instance died");
    };
    const now = new Date("2099-01-01T00:00:00.000Z");
    await expect(runRetentionSweep(deps, { now })).rejects.toThrow("instance died");
    expect((await deps.tombstones.get(c.id))!.state).toBe("purging");
    deps.photos.deleteForCase = deleteForCase;
    expect((await runRetentionSweep(deps, { now })).casesPurged).toBe(1);
    const receipt = (await deps.audit.list({ action: "case.purge", limit: 5 }))[0]!;
    expect(String(receipt.details!.photoSha256).split(" ").sort()).toEqual(photos.map((p) => p.sha256).sort());
    expect(receipt.details).toMatchObject({ photos: 3, faces: 3, blobs: 3 });
    expect(await deps.cases.get(c.id)).toBeUndefined();
  });
});

describe("restores older than a purge", () => {
  it("a case that came back with a restored backup is purged again from its tombstone", async () => {
    const deps = memoryDeps();
    const gone = await seedCase(deps, officerBI, { photos: 2 });
    const kept = await seedCase(deps, officerBI, { photos: 1 });
    // the backup, as an import brings it back: the documents and the photo files as they were
    const backup = { case: (await deps.cases.get(gone.case.id))!, photos: await deps.photos.list(gone.case.id) };
    await closeCase(deps, officerBI, { caseId: gone.case.id, reason: "closed" });
    await runRetentionSweep(deps, { now: new Date("2099-01-01T00:00:00.000Z") });
    expect(await deps.cases.get(gone.case.id)).toBeUndefined();
    await deps.cases.put(backup.case);
    for (const p of backup.photos) {
      await deps.photos.put(p);
      await deps.blobs.put(p.storagePath, new Uint8Array([1, 2, 3]), "image/jpeg");
    }
    expect(await reapplyPurges(deps, SYSTEM_ACTOR, 1)).toEqual({ tombstones: 1, purgedAgain: 1 });
    expect(await deps.cases.get(gone.case.id)).toBeUndefined();
    expect(await deps.blobs.list(`cases/${gone.case.id}/`, { limit: 10 })).toEqual([]);
    expect(await deps.cases.get(kept.case.id)).toBeDefined();
    expect(await reapplyPurges(deps, SYSTEM_ACTOR)).toEqual({ tombstones: 1, purgedAgain: 0 });
  });
});
