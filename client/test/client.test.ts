import { describe, expect, it } from "vitest";
import { callableAccess, callables, ClientValidationError, createClient, describeFailure } from "../src/index.js";

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

  it("says who may call every callable of the registry, and nothing else", () => {
    expect(Object.keys(callableAccess).sort()).toEqual(Object.keys(callables).sort());
  });
});

describe("what a failure means", () => {
  it("no network, a server fault and a wrong password are three different kinds", () => {
    // the Functions SDK reports a fetch that never reached the server as internal, "internal [0]"
    expect(describeFailure({ code: "functions/internal", message: "internal [0]" }, false).kind).toBe("offline");
    expect(describeFailure({ code: "functions/unavailable", message: "unavailable [503]" }, false).kind).toBe("offline");
    expect(describeFailure({ code: "auth/network-request-failed", message: "Firebase: Error (auth/network-request-failed)." }, true).kind).toBe("offline");
    expect(describeFailure({ code: "functions/internal", message: "internal [0]" }, true)).toEqual({ kind: "server", code: "internal" });
    expect(describeFailure({ code: "functions/internal", message: "Something went wrong on our side. [500]" }, true)).toEqual({
      kind: "server",
      code: "internal",
      message: "Something went wrong on our side.",
    });
    expect(describeFailure({ code: "functions/unavailable", message: "unavailable [503]" }, true).kind).toBe("server");
    expect(describeFailure({ code: "auth/invalid-credential", message: "Firebase: Error (auth/invalid-credential)." }, true).kind).toBe("credentials");
  });

  it("a refusal is not an outage, even offline", () => {
    expect(describeFailure({ code: "functions/permission-denied", message: "This record belongs to another country's police. [403]" }, false)).toEqual({
      kind: "refused",
      code: "permission-denied",
      message: "This record belongs to another country's police.",
    });
  });

  it("keeps the backend's reason key and retry delay", () => {
    const failure = describeFailure({ code: "functions/resource-exhausted", message: "Too many searches [429]", details: { retryAfterSeconds: 42 } }, true);
    expect(failure).toEqual({ kind: "rate-limited", code: "resource-exhausted", message: "Too many searches", retryAfterSeconds: 42 });
    expect(describeFailure({ code: "functions/invalid-argument", message: "HEIC …", details: { reason: "heic" } }, true)).toMatchObject({ kind: "input", reason: "heic" });
  });

  it("reads the sentence of a sign-in refused by the blocking function", () => {
    const message =
      'Firebase: HTTP Cloud Function returned an error: {"error":{"details":{},"message":"Your account is suspended. Contact your administrator.","status":"PERMISSION_DENIED"}} (auth/internal-error).';
    expect(describeFailure({ code: "auth/internal-error", message }, true)).toEqual({
      kind: "refused",
      code: "auth/internal-error",
      message: "Your account is suspended. Contact your administrator.",
    });
    const fromEmulator =
      'Firebase: ((HTTP request to http://127.0.0.1:5001/demo-tora-face/europe-west1/beforeSignedIn returned HTTP error 403: {"error":{"message":"Your account is suspended. Contact your administrator.","status":"PERMISSION_DENIED"}})) (auth/internal-error).';
    expect(describeFailure({ code: "auth/internal-error", message: fromEmulator }, true).message).toBe("Your account is suspended. Contact your administrator.");
    expect(describeFailure({ code: "auth/internal-error", message: "Firebase: Error (auth/internal-error)." }, true).kind).toBe("server");
  });

  it("client-side validation names the fields", () => {
    const failure = describeFailure(new ClientValidationError("createCase", [{ path: "station", message: "is required" }]), true);
    expect(failure).toEqual({ kind: "input", code: "invalid-argument", issues: [{ path: "station", message: "is required" }] });
  });
});
