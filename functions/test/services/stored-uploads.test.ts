// A photo written straight to Cloud Storage meets what the upload callable enforces: the rights of
// the uploader's officer record (a token that still says "approved" after a suspension changes
// nothing), the hourly upload limit and the audit entry. A refused object is deleted at once and
// its record says why; nothing of an upload to an unknown case or a case being erased is kept.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { casePhotoPath } from "../../src/schemas/index.js";
import { closeCase } from "../../src/services/case-status.js";
import { createCase } from "../../src/services/cases.js";
import { requestCaseErasure, approveCaseErasure } from "../../src/services/erasure.js";
import { uploadCasePhoto } from "../../src/services/photos.js";
import { ingestStoredObject } from "../../src/services/stored-uploads.js";
import { codeOf } from "../support/codes.js";
import { skipReason, smoke } from "../support/data.js";
import { actor, admin, memoryDeps, officerBI, officerRecordOf, officerRW, type TestDeps } from "../support/deps.js";

const skip = skipReason({ models: true, faces: true }, "Storage uploads under the officer's rights");
const amy = (n: number) => readFileSync(smoke("people", "amy", `amy${n}.png`));
const colleague = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
const admin2 = actor("admin-2", { role: "admin", status: "approved", country: "RW" });

async function setUp(limits = {}): Promise<{ deps: TestDeps; caseId: string }> {
  const deps = memoryDeps(limits);
  for (const a of [officerBI, officerRW, colleague, admin, admin2]) await deps.officers.put(officerRecordOf(a));
  const { case: c } = await createCase(deps, officerBI, {
    kind: "missing",
    country: "BI",
    station: "Ngozi",
    subject: { names: [], aliases: [], sex: "unknown" },
  });
  return { deps, caseId: c.id };
}

/** what the portal does in production: the bytes straight into Storage, the uploader in the custom metadata */
async function storageUpload(deps: TestDeps, caseId: string, photoId: string, bytes: Uint8Array, uploadedBy: string) {
  const name = casePhotoPath(caseId, photoId);
  await deps.blobs.put(name, bytes, "image/png", { uploadedBy });
  return ingestStoredObject(deps, { name, uploadedBy, fileName: `${photoId}.png` });
}

