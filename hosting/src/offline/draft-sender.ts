// Drafts go out when the network returns: oldest first, the case (submitCaseDraft: once, however
// often it is sent) then its photos in the order they were added, each with the byte progress the
// uploads measure. One tab sends at a time (a Web Lock). A failure of the network stops the round
// and the next one starts where it stopped; a refusal is kept on the draft for the officer to see.
import { describeFailure, type Client } from "@tora-face/client";
import type { PhotoUploader, UploadEvent } from "../api/photo-upload";
import type { DraftStore, DraftSummary } from "./draft-store";

export type SendEvent =
  | { draftId: string; phase: "case" }
  | { draftId: string; phase: "photo"; n: number; total: number; upload?: UploadEvent }
  /** sent: the case exists with its photos; `refusedPhotos` the backend would not take (not readable) */
  | { draftId: string; phase: "sent"; caseId: string; title: string; refusedPhotos: number }
  | { draftId: string; phase: "refused"; reason: string }
  /** the round stopped: no network, or the backend did not answer; `suspended`: the account was suspended */
  | { phase: "stopped"; error: unknown; suspended: boolean };

interface SenderPorts {
  call: Client;
  uploader(): Promise<PhotoUploader>;
  online(): boolean;
}

/** failures that pass: try the same again later */
const PASSING = new Set(["offline", "server", "rate-limited", "session", "cancelled"]);

class Stop extends Error {
  constructor(readonly cause: unknown) {
    super("sending stopped");
  }
}

/** one round over every waiting draft; answers how many were sent */
export async function sendDrafts(
  store: DraftStore,
  ports: SenderPorts,
  onEvent: (event: SendEvent) => void,
): Promise<number> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const round = () => sendAll(store, ports, onEvent);
  // another tab sending the same drafts: this one leaves it to them
  if (locks)
    return (
      (await locks.request(`tora-face-drafts-${store.uid}`, { ifAvailable: true }, (lock) => (lock ? round() : 0))) ?? 0
    );
  return round();
}

async function sendAll(store: DraftStore, ports: SenderPorts, onEvent: (event: SendEvent) => void): Promise<number> {
  let sent = 0;
  for (const draft of await store.list()) {
    if (draft.refused) continue;
    if (!ports.online()) return sent;
    try {
      await sendOne(store, ports, draft, onEvent);
      sent++;
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      const failure = describeFailure(error.cause, ports.online());
      onEvent({ phase: "stopped", error: error.cause, suspended: failure.reason === "account_suspended" });
      return sent;
    }
  }
  return sent;
}

/** what a failure means for the round: passing (stop, try later) or this draft's own refusal */
function judge(error: unknown, online: boolean): { stop: true } | { stop: false; reason: string } {
  const failure = describeFailure(error, online);
  if (PASSING.has(failure.kind) || failure.reason === "account_suspended") return { stop: true };
  return { stop: false, reason: failure.reason ?? failure.code };
}

async function sendOne(
  store: DraftStore,
  ports: SenderPorts,
  draft: DraftSummary,
  onEvent: (event: SendEvent) => void,
): Promise<void> {
  let caseId = draft.caseId;
  if (!caseId) {
    onEvent({ draftId: draft.id, phase: "case" });
    try {
      caseId = (await ports.call("submitCaseDraft", { draftId: draft.id, case: await store.readCase(draft.id) })).case
        .id;
    } catch (error) {
      const verdict = judge(error, ports.online());
      if (verdict.stop) throw new Stop(error);
      await store.markRefused(draft.id, verdict.reason);
      onEvent({ draftId: draft.id, phase: "refused", reason: verdict.reason });
      return;
    }
    await store.markCreated(draft.id, caseId);
  }
  const uploader = await ports.uploader().catch((error: unknown) => {
    throw new Stop(error);
  });
  let refusedPhotos = draft.photos.filter((p) => p.refused).length;
  for (const photo of draft.photos) {
    if (photo.sent) continue;
    const { blob, fileName, photoDate, photoId } = await store.readPhoto(draft.id, photo.n);
    onEvent({ draftId: draft.id, phase: "photo", n: photo.n, total: draft.photos.length });
    try {
      const request = { caseId, blob, fileName, photoId, ...(photoDate ? { photoDate } : {}) };
      await uploader(
        request,
        (upload) => onEvent({ draftId: draft.id, phase: "photo", n: photo.n, total: draft.photos.length, upload }),
        new AbortController().signal,
      );
      await store.markPhotoSent(draft.id, photo.n);
    } catch (error) {
      const verdict = judge(error, ports.online());
      if (verdict.stop) throw new Stop(error);
      // a photo the backend will not take (not readable): the case and the other photos go on
      await store.markPhotoSent(draft.id, photo.n, verdict.reason);
      refusedPhotos++;
    }
  }
  await store.remove(draft.id);
  onEvent({ draftId: draft.id, phase: "sent", caseId, title: draft.title, refusedPhotos });
}
