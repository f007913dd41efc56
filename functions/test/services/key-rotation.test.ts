// A key rotation: every sealed contact is sealed again with the ring's new first key, so that the
// old key can leave the ring; nothing else about the case changes, and a second run has nothing to do.
import { describe, expect, it } from "vitest";
import { createKeyRing, newKeyRingSecret } from "../../src/adapters/crypto/aes-keyring.js";
import { createCaseInput } from "../../src/schemas/index.js";
import { createCase, getCase } from "../../src/services/cases.js";
import { resealContacts } from "../../src/services/key-rotation.js";
import { memoryDeps, officerBI } from "../support/deps.js";

const family = { name: "Mama Claude", relationship: "mother", phone: "+25779111222" };
const custody = { name: "Soeur Marie", relationship: "director", phone: "+25779000001" };

describe("key rotation of the sealed contacts", () => {
  it("seals every contact under an older key with the new key; the old key can then leave the ring", async () => {
    const oldSecret = newKeyRingSecret("k1");
    const deps = memoryDeps({}, { keyRingSecret: oldSecret });
    const create = async (input: object) =>
      (
        await createCase(
          deps,
          officerBI,
          createCaseInput.parse({ country: "BI", station: "Ngozi", subject: {}, ...input }),
        )
      ).case.id;
    const missing = await create({ kind: "missing", familyContact: family });
    const found = await create({ kind: "found", custodyContact: custody });
    const none = await create({ kind: "missing" });
    const before = await Promise.all([missing, found, none].map((id) => deps.cases.get(id)));
    expect(before[0]!.familyContact!.keyId).toBe("k1");

    const newSecret = newKeyRingSecret("k2");
    deps.keyRing = createKeyRing(`${newSecret},${oldSecret}`);
    deps.clockAt.now = new Date("2027-01-10T08:00:00.000Z");
    expect(await resealContacts(deps)).toEqual({ keyId: "k2", cases: 2, contacts: 2 });

    const after = await Promise.all([missing, found, none].map((id) => deps.cases.get(id)));
    expect(after[0]!.familyContact!.keyId).toBe("k2");
    expect(after[1]!.custodyContact!.keyId).toBe("k2");
    // nothing but the sealed contacts changed: not the dates (a rotation is no activity on a case)
    expect({ ...after[0], familyContact: undefined }).toEqual({ ...before[0], familyContact: undefined });
    expect(after[2]).toEqual(before[2]);

    // the new key alone opens them, with what the officer entered
    deps.keyRing = createKeyRing(newSecret);
    expect(
      (await getCase(deps, officerBI, { caseId: missing, includeFamilyContact: true })).familyContact,
    ).toMatchObject(family);
    expect(
      (await getCase(deps, officerBI, { caseId: found, includeFamilyContact: false, includeCustodyContact: true }))
        .custodyContact,
    ).toMatchObject(custody);

    expect(await resealContacts(deps)).toEqual({ keyId: "k2", cases: 0, contacts: 0 });
    const entries = await deps.audit.list({ action: "contacts.reseal", limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: "system",
      target: { type: "key_ring", id: "k2" },
      details: { cases: 2, contacts: 2 },
    });
  });

  it("without the old key in the ring, nothing is written and the run says which key is missing", async () => {
    const deps = memoryDeps({}, { keyRingSecret: newKeyRingSecret("k1") });
    const id = (
      await createCase(
        deps,
        officerBI,
        createCaseInput.parse({ kind: "missing", country: "BI", station: "Ngozi", subject: {}, familyContact: family }),
      )
    ).case.id;
    const stored = await deps.cases.get(id);
    deps.keyRing = createKeyRing(newKeyRingSecret("k2"));
    await expect(resealContacts(deps)).rejects.toThrow('no key "k1" in the key ring');
    expect(await deps.cases.get(id)).toEqual(stored);
  });
});
