import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { callables, ERROR_REASONS, type CallableName, type ErrorReason } from "../src/index.js";
import { reasonParams, renderJsonSchemas, schemaPaths } from "../scripts/json-schema.js";

const schemaDir = fileURLToPath(new URL("../../docs/schema/", import.meta.url));
const committed = (path: string) => readFileSync(join(schemaDir, path), "utf8");
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [relative(schemaDir, join(dir, e.name))],
  );

/** the validator a native team would use: draft 2020-12, strict (union types are standard: ["string", "number"]), with formats */
function validator() {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}
const load = (path: string) => JSON.parse(committed(path)) as Record<string, unknown>;

describe("JSON Schema of the callables (docs/schema)", () => {
  it("docs/schema holds exactly the files generated from the registry (run npm run docs:api after changing a callable or a reason)", () => {
    const generated = renderJsonSchemas();
    expect(filesUnder(schemaDir).sort(), "docs/schema is stale: run npm run docs:api").toEqual(
      [...generated.keys()].sort(),
    );
    const stale = [...generated].filter(([path, text]) => committed(path) !== text).map(([path]) => path);
    expect(stale, "docs/schema is stale: run npm run docs:api").toEqual([]);
  });

  it("has an input and an output schema for every callable, each valid draft 2020-12 under a strict validator", () => {
    const ajv = validator();
    const index = load(schemaPaths.index) as { callables: Record<string, { input: string; output: string }> };
    expect(Object.keys(index.callables).sort()).toEqual(Object.keys(callables).sort());
    for (const name of Object.keys(callables) as CallableName[]) {
      expect(index.callables[name]).toMatchObject({ input: schemaPaths.input(name), output: schemaPaths.output(name) });
      for (const path of [schemaPaths.input(name), schemaPaths.output(name)])
        expect(() => ajv.compile(load(path)), path).not.toThrow();
    }
  });

  // the same verdict as the zod schema the backend parses with, for what the structure can say
  const samples: { name: CallableName; valid: unknown[]; invalid: unknown[] }[] = [
    {
      name: "createCase",
      valid: [
        { kind: "missing", country: "BI", station: "Ngozi", subject: {} },
        {
          kind: "found",
          country: "RW",
          station: "Kigali",
          subject: { sex: "female", ageRange: { min: 14, max: 18 } },
          found: { dateFound: "2026-11-20", heldAt: { kind: "shelter", name: "Centre Ubuntu" } },
          custodyContact: { name: "Mireille", phone: "+25779000456" },
        },
      ],
      invalid: [
        { kind: "missing", country: "KE", station: "Ngozi", subject: {} },
        { kind: "missing", country: "BI", station: "Ngozi", subject: {}, role: "admin" },
        { kind: "missing", country: "BI", station: "", subject: {} },
        { kind: "found", country: "BI", station: "S", subject: {}, custodyContact: { name: "M", phone: "79000456" } },
      ],
    },
    {
      name: "getMatch",
      valid: [{ matchId: "abc_def" }, { matchId: "abc_def", includeContacts: true }],
      invalid: [{}, { matchId: "a/b" }],
    },
    {
      name: "markNotificationsRead",
      valid: [{ all: true }, { ids: ["n1"] }],
      invalid: [{ all: false }, { ids: [] }, { all: true, ids: ["n1"] }],
    },
    {
      name: "listCases",
      valid: [{}, { limit: 100, kind: "found" }],
      invalid: [{ limit: 0 }, { limit: 2.5 }, { status: "gone" }],
    },
    { name: "getMyProfile", valid: [{}], invalid: [{ uid: "someone" }] },
  ];
  for (const { name, valid, invalid } of samples)
    it(`${name}: the JSON Schema accepts and refuses what the backend's zod schema does`, () => {
      const check = validator().compile(load(schemaPaths.input(name)));
      for (const data of valid) {
        expect(callables[name].input.safeParse(data).success, JSON.stringify(data)).toBe(true);
        expect(check(data), `${JSON.stringify(data)}: ${JSON.stringify(check.errors)}`).toBe(true);
      }
      for (const data of invalid) {
        expect(callables[name].input.safeParse(data).success, JSON.stringify(data)).toBe(false);
        expect(check(data), JSON.stringify(data)).toBe(false);
      }
    });

  it("an output the kit's zod schema accepts is valid, and one without a required field is not", () => {
    const check = validator().compile(load(schemaPaths.output("markNotificationsRead")));
    expect(check(callables.markNotificationsRead.output.parse({ marked: 2, unread: 0 }))).toBe(true);
    expect(check({ marked: 2 })).toBe(false);
  });

  it("describes the details of every refusal: its reason and the parameters of its sentence", () => {
    const check = validator().compile(load(schemaPaths.errorDetails));
    const catalogue = load(schemaPaths.reasons) as {
      reasons: Record<string, { code: string; message: string; params: string[] }>;
    };
    for (const reason of Object.keys(ERROR_REASONS) as ErrorReason[]) {
      expect(catalogue.reasons[reason]).toEqual({
        code: ERROR_REASONS[reason].code,
        message: ERROR_REASONS[reason].message,
        params: reasonParams(reason),
      });
      const details = { reason, ...Object.fromEntries(reasonParams(reason).map((p) => [p, 3])) };
      expect(check(details), `${reason}: ${JSON.stringify(check.errors)}`).toBe(true);
      if (reasonParams(reason).length) expect(check({ reason }), `${reason} without its parameters`).toBe(false);
    }
    expect(check({ reason: "no_such_reason" })).toBe(false);
    expect(
      check({
        reason: "invalid_input",
        detail: "x",
        issues: [{ path: "station", code: "too_small", message: "is required" }],
      }),
    ).toBe(true);
    expect(check({ reason: "invalid_input", detail: "x", issues: [{ path: "station" }] })).toBe(false);
  });
});
