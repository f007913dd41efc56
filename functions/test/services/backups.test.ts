// Backups that are proven. Production: the export is recorded, and the check reports an error for
// the alert when it failed, is older than 26 hours, or never ran. Local: backup → restore into a
// new store → verify, counts and hashes per collection.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import {
  backupLocalStore,
  compareManifests,
  readManifest,
  restoreLocalStore,
  storeManifest,
} from "../../src/adapters/local/backup.js";
import type { DatabaseExporter, EventLog } from "../../src/ports/index.js";
import { newKeyRingSecret } from "../../src/adapters/crypto/aes-keyring.js";
import { silentEvents } from "../../src/runtime/events.js";
import { checkLastBackup, startNightlyExport } from "../../src/services/backups.js";
import { closeCase } from "../../src/services/case-status.js";
import { getCase } from "../../src/services/cases.js";
import { runRetentionSweep } from "../../src/services/retention.js";
import { memoryDeps, officerBI } from "../support/deps.js";
import { seedCase } from "../support/seed.js";

/** Firestore's export as a port double: operations finish when the test says so */
function fakeExporter() {
  const operations = new Map<string, { done: boolean; error?: string }>();
  const exporter: DatabaseExporter & { finish(name: string, error?: string): void; uris: string[] } = {
    uris: [],
    async start(uri) {
      exporter.uris.push(uri);
      const operation = `projects/p/databases/(default)/operations/op${operations.size + 1}`;
      operations.set(operation, { done: false });
      return { operation };
    },
    status: async (name) => operations.get(name) ?? { done: true, error: "operation not found" },
    finish: (name, error) => operations.set(name, { done: true, ...(error ? { error } : {}) }),
  };
  return exporter;
}

function recordingEvents() {
  const seen: { name: string; fields: Record<string, unknown> }[] = [];
  const events = new Proxy(silentEvents, {
    get: (target, name: string) => (fields: Record<string, unknown>) => {
      seen.push({ name, fields });
      return (target as unknown as Record<string, (f: unknown) => void>)[name]?.(fields);
    },
  }) as EventLog;
  return { events, seen };
}

describe("production export, checked", () => {
  it("records the export to the bucket, and the check errors when it failed, is too old, or is missing", async () => {
    const { events, seen } = recordingEvents();
    const deps = Object.assign(memoryDeps(), { events });
    const exporter = fakeExporter();
    const last = () => seen.at(-1)!;

    expect(await checkLastBackup(deps, exporter, 26)).toMatchObject({ ok: false, reason: "missing" });
    expect(last()).toEqual({ name: "backupCheckFailed", fields: { reason: "missing" } });
    expect(await startNightlyExport(deps, exporter, "")).toBeUndefined();
    expect(last().name).toBe("exportSkipped");

    const record = (await startNightlyExport(deps, exporter, "tora-backups"))!;
    expect(exporter.uris).toEqual(["gs://tora-backups/firestore/2026-11-25"]);
    expect(record).toMatchObject({ state: "started", operation: "projects/p/databases/(default)/operations/op1" });
    deps.clockAt.now = new Date("2026-11-25T16:00:00.000Z");
    expect(await checkLastBackup(deps, exporter, 26)).toMatchObject({ ok: true, ageHours: 6 });
    exporter.finish(record.operation);
    expect(await checkLastBackup(deps, exporter, 26)).toMatchObject({ ok: true, record: { state: "succeeded" } });
    expect(last()).toEqual({ name: "backupVerified", fields: { operation: record.operation, ageHours: 6 } });
    deps.clockAt.now = new Date("2026-11-26T12:30:00.000Z");
    expect(await checkLastBackup(deps, exporter, 26)).toMatchObject({ ok: false, reason: "stale", ageHours: 26.5 });
    expect(last().fields).toMatchObject({ reason: "stale", ageHours: 26.5 });

    const failed = (await startNightlyExport(deps, exporter, "tora-backups"))!;
    exporter.finish(failed.operation, "PERMISSION_DENIED: the service account cannot write to the bucket");
    expect(await checkLastBackup(deps, exporter, 26)).toMatchObject({ ok: false, reason: "failed" });
    expect(last()).toEqual({
      name: "backupCheckFailed",
      fields: {
        reason: "failed",
        operation: failed.operation,
        ageHours: 0,
        error: "PERMISSION_DENIED: the service account cannot write to the bucket",
      },
    });
    expect((await deps.operations.lastBackup())!.state).toBe("failed");
  });
});

