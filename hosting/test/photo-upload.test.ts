// The uploader of case photos against fakes of its ports: Storage's resumable task and the
// polling of the case's photos (the Storage emulator cannot run here), and the callable path.
import { describeFailure, parseCasePhotoPath, type Photo } from "@tora-face/client";
import { describe, expect, it } from "vitest";
import {
  callableUploader,
  putThroughTask,
  storageUploader,
  UploadCancelled,
  type StorageMetadata,
  type StorageUploadPorts,
  type UploadEvent,
  type UploadTaskLike,
} from "../src/api/photo-upload";

const jpeg = (bytes = 1000) => new Blob([new Uint8Array(bytes)], { type: "image/jpeg" });
const POLL = { firstAfterMs: 1500, everyMs: 3000, giveUpAfterMs: 30_000 };

function photo(photoId: string, status: Photo["status"]): Photo {
  return {
    caseId: "case-1",
    photoId,
    storagePath: `cases/case-1/photos/${photoId}`,
    sha256: "a".repeat(64),
    status,
    reasons: [],
    facesFound: status === "indexed" ? 1 : 0,
    facesIndexed: status === "indexed" ? 1 : 0,
    faces: [],
    modelVersion: "test",
    uploadedBy: "uid-1",
    createdAt: "2026-11-26T10:00:00.000Z",
    updatedAt: "2026-11-26T10:00:00.000Z",
  };
}

/** a Storage that stores after reporting progress in quarters, and a trigger that writes the verdict after `checks` polls */
function fakeStorage(options: { checks?: number; failingPolls?: number; putError?: unknown; uid?: string } = {}) {
  const puts: { path: string; blob: Blob; metadata: StorageMetadata }[] = [];
  const slept: number[] = [];
  let polls = 0;
  const ports: StorageUploadPorts = {
    uid: () => ("uid" in options ? options.uid : "uid-1"),
    newPhotoId: () => "photo-1",
    put: async (path, blob, metadata, onProgress, signal) => {
      puts.push({ path, blob, metadata });
      for (const quarter of [1, 2, 3, 4]) {
        if (signal.aborted) throw new UploadCancelled();
        onProgress((blob.size * quarter) / 4, blob.size);
        await Promise.resolve();
      }
      if (options.putError) throw options.putError;
    },
    listPhotos: async () => {
      polls++;
      if (polls <= (options.failingPolls ?? 0))
        throw Object.assign(new Error("network"), { code: "functions/internal" });
      return polls > (options.failingPolls ?? 0) + (options.checks ?? 1) - 1
        ? [photo("other", "indexed"), photo("photo-1", "indexed")]
        : [photo("photo-1", "processing")];
    },
    sleep: async (ms) => void slept.push(ms),
  };
  return { ports, puts, slept, polls: () => polls };
}

