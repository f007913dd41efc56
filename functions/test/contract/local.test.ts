import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskBlobStore } from "../../src/adapters/local/blob-store.js";
import { memoryDeps } from "../support/deps.js";
import { runPortContract } from "./port-contract.js";

runPortContract("local (:memory:)", () => memoryDeps());
// a database file and a blob folder: the exclusive creates and SQLite's file locks
runPortContract("local (file + blob folder)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tora-contract-"));
  return memoryDeps({}, { database: join(dir, "tora.sqlite"), blobDir: join(dir, "blobs") });
});

describe("local blob folder", () => {
  it("stores under its root and refuses paths that escape it", async () => {
    const blobs = diskBlobStore(mkdtempSync(join(tmpdir(), "tora-blobs-")));
    await blobs.put("cases/c1/photos/p1", new Uint8Array([9]), "image/png");
    expect(Array.from((await blobs.get("cases/c1/photos/p1"))!)).toEqual([9]);
    await expect(blobs.put("../outside", new Uint8Array([1]), "x")).rejects.toThrow(/not a valid storage path/);
    await expect(blobs.get("cases/../../etc/passwd")).rejects.toThrow(/not a valid storage path/);
    expect(await blobs.get("cases/none")).toBeUndefined();
  });
});
