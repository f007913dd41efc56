// Case photos are evidence of one person: only the case's officers add them, a stored photo is
// never replaced, unreadable bytes are not kept, a photo enrols only the case's subject, and an
// interrupted ingest is found again and finished.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { casePhotoPath, type Photo } from "../../src/schemas/index.js";
import { createCase } from "../../src/services/cases.js";
import { ingestPhoto, INTERRUPTED_AFTER_MINUTES, MAX_ATTEMPTS } from "../../src/services/photo-ingest.js";
import { flagSeveralFacePhotos } from "../../src/services/photo-migration.js";
import { resumeInterruptedPhotos } from "../../src/services/photo-resume.js";
import { chooseCasePhotoFace, retractCasePhoto, uploadCasePhoto } from "../../src/services/photos.js";
import { searchFaces } from "../../src/services/search.js";
import { handOverExpiredUpload, ingestStoredObject } from "../../src/services/stored-uploads.js";
import { BlobExistsError } from "../../src/ports/index.js";
import { SYSTEM_ACTOR } from "../../src/services/actor.js";
import { codeOf } from "../support/codes.js";
import { skipReason, smoke } from "../support/data.js";
import { actor, admin, memoryDeps, officerBI, officerRecordOf, supervisorBI, type TestDeps } from "../support/deps.js";
import { noiseJpeg, pixelBombPng } from "../support/images.js";

const skip = skipReason({ models: true, faces: true }, "photo integrity");
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const colleague = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });

/** a case of officerBI's; the officers of these tests have their records (the Storage path reads them) */
async function newCase(deps: TestDeps, kind: "missing" | "found" = "missing"): Promise<string> {
  for (const a of [officerBI, supervisorBI, admin, colleague])
    if (!(await deps.officers.get(a.uid))) await deps.officers.put(officerRecordOf(a));
  return (
    await createCase(deps, officerBI, {
      kind,
      country: "BI",
      station: "Ngozi",
      subject: { names: [], aliases: [], sex: "unknown" },
    })
  ).case.id;
}

/** a portrait with a passer-by at half its size in a corner: the portrait's face dominates */
async function portraitWithBystander(): Promise<Buffer> {
  const bystander = await sharp(readFileSync(smoke("people", "amy", "amy1.png")))
    .resize({ width: 160 })
    .toBuffer();
  return sharp({ create: { width: 1000, height: 800, channels: 3, background: "#d0d0d0" } })
    .composite([
      { input: readFileSync(smoke("exif", "S008-01_orientation1.jpg")), left: 260, top: 100 },
      { input: bystander, left: 820, top: 40 },
    ])
    .jpeg()
    .toBuffer();
}

