// Local mode's configuration from the environment: one SQLite file and a blob folder under
// .local-data/, a development key ring created on first use (never for real data).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { newKeyRingSecret } from "../adapters/crypto/aes-keyring.js";
import { newTemplateKeySecret } from "../adapters/crypto/template-keys.js";
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

/** a development secret kept in a file next to the local database, created on first use */
function devSecretFile(database: string, name: string, create: () => string): string {
  if (database === ":memory:") return create();
  const file = join(dirname(database), name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, create(), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** TORA_FAMILY_KEYS, else a key ring file next to the local database (development only) */
export function localKeyRingSecret(database: string): string {
  return process.env.TORA_FAMILY_KEYS || devSecretFile(database, "dev-keyring.secret", () => newKeyRingSecret("dev"));
}

/**
 * TORA_TEMPLATE_KEYS, else the template keys in a file next to the local database (development
 * only): the command line and local mode's functions share them, as they share the store.
 */
export function localTemplateKeySecret(database: string): string {
  return (
    process.env.TORA_TEMPLATE_KEYS ||
    devSecretFile(database, "dev-template-keys.secret", () => newTemplateKeySecret("dev1"))
  );
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
    templateKeySecret: localTemplateKeySecret(database),
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
