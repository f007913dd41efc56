// `npm run deploy:check -- --project ID`: what can be known before a deploy about whether the first
// officer will be served, read from this checkout and (with your Google credentials) from the
// project. Exit 1 when a prerequisite is missing; each line says what to do.
import { parseArgs } from "node:util";
import { preflight, report } from "./checks.js";
import { googleProjectFacts } from "./google-facts.js";
import { readLocalFacts } from "./local-facts.js";

const { values } = parseArgs({ options: { project: { type: "string" }, json: { type: "boolean", default: false } } });
if (!values.project) {
  console.error("usage: npm run deploy:check -- --project PROJECT_ID [--json]");
  process.exit(2);
}
const results = await preflight({
  project: values.project,
  local: await readLocalFacts(values.project),
  remote: googleProjectFacts(values.project),
});
if (values.json) console.log(JSON.stringify(results, null, 2));
else for (const line of report(results)) console.log(line);
process.exitCode = results.some((r) => r.status === "fail") ? 1 : 0;
