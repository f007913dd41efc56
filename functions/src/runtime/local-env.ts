// Local mode's configuration from the environment: one SQLite file and a blob folder under
// .local-data/, a development key ring created on first use (never for real data).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { newKeyRingSecret } from "../adapters/crypto/aes-keyring.js";
import { createLocalDeps, type LocalDeps, type LocalDepsOptions } from "../adapters/local/deps.js";
import { repoRoot } from "../paths.js";
import { sharedAnalyzer } from "./engine.js";
import { silentEvents } from "./events.js";
import { withLocalPhotoTrigger } from "./local-triggers.js";
import { linkInProcess } from "./cross-border.js";
import { googleTokenSource, httpsPeerLink } from "../adapters/firebase/peer-https.js";
import { countrySchema, type Country } from "../schemas/index.js";

export function localPaths() {
  const database = process.env.TORA_LOCAL_DB ?? join(repoRoot, ".local-data", "tora.sqlite");
  const blobDir = process.env.TORA_LOCAL_BLOBS ?? join(repoRoot, ".local-data", "blobs");
  return { database, blobDir };
}

/** TORA_COUNTRIES: the countries this local store holds ("RW", or "BI,RW": the default, both) */
export function localCountries(value = process.env.TORA_COUNTRIES): Country[] {
  if (!value) return ["BI", "RW"];
  const countries = value.split(",").map((c) => countrySchema.parse(c.trim().toUpperCase()));
  return [...new Set(countries)];
}

/** TORA_FAMILY_KEYS, else a key ring file next to the local database (development only) */
export function localKeyRingSecret(database: string): string {
  if (process.env.TORA_FAMILY_KEYS) return process.env.TORA_FAMILY_KEYS;
  const file = database === ":memory:" ? undefined : join(dirname(database), "dev-keyring.secret");
  if (!file) return newKeyRingSecret("dev");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, newKeyRingSecret("dev"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * The local store, with the photo trigger of local mode (local-triggers.ts): cross-match after
 * each photo write (`run`), or left to the caller (`off`: the command line's import). It holds
 * both countries, linked to each other in process (runtime/cross-border.ts).
 */
export function localDepsFromEnv(
  overrides: Partial<LocalDepsOptions> = {},
  photoTrigger: "run" | "off" = "run",
): LocalDeps {
  const { database, blobDir } = localPaths();
  const deps = createLocalDeps({
    countries: localCountries(),
    database,
    blobDir,
    keyRingSecret: localKeyRingSecret(database),
    analyzer: sharedAnalyzer,
    events: silentEvents,
    ...overrides,
  });
  const xb = deps.crossBorder;
  if (xb.countries.length > 1)
    // one store for both countries: their cross-border messages cross the protocol within it
    linkInProcess([deps]);
  // one country's store: the other's deployment is called over HTTPS with this machine's Google
  // credentials (GOOGLE_APPLICATION_CREDENTIALS: a service account that can mint ID tokens)
  else
    xb.link = httpsPeerLink({
      countries: xb.countries,
      directory: xb.peers,
      tokens: googleTokenSource(),
      clock: deps.clock,
    });
  return withLocalPhotoTrigger(deps, photoTrigger);
}
