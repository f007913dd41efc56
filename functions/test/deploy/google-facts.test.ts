// The project's facts as Google's REST APIs give them: which API each fact comes from, a missing
// resource as "absent", a refusal or an unreachable API as a fact that could not be read.
import { describe, expect, it } from "vitest";
import { googleProjectFacts } from "../../src/deploy/google-facts.js";
import { FactUnavailable } from "../../src/deploy/project-facts.js";

/** answers by URL; records every request with its headers */
function stand(answers: Record<string, [number, unknown]>) {
  const requests: { url: string; method: string; headers: Record<string, string> }[] = [];
  const fake = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, method: init?.method ?? "GET", headers: init?.headers as Record<string, string> });
    const key = Object.keys(answers).find((k) => url.includes(k));
    if (!key) throw new TypeError("fetch failed");
    const [status, body] = answers[key]!;
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;
  return { requests, facts: googleProjectFacts("tora-bi", { fetch: fake, token: async () => "token-1" }) };
}

describe("the project's facts from Google's APIs", () => {
  it("reads locations, Auth, secrets, App Check and extensions from their APIs, with the caller's token and the project's quota", async () => {
    const { facts, requests } = stand({
      "firestore.googleapis.com/v1/projects/tora-bi/databases/(default)": [200, { locationId: "europe-west1" }],
      "storage/v1/b/tora-bi-photos": [200, { location: "EUROPE-WEST1" }],
      "identitytoolkit.googleapis.com/admin/v2/projects/tora-bi/config": [
        200,
        { subtype: "IDENTITY_PLATFORM", signIn: { email: { enabled: true } }, authorizedDomains: ["tora-bi.web.app"] },
      ],
      "secrets/IP_HASH_KEY/versions/latest": [200, { state: "ENABLED" }],
      "apps/1:1:web:1/recaptchaEnterpriseConfig": [200, { siteKey: "site-key" }],
      "services/firebasestorage.googleapis.com": [200, { enforcementMode: "ENFORCED" }],
      "firebaseextensions.googleapis.com/v1beta/projects/tora-bi/instances": [
        200,
        { instances: [{ config: { extensionRef: "firebase/firestore-send-email@0.2.4" } }] },
      ],
    });
    expect(await facts.firestoreLocation()).toBe("europe-west1");
    expect(await facts.bucketLocation("tora-bi-photos")).toBe("EUROPE-WEST1");
    expect(await facts.authConfig()).toEqual({
      identityPlatform: true,
      emailPasswordEnabled: true,
      authorizedDomains: ["tora-bi.web.app"],
    });
    expect(await facts.secretHasVersion("IP_HASH_KEY")).toBe(true);
    expect(await facts.appCheckSiteKey("1:1:web:1")).toBe("site-key");
    expect(await facts.storageAppCheckEnforced()).toBe(true);
    expect(await facts.installedExtensions()).toEqual(["firebase/firestore-send-email"]);
    for (const r of requests)
      expect(r.headers).toMatchObject({ authorization: "Bearer token-1", "x-goog-user-project": "tora-bi" });
  });

  it("a missing bucket, database, secret or account is absent; IAM policies are read with POST", async () => {
    const { facts, requests } = stand({
      "storage/v1/b/": [404, { error: { message: "Not Found" } }],
      "firestore.googleapis.com": [404, {}],
      "secretmanager.googleapis.com": [404, {}],
      "serviceAccounts/tora-face-functions%40tora-bi.iam.gserviceaccount.com:getIamPolicy": [
        200,
        { bindings: [{ role: "roles/iam.serviceAccountUser", members: ["x"] }] },
      ],
      "iam.googleapis.com/v1/projects/tora-bi/serviceAccounts/": [404, {}],
      "cloudresourcemanager.googleapis.com/v1/projects/tora-bi:getIamPolicy": [
        200,
        { bindings: [{ role: "roles/datastore.user", members: ["y"] }] },
      ],
    });
    expect(await facts.bucketLocation("nope")).toBeUndefined();
    expect(await facts.firestoreLocation()).toBeUndefined();
    expect(await facts.secretHasVersion("FAMILY_CONTACT_KEYS")).toBe(false);
    expect(await facts.serviceAccountExists("ghost@tora-bi.iam.gserviceaccount.com")).toBe(false);
    expect(await facts.projectPolicy()).toEqual([{ role: "roles/datastore.user", members: ["y"] }]);
    expect((await facts.serviceAccountPolicy("tora-face-functions@tora-bi.iam.gserviceaccount.com"))[0]!.role).toBe(
      "roles/iam.serviceAccountUser",
    );
    expect(requests.filter((r) => r.url.includes("getIamPolicy")).map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("a refusal or an unreachable API is a fact that could not be read, saying which and why", async () => {
    const { facts } = stand({
      "cloudresourcemanager.googleapis.com": [
        403,
        { error: { code: 403, message: "The caller does not have permission" } },
      ],
    });
    await expect(facts.projectPolicy()).rejects.toThrow(FactUnavailable);
    await expect(facts.projectPolicy()).rejects.toThrow(
      /cloudresourcemanager\.googleapis\.com answered 403: The caller does not have permission/,
    );
    await expect(facts.authConfig()).rejects.toThrow(/identitytoolkit\.googleapis\.com did not answer/);
    const noCredentials = googleProjectFacts("tora-bi", {
      fetch: (async () => new Response("{}")) as typeof fetch,
      token: async () => {
        throw new FactUnavailable("no Google credentials");
      },
    });
    await expect(noCredentials.firestoreLocation()).rejects.toThrow(/no Google credentials/);
  });
});
