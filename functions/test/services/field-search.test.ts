// "Is this the person?" and a video clip's tracks, through the services with the real engine on
// the smoke images (the frames of a clip are photos here; test/cli/clip.test.ts makes real clips).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { cosine } from "../../src/engine/index.js";
import { CLIP_MAX_FRAMES, searchClipInput, verifyFacesInput } from "../../src/schemas/index.js";
import { createCase } from "../../src/services/cases.js";
import { uploadCasePhoto } from "../../src/services/photos.js";
import { listSearchHistory, recordSearchOutcome } from "../../src/services/search.js";
import { verifyFaces } from "../../src/services/verify.js";
import { MAX_TRACKS_SEARCHED, searchClip } from "../../src/services/video-search.js";
import { codeOf } from "../support/codes.js";
import { skipReason, smoke } from "../support/data.js";
import { memoryDeps, officerBI, officerRW, testAnalyzer, type TestDeps } from "../support/deps.js";
import { noiseJpeg } from "../support/images.js";

const skip = skipReason({ models: true, faces: true }, "verification and clip services");
const b64 = (path: string): string => readFileSync(path).toString("base64");
const person = (name: string, n: number) => smoke("people", name, `${name}${n}.png`);

/** a case of Burundi with these photos of one person (the first two of five by default) */
async function caseWith(deps: TestDeps, name: string, photos = [1, 2], photoDate?: string): Promise<string> {
  const { case: c } = await createCase(deps, officerBI, {
    kind: "missing",
    country: "BI",
    station: "Bujumbura",
    externalRef: name,
    subject: { names: [name], aliases: [], sex: "unknown" },
  });
  for (const n of photos)
    await uploadCasePhoto(deps, officerBI, {
      caseId: c.id,
      photoId: `${name}${n}`,
      contentBase64: b64(person(name, n)),
      ...(photoDate ? { photoDate } : {}),
    });
  return c.id;
}

