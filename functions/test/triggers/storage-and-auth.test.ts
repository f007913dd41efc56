import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { setDepsForTesting } from "../../src/runtime/deps.js";
import { createCase } from "../../src/services/cases.js";
import { signInRefusal, startingClaims } from "../../src/services/actor.js";
import { ingestStoredObject } from "../../src/services/stored-uploads.js";
import { skipReason, smoke } from "../support/data.js";
import { memoryDeps, officerBI, officerRecordOf } from "../support/deps.js";

afterAll(() => setDepsForTesting(undefined));

describe("auth blocking rules", () => {
  it("new accounts start as pending officers", () => {
    expect(startingClaims()).toEqual({ role: "officer", status: "pending" });
  });
  it("refuses suspended users with a sentence; lets an unverified address in to verify it, and pending officers to register", () => {
    expect(signInRefusal({ claims: { status: "suspended" } })?.message).toMatch(/suspended/);
    expect(signInRefusal({ claims: {} })).toBeUndefined();
    expect(signInRefusal({ claims: { status: "pending" } })).toBeUndefined();
  });
});

describe.skipIf(skipReason({ models: true, faces: true }, "storage trigger ingest"))("storage trigger", () => {
  it("ignores other prefixes, ingests case photos idempotently", async () => {
    const deps = memoryDeps();
    setDepsForTesting(deps);
    await deps.officers.put(officerRecordOf(officerBI));
    const { case: c } = await createCase(deps, officerBI, {
      kind: "missing",
      country: "BI",
      station: "S",
      subject: { names: [], aliases: [], sex: "unknown" },
    });
    expect(await ingestStoredObject(deps, { name: "probes/u1/p1" })).toBe("ignored");
    expect(await ingestStoredObject(deps, { name: `cases/${c.id}/photos/p1/extra` })).toBe("ignored");
    const path = `cases/${c.id}/photos/p1`;
    await deps.blobs.put(path, readFileSync(smoke("group", "family.jpg")), "image/jpeg");
    expect(await ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid })).toBe("ingested");
    const first = await deps.photos.get(c.id, "p1");
    expect(await ingestStoredObject(deps, { name: path, uploadedBy: officerBI.uid })).toBe("ingested");
    expect(await deps.photos.get(c.id, "p1")).toEqual(first);
    // a family photo enrols no one until an officer chooses the person of the case
    expect(first).toMatchObject({ status: "needs_choice", facesFound: 4, facesIndexed: 0, uploadedBy: officerBI.uid });
    expect(await deps.faces.countForCase(c.id)).toBe(0);
    expect(await ingestStoredObject(deps, { name: "cases/unknown/photos/p1" })).toBe("missing");
  });
});
