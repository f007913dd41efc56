// A new face model without downtime. Every indexed photo is embedded again with the target model
// into faces of the target version, beside the active vectors that search keeps using; when every
// photo is done, search switches to the target version in one write (the model state document);
// then the vectors of every other version are deleted, each photo's only after it has its face in
// the active version (a photo ingested with the old model during the migration is embedded again
// first). In production each step is a task of a queue (retried, rate-limited, one at a time); the
// command line runs the same steps in a loop. A step delivered twice changes nothing.
import { randomUUID } from "node:crypto";
import type { Deps, FaceAnalyzer } from "../ports/index.js";
import type { ModelMigration, ModelState, Photo, ReembedTask } from "../schemas/index.js";
import { SYSTEM_ACTOR, type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";
import { activeModelVersion } from "./face-models.js";
import { enrolWith } from "./photos.js";

/** photos per step: a step embeds them all within a task's time */
export const REEMBED_PAGE = 20;

export async function modelStatus(deps: Deps) {
  const state = await deps.operations.getModelState();
  return {
    activeVersion: await activeModelVersion(deps),
    available: await deps.models.versions(),
    migration: state?.migration ?? null,
  };
}

export async function getModelMigration(deps: Deps, _caller: Actor) {
  return modelStatus(deps);
}

/** the versions whose vectors remain besides `keep` */
async function otherVersions(deps: Deps, keep: string): Promise<string[]> {
  return (await deps.vectors.countByModelVersion())
    .filter((v) => v.modelVersion !== keep && v.count > 0)
    .map((v) => v.modelVersion);
}

/** Starts a migration to a model this deployment carries; the first step goes to the queue. */
export async function startModelMigration(deps: Deps, admin: Actor, input: { toVersion: string }) {
  const state = await deps.operations.getModelState();
  if (state?.migration && state.migration.status !== "done")
    throw new ServiceError("migration_running", { version: state.migration.to });
  if (!(await deps.models.analyzerFor(input.toVersion)))
    throw new ServiceError("model_not_available", { version: input.toVersion });
  const active = await activeModelVersion(deps);
  const stale = await otherVersions(deps, input.toVersion);
  // the target already active with nothing else left (a store written by an older build may hold vectors of another model)
  if (active === input.toVersion && stale.length === 0)
    throw new ServiceError("model_already_active", { version: input.toVersion });
  const counts = await deps.vectors.countByModelVersion();
  const from = active !== input.toVersion ? active : stale[0]!;
  const now = deps.clock.now().toISOString();
  const migration: ModelMigration = {
    id: randomUUID(),
    from,
    to: input.toVersion,
    status: "reembedding",
    startedBy: admin.uid,
    startedAt: now,
    updatedAt: now,
    total: counts.find((c) => c.modelVersion === from)?.count ?? 0,
    reembedded: 0,
    notEnrolled: 0,
    missingBytes: 0,
    oldFacesDeleted: 0,
  };
  await deps.operations.putModelState({ activeVersion: active, migration });
  await audit(
    deps,
    admin,
    "model.migration_start",
    { type: "model", id: migration.id },
    { from, to: migration.to, total: migration.total },
  );
  await deps.reembedQueue.enqueue({ migrationId: migration.id, phase: "reembed" });
  return modelStatus(deps);
}

/** `changed`: the photo changed while it was analysed (retracted, another face chosen): its change stands, the clean-up looks at it again */
type Outcome = "reembedded" | "notEnrolled" | "missingBytes" | "orphan" | "changed";

/** the photo's face in the analyzer's version; with `record`, the photo takes that model's verdict too */
async function reembedPhoto(deps: Deps, analyzer: FaceAnalyzer, photo: Photo, record: boolean): Promise<Outcome> {
  const caseRecord = await deps.cases.get(photo.caseId);
  if (!caseRecord) return "orphan";
  const bytes = await deps.blobs.get(photo.storagePath);
  if (!bytes) return "missingBytes";
  const { photo: verdict, face } = await enrolWith(analyzer, caseRecord, photo, bytes, deps.clock.now().toISOString());
  // the record and the new version's face in one step, onto the photo as it was analysed
  const { written } = await deps.photos.update(photo.caseId, photo.photoId, (current) =>
    current?.status === "indexed" && current.updatedAt === photo.updatedAt
      ? { photo: record ? verdict : current, faces: { docs: face ? [face] : [], modelVersion: analyzer.modelVersion } }
      : undefined,
  );
  if (!written) return "changed";
  return face ? "reembedded" : "notEnrolled";
}

async function targetAnalyzer(deps: Deps, migration: ModelMigration): Promise<FaceAnalyzer> {
  const analyzer = await deps.models.analyzerFor(migration.to);
  if (!analyzer) throw new Error(`the migration's target model ${migration.to} is not part of this deployment`);
  return analyzer;
}

function progress(deps: Deps, m: ModelMigration): void {
  deps.events.modelMigrationProgress({
    migrationId: m.id,
    status: m.status,
    total: m.total,
    reembedded: m.reembedded,
    notEnrolled: m.notEnrolled,
    missingBytes: m.missingBytes,
    oldFacesDeleted: m.oldFacesDeleted,
  });
}

/**
 * One step of the migration; returns the next task, or undefined when it is finished. A task that
 * does not continue from where the migration stands (a duplicate delivery, an old migration's) is
 * ignored.
 */
export async function runReembedStep(
  deps: Deps,
  task: ReembedTask,
  pageSize = REEMBED_PAGE,
): Promise<ReembedTask | undefined> {
  const state = await deps.operations.getModelState();
  const m = state?.migration;
  if (!state || !m || m.id !== task.migrationId) return undefined;
  const phase = m.status === "reembedding" ? "reembed" : m.status === "cleaning" ? "cleanup" : undefined;
  if (phase !== task.phase || m.cursor !== task.after) return undefined;
  return phase === "reembed" ? reembedPage(deps, state, m, pageSize) : cleanupPage(deps, state, m, pageSize);
}

async function save(deps: Deps, state: ModelState, m: ModelMigration): Promise<void> {
  await deps.operations.putModelState({ ...state, migration: { ...m, updatedAt: deps.clock.now().toISOString() } });
  progress(deps, m);
}

async function reembedPage(
  deps: Deps,
  state: ModelState,
  m: ModelMigration,
  pageSize: number,
): Promise<ReembedTask | undefined> {
  const analyzer = await targetAnalyzer(deps, m);
  const page = await deps.photos.listIndexed({ limit: pageSize, ...(m.cursor ? { after: m.cursor } : {}) });
  const next: ModelMigration = { ...m };
  for (const photo of page.items) {
    const outcome = await reembedPhoto(deps, analyzer, photo, false);
    if (outcome !== "orphan" && outcome !== "changed") next[outcome]++;
  }
  if (page.items.length === pageSize) {
    const { cursor: _c, ...rest } = next;
    const moved: ModelMigration = { ...rest, ...(page.next ? { cursor: page.next } : {}) };
    await save(deps, state, moved);
    return { migrationId: m.id, phase: "reembed", ...(moved.cursor ? { after: moved.cursor } : {}) };
  }
  // every photo has its face in the target version: search switches in this one write
  const { cursor: _c, ...rest } = next;
  const switched: ModelMigration = { ...rest, status: "cleaning", switchedAt: deps.clock.now().toISOString() };
  await save(deps, { ...state, activeVersion: m.to }, switched);
  await audit(
    deps,
    SYSTEM_ACTOR,
    "model.migration_switch",
    { type: "model", id: m.id },
    { from: m.from, to: m.to, reembedded: switched.reembedded, notEnrolled: switched.notEnrolled },
  );
  deps.events.modelSwitched({ migrationId: m.id, from: m.from, to: m.to });
  return { migrationId: m.id, phase: "cleanup" };
}

async function cleanupPage(
  deps: Deps,
  state: ModelState,
  m: ModelMigration,
  pageSize: number,
): Promise<ReembedTask | undefined> {
  const analyzer = await targetAnalyzer(deps, m);
  const [stale] = await otherVersions(deps, m.to);
  const next: ModelMigration = { ...m };
  const photos = stale ? await deps.vectors.photosWithVersion(stale, pageSize) : [];
  for (const { caseId, photoId } of photos) {
    const photo = await deps.photos.get(caseId, photoId);
    // ingested with the old model during the migration, or not enrolled by the new one: its verdict now comes from the new model
    if (photo?.status === "indexed" && !(await deps.vectors.versionsOfPhoto(caseId, photoId)).includes(m.to)) {
      // changed meanwhile (another face chosen): its old face stays until the next step embeds it again
      if ((await reembedPhoto(deps, analyzer, photo, true)) === "changed") continue;
    }
    next.oldFacesDeleted += await deps.vectors.deletePhotoVersion(caseId, photoId, stale!);
  }
  if (photos.length > 0) {
    // deleted vectors leave the listing; the step number keeps duplicate deliveries apart
    const step = String(Number(m.cursor ?? "0") + 1);
    await save(deps, state, { ...next, cursor: step });
    return { migrationId: m.id, phase: "cleanup", after: step };
  }
  const { cursor: _c, ...rest } = next;
  const done: ModelMigration = { ...rest, status: "done", finishedAt: deps.clock.now().toISOString() };
  await save(deps, state, done);
  await audit(
    deps,
    SYSTEM_ACTOR,
    "model.migration_done",
    { type: "model", id: m.id },
    { to: m.to, oldFacesDeleted: done.oldFacesDeleted },
  );
  return undefined;
}

/** what the queue's handler does with a delivered task: the step, then the next one enqueued */
export async function handleReembedTask(deps: Deps, task: ReembedTask): Promise<void> {
  const next = await runReembedStep(deps, task);
  if (next) await deps.reembedQueue.enqueue(next);
}

/** the migration's current task, to resume a stopped run (the command line) */
export function currentTask(m: ModelMigration): ReembedTask | undefined {
  if (m.status === "done") return undefined;
  return {
    migrationId: m.id,
    phase: m.status === "reembedding" ? "reembed" : "cleanup",
    ...(m.cursor ? { after: m.cursor } : {}),
  };
}
