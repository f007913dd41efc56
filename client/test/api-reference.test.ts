import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { callables } from "../src/index.js";
import { renderApiReference } from "../scripts/api-reference.js";

const committed = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");

describe("API reference", () => {
  it("docs/api.md is the one generated from the registry (run npm run docs:api after changing a callable)", () => {
    expect(committed === renderApiReference(), "docs/api.md is stale: run npm run docs:api").toBe(true);
  });

  it("documents every callable with who may call it, its input, output and errors", () => {
    for (const name of Object.keys(callables)) {
      const section = committed.split(`### ${name}\n`)[1]?.split("\n### ")[0] ?? "";
      expect(section, name).toMatch(/\*\*Who may call:\*\*/);
      expect(section, name).toMatch(/Input:\n\n```ts\n/);
      expect(section, name).toMatch(/Output:\n\n```ts\n/);
      expect(section, name).toMatch(/Errors:\n\n\| code \| when \|/);
    }
  });
});
