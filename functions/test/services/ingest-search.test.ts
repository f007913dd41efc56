// Photo ingest and face search through the services, with the real engine on the smoke images.
import { readFileSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../src/services/cases.js";
import { ServiceError } from "../../src/services/errors.js";
import { codeOf } from "../support/codes.js";
import { ingestPhoto } from "../../src/services/photo-ingest.js";
import { listCasePhotos, uploadCasePhoto, getPhotoThumbnail } from "../../src/services/photos.js";
import { listSearchHistory, recordSearchOutcome, searchFaces } from "../../src/services/search.js";
import { skipReason, smoke } from "../support/data.js";
import { admin, memoryDeps, officerBI, officerRW, type TestDeps } from "../support/deps.js";
import { noiseJpeg, pixelBombPng } from "../support/images.js";

const skip = skipReason({ models: true, faces: true }, "ingest and search services");
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");

describe.skipIf(skip)("ingest and search", () => {
  let deps: TestDeps;
  const caseOf: Record<string, string> = {};

  beforeAll(async () => {
    deps = memoryDeps({ searchesPerMinute: 1000 });
    for (const person of readdirSync(smoke("people"))) {
      const { case: c } = await createCase(deps, officerBI, {
        kind: "missing",
        country: "BI",
        station: "Bujumbura",
        externalRef: person,
        subject: { names: [person], aliases: [], sex: "unknown" },
      });
      caseOf[person] = c.id;
      for (const file of readdirSync(smoke("people", person)).slice(0, 3))
        await uploadCasePhoto(deps, officerBI, {
          caseId: c.id,
          photoId: file.replace(".png", ""),
          contentBase64: b64(readFileSync(smoke("people", person, file))),
        });
    }
  }, 120_000);

  it("indexes one face document per accepted face, with model version, kind and country", async () => {
    const { photos } = await listCasePhotos(deps, officerBI, { caseId: caseOf.amy! });
    expect(photos).toHaveLength(3);
    expect(photos.every((p) => p.status === "indexed" && p.facesIndexed === 1 && /^[0-9a-f]{64}$/.test(p.sha256))).toBe(
      true,
    );
    expect(await deps.faces.countForCase(caseOf.amy!)).toBe(3);
  });

  it("is idempotent: the same upload twice gives the same documents", async () => {
    const bytes = readFileSync(smoke("people", "amy", "amy1.png"));
    const before = await deps.photos.get(caseOf.amy!, "amy1");
    const again = await ingestPhoto(deps, { caseId: caseOf.amy!, photoId: "amy1", bytes, uploadedBy: officerBI.uid });
    expect(again).toEqual(before);
    expect(await deps.faces.countForCase(caseOf.amy!)).toBe(3);
  });

  it("a photo analysed again by a new model version replaces its face rather than adding to it", async () => {
    const fresh = memoryDeps();
    const { case: c } = await createCase(fresh, officerBI, {
      kind: "found",
      country: "BI",
      station: "S",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    const bytes = readFileSync(smoke("people", "raj", "raj2.png"));
    await ingestPhoto(fresh, { caseId: c.id, photoId: "p", bytes, uploadedBy: "u" });
    expect(await fresh.faces.countForCase(c.id)).toBe(1);
    const engine = await fresh.analyzer();
    fresh.analyzer = async () => ({ modelVersion: "next-model", analyze: (b, o) => engine.analyze(b, o) });
    const again = await ingestPhoto(fresh, { caseId: c.id, photoId: "p", bytes, uploadedBy: "u" });
    expect(again.modelVersion).toBe("next-model");
    expect(await fresh.faces.countForCase(c.id)).toBe(1);
  });

  it("bad input gets a clear reason and writes no face document", async () => {
    const truncated = (await noiseJpeg()).subarray(0, 20_000);
    const unreadable: [string, Uint8Array, RegExp][] = [
      ["heic", readFileSync(smoke("formats", "IMG_5355.HEIC")), /HEIC/],
      ["truncated", truncated, /damaged or incomplete/],
      ["pixel bomb", pixelBombPng(), /too many pixels/],
      ["zero bytes", new Uint8Array(), /empty/],
    ];
    const noUsableFace: [string, Uint8Array, RegExp][] = [
      ["non-face", readFileSync(smoke("nonface", "pilatus800.jpg")), /no face found/],
      ["dark", readFileSync(smoke("dark", "image2.jpg")), /too dark/],
    ];
    const { case: c } = await createCase(deps, officerBI, {
      kind: "found",
      country: "BI",
      station: "S",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    for (const [name, bytes, reason] of unreadable) {
      const error = (await uploadCasePhoto(deps, officerBI, {
        caseId: c.id,
        photoId: name.replace(" ", "-"),
        contentBase64: b64(bytes),
      }).catch((e: unknown) => e)) as ServiceError;
      expect(error.code, name).toBe("invalid-argument");
      expect(error.message, name).toMatch(reason);
    }
    for (const [name, bytes, reason] of noUsableFace) {
      const { photo } = await uploadCasePhoto(deps, officerBI, {
        caseId: c.id,
        photoId: name.replace(" ", "-"),
        contentBase64: b64(bytes),
      });
      expect(photo.status, name).toBe("rejected");
      expect(photo.reasons.map((r) => r.message).join(" "), name).toMatch(reason);
    }
    expect(await deps.faces.countForCase(c.id)).toBe(0);
    const tooBig = Buffer.alloc(9 * 1024 * 1024, 1);
    expect(await codeOf(uploadCasePhoto(deps, officerBI, { caseId: c.id, contentBase64: b64(tooBig) }))).toBe(
      "invalid-argument",
    );
    expect(
      await codeOf(
        searchFaces(deps, officerBI, {
          probe: { contentBase64: b64(new Uint8Array()) },
          purpose: { reason: "x" },
          filters: {},
          limit: 5,
        }),
      ),
    ).toBe("invalid-argument");
  });

  it("searches every face of a group photo and finds the right cases, ranked and banded", async () => {
    const result = await searchFaces(deps, officerBI, {
      probe: { contentBase64: b64(readFileSync(smoke("group", "bbt3.jpg"))) },
      purpose: { reason: "test search" },
      filters: { kind: "missing" },
      limit: 3,
    });
    expect(result.faces).toHaveLength(5);
    const top = result.faces.map((f) => f.candidates[0]?.externalRef);
    expect(top).toEqual(["sheldon", "howard", "penny", "raj", "leonard"]);
    for (const f of result.faces) {
      expect(f.candidates.every((c, i) => i === 0 || c.similarity <= f.candidates[i - 1]!.similarity)).toBe(true);
      expect(
        f.candidates.every((c) => c.similarity >= result.threshold && ["strong", "possible", "weak"].includes(c.band)),
      ).toBe(true);
      expect(new Set(f.candidates.map((c) => c.caseId)).size).toBe(f.candidates.length);
    }
    expect(result.notice).toMatch(/not identifications/);
  });

  it("writes search history and an audit entry; the outcome is recorded by the searcher only", async () => {
    const result = await searchFaces(deps, officerBI, {
      probe: { contentBase64: b64(readFileSync(smoke("people", "penny", "penny5.png"))) },
      purpose: { reason: "shelter intake" },
      filters: {},
      limit: 5,
    });
    const candidate = result.faces[0]!.candidates[0]!;
    expect(candidate.externalRef).toBe("penny");
    const { entries } = await listSearchHistory(deps, officerBI, { limit: 50 });
    const entry = entries.find((e) => e.id === result.searchId)!;
    expect(entry).toMatchObject({
      userUid: officerBI.uid,
      probeSha256: result.probeSha256,
      purpose: { reason: "shelter intake" },
    });
    expect(JSON.stringify(entry)).not.toMatch(/embedding|base64/);
    expect(
      (await deps.audit.list({ action: "search.run", limit: 100 })).some((e) => e.target.id === result.searchId),
    ).toBe(true);
    const other = { ...officerBI, uid: "someone-else" };
    const outcome = {
      searchId: result.searchId,
      faceIndex: 0,
      caseId: candidate.caseId,
      outcome: "potential_candidate" as const,
      note: "same scar",
    };
    expect(await codeOf(recordSearchOutcome(deps, other, outcome))).toBe("permission-denied");
    const { entry: updated } = await recordSearchOutcome(deps, officerBI, outcome);
    expect(updated.outcomes).toEqual([expect.objectContaining({ outcome: "potential_candidate", by: officerBI.uid })]);
    expect(await codeOf(recordSearchOutcome(deps, officerBI, { ...outcome, caseId: caseOf.amy! }))).toBe(
      "invalid-argument",
    );
    expect(await codeOf(listSearchHistory(deps, officerBI, { uid: "someone-else", limit: 5 }))).toBe(
      "permission-denied",
    );
    expect((await listSearchHistory(deps, admin, { limit: 100 })).entries.length).toBeGreaterThan(0);
  });

  it("officers search only their own country's cases", async () => {
    const result = await searchFaces(deps, officerRW, {
      probe: { contentBase64: b64(readFileSync(smoke("people", "penny", "penny5.png"))) },
      purpose: { reason: "cross-border check" },
      filters: {},
      limit: 5,
    });
    expect(result.faces[0]!.candidates).toEqual([]);
    expect(
      await codeOf(
        searchFaces(deps, officerRW, {
          probe: { contentBase64: "AAAA" },
          purpose: { reason: "x" },
          filters: { country: "BI" },
          limit: 5,
        }),
      ),
    ).toBe("permission-denied");
  });

  it("a probe uploaded to Storage is deleted after the search; another officer's probe is refused", async () => {
    await deps.blobs.put(`probes/${officerBI.uid}/p1`, readFileSync(smoke("people", "raj", "raj1.png")), "image/png");
    const result = await searchFaces(deps, officerBI, {
      probe: { storagePath: `probes/${officerBI.uid}/p1` },
      purpose: { reason: "x" },
      filters: {},
      limit: 1,
    });
    expect(result.faces[0]!.candidates[0]!.externalRef).toBe("raj");
    expect(await deps.blobs.get(`probes/${officerBI.uid}/p1`)).toBeUndefined();
    expect(
      await codeOf(
        searchFaces(deps, officerBI, {
          probe: { storagePath: "probes/other/p1" },
          purpose: { reason: "x" },
          filters: {},
          limit: 1,
        }),
      ),
    ).toBe("permission-denied");
  });

  it("rate-limits searches per officer with a clear sentence", async () => {
    const limited = memoryDeps({ searchesPerMinute: 2 });
    const probe = { contentBase64: b64(readFileSync(smoke("people", "penny", "penny5.png"))) };
    await searchFaces(limited, officerBI, { probe, purpose: { reason: "x" }, filters: {}, limit: 1 });
    await searchFaces(limited, officerBI, { probe, purpose: { reason: "x" }, filters: {}, limit: 1 });
    const error = await searchFaces(limited, officerBI, {
      probe,
      purpose: { reason: "x" },
      filters: {},
      limit: 1,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.code).toBe("resource-exhausted");
    expect(error.message).toMatch(/^Too many searches: at most 2 per minute\. Try again in \d+ seconds\.$/);
    expect(
      await codeOf(searchFaces(limited, officerRW, { probe, purpose: { reason: "x" }, filters: {}, limit: 1 })),
    ).toBe("ok");
  });

  it("thumbnails are small JPEG data URLs", async () => {
    const { dataUrl } = await getPhotoThumbnail(deps, officerBI, { caseId: caseOf.raj!, photoId: "raj1" });
    expect(dataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    expect(await codeOf(getPhotoThumbnail(deps, officerRW, { caseId: caseOf.raj!, photoId: "raj1" }))).toBe(
      "permission-denied",
    );
  });
});
