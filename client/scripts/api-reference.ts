// docs/api.md, written from the registry (shapes; who may call, errors) and
// the error codes: nothing in it is typed by hand, so it cannot drift from the code.
import { z } from "zod";
import { text } from "../../functions/src/schemas/index.js";
import {
  callableErrorCodes,
  callables,
  callerLevels,
  ERROR_REASONS,
  levelErrors,
  photoReasonCodes,
  type CallableAccess,
  type CallableName,
} from "../src/index.js";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  /** a tuple's members, in order */
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

/** the pattern of every free-text field: said once in the legend instead of on every line */
const FREE_TEXT_PATTERN = (z.toJSONSchema(text(1)) as JsonSchema).pattern;
const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

function constraints(s: JsonSchema): string[] {
  const notes: string[] = [];
  if (s.format === "date-time") notes.push("ISO 8601 date-time, UTC");
  else if (s.format === "date") notes.push("ISO 8601 date");
  else if (s.format) notes.push(s.format);
  if (s.pattern === FREE_TEXT_PATTERN) notes.push("free text");
  // a format (email, date-time) says what its generated pattern would
  else if (s.pattern && !s.format) notes.push(`matches ${s.pattern}`);
  if (s.minLength !== undefined && s.maxLength !== undefined) notes.push(`${s.minLength}–${s.maxLength} characters`);
  else if (s.maxLength !== undefined) notes.push(`at most ${s.maxLength} characters`);
  else if (s.minLength !== undefined) notes.push(`at least ${s.minLength} character${s.minLength === 1 ? "" : "s"}`);
  const min = s.minimum !== undefined && Math.abs(s.minimum) < SAFE_INTEGER ? s.minimum : undefined;
  const max = s.maximum !== undefined && Math.abs(s.maximum) < SAFE_INTEGER ? s.maximum : undefined;
  if (min !== undefined && max !== undefined) notes.push(`${min}–${max}`);
  else if (min !== undefined) notes.push(`≥ ${min}`);
  else if (max !== undefined) notes.push(`≤ ${max}`);
  if (s.maxItems !== undefined && !s.prefixItems) notes.push(`at most ${s.maxItems} items`);
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  return notes;
}

