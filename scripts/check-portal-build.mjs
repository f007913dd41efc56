// Hosting's predeploy hook: refuses to deploy a portal built for the emulators' demo project or for
// another project (firebase.json runs it with RESOURCE_DIR = hosting/dist, GCLOUD_PROJECT = the target).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILD_INFO_FILE, deployRefusal } from "./portal-build.mjs";

const dist = process.env.RESOURCE_DIR ?? "hosting/dist";
const project = process.env.GCLOUD_PROJECT ?? "";
const file = join(dist, BUILD_INFO_FILE);
const info = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
const refusal = deployRefusal(info, project);
if (refusal) {
  console.error(`[portal] ${refusal}`);
  process.exit(1);
}
console.log(
  `[portal] hosting/dist was built for ${project} (functions in ${info.functionsRegion}, bucket ${info.storageBucket})`,
);
