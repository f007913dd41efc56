import { describe, expect, it } from "vitest";
import { ClientValidationError, createClient } from "../src/api/client";
import { humanError } from "../src/api/errors";

describe("typed client", () => {
  it("validates input before sending and output on return", async () => {
    const sent: [string, unknown][] = [];
    const call = createClient(async (name, data) => {
      sent.push([name, data]);
      return { cases: [], nextCursor: undefined };
    });
    expect(await call("listCases", { status: "open" })).toEqual({ cases: [] });
    expect(sent).toEqual([["listCases", { status: "open", limit: 25 }]]);
    await expect(call("listCases", { limit: 1000 })).rejects.toBeInstanceOf(ClientValidationError);
    expect(sent).toHaveLength(1);
  });

  it("refuses a response that does not match the shared schema", async () => {
    const call = createClient(async () => ({ cases: "not a list" }));
    await expect(call("listCases", {})).rejects.toThrow();
  });
});

describe("errors for people", () => {
  const t = (key: string, vars: Record<string, string | number> = {}) => `${key}${Object.keys(vars).length ? JSON.stringify(vars) : ""}`;
  it("shows the backend's sentence for refused images and rate limits", () => {
    expect(humanError({ code: "functions/resource-exhausted", message: "Too many searches: at most 10 per minute. Try again in 42 seconds." }, t)).toMatch(/Too many searches/);
    expect(humanError({ code: "functions/invalid-argument", message: "HEIC/HEIF photos (iPhone default) cannot be read here; export the photo as JPEG." }, t)).toMatch(/HEIC/);
  });
  it("never shows a raw code", () => {
    expect(humanError({ code: "functions/internal", message: "internal" }, t)).toBe("error.internal");
    expect(humanError({ code: "functions/permission-denied", message: "permission-denied" }, t)).toBe("error.permissionDenied");
    expect(humanError({ code: "auth/invalid-credential", message: "Firebase: Error (auth/invalid-credential)." }, t)).toBe("error.auth.invalid-credential");
  });
});
