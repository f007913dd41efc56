// `npm run docs:api`: rewrites the generated docs — docs/api.md and the JSON Schemas of docs/schema/
// from the registry, the runbook's settings table from ports/settings.ts (the tests in client/test
// fail while any of them is stale).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderApiReference } from "./api-reference.js";
import { renderJsonSchemas } from "./json-schema.js";
import { withSettingsTable } from "./settings-table.js";

const docs = fileURLToPath(new URL("../../docs/", import.meta.url));
writeFileSync(join(docs, "api.md"), renderApiReference());
console.log(`wrote ${join(docs, "api.md")}`);

// written anew, so a callable taken out of the registry leaves no schema behind
const schemaDir = join(docs, "schema");
rmSync(schemaDir, { recursive: true, force: true });
const files = renderJsonSchemas();
for (const [path, text] of files) {
  mkdirSync(dirname(join(schemaDir, path)), { recursive: true });
  writeFileSync(join(schemaDir, path), text);
}
console.log(`wrote ${files.size} files to ${schemaDir}`);

const runbook = join(docs, "operations.md");
writeFileSync(runbook, withSettingsTable(readFileSync(runbook, "utf8")));
console.log(`wrote the settings table of ${runbook}`);
