// Sending drafts made without network, against an in-memory store and fake backend: order, one
// case however often a draft is sent, byte progress, what stops a round and what a refusal leaves.
import type { Client } from "@tora-face/client";
import { describe, expect, it } from "vitest";
import type { PhotoUploader, UploadRequest } from "../src/api/photo-upload";
import type { DraftCase, DraftStore, DraftSummary } from "../src/offline/draft-store";
import { sendDrafts, type SendEvent } from "../src/offline/draft-sender";

const CASE: DraftCase = {
  kind: "missing",
  country: "BI",
  station: "Ngozi",
  subject: { names: ["Aline"] },
} as DraftCase;

/** the store's contract in memory (the browser's IndexedDB and WebCrypto are the e2e test's) */
function memoryStore(
  drafts: { id: string; photos: number; caseId?: string }[],
): DraftStore & { records: Map<string, DraftSummary> } {
  const records = new Map<string, DraftSummary>();
  drafts.forEach((d, i) =>
    records.set(d.id, {
      id: d.id,
      at: i,
      title: d.id,
      kind: "missing",
      photos: Array.from({ length: d.photos }, (_, n) => ({ n, photoId: `${d.id}-p${n}`, size: 1000, sent: false })),
      ...(d.caseId ? { caseId: d.caseId } : {}),
    }),
  );
  return {
    uid: "officer-1",
    records,
    saveProfile: async () => undefined,
    profile: async () => undefined,
    create: async () => "x",
    list: async () => [...records.values()].sort((a, b) => a.at - b.at).map((d) => structuredClone(d)),
    readCase: async () => CASE,
    addPhoto: async () => undefined,
    readPhoto: async (id, n) => ({
      blob: new Blob([new Uint8Array(1000)], { type: "image/jpeg" }),
      fileName: `${id}-${n}.jpg`,
      photoId: `${id}-p${n}`,
    }),
    markCreated: async (id, caseId) => void (records.get(id)!.caseId = caseId),
    markPhotoSent: async (id, n, refused) =>
      void Object.assign(records.get(id)!.photos[n]!, { sent: true }, refused ? { refused } : {}),
    markRefused: async (id, reason) => void (records.get(id)!.refused = reason),
    remove: async (id) => void records.delete(id),
  };
}

const failure = (code: string, details: Record<string, unknown> = {}) =>
  Object.assign(new Error(code), { code: `functions/${code}`, details });

function backend(options: { failCase?: unknown; failPhoto?: (request: UploadRequest) => unknown } = {}) {
  const log: string[] = [];
  const call = (async (name: string, input: { draftId: string }) => {
    log.push(`${name} ${input.draftId}`);
    if (options.failCase) throw options.failCase;
    return { case: { id: `case-of-${input.draftId}` }, created: true };
  }) as unknown as Client;
  const uploader: PhotoUploader = async (request, onEvent) => {
    const refused = options.failPhoto?.(request);
    if (refused) throw refused;
    log.push(`photo ${request.caseId} ${request.photoId}`);
    onEvent({ phase: "sending", sent: 500, total: 1000 });
    onEvent({ phase: "sending", sent: 1000, total: 1000 });
    onEvent({ phase: "checking" });
    return undefined;
  };
  return { log, ports: { call, uploader: async () => uploader, online: () => true } };
}

describe("sending drafts", () => {
  it("sends the drafts oldest first, each case before its photos in their order, with the photos' byte progress, then forgets them", async () => {
    const store = memoryStore([
      { id: "d1", photos: 2 },
      { id: "d2", photos: 1 },
    ]);
    const { log, ports } = backend();
    const events: SendEvent[] = [];
    expect(await sendDrafts(store, ports, (e) => events.push(e))).toBe(2);
    expect(log).toEqual([
      "submitCaseDraft d1",
      "photo case-of-d1 d1-p0",
      "photo case-of-d1 d1-p1",
      "submitCaseDraft d2",
      "photo case-of-d2 d2-p0",
    ]);
    expect(
      events
        .filter((e) => e.phase === "photo" && e.upload?.phase === "sending")
        .map((e) => (e as { upload: { sent: number } }).upload.sent),
    ).toEqual([500, 1000, 500, 1000, 500, 1000]);
    expect(events.filter((e) => e.phase === "sent")).toEqual([
      { draftId: "d1", phase: "sent", caseId: "case-of-d1", title: "d1", refusedPhotos: 0 },
      { draftId: "d2", phase: "sent", caseId: "case-of-d2", title: "d2", refusedPhotos: 0 },
    ]);
    expect(store.records.size).toBe(0);
  });

  it("no network stops the round where it is; the next round sends only what is left, never the case again", async () => {
    const store = memoryStore([{ id: "d1", photos: 2 }]);
    const offline = backend({ failPhoto: (r) => (r.photoId === "d1-p1" ? failure("unavailable") : undefined) });
    const events: SendEvent[] = [];
    expect(await sendDrafts(store, { ...offline.ports, online: () => false }, (e) => events.push(e))).toBe(0);
    expect(offline.log).toEqual([]);
    expect(await sendDrafts(store, offline.ports, (e) => events.push(e))).toBe(0);
    expect(offline.log).toEqual(["submitCaseDraft d1", "photo case-of-d1 d1-p0"]);
    expect(events.at(-1)).toMatchObject({ phase: "stopped", suspended: false });
    expect(store.records.get("d1")).toMatchObject({ caseId: "case-of-d1", photos: [{ sent: true }, { sent: false }] });
    const back = backend();
    expect(await sendDrafts(store, back.ports, () => undefined)).toBe(1);
    expect(back.log).toEqual(["photo case-of-d1 d1-p1"]);
  });

  it("a refused case stays as a draft with its reason and the next drafts go on; a refused photo does not hold its case", async () => {
    const store = memoryStore([
      { id: "d1", photos: 1 },
      { id: "d2", photos: 2, caseId: "case-2" },
    ]);
    const refusedCase = backend({
      failCase: failure("invalid-argument", { reason: "invalid_input", detail: "station: is required" }),
    });
    const events: SendEvent[] = [];
    await sendDrafts(
      store,
      {
        ...refusedCase.ports,
        uploader: backend({
          failPhoto: (r) =>
            r.photoId === "d2-p0" ? failure("invalid-argument", { reason: "image_refused" }) : undefined,
        }).ports.uploader,
      },
      (e) => events.push(e),
    );
    expect(store.records.get("d1")).toMatchObject({ refused: "invalid_input" });
    expect(store.records.has("d2")).toBe(false);
    expect(events.find((e) => e.phase === "sent")).toMatchObject({ draftId: "d2", refusedPhotos: 1 });
    // the refused draft is not sent again by itself
    const again = backend();
    await sendDrafts(store, again.ports, () => undefined);
    expect(again.log).toEqual([]);
  });

  it("a suspended account stops the round and says so (the portal then deletes the drafts)", async () => {
    const store = memoryStore([{ id: "d1", photos: 0 }]);
    const { ports } = backend({ failCase: failure("permission-denied", { reason: "account_suspended" }) });
    const events: SendEvent[] = [];
    await sendDrafts(store, ports, (e) => events.push(e));
    expect(events.at(-1)).toMatchObject({ phase: "stopped", suspended: true });
    expect(store.records.get("d1")!.refused).toBeUndefined();
  });
});
