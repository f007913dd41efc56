// Writes firebase.emulators.json: firebase.json as deployed, plus what only the local emulators
// need — the portal's Content-Security-Policy must let the browser reach the Auth and Functions
// emulators, which production must never name. The emulator ports come from firebase.json.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** firebase.json with the emulators' origins added to connect-src */
export function emulatorConfig(config) {
  const { auth, functions } = config.emulators;
  const origins = [auth, functions].map((e) => `http://${e.host}:${e.port}`);
  const copy = JSON.parse(JSON.stringify(config));
  for (const rule of copy.hosting.headers)
    for (const header of rule.headers)
      if (header.key === "Content-Security-Policy")
        header.value = header.value.replace(
          /connect-src ([^;]*)/,
          (_, sources) => `connect-src ${sources} ${origins.join(" ")}`,
        );
  return copy;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
  const config = JSON.parse(readFileSync(join(repo, "firebase.json"), "utf8"));
  writeFileSync(join(repo, "firebase.emulators.json"), `${JSON.stringify(emulatorConfig(config), null, 2)}\n`);
}
