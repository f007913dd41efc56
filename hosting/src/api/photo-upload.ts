// How a case photo reaches the backend. In production it goes straight to Cloud Storage (resumable,
// measured byte by byte, cancellable) under cases/{caseId}/photos/{photoId}, with the custom
// metadata storage.rules require; the Storage trigger analyses it and writes the photo record, which
// the portal polls for the verdict. In local mode (no Storage emulator) the upload callable takes the
// bytes inline and answers with the verdict. No Firebase imports here: the ports are handed in.
import { casePhotoPath, type CallableInput, type Photo, type PhotoReasonCode } from "@tora-face/client";

export interface UploadRequest {
  caseId: string;
  /** the prepared photo (or the original when the browser could not prepare it) */
  blob: Blob;
  /** the file's name on the officer's device */
  fileName: string;
  photoDate?: string;
  /** the photo's id, chosen before: sent again after a lost answer, it is the same photo (a draft's photos) */
  photoId?: string;
}

export type UploadEvent =
  /** bytes sent so far (only a Storage upload measures them) */
  | { phase: "sending"; sent: number; total: number }
  /** the bytes are stored: the trigger is analysing the photo */
  | { phase: "checking" };

/**
 * Sends one photo and answers with its record and verdict — or undefined when it is stored but the
 * check takes longer than the portal waits (the case's list shows the verdict later). Cancelling
 * before the bytes are stored rejects with an UploadCancelled.
 */
export type PhotoUploader = (
  request: UploadRequest,
  onEvent: (event: UploadEvent) => void,
  signal: AbortSignal,
) => Promise<Photo | undefined>;

/** the person cancelled the upload: the client kit sorts the code "cancelled" as such */
export class UploadCancelled extends Error {
  override readonly name = "UploadCancelled";
  readonly code = "cancelled";
  constructor() {
    super("upload cancelled");
  }
}

/** a refusal decided before sending, in the backend's terms for an unreadable photo (translated by its image code) */
class PhotoRefused extends Error {
  readonly code = "invalid-argument";
  readonly details: { reason: "image_refused"; image: PhotoReasonCode };
  constructor(image: PhotoReasonCode) {
    super(image);
    this.details = { reason: "image_refused", image };
  }
}

// --- local mode: the callable ------------------------------------------------------------------

type InlineUpload = CallableInput<"uploadCasePhoto">;

/** the callable sends the photo and its analysis in one request: no byte progress to report, but it can be cancelled */
export function callableUploader(
  send: (input: InlineUpload, signal: AbortSignal) => Promise<Photo>,
  toBase64: (blob: Blob) => Promise<string>,
): PhotoUploader {
  return async (request, _onEvent, signal) => {
    const contentBase64 = await toBase64(request.blob);
    if (signal.aborted) throw new UploadCancelled();
    try {
      return await send(
        {
          caseId: request.caseId,
          contentBase64,
          fileName: fileNameOf(request),
          ...(request.photoDate ? { photoDate: request.photoDate } : {}),
          ...(request.photoId ? { photoId: request.photoId } : {}),
        },
        signal,
      );
    } catch (error) {
      throw signal.aborted ? new UploadCancelled() : error;
    }
  };
}

// --- production: Cloud Storage and the trigger ---------------------------------------------------

export interface StorageMetadata {
  contentType: string;
  /** storage.rules: uploadedBy must be the caller's uid; fileName and photoDate are optional */
  customMetadata: Record<string, string>;
}

