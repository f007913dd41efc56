// `npm run names -w functions -- build …`   rebuild matching/real-names.json from its sources
// `npm run names -w functions -- pairs [--seed S]`   regenerate test/matching/real-name-pairs.json
import { buildRealNames } from "./build-real-names.js";
import { generateNamePairs } from "./generate-pairs.js";

const [command, ...rest] = process.argv.slice(2);
const run = command === "build" ? buildRealNames : command === "pairs" ? generateNamePairs : undefined;
if (!run) {
  console.error("usage: npm run names -w functions -- build|pairs [options]");
  process.exit(2);
}
process.exit(await run(rest));
