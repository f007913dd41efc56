// A face model migration without downtime, proven with a no-op migration: the same engine under a
// new version label. Search results must be identical before and after; the old vectors are gone;
// a step delivered twice changes nothing; a photo ingested with the old model meanwhile is caught.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FaceAnalyzer, FaceModels } from "../../src/ports/index.js";
import { createCase } from "../../src/services/cases.js";
import { createTemplateKeys, newTemplateKeySecret } from "../../src/adapters/crypto/template-keys.js";
import { TemplateKeyMissingError } from "../../src/ports/index.js";
import {
  getModelMigration,
  runReembedStep,
  startModelMigration,
  startTemplateKeyRotation,
} from "../../src/services/model-migration.js";
import { addCasePhoto } from "../../src/services/photos.js";
import { searchFaces } from "../../src/services/search.js";
import { codeOf } from "../support/codes.js";
import { skipReason, smoke } from "../support/data.js";
import { throughBoundary } from "../support/boundary.js";
import { admin, memoryDeps, officerBI, officerRecordOf, testAnalyzer, type TestDeps } from "../support/deps.js";

const skip = skipReason({ models: true, faces: true }, "face model migration");

/** this build's engine, and the same engine labelled as another version: a no-op migration */
async function twoModels(): Promise<{ models: FaceModels; from: string; to: string }> {
  const engine = await testAnalyzer();
  const to = `${engine.modelVersion}+noop`;
  const relabelled: FaceAnalyzer = { modelVersion: to, analyze: (bytes, options) => engine.analyze(bytes, options) };
  const byVersion = new Map<string, FaceAnalyzer>([
    [engine.modelVersion, engine],
    [to, relabelled],
  ]);
  return {
    models: { versions: async () => [...byVersion.keys()], analyzerFor: async (v) => byVersion.get(v) },
    from: engine.modelVersion,
    to,
  };
}

async function importPeople(deps: TestDeps, people: string[]): Promise<void> {
  for (const person of people) {
    const { case: view } = await createCase(deps, admin, {
      kind: "missing",
      country: "BI",
      station: "S",
      externalRef: person,
      subject: { names: [person], aliases: [], sex: "unknown" },
    });
    const record = (await deps.cases.get(view.id))!;
    for (const file of readdirSync(smoke("people", person)).sort())
      await addCasePhoto(deps, admin, record, { bytes: readFileSync(smoke("people", person, file)) });
  }
}

/** what an officer sees: per probe face, the candidates in order with their similarity and photo */
async function results(deps: TestDeps, photo: string) {
  const out = await searchFaces(deps, admin, {
    probe: { contentBase64: readFileSync(photo).toString("base64") },
    purpose: { reason: "test" },
    filters: {},
    limit: 5,
  });
  return out.faces.map((f) =>
    f.candidates.map((c) => [c.externalRef, c.similarity, c.band, c.photo.photoId, c.matchedPhotos]),
  );
}

/** four people as cases, and what two probes find among them before anything moves */
async function fourPeopleSearched(deps: TestDeps) {
  await importPeople(deps, ["raj", "penny", "howard", "leonard"]);
  const probes = [smoke("group", "bbt5.jpg"), smoke("people", "sheldon", readdirSync(smoke("people", "sheldon"))[0]!)];
  const before = await Promise.all(probes.map((p) => results(deps, p)));
  expect(before[0]!.flat().length).toBeGreaterThan(3);
  return { probes, before };
}

