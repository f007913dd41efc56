import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  LIMIT_SETTINGS,
  OPERATION_SETTINGS,
  RETENTION_SETTINGS,
  SCHEDULE_SETTINGS,
  SEARCH_SETTINGS,
} from "../../functions/src/ports/settings.js";
import { renderSettingsTable, withSettingsTable } from "../scripts/settings-table.js";

const runbook = readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");

describe("the runbook's settings table", () => {
  it("is the one generated from ports/settings.ts (run npm run docs:api after changing a setting)", () => {
    expect(
      withSettingsTable(runbook) === runbook,
      "docs/operations.md's settings table is stale: run npm run docs:api",
    ).toBe(true);
  });

  it("names every setting with its default, so a changed default makes the committed table stale", () => {
    const table = renderSettingsTable();
    for (const s of [LIMIT_SETTINGS, SEARCH_SETTINGS, RETENTION_SETTINGS, OPERATION_SETTINGS].flatMap(Object.values))
      expect(table).toMatch(new RegExp(`\\| \`${s.param}\` \\| ${s.default}( \\w+)? \\|`));
    for (const s of Object.values(SCHEDULE_SETTINGS)) expect(table).toContain(`| \`${s.env}\` | ${s.default} |`);
    const changed = runbook.replace("| `CASE_RETENTION_YEARS` | 5 years |", "| `CASE_RETENTION_YEARS` | 6 years |");
    expect(changed).not.toBe(runbook);
    expect(withSettingsTable(changed)).toBe(runbook);
  });

  it("refuses a runbook whose markers were removed rather than losing the table", () => {
    expect(() => withSettingsTable("# Operations runbook\n")).toThrow(/markers/);
  });
});