describe.skipIf(skip)("who may add photos, and evidence that is never replaced", () => {
  let deps: TestDeps;
  let caseId: string;
  const amy = readFileSync(smoke("people", "amy", "amy1.png"));
  const raj = readFileSync(smoke("people", "raj", "raj1.png"));

  beforeAll(async () => {
    deps = memoryDeps();
    caseId = await newCase(deps);
  });

  it("only the case's officers, supervisors of its country and admins add photos", async () => {
    expect(await codeOf(uploadCasePhoto(deps, colleague, { caseId, contentBase64: b64(amy) }))).toBe(
      "permission-denied",
    );
    expect((await deps.photos.list(caseId)).length).toBe(0);
    expect((await uploadCasePhoto(deps, supervisorBI, { caseId, contentBase64: b64(amy) })).photo.status).toBe(
      "indexed",
    );
    expect(
      (
        await uploadCasePhoto(deps, admin, {
          caseId,
          contentBase64: b64(readFileSync(smoke("people", "amy", "amy2.png"))),
        })
      ).photo.uploadedBy,
    ).toBe(admin.uid);
  });

  it("makes photo ids on the server; a known id with other bytes is refused and the evidence stays as it was", async () => {
    const { photo } = await uploadCasePhoto(deps, officerBI, {
      caseId,
      photoId: "evidence-1",
      contentBase64: b64(readFileSync(smoke("people", "amy", "amy3.png"))),
    });
    const blobBefore = await deps.blobs.get(photo.storagePath);
    expect(
      await codeOf(uploadCasePhoto(deps, supervisorBI, { caseId, photoId: "evidence-1", contentBase64: b64(raj) })),
    ).toBe("already-exists");
    expect(await deps.photos.get(caseId, "evidence-1")).toEqual(photo);
    expect(await deps.blobs.get(photo.storagePath)).toEqual(blobBefore);
    // a retry of the same upload answers with the stored photo
    const again = await uploadCasePhoto(deps, officerBI, {
      caseId,
      photoId: "evidence-1",
      contentBase64: b64(readFileSync(smoke("people", "amy", "amy3.png"))),
    });
    expect(again.photo).toEqual(photo);
    const generated = await uploadCasePhoto(deps, officerBI, {
      caseId,
      contentBase64: b64(readFileSync(smoke("people", "amy", "amy4.png"))),
    });
    expect(generated.photo.photoId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("stored bytes are never replaced, and the Storage path refuses other bytes under a stored photo's id too", async () => {
    const path = casePhotoPath(caseId, "evidence-1");
    const before = await deps.photos.get(caseId, "evidence-1");
    const stored = await deps.blobs.get(path);
    await expect(deps.blobs.put(path, raj, "image/png")).rejects.toThrow(BlobExistsError);
    expect(await deps.blobs.get(path)).toEqual(stored);
    // had other bytes reached the path (a record whose own bytes were not kept), the trigger refuses them
    await deps.blobs.delete(path);
    await deps.blobs.put(path, raj, "image/png");
    expect(await ingestStoredObject(deps, { name: path, uploadedBy: supervisorBI.uid })).toBe("refused");
    expect(await deps.photos.get(caseId, "evidence-1")).toEqual(before);
    expect(await deps.blobs.get(path)).toBeUndefined();
    await deps.blobs.put(path, stored!, "image/png");
  });

  it("a correction is a retraction: the photo stays as evidence, its face leaves the index, audited", async () => {
    const facesBefore = await deps.faces.countForCase(caseId);
    const { photo } = await retractCasePhoto(deps, officerBI, {
      caseId,
      photoId: "evidence-1",
      reason: "this is the sister, not the missing girl",
    });
    expect(photo).toMatchObject({
      status: "retracted",
      facesIndexed: 0,
      retraction: { by: officerBI.uid, reason: "this is the sister, not the missing girl" },
    });
    expect(await deps.faces.countForCase(caseId)).toBe(facesBefore - 1);
    expect(await deps.blobs.get(photo.storagePath)).toBeDefined();
    expect((await deps.audit.list({ action: "photo.retract", limit: 5 })).map((e) => e.target.id)).toContain(
      photo.storagePath,
    );
    // a retracted photo is never indexed again, whatever arrives for it
    expect(
      (
        await ingestPhoto(deps, {
          caseId,
          photoId: "evidence-1",
          bytes: readFileSync(smoke("people", "amy", "amy3.png")),
          uploadedBy: "u",
        })
      ).status,
    ).toBe("retracted");
    expect(await codeOf(retractCasePhoto(deps, officerBI, { caseId, photoId: "evidence-1", reason: "again" }))).toBe(
      "failed-precondition",
    );
    expect(await codeOf(retractCasePhoto(deps, colleague, { caseId, photoId: photo.photoId, reason: "x" }))).toBe(
      "permission-denied",
    );
  });
});

describe.skipIf(skip)("bytes that are not a photo are refused and not kept", () => {
  it("the callable refuses them with the reason, stores nothing and gives the upload back", async () => {
    const deps = memoryDeps({ uploadsPerHour: 2 });
    const caseId = await newCase(deps, "found");
    const corpus: [string, Uint8Array, RegExp][] = [
      ["heic", readFileSync(smoke("formats", "IMG_5355.HEIC")), /HEIC/],
      ["truncated", (await noiseJpeg()).subarray(0, 20_000), /damaged or incomplete/],
      ["pixel bomb", pixelBombPng(20_000, 20_000), /too many pixels/],
      ["text", Buffer.from("not a photo at all, just text"), /not a supported photo format/],
      ["zero bytes", new Uint8Array(), /empty/],
    ];
    for (const [name, bytes, reason] of corpus) {
      const error = (await uploadCasePhoto(deps, officerBI, {
        caseId,
        photoId: name.replace(" ", "-"),
        contentBase64: b64(bytes),
      }).catch((e: unknown) => e)) as {
        code: string;
        message: string;
        details: Record<string, unknown>;
      };
      expect(error.code, name).toBe("invalid-argument");
      expect(error.message, name).toMatch(reason);
      expect(error.details.reason, name).toBe("image_refused");
      expect(await deps.blobs.get(casePhotoPath(caseId, name.replace(" ", "-"))), name).toBeUndefined();
    }
    expect(await deps.photos.list(caseId)).toEqual([]);
    // five refusals cost nothing: both uploads of the hour are still there
    await uploadCasePhoto(deps, officerBI, {
      caseId,
      contentBase64: b64(readFileSync(smoke("people", "raj", "raj1.png"))),
    });
    await uploadCasePhoto(deps, officerBI, {
      caseId,
      contentBase64: b64(readFileSync(smoke("people", "raj", "raj2.png"))),
    });
    expect(
      await codeOf(
        uploadCasePhoto(deps, officerBI, {
          caseId,
          contentBase64: b64(readFileSync(smoke("people", "raj", "raj3.png"))),
        }),
      ),
    ).toBe("resource-exhausted");
  });

  it("the Storage path records the verdict and deletes the bytes", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const path = casePhotoPath(caseId, "upload-1");
    await deps.blobs.put(path, Buffer.from("a text file named photo.jpg"), "image/jpeg");
    expect(await ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid })).toBe("ingested");
    expect(await deps.blobs.get(path)).toBeUndefined();
    const photo = (await deps.photos.get(caseId, "upload-1"))!;
    expect(photo).toMatchObject({ status: "rejected", uploadedBy: officerBI.uid, facesIndexed: 0 });
    expect(photo.reasons[0]!.code).toBe("unsupported_format");
  });

  it("a readable photo without a face is kept with its verdict", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const { photo } = await uploadCasePhoto(deps, officerBI, {
      caseId,
      contentBase64: b64(readFileSync(smoke("nonface", "pilatus800.jpg"))),
    });
    expect(photo).toMatchObject({ status: "rejected", reasons: [{ code: "no_face", message: "no face found" }] });
    expect(await deps.blobs.get(photo.storagePath)).toBeDefined();
  });
});

