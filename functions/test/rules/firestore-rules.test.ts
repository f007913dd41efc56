// Security rules under the Firestore and Storage emulators (`npm run test:emulators`, Java 21).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { doc, getDoc, setDoc } from "firebase/firestore";
import { ref, uploadBytes } from "firebase/storage";
import { afterAll, beforeAll, describe, it } from "vitest";
import { repoRoot } from "../../src/paths.js";

const reason =
  !process.env.FIRESTORE_EMULATOR_HOST || !process.env.FIREBASE_STORAGE_EMULATOR_HOST
    ? "the Firestore and Storage emulators are not running (run npm run test:emulators where Java 21 is installed)"
    : undefined;
if (reason) console.warn(`SKIPPED security rules: ${reason}`);

const approved = (country: string, role = "officer") => ({ email_verified: true, status: "approved", role, country });

describe.skipIf(reason)("security rules", () => {
  let env: RulesTestEnvironment;
  beforeAll(async () => {
    env = await initializeTestEnvironment({
      projectId: "demo-tora-face",
      firestore: { rules: readFileSync(join(repoRoot, "firestore.rules"), "utf8") },
      storage: { rules: readFileSync(join(repoRoot, "storage.rules"), "utf8") },
    });
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "police_users/o1"), { uid: "o1", status: "approved" });
      await setDoc(doc(db, "cases/bi1"), { id: "bi1", country: "BI", status: "open", officerUids: ["o1"] });
      await setDoc(doc(db, "cases/bi-closed"), {
        id: "bi-closed",
        country: "BI",
        status: "closed",
        officerUids: ["o1"],
      });
      await setDoc(doc(db, "search_history/s1"), { user_uid: "o1" });
      await setDoc(doc(db, "faces/f1"), { caseId: "bi1" });
      await setDoc(doc(db, "audit_logs/a1"), { actor: "o1" });
      await setDoc(doc(db, "matches/bi1_bi2"), { id: "bi1_bi2", country: "BI", caseIds: ["bi1", "bi2"] });
      await setDoc(doc(db, "notifications/n1"), { id: "n1", uid: "o1", matchId: "bi1_bi2" });
    });
  });
  afterAll(async () => env?.cleanup());

  it("Firestore: no client reads or writes anything directly, whatever its claims (the callables do it all)", async () => {
    const o1 = env.authenticatedContext("o1", approved("BI")).firestore();
    const admin = env.authenticatedContext("adm", approved("BI", "admin")).firestore();
    for (const db of [o1, admin, env.unauthenticatedContext().firestore()]) {
      for (const path of [
        "police_users/o1",
        "cases/bi1",
        "cases/bi1/photos/p1",
        "search_history/s1",
        "faces/f1",
        "audit_logs/a1",
        "matches/bi1_bi2",
        "notifications/n1",
      ])
        await assertFails(getDoc(doc(db, path)));
      await assertFails(setDoc(doc(db, "cases/x"), { country: "BI" }));
      await assertFails(setDoc(doc(db, "police_users/o1"), { role: "admin" }));
    }
  });

  it("storage: case photos from the case's officers, supervisors of its country and admins, signed by the caller, images ≤ 16 MiB; probes under one's own uid", async () => {
    const bi = env.authenticatedContext("o1", approved("BI")).storage();
    const colleague = env.authenticatedContext("o3", approved("BI")).storage();
    const supervisor = env.authenticatedContext("s1", approved("BI", "supervisor")).storage();
    const rwSupervisor = env.authenticatedContext("s2", approved("RW", "supervisor")).storage();
    const admin = env.authenticatedContext("adm", approved("RW", "admin")).storage();
    const rw = env.authenticatedContext("o2", approved("RW")).storage();
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff]);
    const signed = (uid: string, contentType = "image/jpeg") => ({ contentType, customMetadata: { uploadedBy: uid } });
    await assertSucceeds(uploadBytes(ref(bi, "cases/bi1/photos/p1"), jpeg, signed("o1")));
    await assertSucceeds(uploadBytes(ref(supervisor, "cases/bi1/photos/p5"), jpeg, signed("s1")));
    await assertSucceeds(uploadBytes(ref(admin, "cases/bi1/photos/p6"), jpeg, signed("adm")));
    // another officer of the same country who is not on the case
    await assertFails(uploadBytes(ref(colleague, "cases/bi1/photos/p7"), jpeg, signed("o3")));
    await assertFails(uploadBytes(ref(rw, "cases/bi1/photos/p2"), jpeg, signed("o2")));
    await assertFails(uploadBytes(ref(rwSupervisor, "cases/bi1/photos/p8"), jpeg, signed("s2")));
    // the uploader is the caller: absent or forged attribution is refused
    await assertFails(uploadBytes(ref(bi, "cases/bi1/photos/p9"), jpeg, { contentType: "image/jpeg" }));
    await assertFails(uploadBytes(ref(bi, "cases/bi1/photos/p10"), jpeg, signed("s1")));
    // evidence is never overwritten, and a closed case takes no photos
    await assertFails(uploadBytes(ref(bi, "cases/bi1/photos/p1"), jpeg, signed("o1")));
    await assertFails(uploadBytes(ref(bi, "cases/bi-closed/photos/p11"), jpeg, signed("o1")));
    await assertFails(uploadBytes(ref(bi, "cases/bi1/photos/p3"), jpeg, signed("o1", "text/plain")));
    await assertFails(uploadBytes(ref(bi, "cases/bi1/photos/p4"), new Uint8Array(16 * 1024 * 1024 + 1), signed("o1")));
    await assertSucceeds(uploadBytes(ref(bi, "probes/o1/q1"), jpeg, { contentType: "image/png" }));
    await assertFails(uploadBytes(ref(bi, "probes/o2/q1"), jpeg, { contentType: "image/png" }));
    await assertFails(uploadBytes(ref(bi, "elsewhere/x"), jpeg, { contentType: "image/png" }));
    // an unverified address uploads nothing, whatever its claims say
    const unverified = env.authenticatedContext("o1", { ...approved("BI"), email_verified: false }).storage();
    await assertFails(uploadBytes(ref(unverified, "cases/bi1/photos/p12"), jpeg, signed("o1")));
  });
});
