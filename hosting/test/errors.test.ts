import { ClientValidationError } from "@tora-face/client";
import { describe, expect, it } from "vitest";
import { humanError } from "../src/api/errors";

const t = (key: string, vars: Record<string, string | number> = {}) => `${key}${Object.keys(vars).length ? JSON.stringify(vars) : ""}`;

describe("errors for people", () => {
  it("no network, a server fault and a wrong password are three different messages", () => {
    const noAnswer = { code: "functions/internal", message: "internal [0]" };
    expect(humanError(noAnswer, t, false)).toBe("error.offline");
    expect(humanError(noAnswer, t, false, "load")).toBe("error.offlineLoad");
    expect(humanError({ code: "auth/network-request-failed", message: "Firebase: Error (auth/network-request-failed)." }, t, true)).toBe("error.offline");
    expect(humanError(noAnswer, t, true)).toBe("error.unavailable");
    expect(humanError({ code: "functions/internal", message: "Something went wrong on our side. [500]" }, t, true)).toBe("error.internal");
    expect(humanError({ code: "auth/invalid-credential", message: "Firebase: Error (auth/invalid-credential)." }, t, true)).toBe("error.auth.invalid-credential");
  });

  it("shows the backend's sentence where no translation exists yet", () => {
    expect(humanError({ code: "functions/resource-exhausted", message: "Too many searches: at most 10 per minute. Try again in 42 seconds. [429]" }, t, true)).toBe(
      "Too many searches: at most 10 per minute. Try again in 42 seconds.",
    );
    expect(humanError({ code: "functions/invalid-argument", message: "HEIC/HEIF photos (iPhone default) cannot be read here; export the photo as JPEG." }, t, true)).toMatch(/HEIC/);
  });

  it("tells a suspended officer so at sign-in, in their language", () => {
    const refused = 'Firebase: HTTP Cloud Function returned an error: {"error":{"message":"Your account is suspended. Contact your administrator.","status":"PERMISSION_DENIED"}} (auth/internal-error).';
    expect(humanError({ code: "auth/internal-error", message: refused }, t, true)).toBe("refused.suspended");
  });

  it("never shows a raw code", () => {
    expect(humanError({ code: "functions/permission-denied", message: "permission-denied [403]" }, t, true)).toBe("error.permissionDenied");
    expect(humanError(new ClientValidationError("createCase", [{ path: "station", message: "is required" }]), t, true)).toBe('error.form{"detail":"is required"}');
  });
});
