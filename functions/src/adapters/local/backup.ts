// Backups of the local store: SQLite's online backup of the database file (consistent while the
// store is in use), a copy of the blob folder, and a manifest of counts and hashes per collection
// written from the copy itself. A restore puts both back; verifying compares the restored store's
// manifest with the one taken at backup time.
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { backup, DatabaseSync } from "node:sqlite";
import { backupManifestSchema, type BackupManifest } from "../../schemas/index.js";

export interface LocalStorePaths {
  database: string;
  blobDir: string;
}

const BACKUP_FILES = { database: "tora.sqlite", blobs: "blobs", manifest: "manifest.json" } as const;

/** a stable text of one row: blobs as base64, keys in column order */
function rowText(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.values(row).map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v)),
  );
}

function hashRows(rows: Record<string, unknown>[]): { count: number; sha256: string } {
  const hash = createHash("sha256");
  for (const row of rows) hash.update(rowText(row)).update("\n");
  return { count: rows.length, sha256: hash.digest("hex") };
}

/** per table, and per collection of the document table: rows and one hash over them in a fixed order */
function databaseCollections(file: string): BackupManifest["collections"] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { name: string }[]
    ).map((t) => t.name);
    const collections: BackupManifest["collections"] = {};
    for (const table of tables) {
      if (table === "docs") {
        const names = (
          db.prepare("SELECT DISTINCT collection FROM docs ORDER BY collection").all() as { collection: string }[]
        ).map((r) => r.collection);
        for (const name of names)
          collections[name] = hashRows(
            db.prepare("SELECT id, data FROM docs WHERE collection = ? ORDER BY id").all(name) as Record<
              string,
              unknown
            >[],
          );
        continue;
      }
      const columns = (db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string }[]).map((c) =>
        JSON.stringify(c.name),
      );
      collections[`table:${table}`] = hashRows(
        db.prepare(`SELECT * FROM ${JSON.stringify(table)} ORDER BY ${columns.join(", ")}`).all() as Record<
          string,
          unknown
        >[],
      );
    }
    return collections;
  } finally {
    db.close();
  }
}

async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"));
  }
  return out.sort();
}

async function blobSummary(root: string): Promise<BackupManifest["blobs"]> {
  const hash = createHash("sha256");
  let bytes = 0;
  const files = await filesUnder(root);
  for (const path of files) {
    const content = await readFile(join(root, path));
    bytes += content.length;
    hash.update(path).update("\0").update(createHash("sha256").update(content).digest("hex")).update("\n");
  }
  return { count: files.length, bytes, sha256: hash.digest("hex") };
}

/** the manifest of a store as it is now */
export async function storeManifest(paths: LocalStorePaths, createdAt = new Date()): Promise<BackupManifest> {
  return {
    format: 1,
    createdAt: createdAt.toISOString(),
    collections: databaseCollections(paths.database),
    blobs: await blobSummary(paths.blobDir),
  };
}

export async function backupLocalStore(
  source: LocalStorePaths,
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupManifest> {
  if (existsSync(join(dir, BACKUP_FILES.manifest)))
    throw new Error(`${dir} already holds a backup: choose an empty folder`);
  await mkdir(dir, { recursive: true });
  const db = new DatabaseSync(source.database);
  try {
    await backup(db, join(dir, BACKUP_FILES.database), {
      progress: ({ totalPages, remainingPages }) => onProgress?.(totalPages - remainingPages, totalPages),
    });
  } finally {
    db.close();
  }
  if (existsSync(source.blobDir)) await cp(source.blobDir, join(dir, BACKUP_FILES.blobs), { recursive: true });
  const manifest = await storeManifest({
    database: join(dir, BACKUP_FILES.database),
    blobDir: join(dir, BACKUP_FILES.blobs),
  });
  await writeFile(join(dir, BACKUP_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  return backupManifestSchema.parse(JSON.parse(await readFile(join(dir, BACKUP_FILES.manifest), "utf8")));
}

async function holdsData(paths: LocalStorePaths): Promise<boolean> {
  if (existsSync(paths.database) && (await stat(paths.database)).size > 0) {
    const collections = databaseCollections(paths.database);
    if (Object.entries(collections).some(([name, c]) => name !== "table:meta" && c.count > 0)) return true;
  }
  return (await filesUnder(paths.blobDir)).length > 0;
}

/** puts a backup in place of the store; a store that holds data is replaced only with `replace` */
export async function restoreLocalStore(
  dir: string,
  target: LocalStorePaths,
  options: { replace?: boolean } = {},
): Promise<BackupManifest> {
  const manifest = await readManifest(dir);
  if (!options.replace && (await holdsData(target)))
    throw new Error(`${target.database} already holds data: restore into a new store, or pass --replace`);
  await mkdir(dirname(target.database), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) await rm(`${target.database}${suffix}`, { force: true });
  await cp(join(dir, BACKUP_FILES.database), target.database);
  await rm(target.blobDir, { recursive: true, force: true });
  if (existsSync(join(dir, BACKUP_FILES.blobs)))
    await cp(join(dir, BACKUP_FILES.blobs), target.blobDir, { recursive: true });
  return manifest;
}

export interface ManifestDifference {
  name: string;
  expected?: { count: number; sha256: string };
  actual?: { count: number; sha256: string };
}

/** what differs between the backup's manifest and a store's (the blobs as the collection "blobs") */
export function compareManifests(expected: BackupManifest, actual: BackupManifest): ManifestDifference[] {
  const all = (m: BackupManifest): Record<string, { count: number; sha256: string }> => ({
    ...m.collections,
    blobs: { count: m.blobs.count, sha256: m.blobs.sha256 },
  });
  const e = all(expected);
  const a = all(actual);
  return [...new Set([...Object.keys(e), ...Object.keys(a)])]
    .sort()
    .filter((name) => e[name]?.count !== a[name]?.count || e[name]?.sha256 !== a[name]?.sha256)
    .map((name) => ({ name, ...(e[name] ? { expected: e[name] } : {}), ...(a[name] ? { actual: a[name] } : {}) }));
}
