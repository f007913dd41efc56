// The same port contract on Firestore + Cloud Storage, where the emulator suite runs
// (`npm run test:emulators`, which needs Java 21). Each test starts from an empty database.
import { createFirebaseDeps } from "../../src/runtime/firebase-deps.js";
import { DEFAULT_LIMITS, DEFAULT_RETENTION, DEFAULT_SEARCH } from "../../src/ports/index.js";
import { newKeyRingSecret } from "../../src/adapters/crypto/aes-keyring.js";
import { silentEvents } from "../../src/runtime/events.js";
import { describe } from "vitest";
import { testAnalyzer } from "../support/deps.js";
import { runPortContract } from "./port-contract.js";

const host = process.env.FIRESTORE_EMULATOR_HOST;
const storage = process.env.FIREBASE_STORAGE_EMULATOR_HOST;
const reason =
  !host || !storage
    ? "FIRESTORE_EMULATOR_HOST and FIREBASE_STORAGE_EMULATOR_HOST are not set (run npm run test:emulators where Java 21 is installed)"
    : undefined;
if (reason) console.warn(`SKIPPED port contract on Firestore: ${reason}`);

describe.skipIf(reason)("Firestore adapters", () => {
  runPortContract("firestore (emulator)", async () => {
    const project = process.env.GCLOUD_PROJECT ?? "demo-tora-face";
    await fetch(`http://${host}/emulator/v1/projects/${project}/databases/(default)/documents`, { method: "DELETE" });
    return createFirebaseDeps({
      keyRingSecret: newKeyRingSecret("test"),
      templateKeySecret: newKeyRingSecret("test"),
      limits: DEFAULT_LIMITS,
      retention: DEFAULT_RETENTION,
      search: DEFAULT_SEARCH,
      events: silentEvents,
      analyzer: testAnalyzer,
    });
  });
});
