// The project's side of the preflight, read from Google's REST APIs with the caller's own
// credentials (Application Default Credentials: `gcloud auth application-default login`, or
// GOOGLE_APPLICATION_CREDENTIALS; else the gcloud CLI's login). Reads only; a 403 or an
// unreachable API becomes FactUnavailable, which the check reports as "could not be read".
import { execFileSync } from "node:child_process";
import { applicationDefault } from "firebase-admin/app";
import { FactUnavailable, type IamBinding, type ProjectFacts } from "./project-facts.js";

const TIMEOUT_MS = 20_000;

async function accessToken(): Promise<string> {
  try {
    return (await applicationDefault().getAccessToken()).access_token;
  } catch {
    try {
      return execFileSync("gcloud", ["auth", "print-access-token"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      throw new FactUnavailable(
        "no Google credentials: run `gcloud auth application-default login` (or set GOOGLE_APPLICATION_CREDENTIALS)",
      );
    }
  }
}

/** `http`: the HTTP client and the credentials (tests give stand-ins) */
export function googleProjectFacts(
  project: string,
  http: { fetch: typeof fetch; token: () => Promise<string> } = { fetch, token: accessToken },
): ProjectFacts {
  let token: Promise<string> | undefined;
  /** GET (or POST with a body) a Google API; undefined for 404 */
  async function api<T>(url: string, body?: object): Promise<T | undefined> {
    token ??= http.token();
    const bearer = await token;
    let response: Response;
    try {
      response = await http.fetch(url, {
        method: body ? "POST" : "GET",
        // x-goog-user-project: user credentials bill the quota of the project being checked
        headers: {
          authorization: `Bearer ${bearer}`,
          "x-goog-user-project": project,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new FactUnavailable(
        `${new URL(url).hostname} did not answer (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (response.status === 404) return undefined;
    if (!response.ok) {
      const text = await response.text().catch(() => "");
      const message = /"message"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? text.slice(0, 200);
      throw new FactUnavailable(`${new URL(url).hostname} answered ${response.status}: ${message}`);
    }
    return (await response.json()) as T;
  }
  const must = async <T>(url: string, body?: object): Promise<T> => {
    const value = await api<T>(url, body);
    if (value === undefined) throw new FactUnavailable(`${url} was not found`);
    return value;
  };
  const bindings = (policy: { bindings?: IamBinding[] } | undefined): IamBinding[] => policy?.bindings ?? [];
  const encoded = encodeURIComponent;

  return {
    async projectNumber() {
      return (
        await must<{ projectNumber: string }>(`https://cloudresourcemanager.googleapis.com/v1/projects/${project}`)
      ).projectNumber;
    },
    async firestoreLocation() {
      return (
        await api<{ locationId: string }>(`https://firestore.googleapis.com/v1/projects/${project}/databases/(default)`)
      )?.locationId;
    },
    async bucketLocation(bucket) {
      return (await api<{ location: string }>(`https://storage.googleapis.com/storage/v1/b/${encoded(bucket)}`))
        ?.location;
    },
    async authConfig() {
      const config = await must<{
        subtype?: string;
        signIn?: { email?: { enabled?: boolean } };
        authorizedDomains?: string[];
      }>(`https://identitytoolkit.googleapis.com/admin/v2/projects/${project}/config`);
      return {
        identityPlatform: config.subtype === "IDENTITY_PLATFORM",
        emailPasswordEnabled: config.signIn?.email?.enabled === true,
        authorizedDomains: config.authorizedDomains ?? [],
      };
    },
    async secretHasVersion(name) {
      const version = await api<{ state?: string }>(
        `https://secretmanager.googleapis.com/v1/projects/${project}/secrets/${encoded(name)}/versions/latest`,
      );
      return version?.state === "ENABLED";
    },
    async serviceAccountExists(email) {
      return (
        (await api(`https://iam.googleapis.com/v1/projects/${project}/serviceAccounts/${encoded(email)}`)) !== undefined
      );
    },
    async projectPolicy() {
      return bindings(await api(`https://cloudresourcemanager.googleapis.com/v1/projects/${project}:getIamPolicy`, {}));
    },
    async bucketPolicy(bucket) {
      return bindings(await api(`https://storage.googleapis.com/storage/v1/b/${encoded(bucket)}/iam`));
    },
    async serviceAccountPolicy(email) {
      return bindings(
        await api(
          `https://iam.googleapis.com/v1/projects/${project}/serviceAccounts/${encoded(email)}:getIamPolicy`,
          {},
        ),
      );
    },
    async appCheckSiteKey(appId) {
      return (
        await api<{ siteKey?: string }>(
          `https://firebaseappcheck.googleapis.com/v1/projects/${project}/apps/${appId}/recaptchaEnterpriseConfig`,
        )
      )?.siteKey;
    },
    async storageAppCheckEnforced() {
      const service = await api<{ enforcementMode?: string }>(
        `https://firebaseappcheck.googleapis.com/v1/projects/${project}/services/firebasestorage.googleapis.com`,
      );
      return service?.enforcementMode === "ENFORCED";
    },
    async installedExtensions() {
      const list = await api<{
        instances?: { config?: { extensionRef?: string; source?: { spec?: { name?: string } } } }[];
      }>(`https://firebaseextensions.googleapis.com/v1beta/projects/${project}/instances`);
      return (list?.instances ?? [])
        .map((i) => i.config?.extensionRef?.replace(/@.*$/, "") ?? i.config?.source?.spec?.name ?? "")
        .filter(Boolean);
    },
  };
}