describe("local backup, restore, verify", () => {
  it("backup → restore into a new store → verify: every collection's count and hash equal, and the store works", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tora-backup-"));
    const source = { database: join(dir, "source", "tora.sqlite"), blobDir: join(dir, "source", "blobs") };
    const keyRingSecret = newKeyRingSecret("backup-test");
    const deps = memoryDeps({}, { ...source, keyRingSecret });
    const kept = await seedCase(deps, officerBI, { photos: 2 });
    const closed = await seedCase(deps, officerBI, { photos: 1 });
    await closeCase(deps, officerBI, { caseId: closed.case.id, reason: "closed" });
    await runRetentionSweep(deps);
    await deps.blobs.put("probes/officer-bi/p", new Uint8Array([7]), "image/jpeg");

    const manifest = await backupLocalStore(source, join(dir, "backup"));
    expect(manifest.collections.cases).toMatchObject({ count: 2 });
    expect(manifest.collections["table:faces"]).toMatchObject({ count: 3 });
    expect(manifest.collections.audit_logs!.count).toBeGreaterThan(3);
    expect(manifest.blobs).toMatchObject({ count: 4 });
    expect(await readManifest(join(dir, "backup"))).toEqual(manifest);
    // a backup holds protected vectors and their key ids, never a key (docs/template-protection.md)
    const files = readdirSync(join(dir, "backup"), { recursive: true }).map(String);
    expect(files.filter((f) => /secret|key/i.test(f))).toEqual([]);
    await expect(backupLocalStore(source, join(dir, "backup"))).rejects.toThrow(/already holds a backup/);

    const target = { database: join(dir, "restored", "tora.sqlite"), blobDir: join(dir, "restored", "blobs") };
    await restoreLocalStore(join(dir, "backup"), target);
    expect(compareManifests(manifest, await storeManifest(target))).toEqual([]);
    await expect(restoreLocalStore(join(dir, "backup"), target)).rejects.toThrow(/already holds data/);

    // what verification catches: a photo file lost, a document changed
    rmSync(join(target.blobDir, kept.photos[0]!.storagePath));
    writeFileSync(join(target.blobDir, "probes", "officer-bi", "p"), "other bytes");
    const differences = compareManifests(manifest, await storeManifest(target));
    expect(differences.map((d) => d.name)).toEqual(["blobs"]);
    expect(differences[0]).toMatchObject({ expected: { count: 4 }, actual: { count: 3 } });
    await restoreLocalStore(join(dir, "backup"), target, { replace: true });
    expect(compareManifests(manifest, await storeManifest(target))).toEqual([]);
    // as many files and documents as before, other contents: only the hashes tell
    writeFileSync(join(target.blobDir, "probes", "officer-bi", "p"), "other bytes");
    const db = new DatabaseSync(target.database);
    db.prepare(
      "UPDATE docs SET data = json_set(data, '$.station', 'Elsewhere') WHERE collection = 'cases' AND id = ?",
    ).run(kept.case.id);
    db.close();
    const changed = compareManifests(manifest, await storeManifest(target));
    expect(changed.map((d) => d.name)).toEqual(["blobs", "cases"]);
    for (const d of changed) {
      expect(d.actual!.count).toBe(d.expected!.count);
      expect(d.actual!.sha256).not.toBe(d.expected!.sha256);
    }
    await restoreLocalStore(join(dir, "backup"), target, { replace: true });
    expect(compareManifests(manifest, await storeManifest(target))).toEqual([]);
    // the restored store is a working store: the case opens with its sealed contact (the keys are kept apart, the same)
    const restored = memoryDeps({}, { ...target, keyRingSecret });
    expect(
      (await getCase(restored, officerBI, { caseId: kept.case.id, includeFamilyContact: true })).familyContact?.phone,
    ).toBe("+25779000111");
    expect(await restored.faces.countForCase(kept.case.id)).toBe(2);
    expect((await restored.faces.listForCase(kept.case.id)).map((f) => f.templateKeyId)).toEqual([
      deps.templateKeys.defaultKeyId,
      deps.templateKeys.defaultKeyId,
    ]);
    expect((await restored.cases.get(closed.case.id))!.status).toBe("closed");
  });
});