describe("uploads straight to Cloud Storage", () => {
  it("stores the photo where storage.rules expect it, signed by the officer, reports its bytes, then waits for the verdict", async () => {
    const storage = fakeStorage({ checks: 3 });
    const events: UploadEvent[] = [];
    const result = await storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(1000), fileName: "raj 1.jpg", photoDate: "2026-11-01" },
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(result?.status).toBe("indexed");
    expect(result?.photoId).toBe("photo-1");
    const [put] = storage.puts;
    expect(parseCasePhotoPath(put!.path)).toEqual({ caseId: "case-1", photoId: "photo-1" });
    expect(put!.metadata).toEqual({
      contentType: "image/jpeg",
      customMetadata: { uploadedBy: "uid-1", fileName: "raj 1.jpg", photoDate: "2026-11-01" },
    });
    expect(events).toEqual([
      { phase: "sending", sent: 0, total: 1000 },
      { phase: "sending", sent: 250, total: 1000 },
      { phase: "sending", sent: 500, total: 1000 },
      { phase: "sending", sent: 750, total: 1000 },
      { phase: "sending", sent: 1000, total: 1000 },
      { phase: "checking" },
    ]);
    expect(storage.slept).toEqual([1500, 3000, 3000]);
  });

  it("a failed poll (a network blip) is tried again", async () => {
    const storage = fakeStorage({ failingPolls: 2 });
    const result = await storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(), fileName: "a.jpg" },
      () => undefined,
      new AbortController().signal,
    );
    expect(result?.status).toBe("indexed");
    expect(storage.polls()).toBe(3);
  });

  it("stored but not checked in time: no verdict yet (undefined), after polling for the time allowed", async () => {
    const storage = fakeStorage({ checks: 1000 });
    const result = await storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(), fileName: "a.jpg" },
      () => undefined,
      new AbortController().signal,
    );
    expect(result).toBeUndefined();
    expect(storage.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(POLL.giveUpAfterMs);
    expect(storage.slept.reduce((a, b) => a + b, 0)).toBeLessThan(POLL.giveUpAfterMs + POLL.everyMs);
  });

  it("cancelled while sending: nothing is polled, the failure is a cancellation", async () => {
    const storage = fakeStorage();
    const controller = new AbortController();
    const upload = storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(), fileName: "a.jpg" },
      (e) => e.phase === "sending" && e.sent >= 500 && controller.abort(),
      controller.signal,
    );
    const error = await upload.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadCancelled);
    expect(describeFailure(error, true).kind).toBe("cancelled");
    expect(storage.polls()).toBe(0);
  });

  it("a refusal of the rules (storage/unauthorized) is a refusal, and nothing is polled", async () => {
    const storage = fakeStorage({
      putError: Object.assign(new Error("Firebase Storage: User does not have permission"), {
        code: "storage/unauthorized",
      }),
    });
    const error = await storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(), fileName: "a.jpg" },
      () => undefined,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(describeFailure(error, true).kind).toBe("refused");
    expect(storage.polls()).toBe(0);
  });

  it("a draft's photo sent again after a lost answer: the rules refuse to overwrite it, the photo is there, its verdict is read", async () => {
    const storage = fakeStorage({
      putError: Object.assign(new Error("Firebase Storage: User does not have permission"), {
        code: "storage/unauthorized",
      }),
    });
    const result = await storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(), fileName: "a.jpg", photoId: "photo-1" },
      () => undefined,
      new AbortController().signal,
    );
    expect(storage.puts[0]!.path).toBe("cases/case-1/photos/photo-1");
    expect(result?.status).toBe("indexed");
    // another id that is not on the case: the refusal stands
    const other = await storageUploader(
      fakeStorage({ putError: Object.assign(new Error("no"), { code: "storage/unauthorized" }) }).ports,
      POLL,
    )(
      { caseId: "case-1", blob: jpeg(), fileName: "a.jpg", photoId: "photo-9" },
      () => undefined,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(describeFailure(other, true).kind).toBe("refused");
  });

  it("what the rules would refuse as a type is said as the photo's problem, before a byte is sent", async () => {
    const storage = fakeStorage();
    const upload = storageUploader(storage.ports, POLL);
    const heic = await upload(
      { caseId: "case-1", blob: new Blob([new Uint8Array(10)], { type: "image/heic" }), fileName: "IMG_1.HEIC" },
      () => undefined,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(describeFailure(heic, true)).toMatchObject({
      kind: "input",
      reason: "image_refused",
      params: { image: "heic_unsupported" },
    });
    const empty = await upload(
      { caseId: "case-1", blob: jpeg(0), fileName: "empty.jpg" },
      () => undefined,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(describeFailure(empty, true).params).toEqual({ image: "empty" });
    const gif = await upload(
      { caseId: "case-1", blob: new Blob([new Uint8Array(10)], { type: "image/gif" }), fileName: "a.gif" },
      () => undefined,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(describeFailure(gif, true).params).toEqual({ image: "unsupported_format" });
    expect(storage.puts).toHaveLength(0);
  });

  it("without a signed-in officer nothing is sent", async () => {
    const storage = fakeStorage({ uid: undefined });
    const error = await storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(), fileName: "a.jpg" },
      () => undefined,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(describeFailure(error, true).kind).toBe("session");
    expect(storage.puts).toHaveLength(0);
  });

  it("keeps at most 200 characters of a file name (the schema's limit, or the trigger drops it)", async () => {
    const storage = fakeStorage();
    await storageUploader(storage.ports, POLL)(
      { caseId: "case-1", blob: jpeg(), fileName: `${"x".repeat(250)}.jpg` },
      () => undefined,
      new AbortController().signal,
    );
    expect(storage.puts[0]!.metadata.customMetadata.fileName).toHaveLength(200);
  });
});

