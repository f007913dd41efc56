// Builds the ports once per instance: Firestore + Cloud Storage in production and under the full
// emulator suite; the local adapter (SQLite + blob folder) in the Functions emulator when the
// Firestore emulator is not running (machines without Java 21). Identity is Firebase Auth in both.
import { firebaseIdentity } from "../adapters/firebase/identity.js";
import {
  deploymentCountries,
  appealModel,
  appealRegion,
  familyContactKeys,
  ipHashKey,
  limitParams,
  region,
  retentionParams,
  searchParams,
  smsApiKey,
  smsGatewayUrl,
  smsSenderId,
  smsUsername,
  templateKeys,
  valuesOf,
} from "../config.js";
import type { Deps, SmsProvider } from "../ports/index.js";
import { africasTalkingSms } from "../adapters/africas-talking-sms.js";
import { countrySchema, type Country } from "../schemas/index.js";
import { sharedAnalyzer } from "./engine.js";
import { functionsEvents } from "./events.js";

export type Backend = "local" | "firebase";

/** the COUNTRIES parameter: both when empty */
export function countriesOf(list: string[]): Country[] | undefined {
  const countries = [...new Set(list.map((c) => countrySchema.parse(c.trim().toUpperCase())))];
  return countries.length ? countries : undefined;
}

export function backend(env: NodeJS.ProcessEnv = process.env): Backend {
  if (env.TORA_BACKEND === "local" || env.TORA_BACKEND === "firebase") return env.TORA_BACKEND;
  return env.FUNCTIONS_EMULATOR === "true" && !env.FIRESTORE_EMULATOR_HOST ? "local" : "firebase";
}

/**
 * Africa's Talking where the function holds its credentials (only the SMS functions do): read at
 * each use, so a function without them answers sms_not_configured instead of failing to start.
 */
function secretSmsProvider(): SmsProvider | undefined {
  const apiKey = process.env[smsApiKey.name] ? smsApiKey.value() : "";
  const username = process.env[smsUsername.name] ? smsUsername.value() : "";
  if (!apiKey || !username) return undefined;
  return africasTalkingSms({
    apiKey,
    username,
    baseUrl: smsGatewayUrl.value(),
    ...(smsSenderId.value() ? { senderId: smsSenderId.value() } : {}),
  });
}

let deps: Promise<Deps> | undefined;

export function getDeps(): Promise<Deps> {
  deps ??= (async (): Promise<Deps> => {
    const shared = {
      keyRingSecret: familyContactKeys.value(),
      limits: valuesOf(limitParams),
      retention: valuesOf(retentionParams),
      search: valuesOf(searchParams),
      events: functionsEvents,
    };
    // each backend's modules load only where they run (production never opens node:sqlite); local
    // mode's template keys are the local store's own (localDepsFromEnv), which the command line shares
    if (backend() === "local") {
      const { localDepsFromEnv } = await import("./local-env.js");
      const { handleReembedTask } = await import("../services/model-migration.js");
      const local = { ...localDepsFromEnv({ ...shared, identity: firebaseIdentity() }), ipHashKey: ipHashKey.value() };
      // no Cloud Tasks here: a migration's steps run in this process, one after another
      local.reembedQueue.onTask(
        (task) => handleReembedTask(local, task),
        (task, error) =>
          functionsEvents.modelMigrationStepFailed({ migrationId: task.migrationId, phase: task.phase, error }),
      );
      return local;
    }
    const { createFirebaseDeps } = await import("./firebase-deps.js");
    const { geminiAppealWriter } = await import("../adapters/firebase/gemini-appeal-writer.js");
    const project = process.env.GCLOUD_PROJECT ?? "";
    const appealWriter = geminiAppealWriter({ project, location: appealRegion.value(), model: appealModel.value() });
    return {
      ...createFirebaseDeps({
        ...shared,
        templateKeySecret: templateKeys.value(),
        analyzer: sharedAnalyzer,
        region: region.value(),
        appealWriter,
        countries: countriesOf(deploymentCountries.value()),
        smsProvider: secretSmsProvider,
      }),
      ipHashKey: ipHashKey.value(),
    };
  })();
  return deps;
}

/** tests run the real functions on in-memory ports */
export function setDepsForTesting(value: Deps | undefined): void {
  deps = value ? Promise.resolve(value) : undefined;
}
