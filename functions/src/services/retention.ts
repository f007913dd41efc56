// The retention sweep: data leaves on time, page by page. Each rule works one page at a time and
// the sweep keeps where each stopped (a cursor kept between runs), so a run stopped anywhere —
// a deadline, a crash, a page budget — is resumed by the next one and reaches the same end state.
// Every step is idempotent. What it did is one structured event and one audit entry.
//
// Rules: short-lived records past their expiry (what Firestore's TTL policies do in production);
// search photos left in Storage past their hours; stored case photo bytes that no photo record
// keeps (an upload cut short by a crash); search history reduced past its days; resolved
// and closed cases purged past their retention date; open cases without activity for months: their
// officers are asked whether the case is still needed (an open case is never purged automatically).
import { createHash } from "node:crypto";
import type { Deps, Page } from "../ports/index.js";
import {
  CASES_PREFIX,
  parseCasePhotoPath,
  PROBES_PREFIX,
  type Case,
  type SearchHistoryEntry,
  type SweepCounts,
  type SweepRule,
  type SweepState,
} from "../schemas/index.js";
import { caseReference } from "../words/case-reference.js";
import { SYSTEM_ACTOR, type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { mayManage, mustGetCase, toView } from "./cases.js";
import { ServiceError } from "./errors.js";
import { keepsItsBytes } from "./photo-ingest.js";
import { purgeCase } from "./purge.js";

interface SweepOptions {
  /** the sweep's "now" (the command line's --now); default the clock's */
  now?: Date;
  pageSize?: number;
  /** stop after this many pages (the cursor keeps the place) */
  maxPages?: number;
  /** stop at this time (ms since the epoch), e.g. before a scheduled function's timeout */
  deadline?: number;
}

export type SweepResult = SweepCounts & { complete: boolean; pages: number };

interface RuleContext {
  deps: Deps;
  now: Date;
  limit: number;
  counts: SweepCounts;
}

/**
 * One page of a rule, from `after`. `resume` rules list what is still to do (done work drops out of
 * the listing): their cursor is cleared when they reach the end. `mark` rules list by time what
 * stays in place: their cursor is a high-water mark, kept, so a run never reads old pages again.
 */
interface Rule {
  cursor: "resume" | "mark";
  page(ctx: RuleContext, after: string | undefined): Promise<{ done: boolean; next?: string }>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Stored case bytes without a photo record that keeps them are deleted once this old. Two hours, not
 * one: a Storage upload event is retried for an hour, and its first retry after that hands the
 * photo to the scheduled resume (a record) — the sweep must not delete an upload still on its way.
 */
const ORPHAN_BYTES_AFTER_HOURS = 2;

function monthsBefore(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

const ended = <T>(page: Page<T>, limit: number) => ({
  done: page.items.length < limit,
  ...(page.next ? { next: page.next } : {}),
});

const RULES: Record<SweepRule, Rule> = {
  expired_records: {
    cursor: "resume",
    async page({ deps, now, limit, counts }) {
      const deleted = await deps.expiring.deleteExpired(now, limit);
      counts.expiredRecords += deleted;
      return { done: deleted < limit };
    },
  },
  probes: {
    cursor: "resume",
    async page({ deps, now, limit, counts }, after) {
      const olderThan = new Date(now.getTime() - deps.retention.probeHours * HOUR);
      const probes = await deps.blobs.list(PROBES_PREFIX, { limit, olderThan, ...(after ? { after } : {}) });
      for (const p of probes) await deps.blobs.delete(p.path);
      counts.probesDeleted += probes.length;
      return { done: probes.length < limit, ...(probes.length ? { next: probes.at(-1)!.path } : {}) };
    },
  },
  orphan_blobs: {
    cursor: "resume",
    async page({ deps, now, limit, counts }, after) {
      const olderThan = new Date(now.getTime() - ORPHAN_BYTES_AFTER_HOURS * HOUR);
      const objects = await deps.blobs.list(CASES_PREFIX, { limit, olderThan, ...(after ? { after } : {}) });
      for (const o of objects) {
        const path = parseCasePhotoPath(o.path);
        const record = path ? await deps.photos.get(path.caseId, path.photoId) : undefined;
        if (record && keepsItsBytes(record)) continue;
        await deps.blobs.delete(o.path);
        counts.orphanBlobsDeleted++;
      }
      return { done: objects.length < limit, ...(objects.length ? { next: objects.at(-1)!.path } : {}) };
    },
  },
  search_history: {
    cursor: "mark",
    async page({ deps, now, limit, counts }, after) {
      const before = new Date(now.getTime() - deps.retention.searchHistoryDays * DAY).toISOString();
      const page = await deps.searches.listCreatedBefore(before, { limit, ...(after ? { after } : {}) });
      for (const entry of page.items) {
        if (entry.reduced) continue;
        await deps.searches.put(reducedSearch(entry, now));
        counts.searchesReduced++;
      }
      return ended(page, limit);
    },
  },
  case_purge: {
    cursor: "resume",
    async page({ deps, now, limit, counts }, after) {
      const page = await deps.cases.listRetentionDue(now.toISOString(), { limit, ...(after ? { after } : {}) });
      for (const record of page.items) {
        const { receipt } = await purgeCase(deps, SYSTEM_ACTOR, record, {
          outcome: record.status === "resolved" ? "reunified" : "closed",
          decidedBy: (record.status === "resolved" ? record.resolvedBy : record.closedBy) ?? "unrecorded",
        });
        counts.casesPurged++;
        counts.photosDeleted += receipt.photos;
        counts.facesDeleted += receipt.faces;
        counts.blobsDeleted += receipt.blobs;
      }
      return ended(page, limit);
    },
  },
  open_case_review: {
    cursor: "mark",
    async page({ deps, now, limit, counts }, after) {
      const months = deps.retention.openCaseReviewMonths;
      const page = await deps.cases.listOpenInactive(monthsBefore(now, months).toISOString(), {
        limit,
        ...(after ? { after } : {}),
      });
      for (const record of page.items) if (await requestReview(deps, record, now, months)) counts.reviewsRequested++;
      return ended(page, limit);
    },
  },
};

const ORDER: SweepRule[] = [
  "expired_records",
  "probes",
  "orphan_blobs",
  "search_history",
  "case_purge",
  "open_case_review",
];

const zeroCounts = (): SweepCounts => ({
  expiredRecords: 0,
  probesDeleted: 0,
  orphanBlobsDeleted: 0,
  searchesReduced: 0,
  casesPurged: 0,
  photosDeleted: 0,
  facesDeleted: 0,
  blobsDeleted: 0,
  reviewsRequested: 0,
});

export async function runRetentionSweep(deps: Deps, options: SweepOptions = {}): Promise<SweepResult> {
  const started = Date.now();
  const now = options.now ?? deps.clock.now();
  const limit = options.pageSize ?? 100;
  const state: SweepState = (await deps.operations.getSweepState()) ?? { cursors: {} };
  const ctx: RuleContext = { deps, now, limit, counts: zeroCounts() };
  let pages = 0;
  let complete = true;
  const finished = new Set(state.finished ?? []);
  sweep: for (const name of ORDER) {
    if (finished.has(name)) continue;
    const rule = RULES[name];
    let after = state.cursors[name];
    for (;;) {
      if (
        (options.maxPages !== undefined && pages >= options.maxPages) ||
        (options.deadline !== undefined && Date.now() >= options.deadline)
      ) {
        complete = false;
        break sweep;
      }
      const { done, next } = await rule.page(ctx, after);
      pages++;
      after = next ?? after;
      const cursors = { ...state.cursors };
      if (done && rule.cursor === "resume") delete cursors[name];
      else if (after) cursors[name] = after;
      state.cursors = cursors;
      if (done) finished.add(name);
      state.finished = [...finished];
      await deps.operations.putSweepState(state);
      if (done) break;
    }
  }
  const result: SweepResult = { ...ctx.counts, complete, pages };
  // a complete sweep starts the next one from the first rule
  await deps.operations.putSweepState({
    cursors: state.cursors,
    ...(complete ? {} : { finished: [...finished] }),
    lastRun: { ...ctx.counts, at: now.toISOString(), complete },
  });
  await audit(
    deps,
    SYSTEM_ACTOR,
    "retention.sweep",
    { type: "retention", id: now.toISOString() },
    { ...ctx.counts, complete },
  );
  deps.events.retentionSweepCompleted({ ...result, ms: Date.now() - started });
  return result;
}

/** who searched, when, why, how much was found, the outcomes without their notes: what the audit needs */
function reducedSearch(entry: SearchHistoryEntry, now: Date): SearchHistoryEntry {
  const { probeSha256: _probe, ...rest } = entry;
  return {
    ...rest,
    faces: [],
    outcomes: entry.outcomes.map((o) => ({ ...o, note: "" })),
    reduced: {
      at: now.toISOString(),
      faces: entry.faces.length,
      candidates: entry.faces.reduce((n, f) => n + f.candidates.length, 0),
    },
  };
}

/** one notification per officer per quiet spell: the same request twice writes the same documents */
function reviewNotificationId(record: Case, officerUid: string): string {
  return createHash("sha256")
    .update(`case_review_due|${record.id}|${officerUid}|${record.updatedAt}`)
    .digest("hex")
    .slice(0, 32);
}

/** asks the case's officers once per quiet spell (since its last change); true when it asked now */
async function requestReview(deps: Deps, record: Case, now: Date, months: number): Promise<boolean> {
  if (record.review?.requestedAt && record.review.requestedAt >= record.updatedAt) return false;
  const at = now.toISOString();
  const about = [
    { id: record.id, kind: record.kind, ...(record.externalRef ? { externalRef: record.externalRef } : {}) },
  ];
  const message = `Is case ${caseReference(record.externalRef, record.id)} still needed? It has had no activity for ${months} months.`;
  for (const uid of record.officerUids)
    await deps.notifications.create({
      id: reviewNotificationId(record, uid),
      uid,
      kind: "case_review_due",
      cases: about,
      params: { months },
      message,
      createdAt: at,
    });
  // asking is not activity: updatedAt stays, so the case is not asked again until it changes
  await deps.cases.update(record.id, (current) =>
    current ? { ...current, review: { ...current.review, requestedAt: at } } : undefined,
  );
  await audit(
    deps,
    SYSTEM_ACTOR,
    "case.review_request",
    { type: "case", id: record.id },
    { officers: record.officerUids.length, months },
  );
  return true;
}

/** An officer of the case confirms that an open case is still needed; audited. */
export async function confirmCaseStillNeeded(deps: Deps, caller: Actor, input: { caseId: string }) {
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_change_not_allowed");
  const at = deps.clock.now().toISOString();
  const { after } = await deps.cases.update(record.id, (current) => {
    if (!current) throw new ServiceError("case_not_found");
    if (current.status !== "open") throw new ServiceError("case_not_open");
    return { ...current, review: { ...current.review, confirmedAt: at, confirmedBy: caller.uid }, updatedAt: at };
  });
  const confirmed: Case = after!;
  // the question is answered for every officer of the case (the ids are those the request made)
  for (const uid of record.officerUids) await deps.notifications.markRead(uid, [reviewNotificationId(record, uid)], at);
  await audit(deps, caller, "case.review_confirm", { type: "case", id: record.id });
  return { case: toView(confirmed) };
}