/** a task like Firebase's UploadTask: the test drives its progress, error and completion */
function fakeTask() {
  let handlers:
    | {
        next: (s: { bytesTransferred: number; totalBytes: number }) => void;
        error: (e: unknown) => void;
        complete: () => void;
      }
    | undefined;
  let cancelled = 0;
  const task: UploadTaskLike = {
    on: (_event, next, error, complete) => void (handlers = { next, error, complete }),
    cancel: () => {
      cancelled++;
      handlers?.error(
        Object.assign(new Error("Firebase Storage: User canceled the upload/download."), { code: "storage/canceled" }),
      );
      return true;
    },
  };
  return { task, drive: () => handlers!, cancelled: () => cancelled };
}

describe("Firebase's resumable task as put()", () => {
  const metadata = { contentType: "image/jpeg", customMetadata: { uploadedBy: "uid-1" } };

  it("forwards progress and resolves on completion", async () => {
    const { task, drive } = fakeTask();
    const started: string[] = [];
    const progress: [number, number][] = [];
    const put = putThroughTask((path) => (started.push(path), task));
    const done = put(
      "cases/c/photos/p",
      jpeg(),
      metadata,
      (sent, total) => progress.push([sent, total]),
      new AbortController().signal,
    );
    drive().next({ bytesTransferred: 400, totalBytes: 1000 });
    drive().next({ bytesTransferred: 1000, totalBytes: 1000 });
    drive().complete();
    await done;
    expect(started).toEqual(["cases/c/photos/p"]);
    expect(progress).toEqual([
      [400, 1000],
      [1000, 1000],
    ]);
  });

  it("an abort cancels the task and rejects as a cancellation", async () => {
    const { task, cancelled } = fakeTask();
    const controller = new AbortController();
    const done = putThroughTask(() => task)("cases/c/photos/p", jpeg(), metadata, () => undefined, controller.signal);
    controller.abort();
    await expect(done).rejects.toBeInstanceOf(UploadCancelled);
    expect(cancelled()).toBe(1);
  });

  it("an abort before the start starts nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    let starts = 0;
    await expect(
      putThroughTask(() => (starts++, fakeTask().task))(
        "cases/c/photos/p",
        jpeg(),
        metadata,
        () => undefined,
        controller.signal,
      ),
    ).rejects.toBeInstanceOf(UploadCancelled);
    expect(starts).toBe(0);
  });

  it("the task's own error comes through as it is", async () => {
    const { task, drive } = fakeTask();
    const done = putThroughTask(() => task)(
      "cases/c/photos/p",
      jpeg(),
      metadata,
      () => undefined,
      new AbortController().signal,
    );
    const failure = Object.assign(new Error("Max retry time for operation exceeded"), {
      code: "storage/retry-limit-exceeded",
    });
    drive().error(failure);
    await expect(done).rejects.toBe(failure);
  });
});

describe("the upload callable (local mode)", () => {
  it("sends the photo inline with its file name and answers with the verdict", async () => {
    const sent: unknown[] = [];
    const upload = callableUploader(
      async (input) => (sent.push(input), photo("p1", "indexed")),
      async () => "QUJD",
    );
    const result = await upload(
      { caseId: "case-1", blob: jpeg(), fileName: "raj.jpg" },
      () => undefined,
      new AbortController().signal,
    );
    expect(result?.status).toBe("indexed");
    expect(sent).toEqual([{ caseId: "case-1", contentBase64: "QUJD", fileName: "raj.jpg" }]);
  });

  it("a cancelled call is a cancellation, whatever the SDK threw; other failures come through", async () => {
    const controller = new AbortController();
    const upload = callableUploader(
      (_input, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener("abort", () =>
            reject(Object.assign(new Error("internal"), { code: "functions/internal" })),
          ),
        ),
      async () => "QUJD",
    );
    const done = upload({ caseId: "case-1", blob: jpeg(), fileName: "a.jpg" }, () => undefined, controller.signal);
    await Promise.resolve();
    controller.abort();
    await expect(done).rejects.toBeInstanceOf(UploadCancelled);
    const refusal = Object.assign(new Error("This case is closed: no new photos. [400]"), {
      code: "functions/failed-precondition",
    });
    await expect(
      callableUploader(
        () => Promise.reject(refusal),
        async () => "",
      )({ caseId: "c", blob: jpeg(), fileName: "a.jpg" }, () => undefined, new AbortController().signal),
    ).rejects.toBe(refusal);
  });
});