describe.skipIf(skip)("one subject per case photo", () => {
  it("a family photo waits for the officer's choice; nothing of it is searchable until then", async () => {
    const deps = memoryDeps({ searchesPerMinute: 100 });
    const caseId = await newCase(deps);
    const family = readFileSync(smoke("group", "family.jpg"));
    const { photo } = await uploadCasePhoto(deps, officerBI, { caseId, contentBase64: b64(family) });
    expect(photo).toMatchObject({ status: "needs_choice", facesFound: 4, facesIndexed: 0 });
    expect(photo.reasons).toEqual([
      { code: "several_faces", message: "4 faces found: choose the person of this case" },
    ]);
    expect(photo.faces).toHaveLength(4);
    expect(await deps.faces.countForCase(caseId)).toBe(0);

    expect(await codeOf(chooseCasePhotoFace(deps, colleague, { caseId, photoId: photo.photoId, faceIndex: 2 }))).toBe(
      "permission-denied",
    );
    expect(await codeOf(chooseCasePhotoFace(deps, officerBI, { caseId, photoId: photo.photoId, faceIndex: 7 }))).toBe(
      "invalid-argument",
    );
    const chosen = (await chooseCasePhotoFace(deps, officerBI, { caseId, photoId: photo.photoId, faceIndex: 2 })).photo;
    expect(chosen).toMatchObject({
      status: "indexed",
      facesIndexed: 1,
      subjectFace: { index: 2, how: "chosen", by: officerBI.uid },
    });
    expect(await deps.faces.countForCase(caseId)).toBe(1);
    expect((await deps.audit.list({ action: "photo.choose_face", limit: 5 }))[0]).toMatchObject({
      actor: officerBI.uid,
      details: { face: 2, status: "indexed" },
    });

    // a search with the same family photo finds the case for one face only: the chosen person
    const result = await searchFaces(deps, officerBI, {
      probe: { contentBase64: b64(family) },
      purpose: { reason: "x" },
      filters: {},
      limit: 5,
    });
    const faceHits = result.faces.filter((f) => f.candidates.some((c) => c.caseId === caseId)).map((f) => f.index);
    expect(faceHits).toEqual([2]);
  });

  it("a portrait with a passer-by enrols the dominant face and says how it was chosen", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const { photo } = await uploadCasePhoto(deps, officerBI, {
      caseId,
      contentBase64: b64(await portraitWithBystander()),
    });
    expect(photo.facesFound).toBe(2);
    expect(photo).toMatchObject({ status: "indexed", facesIndexed: 1, subjectFace: { how: "dominant" } });
    const dominant = photo.faces[photo.subjectFace!.index]!;
    expect(Math.min(...photo.faces.map((f) => f.box.width))).toBeLessThan(dominant.box.width / 1.6);
    expect(await deps.faces.countForCase(caseId)).toBe(1);
  });

  it("the Storage path behaves the same", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const path = casePhotoPath(caseId, "p1");
    await deps.blobs.put(path, readFileSync(smoke("group", "couple.jpg")), "image/jpeg");
    await ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid });
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({
      status: "needs_choice",
      facesFound: 2,
      facesIndexed: 0,
    });
    expect(await deps.faces.countForCase(caseId)).toBe(0);
  });

  it("the migration flags photos enrolled with several faces for a choice", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const { photo } = await uploadCasePhoto(deps, officerBI, {
      caseId,
      contentBase64: b64(readFileSync(smoke("people", "raj", "raj1.png"))),
    });
    // as a photo was stored before one subject per photo: two faces in the index
    const [doc] = await deps.faces
      .findNearest({ vector: new Float32Array(128).fill(0), filter: {}, limit: 10, distanceThreshold: 2 })
      .then((n) => n.map((x) => x.face));
    const embedding = Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));
    await deps.faces.replacePhotoFaces(caseId, photo.photoId, [
      { ...doc!, embedding },
      { ...doc!, faceId: `${caseId}_${photo.photoId}_1`, faceIndex: 1, embedding },
    ]);
    const old: Photo = { ...photo, facesFound: 2, facesIndexed: 2 };
    await deps.photos.put(old);
    expect(await flagSeveralFacePhotos(deps, SYSTEM_ACTOR)).toEqual({ flagged: 1 });
    expect(await deps.photos.get(caseId, photo.photoId)).toMatchObject({ status: "needs_choice", facesIndexed: 0 });
    expect(await deps.faces.countForCase(caseId)).toBe(0);
    expect(await flagSeveralFacePhotos(deps, SYSTEM_ACTOR)).toEqual({ flagged: 0 });
  });
});