describe.skipIf(skip)("is this the person? (verifyFaces)", () => {
  let deps: TestDeps;
  const cases: Record<string, string> = {};
  beforeAll(async () => {
    deps = memoryDeps({ searchesPerMinute: 1000 });
    for (const name of ["raj", "penny", "howard"]) cases[name] = await caseWith(deps, name);
  }, 120_000);

  it("gives every face of the photo its best similarity with the case and a calibrated band, below the threshold too", async () => {
    const same = await verifyFaces(deps, officerBI, {
      caseId: cases.raj!,
      probe: { contentBase64: b64(person("raj", 4)) },
    });
    expect(same.faces).toHaveLength(1);
    expect(same.faces[0]!.similarity).toBeGreaterThanOrEqual(same.threshold);
    expect(["strong", "possible", "weak"]).toContain(same.faces[0]!.band);
    expect(same.caseFaces).toBe(2);
    expect(same.notice).toMatch(/not identifications/);
    const other = await verifyFaces(deps, officerBI, {
      caseId: cases.raj!,
      probe: { contentBase64: b64(person("penny", 4)) },
    });
    expect(other.faces[0]!.band).toBe("below_threshold");
    expect(other.faces[0]!.similarity).toBeLessThan(other.threshold);
    // a group photo: only raj's face reaches the threshold against raj's case
    const group = await verifyFaces(deps, officerBI, {
      caseId: cases.raj!,
      probe: { contentBase64: b64(smoke("group", "bbt1.jpg")) },
    });
    expect(group.faces.length).toBeGreaterThanOrEqual(4);
    expect(group.faces.filter((f) => f.band !== "below_threshold")).toHaveLength(1);
    expect(group.width).toBeGreaterThan(0);
  });

  it("scores exactly what the engine's embeddings say (the evaluation's cosine)", async () => {
    const engine = await testAnalyzer();
    const [probe, enrolled] = await Promise.all(
      [person("raj", 5), person("raj", 1)].map(async (p) => (await engine.analyze(readFileSync(p))).faces[0]!),
    );
    const result = await verifyFaces(deps, officerBI, {
      caseId: cases.raj!,
      probe: { contentBase64: b64(person("raj", 5)) },
    });
    const caseFaces = await deps.faces.listForCase(cases.raj!);
    // the stored vectors are protected: the probe is compared under the same key, with the same cosine
    const key = deps.templateKeys.defaultKeyId;
    expect(caseFaces.every((f) => f.templateKeyId === key)).toBe(true);
    const protectedProbe = deps.templateKeys.protect(key, probe!.embedding);
    const best = Math.max(...caseFaces.map((f) => cosine(protectedProbe, Float32Array.from(f.embedding))));
    expect(result.faces[0]!.similarity).toBeCloseTo(best, 4);
    expect(best).toBeGreaterThanOrEqual(cosine(probe!.embedding, enrolled!.embedding) - 1e-6);
  });

  it("is recorded like a search: history with the case as purpose, an audit entry, an outcome the officer can record", async () => {
    const result = await verifyFaces(deps, officerBI, {
      caseId: cases.penny!,
      probe: { contentBase64: b64(person("penny", 5)) },
    });
    const entry = (await listSearchHistory(deps, officerBI, { limit: 100 })).entries.find(
      (e) => e.id === result.searchId,
    )!;
    expect(entry).toMatchObject({ kind: "verify", purpose: { caseId: cases.penny }, probeSha256: result.probeSha256 });
    expect(entry.faces[0]!.candidates).toEqual([
      { caseId: cases.penny, similarity: result.faces[0]!.similarity, band: result.faces[0]!.band },
    ]);
    expect(JSON.stringify(entry)).not.toMatch(/embedding|base64/);
    const audited = await deps.audit.list({ action: "search.verify", limit: 100 });
    expect(audited.find((e) => e.target.id === result.searchId)?.details).toEqual({ faces: 1, aboveThreshold: 1 });
    const { entry: updated } = await recordSearchOutcome(deps, officerBI, {
      searchId: result.searchId,
      faceIndex: 0,
      caseId: cases.penny!,
      outcome: "potential_candidate",
      note: "",
    });
    expect(updated.outcomes).toHaveLength(1);
  });

  it("reports the years between the photos when both are dated", async () => {
    const dated = await caseWith(deps, "howard", [1], "2010-06-01");
    const result = await verifyFaces(deps, officerBI, {
      caseId: dated,
      probe: { contentBase64: b64(person("howard", 3)) },
      probePhotoDate: "2026-06-01",
    });
    expect(result.faces[0]!.photoAgeGapYears).toBe(16);
    const recent = await verifyFaces(deps, officerBI, {
      caseId: dated,
      probe: { contentBase64: b64(person("howard", 3)) },
      probePhotoDate: "2011-06-01",
    });
    expect(recent.faces[0]!.photoAgeGapYears).toBeUndefined();
  });

  it("deletes a probe from Storage after the comparison, refuses another officer's, and another country's case (audited)", async () => {
    await deps.blobs.put(`probes/${officerBI.uid}/v1`, readFileSync(person("raj", 3)), "image/png");
    const result = await verifyFaces(deps, officerBI, {
      caseId: cases.raj!,
      probe: { storagePath: `probes/${officerBI.uid}/v1` },
    });
    expect(result.faces[0]!.band).not.toBe("below_threshold");
    expect(await deps.blobs.get(`probes/${officerBI.uid}/v1`)).toBeUndefined();
    expect(
      await codeOf(
        verifyFaces(deps, officerBI, { caseId: cases.raj!, probe: { storagePath: "probes/someone-else/v1" } }),
      ),
    ).toBe("permission-denied");
    expect(
      await codeOf(
        verifyFaces(deps, officerRW, { caseId: cases.raj!, probe: { contentBase64: b64(person("raj", 3)) } }),
      ),
    ).toBe("permission-denied");
    expect(
      (await deps.audit.list({ action: "access.refused", limit: 100 })).some(
        (e) => e.actor === officerRW.uid && e.target.id === cases.raj,
      ),
    ).toBe(true);
  });

  it("a case without a searchable face is refused before anything is counted, and the probe still leaves Storage", async () => {
    const { case: empty } = await createCase(deps, officerBI, {
      kind: "found",
      country: "BI",
      station: "S",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    await deps.blobs.put(`probes/${officerBI.uid}/v2`, readFileSync(person("raj", 3)), "image/png");
    const error = await verifyFaces(deps, officerBI, {
      caseId: empty.id,
      probe: { storagePath: `probes/${officerBI.uid}/v2` },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "failed-precondition", reason: "verify_case_no_faces" });
    expect(await deps.blobs.get(`probes/${officerBI.uid}/v2`)).toBeUndefined();
  });

  it("is rate-limited like a search, and a photo without a face gives its place back", async () => {
    const limited = memoryDeps({ searchesPerMinute: 2 });
    const caseId = await caseWith(limited, "raj", [1]);
    const probe = { contentBase64: b64(person("raj", 2)) };
    const noFace = { contentBase64: (await noiseJpeg()).toString("base64") };
    await verifyFaces(limited, officerBI, { caseId, probe: noFace });
    await verifyFaces(limited, officerBI, { caseId, probe });
    await verifyFaces(limited, officerBI, { caseId, probe });
    const error = await verifyFaces(limited, officerBI, { caseId, probe }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "resource-exhausted", reason: "searches_exhausted" });
  });

  it("the schema takes a case and a probe, nothing else", () => {
    expect(verifyFacesInput.safeParse({ caseId: "c", probe: { contentBase64: "AAAA" } }).success).toBe(true);
    expect(verifyFacesInput.safeParse({ caseId: "c", probe: { contentBase64: "AAAA" }, filters: {} }).success).toBe(
      false,
    );
    expect(verifyFacesInput.safeParse({ caseId: "../x", probe: { contentBase64: "AAAA" } }).success).toBe(false);
  });
});

describe.skipIf(skip)("a video clip's tracks (searchClip)", () => {
  let deps: TestDeps;
  const cases: Record<string, string> = {};
  beforeAll(async () => {
    deps = memoryDeps({ searchesPerMinute: 1000 });
    for (const name of ["raj", "penny", "howard", "amy"]) cases[name] = await caseWith(deps, name);
  }, 120_000);

  /** frames a second apart: photos 3 to 5 of each person in turn (the cases hold photos 1 and 2) */
  const frames = (names: string[]) =>
    names.flatMap((name, p) =>
      [3, 4, 5].map((n, i) => ({ contentBase64: b64(person(name, n)), atMs: (p * 3 + i) * 1000 + 500 })),
    );

  it("links a person seen in several frames into one track, searches its best face, and says which frame it comes from", async () => {
    const result = await searchClip(deps, officerBI, {
      frames: frames(["raj", "penny"]),
      purpose: { reason: "clip from a bus station" },
      filters: {},
    });
    expect(result.frames).toHaveLength(6);
    expect(result.tracks).toHaveLength(2);
    for (const track of result.tracks) {
      expect(track.appearances).toHaveLength(3);
      expect(track.searched).toBe(true);
      expect(track.appearances.map((a) => a.frame)).toContain(track.best.frame);
    }
    const top = result.tracks.map((t) => result.tracks[t.index]!.candidates[0]?.externalRef);
    expect(top.sort()).toEqual(["penny", "raj"]);
    const raj = result.tracks.find((t) => t.candidates[0]?.externalRef === "raj")!;
    expect(raj.appearances.map((a) => a.frame)).toEqual([0, 1, 2]);
    expect(result.notice).toMatch(/not identifications/);
    expect(result.ms).toBeGreaterThan(0);
  });

  it("a group filmed over several frames gives one track per person, each in every frame", async () => {
    const group = b64(smoke("group", "bbt1.jpg"));
    const result = await searchClip(deps, officerBI, {
      frames: [0, 1, 2].map((i) => ({ contentBase64: group, atMs: i * 1000 })),
      purpose: { reason: "x" },
      filters: {},
    });
    const perFrame = result.frames[0]!.faces;
    expect(perFrame).toBeGreaterThanOrEqual(4);
    expect(result.tracks).toHaveLength(perFrame);
    expect(result.tracks.every((t) => t.appearances.length === 3)).toBe(true);
    expect(result.tracks.some((t) => t.candidates[0]?.externalRef === "raj")).toBe(true);
  });

  it("is recorded and audited; frames in Storage are deleted whatever the outcome", async () => {
    await deps.blobs.put(`probes/${officerBI.uid}/f1`, readFileSync(person("amy", 3)), "image/png");
    await deps.blobs.put(`probes/${officerBI.uid}/f2`, readFileSync(person("amy", 4)), "image/png");
    const result = await searchClip(deps, officerBI, {
      frames: [
        { storagePath: `probes/${officerBI.uid}/f1`, atMs: 0 },
        { storagePath: `probes/${officerBI.uid}/f2`, atMs: 1000 },
      ],
      purpose: { caseId: cases.amy! },
      filters: {},
    });
    expect(result.tracks).toHaveLength(1);
    expect(result.purposeCaseId).toBe(cases.amy);
    expect(await deps.blobs.get(`probes/${officerBI.uid}/f1`)).toBeUndefined();
    const entry = (await listSearchHistory(deps, officerBI, { limit: 100 })).entries.find(
      (e) => e.id === result.searchId,
    )!;
    expect(entry).toMatchObject({ kind: "clip", purpose: { caseId: cases.amy } });
    expect(entry.faces).toEqual([
      {
        index: 0,
        candidates: result.tracks[0]!.candidates.map((c) => ({
          caseId: c.caseId,
          similarity: c.similarity,
          band: c.band,
        })),
      },
    ]);
    const audited = (await deps.audit.list({ action: "search.clip", limit: 100 })).find(
      (e) => e.target.id === result.searchId,
    );
    expect(audited?.details).toMatchObject({ frames: 2, tracks: 1, searched: 1 });

    // a frame that is not an image refuses the clip, naming the frame; the other frame still leaves Storage
    await deps.blobs.put(`probes/${officerBI.uid}/f3`, readFileSync(person("amy", 3)), "image/png");
    const error = await searchClip(deps, officerBI, {
      frames: [
        { storagePath: `probes/${officerBI.uid}/f3`, atMs: 0 },
        { contentBase64: "AAAA", atMs: 1000 },
      ],
      purpose: { reason: "x" },
      filters: {},
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid-argument", reason: "image_refused" });
    expect((error as Error).message).toMatch(/^frame 2: /);
    expect(await deps.blobs.get(`probes/${officerBI.uid}/f3`)).toBeUndefined();
    expect(
      await codeOf(
        searchClip(deps, officerBI, {
          frames: [{ storagePath: "probes/other/f", atMs: 0 }],
          purpose: { reason: "x" },
          filters: {},
        }),
      ),
    ).toBe("permission-denied");
  });

  it("costs one search per track: when the budget runs out the rest are listed unsearched, with the wait", async () => {
    const limited = memoryDeps({ searchesPerMinute: 2 });
    const result = await searchClip(limited, officerBI, {
      frames: frames(["raj", "penny", "howard"]),
      purpose: { reason: "x" },
      filters: {},
    });
    expect(result.tracks).toHaveLength(3);
    expect(result.tracks.map((t) => t.searched)).toEqual([true, true, false]);
    expect(result.notSearched).toMatchObject({ reason: "search_limit", tracks: 1 });
    expect(result.notSearched!.retryAfterSeconds).toBeGreaterThan(0);
    expect(
      await codeOf(searchClip(limited, officerBI, { frames: frames(["raj"]), purpose: { reason: "x" }, filters: {} })),
    ).toBe("resource-exhausted");
    expect(MAX_TRACKS_SEARCHED).toBe(10);
  });

  it("bounds what a request may carry: frames, bytes per frame, bytes together", () => {
    const frame = { contentBase64: "AAAA", atMs: 0 };
    const input = (frames: unknown[]) => ({ frames, purpose: { reason: "x" } });
    expect(searchClipInput.safeParse(input(Array(CLIP_MAX_FRAMES).fill(frame))).success).toBe(true);
    expect(searchClipInput.safeParse(input(Array(CLIP_MAX_FRAMES + 1).fill(frame))).success).toBe(false);
    expect(searchClipInput.safeParse(input([])).success).toBe(false);
    const big = "A".repeat(1_400_004); // 1 MiB and a few bytes, decoded
    expect(searchClipInput.safeParse(input([{ contentBase64: big, atMs: 0 }])).success).toBe(false);
    const near = "A".repeat(1_300_000); // 0.93 MiB decoded: 13 of them are more than 12 MiB
    expect(searchClipInput.safeParse(input(Array(12).fill({ contentBase64: near, atMs: 0 }))).success).toBe(true);
    expect(searchClipInput.safeParse(input(Array(13).fill({ contentBase64: near, atMs: 0 }))).success).toBe(false);
    expect(searchClipInput.safeParse(input([{ contentBase64: "AAAA", atMs: -1 }])).success).toBe(false);
  });
});
