// create-admin writes the officer record where the functions read it, and refuses a combination
// that would set claims in one place and the record in another.
import { describe, expect, it } from "vitest";
import { defaultProjectForEmulators, storeTarget } from "../../src/cli/store-target.js";

const authEmulator = { FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099" };
const suite = { ...authEmulator, FIRESTORE_EMULATOR_HOST: "127.0.0.1:8080" };

describe("where create-admin writes the officer record", () => {
  it("defaults to where the functions read: local mode, the emulator suite, or the real project", () => {
    expect(storeTarget(authEmulator, {})).toBe("local");
    expect(storeTarget(suite, {})).toBe("firebase");
    expect(storeTarget({}, {})).toBe("firebase");
  });

  it("refuses what would split Auth from the record", () => {
    expect(() => storeTarget({}, { local: true })).toThrow(/only the emulated functions read/);
    expect(() => storeTarget(authEmulator, { firebase: true })).toThrow(/would write the record to the real project/);
    expect(() => storeTarget({ FIRESTORE_EMULATOR_HOST: "127.0.0.1:8080" }, {})).toThrow(/different projects/);
    expect(() => storeTarget(authEmulator, { local: true, firebase: true })).toThrow(/choose one/);
    expect(storeTarget(authEmulator, { local: true })).toBe("local");
    expect(storeTarget(suite, { firebase: true })).toBe("firebase");
  });

  it("gives the emulators the repo's project when GCLOUD_PROJECT is unset", () => {
    const env: NodeJS.ProcessEnv = { ...authEmulator };
    defaultProjectForEmulators(env);
    expect(env.GCLOUD_PROJECT).toBe("demo-tora-face");
    const production: NodeJS.ProcessEnv = {};
    defaultProjectForEmulators(production);
    expect(production.GCLOUD_PROJECT).toBeUndefined();
  });
});