export interface StorageUploadPorts {
  /** the signed-in officer's uid */
  uid(): string | undefined;
  newPhotoId(): string;
  /** a resumable upload with progress; rejects with the SDK's error (storage/canceled once aborted) */
  put(
    path: string,
    blob: Blob,
    metadata: StorageMetadata,
    onProgress: (sent: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<void>;
  listPhotos(caseId: string): Promise<Photo[]>;
  sleep(ms: number): Promise<void>;
}

/** the trigger takes a few seconds per photo; a cold start or a queue takes longer */
const VERDICT_POLL: { firstAfterMs: number; everyMs: number; giveUpAfterMs: number } = {
  firstAfterMs: 1_500,
  everyMs: 3_000,
  giveUpAfterMs: 3 * 60_000,
};

/** what storage.rules accept (isImage()): checked first so the officer hears what is wrong, not "not allowed" */
const STORAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/tiff"]);
const STORAGE_MAX_BYTES = 16 * 1024 * 1024;

function refusedBeforeSending(blob: Blob): PhotoRefused | undefined {
  if (blob.size === 0) return new PhotoRefused("empty");
  if (blob.size > STORAGE_MAX_BYTES) return new PhotoRefused("too_large");
  if (/^image\/hei[cf]$/.test(blob.type)) return new PhotoRefused("heic_unsupported");
  if (!STORAGE_TYPES.has(blob.type)) return new PhotoRefused("unsupported_format");
  return undefined;
}

/** the schema keeps at most 200 characters of a file name */
const fileNameOf = (request: UploadRequest): string => request.fileName.slice(0, 200);

export function storageUploader(ports: StorageUploadPorts, poll: typeof VERDICT_POLL = VERDICT_POLL): PhotoUploader {
  return async (request, onEvent, signal) => {
    const refused = refusedBeforeSending(request.blob);
    if (refused) throw refused;
    const uid = ports.uid();
    if (!uid) throw Object.assign(new Error("not signed in"), { code: "unauthenticated" });
    const photoId = request.photoId ?? ports.newPhotoId();
    const customMetadata: Record<string, string> = {
      uploadedBy: uid,
      fileName: fileNameOf(request),
      ...(request.photoDate ? { photoDate: request.photoDate } : {}),
    };
    onEvent({ phase: "sending", sent: 0, total: request.blob.size });
    try {
      await ports.put(
        casePhotoPath(request.caseId, photoId),
        request.blob,
        { contentType: request.blob.type, customMetadata },
        (sent, total) => onEvent({ phase: "sending", sent, total }),
        signal,
      );
    } catch (error) {
      // sent again after a lost answer: storage.rules refuse to overwrite what arrived the first time
      const arrived =
        request.photoId &&
        !signal.aborted &&
        (await ports.listPhotos(request.caseId).catch(() => [])).some((p) => p.photoId === photoId);
      if (!arrived) throw error;
    }
    onEvent({ phase: "checking" });
    return verdictOf(ports, request.caseId, photoId, poll);
  };
}

/** polls the case's photos until the trigger has written this one's verdict; a failed poll (a network blip) is tried again */
async function verdictOf(
  ports: StorageUploadPorts,
  caseId: string,
  photoId: string,
  poll: typeof VERDICT_POLL,
): Promise<Photo | undefined> {
  for (let waited = 0; waited < poll.giveUpAfterMs;) {
    const pause = waited === 0 ? poll.firstAfterMs : poll.everyMs;
    await ports.sleep(pause);
    waited += pause;
    const photo = (await ports.listPhotos(caseId).catch(() => undefined))?.find((p) => p.photoId === photoId);
    if (photo && photo.status !== "processing") return photo;
  }
  return undefined;
}

/** the part of Firebase's UploadTask the portal uses */
export interface UploadTaskLike {
  on(
    event: "state_changed",
    next: (snapshot: { bytesTransferred: number; totalBytes: number }) => void,
    error: (error: unknown) => void,
    complete: () => void,
  ): unknown;
  cancel(): boolean;
}

/** put() over Firebase's resumable upload task: progress forwarded, an abort cancels the task */
export function putThroughTask(
  start: (path: string, blob: Blob, metadata: StorageMetadata) => UploadTaskLike,
): StorageUploadPorts["put"] {
  return (path, blob, metadata, onProgress, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new UploadCancelled());
      const task = start(path, blob, metadata);
      const cancel = () => void task.cancel();
      signal.addEventListener("abort", cancel, { once: true });
      task.on(
        "state_changed",
        (snapshot) => onProgress(snapshot.bytesTransferred, snapshot.totalBytes),
        (error) => {
          signal.removeEventListener("abort", cancel);
          reject(signal.aborted ? new UploadCancelled() : error);
        },
        () => {
          signal.removeEventListener("abort", cancel);
          resolve();
        },
      );
    });
}
