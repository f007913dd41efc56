// Every face vector moved to another space without downtime: a new face model (every indexed
// photo embedded again with it), or a new template key (every stored vector multiplied by
// Rnew·Roldᵀ — no photo read, no model loaded), or both. The new vectors are written beside the
// active ones that search keeps using; when every photo is done, search switches to the target
// space in one write (the model state document); then the vectors of every other space are deleted,
// each photo's only after it has its face in the active space (a photo ingested during the
// migration is moved first). In production each step is a task of a queue (retried, rate-limited,
// one at a time); the command line runs the same steps in a loop. A step delivered twice changes
// nothing.
import { randomUUID } from "node:crypto";
import type { Deps, VectorSpace } from "../ports/index.js";
import type { AuditAction, FaceDoc, ModelMigration, ModelState, Photo, ReembedTask } from "../schemas/index.js";
import { SYSTEM_ACTOR, type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { ServiceError } from "./errors.js";
import { activeSpace, protectedAnalyzer, sameSpace, type ProtectedAnalyzer } from "./face-models.js";
import { enrolWith, faceId } from "./photos.js";

/** photos per step: a step embeds them all within a task's time */
export const REEMBED_PAGE = 20;

const targetOf = (m: ModelMigration): VectorSpace => ({ modelVersion: m.to, templateKeyId: m.toTemplateKey });
/** the same model under another key: vectors are re-keyed, never embedded again */
export const isKeyRotation = (m: Pick<ModelMigration, "from" | "to">): boolean => m.from === m.to;

export async function modelStatus(deps: Deps) {
  const state = await deps.operations.getModelState();
  const active = await activeSpace(deps);
  return {
    activeVersion: active.modelVersion,
    available: await deps.models.versions(),
    activeTemplateKey: active.templateKeyId,
    templateKeys: [...deps.templateKeys.keyIds],
    migration: state?.migration ?? null,
  };
}

export async function getModelMigration(deps: Deps, _caller: Actor) {
  return modelStatus(deps);
}

/** the spaces whose vectors remain besides `keep` */
async function otherSpaces(deps: Deps, keep: VectorSpace): Promise<VectorSpace[]> {
  return (await deps.vectors.countByModelVersion())
    .filter((v) => !sameSpace(v.space, keep) && v.count > 0)
    .map((v) => v.space);
}

/** Starts a migration to a model this deployment carries; the first step goes to the queue. */
export async function startModelMigration(deps: Deps, admin: Actor, input: { toVersion: string }) {
  await refuseWhileRunning(deps);
  if (!(await deps.models.analyzerFor(input.toVersion)))
    throw new ServiceError("model_not_available", { version: input.toVersion });
  const active = await activeSpace(deps);
  const target = { modelVersion: input.toVersion, templateKeyId: active.templateKeyId };
  // the target already active with nothing else left (a store written by an older build may hold vectors of another model)
  if (active.modelVersion === input.toVersion && (await otherSpaces(deps, target)).length === 0)
    throw new ServiceError("model_already_active", { version: input.toVersion });
  return startMigration(deps, admin, active, target, "model.migration_start");
}

/**
 * Re-keys every stored face vector to another template key of TEMPLATE_KEYS (default: the newest),
 * through the same steps as a model migration: resumable, audited, search unchanged throughout.
 */
export async function startTemplateKeyRotation(deps: Deps, admin: Actor, input: { toKeyId?: string }) {
  await refuseWhileRunning(deps);
  const toKey = input.toKeyId ?? deps.templateKeys.keyIds[0]!;
  if (!deps.templateKeys.has(toKey)) throw new ServiceError("template_key_unknown", { key: toKey });
  const active = await activeSpace(deps);
  const target = { modelVersion: active.modelVersion, templateKeyId: toKey };
  if (active.templateKeyId === toKey && (await otherSpaces(deps, target)).length === 0)
    throw new ServiceError("template_key_already_active", { key: toKey });
  return startMigration(deps, admin, active, target, "template.rotation_start");
}

async function refuseWhileRunning(deps: Deps): Promise<void> {
  const state = await deps.operations.getModelState();
  if (state?.migration && state.migration.status !== "done")
    throw new ServiceError("migration_running", { version: state.migration.to });
}

async function startMigration(deps: Deps, admin: Actor, active: VectorSpace, target: VectorSpace, action: AuditAction) {
  const counts = await deps.vectors.countByModelVersion();
  // the active space, or — the target already active — what an older build left in another space
  const from = !sameSpace(active, target) ? active : (await otherSpaces(deps, target))[0]!;
  const now = deps.clock.now().toISOString();
  const migration: ModelMigration = {
    id: randomUUID(),
    from: from.modelVersion,
    to: target.modelVersion,
    fromTemplateKey: from.templateKeyId,
    toTemplateKey: target.templateKeyId,
    status: "reembedding",
    startedBy: admin.uid,
    startedAt: now,
    updatedAt: now,
    total: counts.find((c) => sameSpace(c.space, from))?.count ?? 0,
    reembedded: 0,
    rekeyed: 0,
    notEnrolled: 0,
    missingBytes: 0,
    oldFacesDeleted: 0,
  };
  // the active key is recorded from now on: a ring given a new key first does not move search
  await deps.operations.putModelState({
    activeVersion: active.modelVersion,
    activeTemplateKey: active.templateKeyId,
    migration,
  });
  await audit(
    deps,
    admin,
    action,
    { type: "model", id: migration.id },
    {
      from: migration.from,
      to: migration.to,
      fromKey: migration.fromTemplateKey,
      toKey: migration.toTemplateKey,
      total: migration.total,
    },
  );
  await deps.reembedQueue.enqueue({ migrationId: migration.id, phase: "reembed" });
  return modelStatus(deps);
}

/** `changed`: the photo changed while it was analysed (retracted, another face chosen): its change stands, the clean-up looks at it again */
type Outcome = "reembedded" | "rekeyed" | "notEnrolled" | "missingBytes" | "orphan" | "changed";

/** the face's document in another space: the same face, its vector multiplied by Rto·Rfromᵀ */
function rekeyed(deps: Deps, face: FaceDoc, target: VectorSpace): FaceDoc {
  return {
    ...face,
    faceId: faceId(face.caseId, face.photoId, face.faceIndex, target),
    templateKeyId: target.templateKeyId,
    embedding: Array.from(deps.templateKeys.rekey(face.templateKeyId, target.templateKeyId, face.embedding)),
  };
}

/** Moves what an analysis of the photo would need to move, one way or the other: the target's space gets the photo's face. */
class Mover {
  private analyzer: Promise<ProtectedAnalyzer> | undefined;
  constructor(
    private readonly deps: Deps,
    private readonly m: ModelMigration,
  ) {}

  /** the target model under the target key, loaded only when a photo must be embedded again */
  private target(): Promise<ProtectedAnalyzer> {
    this.analyzer ??= this.deps.models.analyzerFor(this.m.to).then((analyzer) => {
      if (!analyzer) throw new Error(`the migration's target model ${this.m.to} is not part of this deployment`);
      return protectedAnalyzer(analyzer, this.deps.templateKeys, this.m.toTemplateKey);
    });
    return this.analyzer;
  }

  /** the photo's face in the target space; with `record`, a photo embedded again takes the new model's verdict too */
  async move(photo: Photo, record: boolean): Promise<Outcome> {
    if (isKeyRotation(this.m)) {
      // the photo's stored vectors under another key of this model (the source key first): one product each
      const sources = (await this.deps.faces.listForCase(photo.caseId)).filter(
        (f) =>
          f.photoId === photo.photoId &&
          f.modelVersion === this.m.to &&
          f.templateKeyId !== this.m.toTemplateKey &&
          this.deps.templateKeys.has(f.templateKeyId),
      );
      const key = sources.some((f) => f.templateKeyId === this.m.fromTemplateKey)
        ? this.m.fromTemplateKey
        : sources[0]?.templateKeyId;
      const from = sources.filter((f) => f.templateKeyId === key);
      if (from.length > 0)
        return this.write(
          photo,
          undefined,
          from.map((f) => rekeyed(this.deps, f, targetOf(this.m))),
          "rekeyed",
        );
    }
    // another model (or a photo without a stored vector to re-key): embedded again from its bytes
    const caseRecord = await this.deps.cases.get(photo.caseId);
    if (!caseRecord) return "orphan";
    const bytes = await this.deps.blobs.get(photo.storagePath);
    if (!bytes) return "missingBytes";
    const { photo: verdict, face } = await enrolWith(
      await this.target(),
      caseRecord,
      photo,
      bytes,
      this.deps.clock.now().toISOString(),
    );
    return this.write(photo, record ? verdict : undefined, face ? [face] : [], "reembedded");
  }

  /** the record and the target space's faces in one step, onto the photo as it was read */
  private async write(
    photo: Photo,
    verdict: Photo | undefined,
    docs: FaceDoc[],
    how: "rekeyed" | "reembedded",
  ): Promise<Outcome> {
    const { written } = await this.deps.photos.update(photo.caseId, photo.photoId, (current) =>
      current?.status === "indexed" && current.updatedAt === photo.updatedAt
        ? { photo: verdict ?? current, faces: { docs, space: targetOf(this.m) } }
        : undefined,
    );
    if (!written) return "changed";
    return docs.length === 0 ? "notEnrolled" : how;
  }
}

function progress(deps: Deps, m: ModelMigration): void {
  deps.events.modelMigrationProgress({
    migrationId: m.id,
    status: m.status,
    total: m.total,
    reembedded: m.reembedded + m.rekeyed,
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

const AUDIT = {
  model: { switch: "model.migration_switch", done: "model.migration_done" },
  key: { switch: "template.rotation_switch", done: "template.rotation_done" },
} as const;
const auditOf = (m: ModelMigration) => (isKeyRotation(m) ? AUDIT.key : AUDIT.model);

async function reembedPage(
  deps: Deps,
  state: ModelState,
  m: ModelMigration,
  pageSize: number,
): Promise<ReembedTask | undefined> {
  const mover = new Mover(deps, m);
  const page = await deps.photos.listIndexed({ limit: pageSize, ...(m.cursor ? { after: m.cursor } : {}) });
  const next: ModelMigration = { ...m };
  for (const photo of page.items) {
    const outcome = await mover.move(photo, false);
    if (outcome !== "orphan" && outcome !== "changed") next[outcome]++;
  }
  if (page.items.length === pageSize) {
    const { cursor: _c, ...rest } = next;
    const moved: ModelMigration = { ...rest, ...(page.next ? { cursor: page.next } : {}) };
    await save(deps, state, moved);
    return { migrationId: m.id, phase: "reembed", ...(moved.cursor ? { after: moved.cursor } : {}) };
  }
  // every photo has its face in the target space: search switches in this one write
  const { cursor: _c, ...rest } = next;
  const switched: ModelMigration = { ...rest, status: "cleaning", switchedAt: deps.clock.now().toISOString() };
  await save(deps, { ...state, activeVersion: m.to, activeTemplateKey: m.toTemplateKey }, switched);
  await audit(
    deps,
    SYSTEM_ACTOR,
    auditOf(m).switch,
    { type: "model", id: m.id },
    {
      from: m.from,
      to: m.to,
      fromKey: m.fromTemplateKey,
      toKey: m.toTemplateKey,
      reembedded: switched.reembedded,
      rekeyed: switched.rekeyed,
      notEnrolled: switched.notEnrolled,
    },
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
  const mover = new Mover(deps, m);
  const target = targetOf(m);
  const [stale] = await otherSpaces(deps, target);
  const next: ModelMigration = { ...m };
  const photos = stale ? await deps.vectors.photosWithVersion(stale, pageSize) : [];
  for (const { caseId, photoId } of photos) {
    const photo = await deps.photos.get(caseId, photoId);
    // written in the old space during the migration, or not enrolled by the new model: moved now
    if (
      photo?.status === "indexed" &&
      !(await deps.vectors.versionsOfPhoto(caseId, photoId)).some((space) => sameSpace(space, target))
    ) {
      // changed meanwhile (another face chosen): its old face stays until the next step moves it
      if ((await mover.move(photo, true)) === "changed") continue;
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
    auditOf(m).done,
    { type: "model", id: m.id },
    { to: m.to, toKey: m.toTemplateKey, oldFacesDeleted: done.oldFacesDeleted },
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
