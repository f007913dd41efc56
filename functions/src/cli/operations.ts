// The command line's operations on the local store: the retention sweep, backups with a manifest,
// restore and its verification, and a face model migration with a progress bar.
import type { LocalStorePaths } from "../adapters/local/backup.js";
import {
  backupLocalStore,
  compareManifests,
  readManifest,
  restoreLocalStore,
  storeManifest,
  type ManifestDifference,
} from "../adapters/local/backup.js";
import type { Deps } from "../ports/index.js";
import type { BackupManifest, Case, ModelMigration, SweepCounts } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import {
  currentTask,
  isKeyRotation,
  modelStatus,
  runReembedStep,
  startModelMigration,
  startTemplateKeyRotation,
} from "../services/model-migration.js";
import { runRetentionSweep, type SweepResult } from "../services/retention.js";
import { createProgress } from "../terminal/progress.js";

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** a case by its id, or the first not closed with this external reference (an imported folder's name) */
export async function findCase(deps: Deps, ref: string): Promise<Case | undefined> {
  const byId = await deps.cases.get(ref);
  if (byId) return byId;
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list({}, { limit: 100, ...(cursor ? { cursor } : {}) });
    const found = page.cases.find((c) => c.externalRef === ref && c.status !== "closed");
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}

/** the sweep as of `now` (every date the services write, too) */
export async function sweep(deps: Deps, options: { now?: Date; maxPages?: number }): Promise<SweepResult> {
  const clock = options.now ? { now: () => new Date(options.now!) } : deps.clock;
  return runRetentionSweep(
    { ...deps, clock },
    { ...(options.now ? { now: options.now } : {}), ...(options.maxPages ? { maxPages: options.maxPages } : {}) },
  );
}

export function sweepJson(now: Date, result: SweepResult): Record<string, string | number | boolean> {
  return { now: now.toISOString(), ...Object.fromEntries(Object.entries(result).map(([k, v]) => [snake(k), v])) };
}

const SWEEP_LINES: Record<keyof SweepCounts, string> = {
  expiredRecords: "expired short-lived records deleted",
  probesDeleted: "search photos past their hours deleted",
  orphanBlobsDeleted: "stored photo files without a photo record deleted",
  searchesReduced: "searches reduced to what the audit needs",
  casesPurged: "resolved or closed cases purged",
  photosDeleted: "  their photo records",
  blobsDeleted: "  their stored photo files",
  facesDeleted: "  their face vectors",
  reviewsRequested: "open cases whose officers were asked to confirm them",
};

export function sweepText(result: SweepResult): string[] {
  return [
    ...(Object.keys(SWEEP_LINES) as (keyof SweepCounts)[]).map(
      (k) => `${String(result[k]).padStart(6)}  ${SWEEP_LINES[k]}`,
    ),
    result.complete
      ? `complete (${result.pages} page(s))`
      : `stopped after ${result.pages} page(s): the next run resumes where this one stopped`,
  ];
}

export async function backup(paths: LocalStorePaths, dir: string): Promise<BackupManifest> {
  let progress: ReturnType<typeof createProgress> | undefined;
  let last = 0;
  const manifest = await backupLocalStore(paths, dir, (done, total) => {
    progress ??= createProgress("copying the database (pages)", total);
    progress.tick(done - last);
    last = done;
  });
  progress?.done();
  return manifest;
}

export function manifestText(manifest: BackupManifest): string[] {
  return [
    ...Object.entries(manifest.collections).map(
      ([name, c]) => `${String(c.count).padStart(7)}  ${name}  ${c.sha256.slice(0, 16)}…`,
    ),
    `${String(manifest.blobs.count).padStart(7)}  blob files (${manifest.blobs.bytes} bytes)  ${manifest.blobs.sha256.slice(0, 16)}…`,
  ];
}

export async function restore(paths: LocalStorePaths, dir: string, replace: boolean): Promise<BackupManifest> {
  return restoreLocalStore(dir, paths, { replace });
}

interface Verification {
  ok: boolean;
  differences: ManifestDifference[];
  collections: number;
  /** the store's key ring opens its sealed contacts (none sealed: true) */
  keysOpenContacts: boolean;
}

export async function verifyRestore(deps: Deps, paths: LocalStorePaths, dir: string): Promise<Verification> {
  const expected = await readManifest(dir);
  const differences = compareManifests(expected, await storeManifest(paths));
  return {
    ok: differences.length === 0,
    differences,
    collections: Object.keys(expected.collections).length + 1,
    keysOpenContacts: await keysOpenContacts(deps),
  };
}

/** family contacts are sealed with keys kept apart from the data: a restored store is useless without them */
async function keysOpenContacts(deps: Deps): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list({}, { limit: 100, ...(cursor ? { cursor } : {}) });
    const sealed = page.cases.find((c) => c.familyContact);
    if (sealed) {
      try {
        deps.keyRing.open(sealed.familyContact!);
        return true;
      } catch {
        return false;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return true;
}

/** the whole migration in this process: start (or resume) and run every step, with a progress bar */
export async function reembed(
  deps: Deps,
  toVersion: string | undefined,
): Promise<{ migration: ModelMigration | null; alreadyActive: boolean }> {
  const target = toVersion ?? (await deps.analyzer()).modelVersion;
  const status = await modelStatus(deps);
  if (!status.migration || status.migration.status === "done") {
    const stale = (await deps.vectors.countByModelVersion()).some((v) => v.space.modelVersion !== target);
    if (status.activeVersion === target && !stale) return { migration: status.migration, alreadyActive: true };
    await startModelMigration(deps, SYSTEM_ACTOR, { toVersion: target });
  }
  return { migration: await runMigration(deps), alreadyActive: false };
}

/**
 * A template key rotation in this process (`tora-face rekey`): every stored vector re-keyed to the
 * key `toKeyId` (default: the newest of the ring), start or resume, with a progress bar.
 */
export async function rekey(
  deps: Deps,
  toKeyId: string | undefined,
): Promise<{ migration: ModelMigration | null; alreadyActive: boolean }> {
  const target = toKeyId ?? deps.templateKeys.keyIds[0]!;
  const status = await modelStatus(deps);
  if (!status.migration || status.migration.status === "done") {
    const stale = (await deps.vectors.countByModelVersion()).some((v) => v.space.templateKeyId !== target);
    if (status.activeTemplateKey === target && !stale) return { migration: status.migration, alreadyActive: true };
    await startTemplateKeyRotation(deps, SYSTEM_ACTOR, { toKeyId: target });
  }
  return { migration: await runMigration(deps), alreadyActive: false };
}

/** every step of the migration under way, one after another (the queue's work, in this process) */
async function runMigration(deps: Deps): Promise<ModelMigration | null> {
  let migration = (await deps.operations.getModelState())!.migration!;
  const what = isKeyRotation(migration)
    ? `re-keying face vectors to ${migration.toTemplateKey}`
    : `embedding photos again with ${migration.to}`;
  const progress = createProgress(what, migration.total);
  const seen = () => migration.reembedded + migration.rekeyed + migration.notEnrolled + migration.missingBytes;
  let shown = seen();
  progress.tick(shown);
  let task = currentTask(migration);
  while (task) {
    task = await runReembedStep(deps, task);
    migration = (await deps.operations.getModelState())!.migration!;
    progress.tick(seen() - shown);
    shown = seen();
  }
  progress.done();
  return (await deps.operations.getModelState())?.migration ?? null;
}