describe.skipIf(skip)("photos sent straight to Storage", () => {
  it("are kept for the case's officers, audited with the uploader as the actor and counted against their hour", async () => {
    const { deps, caseId } = await setUp({ uploadsPerHour: 1 });
    expect(await storageUpload(deps, caseId, "p1", amy(1), officerBI.uid)).toBe("ingested");
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({
      status: "indexed",
      uploadedBy: officerBI.uid,
      fileName: "p1.png",
    });
    expect((await deps.audit.list({ action: "photo.ingest", limit: 5 })).map((e) => [e.actor, e.target.id])).toEqual([
      [officerBI.uid, casePhotoPath(caseId, "p1")],
    ]);
    // the hour's one upload is used: the callable says so, and so does the Storage path
    expect(await codeOf(uploadCasePhoto(deps, officerBI, { caseId, contentBase64: amy(2).toString("base64") }))).toBe(
      "resource-exhausted",
    );
    expect(await storageUpload(deps, caseId, "p2", amy(3), officerBI.uid)).toBe("refused");
    expect(await deps.photos.get(caseId, "p2")).toMatchObject({
      status: "rejected",
      reasons: [{ code: "upload_limit" }],
      facesIndexed: 0,
    });
    expect(await deps.blobs.get(casePhotoPath(caseId, "p2"))).toBeUndefined();
  });

  it("refuse an officer suspended since their token was issued, another country's officer and an officer off the case: bytes deleted, the refusal recorded", async () => {
    const { deps, caseId } = await setUp();
    // suspended within the hour: the token (what storage.rules read) still says approved, the record does not
    await deps.officers.put({ ...officerRecordOf(officerBI), status: "suspended" });
    const refusals: [string, string, string][] = [
      ["suspended", officerBI.uid, "Your account is suspended"],
      ["other-country", officerRW.uid, "another country"],
      ["off-the-case", colleague.uid, "Only the case's officers"],
      ["no-record", "someone-else", "Register as an officer"],
    ];
    for (const [photoId, uid, sentence] of refusals) {
      expect(await storageUpload(deps, caseId, photoId, amy(1), uid), photoId).toBe("refused");
      expect(await deps.blobs.get(casePhotoPath(caseId, photoId)), photoId).toBeUndefined();
      const record = (await deps.photos.get(caseId, photoId))!;
      expect(record, photoId).toMatchObject({
        status: "rejected",
        uploadedBy: uid,
        facesIndexed: 0,
        reasons: [{ code: "upload_not_allowed" }],
      });
      expect(record.reasons[0]!.message, photoId).toContain(sentence);
    }
    expect(await deps.faces.countForCase(caseId)).toBe(0);
    // a refusal of another country's officer is an audited access refusal, as in the callables
    expect(
      (await deps.audit.list({ action: "access.refused", limit: 5 })).map((e) => [e.actor, e.details?.reason]),
    ).toEqual([[officerRW.uid, "other_country"]]);
    expect(await deps.audit.list({ action: "photo.ingest", limit: 5 })).toEqual([]);
    // the refusal stands: the same bytes again under its id are deleted too
    expect(await storageUpload(deps, caseId, "suspended", amy(1), colleague.uid)).toBe("refused");
    expect(await deps.blobs.get(casePhotoPath(caseId, "suspended"))).toBeUndefined();
  });

  it("refuse a closed case's new photos, keep nothing of an unknown case's or of a case being erased", async () => {
    const { deps, caseId } = await setUp();
    await closeCase(deps, officerBI, { caseId, reason: "withdrawn by the family" });
    expect(await storageUpload(deps, caseId, "p1", amy(1), officerBI.uid)).toBe("refused");
    expect(await deps.photos.get(caseId, "p1")).toMatchObject({
      reasons: [{ code: "upload_not_allowed", message: expect.stringContaining("closed") }],
    });

    const name = casePhotoPath("no-such-case", "p1");
    await deps.blobs.put(name, amy(1), "image/png");
    expect(await ingestStoredObject(deps, { name, uploadedBy: officerBI.uid })).toBe("missing");
    expect(await deps.blobs.get(name)).toBeUndefined();

    // an erasure approved while photos arrive: one through Storage, one through the callable, mid-purge
    const { case: other } = await createCase(deps, officerBI, {
      kind: "found",
      country: "BI",
      station: "S",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    await uploadCasePhoto(deps, officerBI, { caseId: other.id, contentBase64: amy(4).toString("base64") });
    const { request } = await requestCaseErasure(deps, admin, { caseId: other.id, reason: "family's request" });
    const deleteVectors = deps.vectors.deleteForCase.bind(deps.vectors);
    const during: string[] = [];
    deps.vectors.deleteForCase = async (id) => {
      during.push(await storageUpload(deps, other.id, "late", amy(2), officerBI.uid));
      during.push(
        await uploadCasePhoto(deps, officerBI, { caseId: other.id, contentBase64: amy(3).toString("base64") }).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
      return deleteVectors(id);
    };
    await approveCaseErasure(deps, admin2, { requestId: request.id });
    expect(during).toEqual(["missing", "not-found"]);
    expect(await deps.blobs.list(`cases/${other.id}/`, { limit: 5 })).toEqual([]);
    expect(await deps.photos.list(other.id)).toEqual([]);
    expect(await deps.faces.countForCase(other.id)).toBe(0);
  });

  it("the same photo again under a new id is one photo: the new object is deleted and says so", async () => {
    const { deps, caseId } = await setUp();
    expect(await storageUpload(deps, caseId, "first", amy(1), officerBI.uid)).toBe("ingested");
    expect(await storageUpload(deps, caseId, "again", amy(1), officerBI.uid)).toBe("refused");
    expect(await deps.photos.get(caseId, "again")).toMatchObject({
      status: "rejected",
      reasons: [{ code: "same_photo_stored" }],
    });
    expect(await deps.blobs.get(casePhotoPath(caseId, "again"))).toBeUndefined();
    const evidence = (await deps.photos.list(caseId)).filter((p) => p.status === "indexed");
    expect(evidence.map((p) => p.photoId)).toEqual(["first"]);
    // through the callable too: the stored photo answers
    expect(
      (await uploadCasePhoto(deps, officerBI, { caseId, contentBase64: amy(1).toString("base64") })).photo.photoId,
    ).toBe("first");
  });
});