function typeOf(s: JsonSchema, indent: string): string {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map((v) => typeOf(v, indent)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const type = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
  if (type === "array" && s.prefixItems) return `[${s.prefixItems.map((m) => typeOf(m, indent)).join(", ")}]`;
  if (type === "array") return `${wrap(typeOf(s.items ?? {}, indent))}[]`;
  if (type === "object" || s.properties) return objectOf(s, indent);
  if (type === "integer") return "integer";
  return type ?? "unknown";
}

const wrap = (t: string): string => (t.includes(" | ") && !t.startsWith("{") ? `(${t})` : t);

function objectOf(s: JsonSchema, indent: string): string {
  const entries = Object.entries(s.properties ?? {});
  if (entries.length === 0) {
    if (s.additionalProperties && typeof s.additionalProperties === "object")
      return `Record<string, ${typeOf(s.additionalProperties, indent)}>`;
    return "{}";
  }
  const inner = `${indent}  `;
  const required = new Set(s.required ?? []);
  const lines = entries.map(([name, prop]) => {
    const notes = constraints(prop);
    return `${inner}${name}${required.has(name) ? "" : "?"}: ${typeOf(prop, inner)}${notes.length ? `  // ${notes.join("; ")}` : ""}`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

function shape(schema: z.ZodType, io: "input" | "output"): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return typeOf(json, "");
}

function callerLine(access: CallableAccess): string {
  const country = access.ownCountry
    ? " Officers and supervisors: their own country's records only (administrators: every country)."
    : "";
  const condition = access.condition ? ` ${access.condition}` : "";
  return `**Who may call:** ${callerLevels[access.caller]}${country}${condition}`;
}

function errorTable(access: CallableAccess): string {
  const own: Partial<Record<keyof typeof callableErrorCodes, string>> = access.errors ?? {};
  const level = levelErrors(access);
  const codes = Object.keys(callableErrorCodes).filter(
    (c) => c in level || c in own,
  ) as (keyof typeof callableErrorCodes)[];
  const rows = codes.map((code) => `| \`${code}\` | ${[level[code], own[code]].filter(Boolean).join(" ")} |`);
  return ["| code | when |", "|---|---|", ...rows].join("\n");
}

function section(name: CallableName): string {
  const schemas = callables[name];
  const access = callables[name].access;
  return [
    `### ${name}`,
    "",
    callerLine(access),
    "",
    "Input:",
    "",
    "```ts",
    shape(schemas.input, "input"),
    "```",
    "",
    "Output:",
    "",
    "```ts",
    shape(schemas.output, "output"),
    "```",
    "",
    "Errors:",
    "",
    errorTable(access),
    "",
  ].join("\n");
}

export function renderApiReference(): string {
  const names = Object.keys(callables) as CallableName[];
  return [
    "# TORA FACE API reference",
    "",
    "<!-- Generated by `npm run docs:api` from the zod registry (functions/src/schemas/callables.ts), the access table",
    "     (functions/src/schemas/callable-access.ts) and the error codes (client/src/errors.ts). Do not edit by hand: a test fails when this file is stale. -->",
    "",
    "Every operation is a Firebase callable function (region `europe-west1`), called with the Firebase SDK's",
    "`httpsCallable` and an App Check token. Apps use the client kit `@tora-face/client` (`client/`): `createClient(transport)`",
    "validates each input with the same zod schema as the backend before sending and each output on return;",
    "`describeFailure(error, online)` says whether a failure is no network, a server fault, wrong credentials, a refusal,",
    "bad input or a rate limit.",
    "",
    "The same contract as data, for apps written in other languages (Kotlin, Swift): [`docs/schema/`](schema/index.json), a JSON",
    "Schema (draft 2020-12) of every callable's input and output and of every refusal's details, generated from the same zod schemas.",
    "How a native app calls a callable: [`client/README.md`](../client/README.md).",
    "",
    "A face match is a candidate for an officer to review, never an identification.",
    "",
    "## Conventions",
    "",
    "- Shapes are written as TypeScript types; `?` marks a field that may be left out (the default applies).",
    "- *free text*: trimmed, without control characters.",
    "- Rights come from the officer record on the server (the token's claims are only a cache).",
    "",
    "## Who may call",
    "",
    "| level | who |",
    "|---|---|",
    ...Object.entries(callerLevels).map(([level, who]) => `| \`${level}\` | ${who} |`),
    "",
    "## Error codes",
    "",
    "Errors carry a code, an English sentence (a fallback for people) and `details`: `reason`, a stable key apps",
    "translate (below), and the parameters of its sentence (`limit`, `retryAfterSeconds` …).",
    "",
    "| code | meaning |",
    "|---|---|",
    ...Object.entries(callableErrorCodes).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`),
    "",
    "## Reasons",
    "",
    "`details.reason` of every refusal, with its code and English sentence; `{name}` is a parameter sent in `details`.",
    "",
    "| reason | code | sentence |",
    "|---|---|---|",
    ...Object.entries(ERROR_REASONS).map(
      ([reason, { code, message }]) => `| \`${reason}\` | \`${code}\` | ${message.replaceAll("|", "\\|")} |`,
    ),
    "",
    "## Photo verdict codes",
    "",
    "`code` of a photo's `reasons[]`, of its `faces[].issues[]` and of a search's `probeReasons[]` and `faces[].issues[]`, each",
    "with the English sentence in `message`; the image codes are also `details.image` of an `image_refused` refusal.",
    "",
    "| code | meaning |",
    "|---|---|",
    ...Object.entries(photoReasonCodes).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`),
    "",
    "## Callables",
    "",
    ...names.map((n) => `- [${n}](#${n.toLowerCase()}) — ${callables[n].access.caller}`),
    "",
    ...names.map(section),
  ].join("\n");
}
