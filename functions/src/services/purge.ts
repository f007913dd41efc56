// The purge of one case: everything of it leaves, through the ports, in an order that survives an
// interruption and uploads arriving meanwhile — the tombstone (with the receipt so far) first, which
// turns new photos away, then the photo records, the searchable faces, the photo bytes, what other
// records say about the case, and the case document (with its sealed contacts) last. Run again, it finishes what is left; the retention sweep and an
// approved erasure both call it.
import type { Deps } from "../ports/index.js";
import {
  caseStoragePrefix,
  type Case,
  type TombstoneOutcome,
  type CaseTombstone,
  type PurgeReceipt,
  type SearchHistoryEntry,
} from "../schemas/index.js";
import type { Actor } from "./actor.js";
import { audit } from "./audit.js";

interface PurgeDecision {
  outcome: TombstoneOutcome;
  /** who resolved or closed the case, or the administrator who approved the erasure */
  decidedBy: string;
  /** erasure: the administrator who asked for it */
  requestedBy?: string;
}

/** a search made for a purged case keeps that it was made, not for which case */
const PURGED_CASE_PURPOSE = "for a case since purged";
const PAGE = 100;

const emptyReceipt = (): PurgeReceipt => ({
  photos: 0,
  photoSha256: [],
  blobs: 0,
  faces: 0,
  matches: 0,
  notifications: 0,
  bulletins: 0,
  smsMessages: 0,
  searchesScrubbed: 0,
});

export async function purgeCase(
  deps: Deps,
  actor: Actor,
  caseRecord: Case,
  decision: PurgeDecision,
): Promise<{ tombstone: CaseTombstone; receipt: PurgeReceipt }> {
  const caseId = caseRecord.id;
  const now = deps.clock.now().toISOString();
  const previous = await deps.tombstones.get(caseId);
  // an interrupted purge goes on with its receipt; a case back from a restore is purged anew
  const resumed = previous?.state === "purging" && previous.pendingReceipt !== undefined;
  const receipt = resumed ? previous.pendingReceipt! : emptyReceipt();
  // counted before anything is deleted, so a purge interrupted and run again still reports them
  const hashes = new Set([...receipt.photoSha256, ...(await deps.photos.list(caseId)).map((p) => p.sha256)]);
  receipt.photoSha256 = [...hashes].sort();
  receipt.photos = receipt.photoSha256.length;
  const endedAt = caseRecord.closedAt ?? caseRecord.resolvedAt;
  const tombstone: CaseTombstone = {
    caseId,
    kind: caseRecord.kind,
    country: caseRecord.country,
    outcome: decision.outcome,
    createdAt: caseRecord.createdAt,
    ...(endedAt ? { endedAt } : {}),
    decidedBy: decision.decidedBy,
    ...(decision.requestedBy ? { requestedBy: decision.requestedBy } : {}),
    state: "purging",
    purgeStartedAt: previous?.state === "purging" ? previous.purgeStartedAt : now,
  };
  const keep = () => deps.tombstones.put({ ...tombstone, pendingReceipt: receipt });
  await keep();

  // counted once, when the purge starts: a purge run again reports what the first run found
  if (!resumed) receipt.faces = await deps.faces.countForCase(caseId);
  await keep();
  // The tombstone now refuses every new photo of the case (PhotoStore.claim reads it). The photo
  // records go before the faces and the bytes: an ingest that claimed its photo before the
  // tombstone writes its face only while its record exists (one transaction), and stores its bytes
  // only to find its record gone and delete them — or before the bytes are listed below.
  await deps.photos.deleteForCase(caseId);
  await deps.vectors.deleteForCase(caseId);
  await deleteStoredObjects(deps, caseStoragePrefix(caseId), async (n) => {
    receipt.blobs += n;
    await keep();
  });
  // what other records say about the case; the reunification work's pairs through MatchStore (ports/matches.ts)
  receipt.matches += await deps.matches.deleteForCase(caseId);
  // this side's halves of cross-border pairs, with the other country's contact sealed on them
  receipt.matches += await deps.crossBorder.pairs.deleteForCase(caseId);
  receipt.notifications += await deps.notifications.deleteForCase(caseId);
  receipt.bulletins += await deps.bulletins.deleteForCase(caseId);
  receipt.smsMessages += await deps.sms.messages.deleteForCase(caseId);
  receipt.searchesScrubbed += await scrubSearches(deps, caseId, receipt.photoSha256);
  await keep();

  const purged: CaseTombstone = { ...tombstone, state: "purged", purgedAt: deps.clock.now().toISOString() };
  await deps.tombstones.put(purged);
  await audit(deps, actor, "case.purge", { type: "case", id: caseId }, receiptDetails(decision.outcome, receipt));
  await deps.cases.delete(caseId);
  // a pair a cross-match wrote meanwhile: any written before the case went is deleted here, any
  // written after finds the case gone and deletes itself (cross-match.ts)
  await deps.matches.deleteForCase(caseId);
  deps.events.casePurged({
    caseId,
    outcome: decision.outcome,
    photos: receipt.photos,
    faces: receipt.faces,
    blobs: receipt.blobs,
  });
  return { tombstone: purged, receipt };
}

