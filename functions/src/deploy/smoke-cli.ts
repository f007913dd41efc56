// `npm run smoke -- --project ID [--emulators] [--region R] [--json]`: the post-deploy smoke check
// (smoke.ts). Against a deployed project: the functions' and Google's public endpoints. With
// --emulators (or FIREBASE_AUTH_EMULATOR_HOST set): the local Auth and Functions emulators, and
// Firestore/Storage emulators where their *_EMULATOR_HOST variables say they run.
// The canary comes from the environment: TORA_SMOKE_EMAIL, TORA_SMOKE_PASSWORD (the canary officer),
// TORA_SMOKE_PHOTO (a photo of the canary person), TORA_SMOKE_CASE (the canary case's reference),
// TORA_SMOKE_CASE_STATUS (closed: the canary case is kept closed, out of officers' default searches);
// TORA_SMOKE_API_KEY (the web API key), TORA_SMOKE_APP_CHECK (an App Check token when enforced).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { functionsRoot } from "../paths.js";
import { runSmoke, smokeReport, type SmokeTarget } from "./smoke.js";

const usage =
  "usage: npm run smoke -- --project PROJECT_ID [--emulators] [--region REGION (default europe-west1)] [--bucket NAME] [--json]";
const { values } = parseArgs({
  options: {
    project: { type: "string" },
    region: { type: "string", default: "europe-west1" },
    bucket: { type: "string" },
    emulators: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
if (!values.project) {
  console.error(usage);
  process.exit(2);
}
const project = values.project;
const env = process.env;
const emulators = values.emulators || Boolean(env.FIREBASE_AUTH_EMULATOR_HOST);
const bucket = values.bucket ?? `${project}.firebasestorage.app`;
const target: SmokeTarget = emulators
  ? {
      project,
      functionsUrl: `http://${env.FUNCTIONS_EMULATOR_HOST ?? "127.0.0.1:5001"}/${project}/${values.region}`,
      authUrl: `http://${env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099"}/identitytoolkit.googleapis.com/v1`,
      apiKey: "emulator",
      ...(env.FIRESTORE_EMULATOR_HOST ? { firestoreUrl: `http://${env.FIRESTORE_EMULATOR_HOST}/v1` } : {}),
      ...(env.FIREBASE_STORAGE_EMULATOR_HOST
        ? { storage: { url: `http://${env.FIREBASE_STORAGE_EMULATOR_HOST}`, bucket } }
        : {}),
    }
  : {
      project,
      functionsUrl: `https://${values.region}-${project}.cloudfunctions.net`,
      authUrl: "https://identitytoolkit.googleapis.com/v1",
      ...(env.TORA_SMOKE_API_KEY ? { apiKey: env.TORA_SMOKE_API_KEY } : {}),
      firestoreUrl: "https://firestore.googleapis.com/v1",
      storage: { url: "https://firebasestorage.googleapis.com", bucket },
    };

const photo = env.TORA_SMOKE_PHOTO;
if (photo && !existsSync(photo)) {
  console.error(`TORA_SMOKE_PHOTO: ${photo} not found`);
  process.exit(2);
}
const caseStatus = env.TORA_SMOKE_CASE_STATUS;
if (caseStatus !== undefined && caseStatus !== "open" && caseStatus !== "closed" && caseStatus !== "resolved") {
  console.error("TORA_SMOKE_CASE_STATUS: open, closed or resolved");
  process.exit(2);
}
const canary =
  env.TORA_SMOKE_EMAIL && env.TORA_SMOKE_PASSWORD && photo && env.TORA_SMOKE_CASE
    ? {
        email: env.TORA_SMOKE_EMAIL,
        password: env.TORA_SMOKE_PASSWORD,
        photo: readFileSync(photo),
        caseRef: env.TORA_SMOKE_CASE,
      }
    : undefined;
// the build this checkout made (npm run build): the deployed one should be it
const built = join(functionsRoot, "lib", "build-info.json");
const expectCommit = existsSync(built)
  ? (JSON.parse(readFileSync(built, "utf8")) as { commit: string }).commit
  : undefined;

const results = await runSmoke(target, {
  ...(canary ? { canary } : {}),
  appCheckToken: env.TORA_SMOKE_APP_CHECK ?? (emulators ? "emulator-placeholder" : undefined),
  ...(expectCommit ? { expectCommit } : {}),
});
const { lines, passed } = smokeReport(results);
if (values.json) console.log(JSON.stringify({ project, emulators, passed, results }, null, 2));
else {
  console.log(`smoke check of ${project}${emulators ? " (emulators)" : ""}: ${target.functionsUrl}`);
  for (const line of lines) console.log(line);
}
process.exitCode = passed ? 0 : 1;
