import { describe, expect, it } from "vitest";
import {
  callableAccess,
  callables,
  ClientValidationError,
  createClient,
  describeFailure,
  levelErrors,
} from "../src/index.js";

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

  it("says who may call each callable as the registry declares it, and what each caller level is refused with", () => {
    for (const name of Object.keys(callables) as (keyof typeof callables)[])
      expect(callableAccess[name], name).toBe(callables[name].access);
    const refused = (name: keyof typeof callables) => levelErrors(callables[name].access)["permission-denied"];
    expect(refused("getMyProfile")).toBeUndefined();
    expect(refused("registerOfficer")).toBe("The email is not verified.");
    expect(refused("listSearchHistory")).toMatch(/^The email is not verified; the registration is pending/);
    expect(refused("listOfficers")).toMatch(/the caller is not an administrator\.$/);
    expect(refused("createCase")).toMatch(/another country's police\.$/);
    expect(refused("listCases")).toMatch(/a filter names another country's records\.$/);
    expect(refused("listCases")).not.toMatch(/administrator/);
  });
});

describe("what a failure means", () => {
  it("no network, a server fault and a wrong password are three different kinds", () => {
    // the Functions SDK reports a fetch that never reached the server as internal, "internal [0]"
    expect(describeFailure({ code: "functions/internal", message: "internal [0]" }, false).kind).toBe("offline");
    expect(describeFailure({ code: "functions/unavailable", message: "unavailable [503]" }, false).kind).toBe(
      "offline",
    );
    expect(
      describeFailure(
        { code: "auth/network-request-failed", message: "Firebase: Error (auth/network-request-failed)." },
        true,
      ).kind,
    ).toBe("offline");
    expect(describeFailure({ code: "functions/internal", message: "internal [0]" }, true)).toEqual({
      kind: "server",
      code: "internal",
    });
    expect(
      describeFailure({ code: "functions/internal", message: "Something went wrong on our side. [500]" }, true),
    ).toEqual({
      kind: "server",
      code: "internal",
      message: "Something went wrong on our side.",
    });
    expect(describeFailure({ code: "functions/unavailable", message: "unavailable [503]" }, true).kind).toBe("server");
    expect(
      describeFailure({ code: "auth/invalid-credential", message: "Firebase: Error (auth/invalid-credential)." }, true)
        .kind,
    ).toBe("credentials");
  });

  it("a refusal is not an outage, even offline", () => {
    expect(
      describeFailure(
        { code: "functions/permission-denied", message: "This record belongs to another country's police. [403]" },
        false,
      ),
    ).toEqual({
      kind: "refused",
      code: "permission-denied",
      message: "This record belongs to another country's police.",
    });
  });

  it("keeps the backend's reason key, its parameters and the retry delay", () => {
    const details = { reason: "searches_exhausted", limit: 20, retryAfterSeconds: 42 };
    const failure = describeFailure(
      { code: "functions/resource-exhausted", message: "Too many searches [429]", details },
      true,
    );
    expect(failure).toEqual({
      kind: "rate-limited",
      code: "resource-exhausted",
      message: "Too many searches",
      reason: "searches_exhausted",
      params: { limit: 20, retryAfterSeconds: 42 },
      retryAfterSeconds: 42,
    });
    const image = { reason: "image_refused", image: "heic_unsupported", message: "HEIC/HEIF photos …" };
    expect(
      describeFailure({ code: "functions/invalid-argument", message: "HEIC … [400]", details: image }, true),
    ).toMatchObject({
      kind: "input",
      reason: "image_refused",
      params: { image: "heic_unsupported" },
    });
  });

  it("keeps the fields the backend refused, with their paths and zod codes", () => {
    const issues = [
      {
        path: "familyContact.phone",
        code: "invalid_format",
        message: "phone: international format, e.g. +25779123456",
      },
    ];
    const details = { reason: "invalid_input", detail: "familyContact.phone: …", issues };
    expect(
      describeFailure({ code: "functions/invalid-argument", message: "Please check the form: … [400]", details }, true),
    ).toMatchObject({
      kind: "input",
      reason: "invalid_input",
      issues,
    });
  });

  it("a cancelled upload is neither a fault nor a refusal; Storage's refusals are refusals", () => {
    expect(
      describeFailure(
        {
          code: "storage/canceled",
          message: "Firebase Storage: User canceled the upload/download. (storage/canceled)",
        },
        true,
      ).kind,
    ).toBe("cancelled");
    expect(describeFailure({ code: "functions/cancelled", message: "cancelled" }, true).kind).toBe("cancelled");
    expect(
      describeFailure(
        {
          code: "storage/unauthorized",
          message: "Firebase Storage: User does not have permission … (storage/unauthorized)",
        },
        true,
      ).kind,
    ).toBe("refused");
    expect(
      describeFailure({ code: "storage/retry-limit-exceeded", message: "Max retry time for operation exceeded" }, false)
        .kind,
    ).toBe("offline");
    expect(
      describeFailure({ code: "storage/retry-limit-exceeded", message: "Max retry time for operation exceeded" }, true)
        .kind,
    ).toBe("server");
  });

  it("reads the reason and sentence of a sign-in refused by the blocking function", () => {
    const message =
      'Firebase: HTTP Cloud Function returned an error: {"error":{"details":{"reason":"account_suspended"},"message":"Your account is suspended. Contact your administrator.","status":"PERMISSION_DENIED"}} (auth/internal-error).';
    expect(describeFailure({ code: "auth/internal-error", message }, true)).toEqual({
      kind: "refused",
      code: "auth/internal-error",
      message: "Your account is suspended. Contact your administrator.",
      reason: "account_suspended",
    });
    // an answer that lost its details: the catalogue's sentence names its reason
    const withoutDetails =
      'Firebase: HTTP Cloud Function returned an error: {"error":{"message":"Your account is suspended. Contact your administrator.","status":"PERMISSION_DENIED"}} (auth/internal-error).';
    expect(describeFailure({ code: "auth/internal-error", message: withoutDetails }, true).reason).toBe(
      "account_suspended",
    );
    const fromEmulator =
      'Firebase: ((HTTP request to http://127.0.0.1:5001/demo-tora-face/europe-west1/beforeSignedIn returned HTTP error 403: {"error":{"message":"Your account is suspended. Contact your administrator.","status":"PERMISSION_DENIED"}})) (auth/internal-error).';
    expect(describeFailure({ code: "auth/internal-error", message: fromEmulator }, true)).toMatchObject({
      message: "Your account is suspended. Contact your administrator.",
      reason: "account_suspended",
    });
    expect(
      describeFailure({ code: "auth/internal-error", message: "Firebase: Error (auth/internal-error)." }, true).kind,
    ).toBe("server");
  });

  it("client-side validation names the fields", () => {
    const issue = { path: "station", code: "too_small", message: "is required" };
    const failure = describeFailure(new ClientValidationError("createCase", [issue]), true);
    expect(failure).toEqual({ kind: "input", code: "invalid-argument", issues: [issue] });
  });
});

describe("cancelling a call", () => {
  it("hands the caller's signal to the transport", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const call = createClient(async (_name, _data, options) => {
      signals.push(options?.signal);
      return { photos: [] };
    });
    const controller = new AbortController();
    await call("listCasePhotos", { caseId: "c1" }, { signal: controller.signal });
    await call("listCasePhotos", { caseId: "c1" });
    expect(signals).toEqual([controller.signal, undefined]);
  });
});
