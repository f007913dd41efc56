// The published contract against real traffic: every callable request and answer the browser
// tests exchange with the Functions emulator is recorded and checked against docs/schema (the JSON
// Schema a native app is written from): the request's data against the input schema, a result
// against the output schema, an error's details against the refusals' schema and its status
// against the reason's code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const FUNCTIONS = "http://127.0.0.1:5001/";

/** the callable's answer: a JSON body, or the last result/error event of its streaming form (server-sent events) */
function answerOf(body) {
  if (!body.startsWith("data: ")) return JSON.parse(body);
  const events = body
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice("data: ".length)));
  return events.findLast((e) => "result" in e || "error" in e);
}

export function contractRecorder() {
  const exchanges = [];
  return {
    exchanges,
    /** page.on("response") */
    async record(response) {
      const request = response.request();
      if (!response.url().startsWith(FUNCTIONS) || request.method() !== "POST") return;
      const name = new URL(response.url()).pathname.split("/").at(-1);
      try {
        const sent = JSON.parse(request.postData() ?? "{}");
        const answer = answerOf(await response.text());
        exchanges.push({ name, status: response.status(), data: sent.data, answer });
      } catch (error) {
        // a page closed before its answer arrived: nothing to check
        if (!/closed|disposed|No resource/i.test(String(error)))
          exchanges.push({ name, status: response.status(), unreadable: String(error) });
      }
    },
  };
}

/** the problems of every recorded exchange against the schemas of docs/schema, and what was checked */
export function checkExchanges(repo, exchanges) {
  const dir = join(repo, "docs", "schema");
  const read = (path) => JSON.parse(readFileSync(join(dir, path), "utf8"));
  const index = read("index.json");
  const reasons = read(index.reasons).reasons;
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  const compiled = new Map();
  const validatorOf = (path) => compiled.get(path) ?? compiled.set(path, ajv.compile(read(path))).get(path);
  const problems = [];
  const seen = { callables: new Set(), requests: 0, results: 0, errors: 0 };
  const check = (path, value, what) => {
    const validate = validatorOf(path);
    if (!validate(value)) problems.push(`${what}: ${ajv.errorsText(validate.errors, { dataVar: what })}`);
  };
  for (const [i, x] of exchanges.entries()) {
    const what = `#${i} ${x.name}`;
    const entry = index.callables[x.name];
    if (!entry) {
      problems.push(`${what}: not a callable of docs/schema/index.json`);
      continue;
    }
    if (x.unreadable) {
      problems.push(`${what}: unreadable answer (${x.unreadable})`);
      continue;
    }
    seen.callables.add(x.name);
    seen.requests++;
    check(entry.input, x.data ?? {}, `${what} request`);
    if (x.answer && "result" in x.answer) {
      seen.results++;
      check(entry.output, x.answer.result, `${what} result`);
    } else if (x.answer?.error) {
      seen.errors++;
      const { status, details } = x.answer.error;
      if (details !== undefined) {
        check(index.errorDetails, details, `${what} error details`);
        const code = reasons[details.reason]?.code;
        if (code && code.toUpperCase().replaceAll("-", "_") !== status)
          problems.push(`${what}: ${details.reason} answered ${status}, the catalogue says ${code}`);
      }
    } else problems.push(`${what}: neither a result nor an error (HTTP ${x.status})`);
  }
  return { problems, seen };
}