/** the deletion receipt as audit details: counts, and every deleted photo's sha256 */
function receiptDetails(outcome: TombstoneOutcome, r: PurgeReceipt): Record<string, string | number> {
  const { photoSha256, ...counts } = r;
  return { outcome, ...counts, photoSha256: photoSha256.join(" ") };
}

/** every object under the prefix, a page at a time, each page counted before it is deleted */
async function deleteStoredObjects(deps: Deps, prefix: string, counted: (n: number) => Promise<void>): Promise<void> {
  for (;;) {
    // listed from the start each time: what was deleted is gone
    const objects = await deps.blobs.list(prefix, { limit: PAGE });
    if (objects.length > 0) await counted(objects.length);
    for (const o of objects) await deps.blobs.delete(o.path);
    if (objects.length < PAGE) return;
  }
}

/** the search without the case: not its purpose, not among the candidates or outcomes, not its photo as the probe */
function withoutCase(entry: SearchHistoryEntry, caseId: string, photoSha256: ReadonlySet<string>): SearchHistoryEntry {
  const { probeSha256, ...rest } = entry;
  return {
    ...rest,
    ...(probeSha256 && !photoSha256.has(probeSha256) ? { probeSha256 } : {}),
    purpose:
      "caseId" in entry.purpose && entry.purpose.caseId === caseId ? { reason: PURGED_CASE_PURPOSE } : entry.purpose,
    faces: entry.faces.map((f) => ({ ...f, candidates: f.candidates.filter((c) => c.caseId !== caseId) })),
    outcomes: entry.outcomes.filter((o) => o.caseId !== caseId),
  };
}

async function scrubSearches(deps: Deps, caseId: string, photoSha256: string[]): Promise<number> {
  const hashes = new Set(photoSha256);
  const seen = new Set<string>();
  let scrubbed = 0;
  for (;;) {
    const entries = await deps.searches.listMentioning(caseId, photoSha256, PAGE);
    for (const entry of entries) {
      // a scrubbed search no longer matches: seeing it twice would mean the scrub failed
      if (seen.has(entry.id)) throw new Error(`search ${entry.id} still names case ${caseId} after it was scrubbed`);
      seen.add(entry.id);
      await deps.searches.put(withoutCase(entry, caseId, hashes));
      scrubbed++;
    }
    if (entries.length < PAGE) return scrubbed;
  }
}

/**
 * After a restore from a backup older than some purges (a Firestore import keeps the documents it
 * does not hold, the tombstones among them), every case that came back is purged again.
 */
export async function reapplyPurges(
  deps: Deps,
  actor: Actor,
  pageSize = 100,
): Promise<{ tombstones: number; purgedAgain: number }> {
  let tombstones = 0;
  let purgedAgain = 0;
  let after: string | undefined;
  for (;;) {
    const page = await deps.tombstones.list({ limit: pageSize, ...(after ? { after } : {}) });
    for (const t of page.items) {
      tombstones++;
      const back = await deps.cases.get(t.caseId);
      if (!back) continue;
      await purgeCase(deps, actor, back, {
        outcome: t.outcome,
        decidedBy: t.decidedBy,
        ...(t.requestedBy ? { requestedBy: t.requestedBy } : {}),
      });
      purgedAgain++;
    }
    if (page.items.length < pageSize) return { tombstones, purgedAgain };
    after = page.next;
  }
}
