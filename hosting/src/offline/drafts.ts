// The drafts of the signed-in officer, for the whole portal: the store opened for the session, the
// rounds of sending (at sign-in, when the network returns, every half minute while drafts wait),
// what each draft is doing now, and the wipe when the session ends.
import { describeFailure } from "@tora-face/client";
import { call, photoUploader } from "../firebase";
import { draftsOnDevice, openDrafts, wipeDrafts, type DraftStore, type Profile } from "./draft-store";
import { sendDrafts, type SendEvent } from "./draft-sender";

/** while drafts wait and the device says it is online, a round is tried this often */
const RETRY_MS = 30_000;

let store: DraftStore | undefined;
let round: Promise<number> | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
/** what each draft is doing in the current round */
const activity = new Map<string, SendEvent>();
/** drafts sent since the page opened: the drafts page says where they went */
const sent: Extract<SendEvent, { phase: "sent" }>[] = [];
let waiting = 0;
const listeners = new Set<() => void>();
let onSuspended: (() => void) | undefined;

function changed(): void {
  for (const listener of listeners) listener();
}

/** a screen redraws when drafts change; returns the unsubscribe */
export function onDraftsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const currentDrafts = (): DraftStore | undefined => store;
export const draftActivity = (id: string): SendEvent | undefined => activity.get(id);
export const sentDrafts = (): readonly Extract<SendEvent, { phase: "sent" }>[] => sent;
export const waitingDrafts = (): number => waiting;

async function recount(): Promise<void> {
  waiting = store ? (await store.list()).filter((d) => !d.refused).length : 0;
  changed();
}

/**
 * The session is on (its profile loaded, or — without network — remembered from the last time):
 * the officer's drafts open with the session's key. Drafts of another officer on this device are
 * deleted first: a draft belongs to the session that made it.
 */
export async function startDrafts(
  uid: string,
  profile: Profile | undefined,
  suspended: () => void,
): Promise<DraftStore> {
  onSuspended = suspended;
  if (store?.uid !== uid) {
    const { owners } = await draftsOnDevice();
    if (owners.some((owner) => owner !== uid)) await wipeDrafts();
    store = await openDrafts(uid);
  }
  if (profile) await store.saveProfile(profile);
  timer ??= setInterval(() => void sendNow(), RETRY_MS);
  await recount();
  void sendNow();
  return store;
}

/** the profile remembered with this officer's drafts, when the portal opens without network */
export async function offlineProfile(uid: string): Promise<Profile | undefined> {
  const { owners } = await draftsOnDevice().catch(() => ({ owners: [] as string[] }));
  if (!owners.includes(uid)) return undefined;
  return (await openDrafts(uid)).profile().catch(() => undefined);
}

/** a round of sending, unless one is running or the device is offline */
export function sendNow(): Promise<number> {
  if (!store || !navigator.onLine) return Promise.resolve(0);
  round ??= (async () => {
    try {
      return await sendDrafts(store!, { call, uploader: photoUploader, online: () => navigator.onLine }, (event) => {
        if (event.phase === "stopped") {
          activity.clear();
          if (event.suspended) onSuspended?.();
        } else if (event.phase === "sent") {
          activity.delete(event.draftId);
          sent.push(event);
        } else activity.set(event.draftId, event);
        changed();
      });
    } finally {
      round = undefined;
      await recount();
    }
  })();
  return round;
}

/** TORA FACE did not answer (no network, or the backend down): the new-case form then offers a draft too */
let unreachable = false;
export const backendUnreachable = (): boolean => unreachable || !navigator.onLine;
export function setBackendUnreachable(value: boolean): void {
  if (unreachable === value) return;
  unreachable = value;
  changed();
}
/** a failed call: without network or an answer, drafting becomes the way to keep the case */
export function noteFailure(error: unknown): void {
  const kind = describeFailure(error, navigator.onLine).kind;
  if (kind === "offline" || kind === "server") setBackendUnreachable(true);
}

/** the session ended (sign-out, suspension, ended elsewhere): every draft and the key go; answers how many drafts */
export async function endDrafts(): Promise<number> {
  clearInterval(timer);
  timer = undefined;
  store = undefined;
  activity.clear();
  sent.length = 0;
  const wiped = await wipeDrafts();
  waiting = 0;
  changed();
  return wiped;
}

window.addEventListener("online", () => void sendNow());
