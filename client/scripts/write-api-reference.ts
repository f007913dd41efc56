// `npm run docs:api`: rewrites docs/api.md from the registry (the test in client/test fails while it is stale).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderApiReference } from "./api-reference.js";

const target = fileURLToPath(new URL("../../docs/api.md", import.meta.url));
writeFileSync(target, renderApiReference());
console.log(`wrote ${target}`);