describe.skipIf(skip)("uploads survive faults", () => {
  const raj = readFileSync(smoke("people", "raj", "raj1.png"));

  it("the photo record is claimed before its face is searchable; a crash before the verdict is finished by the scheduled resume", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const path = casePhotoPath(caseId, "p1");
    await deps.blobs.put(path, raj, "image/png");
    const realUpdate = deps.photos.update.bind(deps.photos);
    deps.photos.update = async () => {
      throw new Error("instance died");
    };
    // a transient fault propagates, so Storage delivers the event again
    await expect(ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid })).rejects.toThrow("instance died");
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({ status: "processing", attempts: 1 });
    expect(await deps.faces.countForCase(caseId)).toBe(0);
    deps.photos.update = realUpdate;
    // delivered again at once: the claim is fresh (work may still be under way elsewhere), so it is left to finish
    expect(await ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid })).toBe("ingested");
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({ status: "processing", attempts: 1 });

    // too recent: someone may still be working on it
    expect(await resumeInterruptedPhotos(deps)).toEqual({ resumed: 0, failed: 0, gaveUp: 0 });
    deps.clockAt.now = new Date(deps.clockAt.now.getTime() + (INTERRUPTED_AFTER_MINUTES + 1) * 60_000);
    expect(await resumeInterruptedPhotos(deps)).toEqual({ resumed: 1, failed: 0, gaveUp: 0 });
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({
      status: "indexed",
      facesIndexed: 1,
      uploadedBy: officerBI.uid,
    });
    expect(await deps.faces.countForCase(caseId)).toBe(1);
  });

  it("an upload whose ingest failed before its first write, past the retry window, is handed to the scheduled resume", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const path = casePhotoPath(caseId, "p1");
    await deps.blobs.put(path, raj, "image/png");
    const realGet = deps.cases.get.bind(deps.cases);
    deps.cases.get = async () => {
      throw new Error("Firestore unavailable");
    };
    // every delivery within the retry window fails before anything is written
    await expect(
      ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid, photoDate: "2019-06-01" }),
    ).rejects.toThrow("Firestore unavailable");
    expect(await deps.photos.get(caseId, "p1")).toBeUndefined();
    deps.cases.get = realGet;

    // the last delivery, too old to retry: the photo gets its processing record instead of being dropped
    expect(
      await handOverExpiredUpload(deps, {
        name: path,
        uploadedBy: officerBI.uid,
        photoDate: "2019-06-01",
        fileName: "raj.png",
      }),
    ).toBe("handed_over");
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({
      status: "processing",
      attempts: 1,
      uploadedBy: officerBI.uid,
      fileName: "raj.png",
    });
    expect(await deps.faces.countForCase(caseId)).toBe(0);
    // a second late delivery changes nothing
    expect(await handOverExpiredUpload(deps, { name: path, uploadedBy: officerBI.uid })).toBe("recorded");

    deps.clockAt.now = new Date(deps.clockAt.now.getTime() + (INTERRUPTED_AFTER_MINUTES + 1) * 60_000);
    expect(await resumeInterruptedPhotos(deps)).toEqual({ resumed: 1, failed: 0, gaveUp: 0 });
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({
      status: "indexed",
      facesIndexed: 1,
      uploadedBy: officerBI.uid,
      photoDate: "2019-06-01",
    });
    expect(await deps.faces.countForCase(caseId)).toBe(1);

    // nothing to hand over: not a case photo, a case that does not exist, bytes that are gone
    expect(await handOverExpiredUpload(deps, { name: "probes/someone/x1" })).toBe("ignored");
    expect(await handOverExpiredUpload(deps, { name: casePhotoPath("no-such-case", "p1") })).toBe("missing");
    expect(await handOverExpiredUpload(deps, { name: casePhotoPath(caseId, "never-stored") })).toBe("missing");
    expect(await deps.photos.get(caseId, "never-stored")).toBeUndefined();
  });

  it("the verdict and the face are one write: a failed write leaves the claim, never a searchable face without its record", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    const realUpdate = deps.photos.update.bind(deps.photos);
    deps.photos.update = async () => {
      throw new Error("Firestore timeout");
    };
    await expect(ingestPhoto(deps, { caseId, photoId: "p1", bytes: raj, uploadedBy: officerBI.uid })).rejects.toThrow(
      "Firestore timeout",
    );
    deps.photos.update = realUpdate;
    expect(await deps.faces.countForCase(caseId)).toBe(0);
    expect((await deps.photos.get(caseId, "p1"))!.status).toBe("processing");
    // the redelivered event, once the claim is old enough to be an interruption, takes it over and finishes it
    deps.clockAt.now = new Date(deps.clockAt.now.getTime() + (INTERRUPTED_AFTER_MINUTES + 1) * 60_000);
    expect(await ingestPhoto(deps, { caseId, photoId: "p1", bytes: raj, uploadedBy: officerBI.uid })).toMatchObject({
      status: "indexed",
      facesIndexed: 1,
    });
    expect(await deps.faces.countForCase(caseId)).toBe(1);
  });

  it("permanent failures are recorded, not retried; a photo that keeps failing is given up with a reason", async () => {
    const deps = memoryDeps();
    const caseId = await newCase(deps);
    expect(await ingestStoredObject(deps, { name: casePhotoPath("no-such-case", "p1") })).toBe("missing");
    const path = casePhotoPath(caseId, "p2");
    await deps.blobs.put(path, raj, "image/png");
    const analyzer = await deps.analyzer();
    deps.analyzer = async () => ({
      modelVersion: analyzer.modelVersion,
      analyze: async () => {
        throw new Error("out of memory");
      },
    });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      deps.clockAt.now = new Date(deps.clockAt.now.getTime() + (INTERRUPTED_AFTER_MINUTES + 1) * 60_000);
      if (attempt === 1)
        await expect(ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid })).rejects.toThrow(
          "out of memory",
        );
      else expect(await resumeInterruptedPhotos(deps)).toEqual({ resumed: 0, failed: 1, gaveUp: 0 });
    }
    deps.clockAt.now = new Date(deps.clockAt.now.getTime() + (INTERRUPTED_AFTER_MINUTES + 1) * 60_000);
    expect(await resumeInterruptedPhotos(deps)).toEqual({ resumed: 0, failed: 0, gaveUp: 1 });
    expect(await deps.photos.get(caseId, "p2")).toMatchObject({
      status: "rejected",
      reasons: [{ code: "processing_failed" }],
    });
  });
});