describe.skipIf(skip)("face model migration", () => {
  it("a no-op migration leaves search results identical and only the new version's vectors", async () => {
    const { models, from, to } = await twoModels();
    const deps = memoryDeps({}, { models });
    const { probes, before } = await fourPeopleSearched(deps);

    expect(await codeOf(startModelMigration(deps, admin, { toVersion: "no-such-model" }))).toBe("failed-precondition");
    expect(await codeOf(startModelMigration(deps, admin, { toVersion: from }))).toBe("failed-precondition");
    await deps.officers.put(officerRecordOf(officerBI));
    const startAs = throughBoundary(deps, "startModelMigration", startModelMigration);
    expect(await codeOf(startAs(officerBI, { toVersion: to }))).toBe("permission-denied");
    const started = await startModelMigration(deps, admin, { toVersion: to });
    expect(started.migration).toMatchObject({ from, to, status: "reembedding", total: 20 });
    expect(await codeOf(startModelMigration(deps, admin, { toVersion: to }))).toBe("failed-precondition");

    // the queue's first step, a few pages, and a duplicate delivery of a step already done
    const first = { migrationId: started.migration!.id, phase: "reembed" as const };
    const second = (await runReembedStep(deps, first, 8))!;
    expect(second.after).toBeDefined();
    expect(await runReembedStep(deps, first, 8)).toBeUndefined();
    const midway = (await getModelMigration(deps, admin)).migration!;
    expect(midway).toMatchObject({ reembedded: 8, status: "reembedding" });
    // search still reads the old version: same answers while the migration runs
    expect(await results(deps, probes[0]!)).toEqual(before[0]);
    expect((await deps.vectors.countByModelVersion()).map((v) => [v.space.modelVersion, v.count])).toEqual([
      [from, 20],
      [to, 8],
    ]);

    // a photo ingested meanwhile with the active (old) model is not lost at the switch
    const late = (await deps.cases.list({}, { limit: 10 })).cases.find((c) => c.externalRef === "raj")!;
    await addCasePhoto(deps, admin, late, { bytes: readFileSync(smoke("group", "bbt1.jpg")) });

    deps.reembedQueue.onTask(async (task) => {
      const next = await runReembedStep(deps, task, 8);
      if (next) await deps.reembedQueue.enqueue(next);
    });
    await deps.reembedQueue.enqueue(second);
    await deps.reembedQueue.idle();

    const status = await getModelMigration(deps, admin);
    expect(status.activeVersion).toBe(to);
    expect(status.migration).toMatchObject({ status: "done", reembedded: 20, notEnrolled: 0, missingBytes: 0 });
    expect((await deps.vectors.countByModelVersion()).map((v) => v.space.modelVersion)).toEqual([to]);
    const after = await Promise.all(probes.map((p) => results(deps, p)));
    // the late group photo waits for a choice (several faces): nothing of it was searchable before or after
    expect(after).toEqual(before);
    const actions = (await deps.audit.list({ limit: 200 }))
      .filter((e) => e.action.startsWith("model."))
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(["model.migration_done", "model.migration_start", "model.migration_switch"]);
  }, 180_000);

  it("a photo indexed with the old model during the migration gets its face in the new version before the old vectors go", async () => {
    const { models, to } = await twoModels();
    const deps = memoryDeps({}, { models });
    await importPeople(deps, ["penny"]);
    const { migration } = await startModelMigration(deps, admin, { toVersion: to });
    const record = (await deps.cases.list({}, { limit: 1 })).cases[0]!;
    // the last page of the re-embedding (the switch) happens before this photo is added with the old model
    let task = await runReembedStep(deps, { migrationId: migration!.id, phase: "reembed" }, 50);
    expect(task).toEqual({ migrationId: migration!.id, phase: "cleanup" });
    expect((await getModelMigration(deps, admin)).activeVersion).toBe(to);
    // an upload whose analysis started with the old model (its vectors land after the switch)
    const engine = (await models.analyzerFor(migration!.from))!;
    const saved = deps.models;
    deps.models = { versions: saved.versions, analyzerFor: async () => engine };
    await addCasePhoto(deps, admin, record, { bytes: readFileSync(smoke("people", "raj", "raj1.png")) });
    deps.models = saved;
    expect(
      (await deps.vectors.countByModelVersion()).find((v) => v.space.modelVersion === migration!.from)?.count,
    ).toBe(6);
    while (task) task = await runReembedStep(deps, task, 50);
    const faces = await deps.vectors.countByModelVersion();
    expect(faces).toEqual([{ space: { modelVersion: to, templateKeyId: deps.templateKeys.defaultKeyId }, count: 6 }]);
    const searched = await results(deps, smoke("people", "raj", "raj2.png"));
    expect(searched[0]![0]![0]).toBe("penny");
  }, 120_000);

  it("a template key rotation re-keys every vector without reading a photo; search answers the same throughout", async () => {
    const ring = `${newTemplateKeySecret("k2")},${newTemplateKeySecret("k1")}`;
    const deps = memoryDeps({}, { templateKeySecret: ring });
    const { probes, before } = await fourPeopleSearched(deps);

    // what the store holds is the key's matrix times the model's vector, never the model's vector
    const stored = (await deps.faces.listForCase((await deps.cases.list({}, { limit: 1 })).cases[0]!.id))[0]!;
    expect(stored.templateKeyId).toBe("k1");
    const photo = (await deps.photos.get(stored.caseId, stored.photoId))!;
    const raw = (await (await testAnalyzer()).analyze((await deps.blobs.get(photo.storagePath))!)).faces[
      stored.faceIndex
    ]!.embedding;
    const protectedRaw = deps.templateKeys.protect("k1", raw);
    expect(stored.embedding.every((x, i) => Math.abs(x - protectedRaw[i]!) < 1e-6)).toBe(true);
    expect(Math.abs(cosine(stored.embedding, raw))).toBeLessThan(0.5);

    expect(await codeOf(startTemplateKeyRotation(deps, admin, { toKeyId: "k9" }))).toBe("failed-precondition");
    expect(await codeOf(startTemplateKeyRotation(deps, admin, { toKeyId: "k1" }))).toBe("failed-precondition");
    await deps.officers.put(officerRecordOf(officerBI));
    const rotateAs = throughBoundary(deps, "startTemplateKeyRotation", startTemplateKeyRotation);
    expect(await codeOf(rotateAs(officerBI, {}))).toBe("permission-denied");
    // no photo is read: the bytes could be gone and the rotation would still finish
    const blobs = deps.blobs;
    let reads = 0;
    deps.blobs = { ...blobs, get: (path) => (reads++, blobs.get(path)) };
    const started = await startTemplateKeyRotation(deps, admin, {});
    expect(started).toMatchObject({ activeTemplateKey: "k1", templateKeys: ["k2", "k1"] });
    expect(started.migration).toMatchObject({ fromTemplateKey: "k1", toTemplateKey: "k2", status: "reembedding" });
    expect(await codeOf(startModelMigration(deps, admin, { toVersion: "x" }))).toBe("failed-precondition");

    let task = await runReembedStep(deps, { migrationId: started.migration!.id, phase: "reembed" }, 8);
    // midway: both keys' vectors side by side, search still under the old key, same answers
    expect((await getModelMigration(deps, admin)).migration).toMatchObject({ rekeyed: 8, status: "reembedding" });
    expect(await results(deps, probes[0]!)).toEqual(before[0]);
    while (task) task = await runReembedStep(deps, task, 8);
    expect(await runReembedStep(deps, { migrationId: started.migration!.id, phase: "cleanup" }, 8)).toBeUndefined();

    const status = await getModelMigration(deps, admin);
    expect(status.activeTemplateKey).toBe("k2");
    expect(status.migration).toMatchObject({ status: "done", rekeyed: 20, reembedded: 0, oldFacesDeleted: 20 });
    expect((await deps.vectors.countByModelVersion()).map((v) => [v.space.templateKeyId, v.count])).toEqual([
      ["k2", 20],
    ]);
    expect(reads).toBe(0);
    // every similarity within float32 rounding of what it was: the same candidates, bands and order
    const after = await Promise.all(probes.map((p) => results(deps, p)));
    expect(after.map(withoutSimilarity)).toEqual(before.map(withoutSimilarity));
    after.flat(2).forEach((c, i) => expect(c[1] as number).toBeCloseTo(before.flat(2)[i]![1] as number, 5));
    const actions = (await deps.audit.list({ limit: 200 }))
      .filter((e) => e.action.startsWith("template."))
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(["template.rotation_done", "template.rotation_start", "template.rotation_switch"]);
    // a photo added now is stored under the new key and found
    deps.blobs = blobs;
    const record = (await deps.cases.list({}, { limit: 1 })).cases[0]!;
    await addCasePhoto(deps, admin, record, {
      bytes: readFileSync(smoke("people", "sheldon", readdirSync(smoke("people", "sheldon"))[1]!)),
    });
    expect((await deps.vectors.countByModelVersion()).map((v) => v.space.templateKeyId)).toEqual(["k2"]);
    // a deployment whose secret lost the active key refuses to search, naming it, rather than matching nothing
    deps.templateKeys = createTemplateKeys(ring.split(",")[1]!);
    await expect(results(deps, probes[0]!)).rejects.toThrow(TemplateKeyMissingError);
    await expect(results(deps, probes[0]!)).rejects.toThrow(/template key "k2", which is not in TEMPLATE_KEYS/);
  }, 180_000);
});

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) [ab, aa, bb] = [ab + a[i]! * b[i]!, aa + a[i]! * a[i]!, bb + b[i]! * b[i]!];
  return ab / Math.sqrt(aa * bb);
};

/** the candidates as an officer reads them, similarity aside (float32 rounding may move its last digits) */
const withoutSimilarity = (faces: unknown[][][]) => faces.map((f) => f.map(([ref, , ...rest]) => [ref, ...rest]));
