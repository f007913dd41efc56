import { describe, expect, it } from "vitest";
import { z } from "zod";
import { idSchema } from "../src/index.js";
import { inputPatternOf, toInputPattern } from "../src/patterns.js";

/** what a browser does with the pattern attribute */
const asBrowser = (pattern: string) => new RegExp(`^(?:${pattern})$`, "v");

describe("input patterns", () => {
  it("the case reference pattern compiles under the v flag and accepts what the schema accepts", () => {
    const pattern = inputPatternOf(idSchema)!;
    expect(() => new RegExp(`[A-Za-z0-9_-]`, "v")).toThrow(); // the old attribute was not valid there
    const browser = asBrowser(pattern);
    for (const sample of [
      "MUK-2026-0113",
      "b1f0c9e2-4a5b-4c8d-9e0f-123456789abc",
      "a_b",
      "",
      "a b",
      "a/b",
      "é",
      "x".repeat(129),
    ])
      expect(browser.test(sample), sample).toBe(idSchema.safeParse(sample).success);
  });

  it("escapes class syntax and keeps ranges", () => {
    expect(toInputPattern("^[A-Za-z0-9/-]{3,32}$")).toBe("[A-Za-z0-9\\/\\-]{3,32}");
    expect(toInputPattern("^[-a]\\$$")).toBe("[\\-a]\\$");
    const badge = z.string().regex(/^[A-Za-z0-9/-]{3,32}$/);
    const browser = asBrowser(inputPatternOf(badge)!);
    for (const sample of ["BI-1234", "RW/77/3", "ab", "a b c"])
      expect(browser.test(sample), sample).toBe(badge.safeParse(sample).success);
  });

  it("no pattern for a schema without one", () => {
    expect(inputPatternOf(z.string().max(3))).toBeUndefined();
  });
});
