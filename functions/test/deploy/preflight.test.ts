// The preflight against a project that has every prerequisite, then against projects that each
// lack one: the missing prerequisite is named, with what to do, and nothing else changes. A fact
// the caller cannot read is "unknown", never a pass.
import { beforeAll, describe, expect, it } from "vitest";
import { preflight, report, type CheckResult } from "../../src/deploy/checks.js";
import { declaredDeployParams, parseDotenv } from "../../src/deploy/local-facts.js";
import {
  FactUnavailable,
  type DeclaredParam,
  type IamBinding,
  type LocalFacts,
  type ProjectFacts,
} from "../../src/deploy/project-facts.js";
import { keepsDataIn } from "../../src/deploy/residency.js";
import { RUNTIME_ROLES } from "../../src/deploy/service-accounts.js";

const PROJECT = "tora-bi";
const NUMBER = "123456789";
const RUNTIME = `tora-face-functions@${PROJECT}.iam.gserviceaccount.com`;
const STORAGE_AGENT = `service-${NUMBER}@gcp-sa-firebasestorage.iam.gserviceaccount.com`;

interface Project {
  firestore?: string;
  buckets: Record<string, string>;
  auth: { identityPlatform: boolean; emailPasswordEnabled: boolean; authorizedDomains: string[] };
  secrets: string[];
  accounts: string[];
  projectPolicy: IamBinding[];
  bucketPolicies: Record<string, IamBinding[]>;
  accountPolicies: Record<string, IamBinding[]>;
  siteKeys: Record<string, string>;
  storageEnforced: boolean;
  extensions: string[];
  unreadable: (keyof ProjectFacts)[];
}

function facts(p: Project): ProjectFacts {
  const read = <K extends keyof ProjectFacts>(name: K, value: ProjectFacts[K]): ProjectFacts[K] =>
    ((...args: never[]) => {
      if (p.unreadable.includes(name)) return Promise.reject(new FactUnavailable(`403 on ${name}`));
      return (value as (...a: never[]) => unknown)(...args);
    }) as ProjectFacts[K];
  return {
    projectNumber: read("projectNumber", async () => NUMBER),
    firestoreLocation: read("firestoreLocation", async () => p.firestore),
    bucketLocation: read("bucketLocation", async (b) => p.buckets[b]),
    authConfig: read("authConfig", async () => p.auth),
    secretHasVersion: read("secretHasVersion", async (n) => p.secrets.includes(n)),
    serviceAccountExists: read("serviceAccountExists", async (e) => p.accounts.includes(e)),
    projectPolicy: read("projectPolicy", async () => p.projectPolicy),
    bucketPolicy: read("bucketPolicy", async (b) => p.bucketPolicies[b] ?? []),
    serviceAccountPolicy: read("serviceAccountPolicy", async (e) => p.accountPolicies[e] ?? []),
    appCheckSiteKey: read("appCheckSiteKey", async (a) => p.siteKeys[a]),
    storageAppCheckEnforced: read("storageAppCheckEnforced", async () => p.storageEnforced),
    installedExtensions: read("installedExtensions", async () => p.extensions),
  };
}

let params: DeclaredParam[];
beforeAll(async () => {
  params = await declaredDeployParams();
});

/** a project ready for its first officer: every parameter set, every role granted */
function ready(): { local: LocalFacts; project: Project } {
  const env: Record<string, string> = {};
  for (const p of params.filter((q) => !q.secret))
    env[p.name] = Array.isArray(p.default) ? p.default.join(",") : String(p.default ?? "");
  Object.assign(env, {
    REGION: "europe-west1",
    PHOTO_BUCKET: "tora-bi-photos",
    BACKUP_BUCKET: "tora-bi-backups",
    RUNTIME_SERVICE_ACCOUNT: "tora-face-functions@",
    PORTAL_ORIGINS: "https://tora.police.bi",
    ENFORCE_APP_CHECK: "true",
  });
  const member = `serviceAccount:${RUNTIME}`;
  return {
    local: {
      modelProblems: [],
      lockProblems: [],
      params,
      env,
      portal: {
        storageBucket: "tora-bi-photos",
        functionsRegion: "europe-west1",
        appId: "1:1:web:1",
        recaptchaSiteKey: "site-key",
      },
      photoTarget: ["tora-bi-photos"],
    },
    project: {
      firestore: "europe-west1",
      buckets: { "tora-bi-photos": "EUROPE-WEST1", "tora-bi-backups": "EUROPE-WEST1" },
      auth: {
        identityPlatform: true,
        emailPasswordEnabled: true,
        authorizedDomains: [`${PROJECT}.web.app`, `${PROJECT}.firebaseapp.com`, "tora.police.bi", "localhost"],
      },
      secrets: ["FAMILY_CONTACT_KEYS", "IP_HASH_KEY", "TEMPLATE_KEYS", "AT_API_KEY", "AT_USERNAME", "SMS_REPORT_TOKEN"],
      accounts: [RUNTIME],
      projectPolicy: [
        ...RUNTIME_ROLES.map((r) => ({ role: r.role, members: [member] })),
        { role: "roles/firebaserules.firestoreServiceAgent", members: [`serviceAccount:${STORAGE_AGENT}`] },
      ],
      bucketPolicies: {},
      accountPolicies: {},
      siteKeys: { "1:1:web:1": "site-key" },
      storageEnforced: true,
      extensions: ["firebase/firestore-send-email"],
      unreadable: [],
    },
  };
}

async function check(
  change: (s: ReturnType<typeof ready>) => void = () => undefined,
): Promise<Map<string, CheckResult>> {
  const setup = ready();
  change(setup);
  const results = await preflight({ project: PROJECT, local: setup.local, remote: facts(setup.project) });
  return new Map(results.map((r) => [r.id, r]));
}

const statuses = (results: Map<string, CheckResult>) =>
  Object.fromEntries([...results].map(([id, r]) => [id, r.status]));

describe("deploy preflight", () => {
  it("passes a project that has every prerequisite", async () => {
    const results = await check();
    expect([...results.values()].filter((r) => r.status !== "ok")).toEqual([]);
    expect(results.size).toBeGreaterThanOrEqual(19);
  });

  const missing: [string, (s: ReturnType<typeof ready>) => void, string, "fail" | "warn", RegExp][] = [
    [
      "the models",
      (s) => void (s.local.modelProblems = ["yunet-2023mar-dynamic.onnx is missing from functions/models"]),
      "models",
      "fail",
      /yunet.*missing.*npm run models/s,
    ],
    [
      "the functions' lock",
      (s) => void (s.local.lockProblems = ["functions/package-lock.json is missing"]),
      "functions-lock",
      "fail",
      /lock:functions/,
    ],
    [
      "a deploy parameter's value",
      (s) => void delete s.local.env.SEARCHES_PER_DAY,
      "deploy-params",
      "fail",
      /SEARCHES_PER_DAY.*SEARCHES_PER_DAY=300/s,
    ],
    [
      "a secret",
      (s) =>
        void (s.project.secrets = [
          "FAMILY_CONTACT_KEYS",
          "TEMPLATE_KEYS",
          "AT_API_KEY",
          "AT_USERNAME",
          "SMS_REPORT_TOKEN",
        ]),
      "secrets",
      "fail",
      /IP_HASH_KEY.*functions:secrets:set/s,
    ],
    [
      "a production build of the portal",
      (s) => void (s.local.portal = { refusal: "hosting/dist is the emulators' demo build (project demo-tora-face)" }),
      "portal-build",
      "fail",
      /demo build/,
    ],
    [
      "the portal built for the photo bucket",
      (s) => void (s.local.portal.storageBucket = "tora-bi.appspot.com"),
      "portal-build",
      "fail",
      /tora-bi\.appspot\.com.*VITE_FIREBASE_STORAGE_BUCKET=tora-bi-photos/s,
    ],
    [
      "the Storage rules target",
      (s) => void (s.local.photoTarget = []),
      "photo-rules-target",
      "fail",
      /target:apply storage photos tora-bi-photos/,
    ],
    [
      "a Firestore database",
      (s) => void delete s.project.firestore,
      "firestore-location",
      "fail",
      /no \(default\) Firestore database.*--location=europe-west1/s,
    ],
    [
      "Firestore in the region",
      (s) => void (s.project.firestore = "nam5"),
      "firestore-location",
      "fail",
      /nam5, not in europe-west1/,
    ],
    [
      "the photo bucket",
      (s) => void delete s.project.buckets["tora-bi-photos"],
      "photo-bucket",
      "fail",
      /tora-bi-photos does not exist.*buckets create/s,
    ],
    [
      "the photo bucket in the region",
      (s) => void (s.project.buckets["tora-bi-photos"] = "US-CENTRAL1"),
      "photo-bucket",
      "fail",
      /US-CENTRAL1, outside REGION.*lets a us-central1 bucket through/s,
    ],
    [
      "a backup bucket",
      (s) => void (s.local.env.BACKUP_BUCKET = ""),
      "backup-bucket",
      "warn",
      /BACKUP_BUCKET is empty/,
    ],
    [
      "the backup bucket in the region",
      (s) => void (s.project.buckets["tora-bi-backups"] = "ASIA"),
      "backup-bucket",
      "fail",
      /ASIA, outside REGION/,
    ],
    [
      "the Identity Platform upgrade",
      (s) => void (s.project.auth.identityPlatform = false),
      "identity-platform",
      "fail",
      /not upgraded to Identity Platform.*Upgrade/s,
    ],
    [
      "e-mail sign-in",
      (s) => void (s.project.auth.emailPasswordEnabled = false),
      "email-sign-in",
      "fail",
      /Email\/Password/,
    ],
    [
      "the portal's custom domain in Auth",
      (s) => void (s.project.auth.authorizedDomains = [`${PROJECT}.web.app`, `${PROJECT}.firebaseapp.com`]),
      "authorized-domains",
      "fail",
      /tora\.police\.bi not authorized/,
    ],
    [
      "the Trigger Email extension",
      (s) => void (s.project.extensions = []),
      "officer-email",
      "warn",
      /Trigger Email.*verification does not need it/s,
    ],
    [
      "App Check for the web app",
      (s) => void (s.project.siteKeys = {}),
      "app-check-web",
      "fail",
      /no reCAPTCHA Enterprise provider for the web app 1:1:web:1/,
    ],
    [
      "the portal's reCAPTCHA key in App Check",
      (s) => void (s.project.siteKeys = { "1:1:web:1": "other-key" }),
      "app-check-web",
      "fail",
      /other-key.*site-key/s,
    ],
    [
      "App Check on Storage",
      (s) => void (s.project.storageEnforced = false),
      "app-check-storage",
      "warn",
      /not enforcing App Check/,
    ],
    [
      "App Check on the callables",
      (s) => void (s.local.env.ENFORCE_APP_CHECK = "false"),
      "enforce-app-check",
      "warn",
      /ENFORCE_APP_CHECK=false/,
    ],
    [
      "the runtime service account",
      (s) => void (s.project.accounts = []),
      "runtime-account",
      "fail",
      /does not exist.*service-accounts create tora-face-functions/s,
    ],
    [
      "the task queue enqueuer role",
      (s) =>
        void (s.project.projectPolicy = s.project.projectPolicy.filter((b) => b.role !== "roles/cloudtasks.enqueuer")),
      "runtime-roles",
      "fail",
      /lacks roles\/cloudtasks\.enqueuer.*add-iam-policy-binding tora-bi --member=serviceAccount:tora-face-functions@tora-bi\.iam\.gserviceaccount\.com --role=roles\/cloudtasks\.enqueuer/s,
    ],
    [
      "actAs on the runtime account",
      (s) =>
        void (s.project.projectPolicy = s.project.projectPolicy.filter(
          (b) => b.role !== "roles/iam.serviceAccountUser",
        )),
      "runtime-roles",
      "fail",
      /iam\.serviceAccountUser.*service-accounts add-iam-policy-binding/s,
    ],
    [
      "the Storage agent's role to read Firestore",
      (s) =>
        void (s.project.projectPolicy = s.project.projectPolicy.filter(
          (b) => b.role !== "roles/firebaserules.firestoreServiceAgent",
        )),
      "storage-agent",
      "fail",
      /service-123456789@gcp-sa-firebasestorage.*firebaserules\.firestoreServiceAgent/s,
    ],
  ];

  it.each(missing)("names a project without %s, and what to do", async (_, change, id, status, mention) => {
    const results = await check(change);
    const result = results.get(id)!;
    expect(result.status).toBe(status);
    expect(`${result.detail}\n${result.fix ?? ""}`).toMatch(mention);
    // nothing else is blamed (a missing account skips the check of its roles)
    const others = Object.entries(statuses(results)).filter(([other, s]) => other !== id && s !== "ok");
    expect(others).toEqual([]);
  });

  it("without PHOTO_BUCKET, says the photos' bucket is unknown rather than checking another one", async () => {
    const results = await check((s) => void delete s.local.env.PHOTO_BUCKET);
    expect(results.get("deploy-params")!.fix).toMatch(/PHOTO_BUCKET=<set it>/);
    expect(results.get("photo-rules-target")!.detail).toMatch(/PHOTO_BUCKET is not set/);
    expect(results.get("photo-bucket")!.detail).toMatch(/PHOTO_BUCKET is not set/);
  });

  it("takes roles granted on the photo bucket and on the account itself, where those roles apply", async () => {
    const results = await check((s) => {
      const member = `serviceAccount:${RUNTIME}`;
      s.project.projectPolicy = s.project.projectPolicy.filter(
        (b) => !["roles/storage.objectAdmin", "roles/iam.serviceAccountUser"].includes(b.role),
      );
      s.project.bucketPolicies["tora-bi-photos"] = [{ role: "roles/storage.objectAdmin", members: [member] }];
      s.project.accountPolicies[RUNTIME] = [{ role: "roles/iam.serviceAccountUser", members: [member] }];
    });
    expect(results.get("runtime-roles")!.status).toBe("ok");
  });

  it("keeps photos in an EU multi-region for europe-west1, not a bucket in another single region", async () => {
    expect((await check((s) => void (s.project.buckets["tora-bi-photos"] = "EU"))).get("photo-bucket")!.status).toBe(
      "ok",
    );
    expect(
      (await check((s) => void (s.project.buckets["tora-bi-photos"] = "EUROPE-WEST4"))).get("photo-bucket")!.status,
    ).toBe("fail");
    expect(keepsDataIn("eur3", "europe-west1")).toBe(true);
    expect(keepsDataIn("nam5", "europe-west1")).toBe(false);
    expect(keepsDataIn("europe-west2", "europe-west1")).toBe(false);
  });

  it("says when IAM or Auth cannot be read with the caller's credentials, instead of passing", async () => {
    const results = await check((s) => void (s.project.unreadable = ["projectPolicy", "authConfig"]));
    for (const id of ["runtime-roles", "storage-agent", "identity-platform", "email-sign-in", "authorized-domains"]) {
      expect(results.get(id)!.status, id).toBe("unknown");
      expect(results.get(id)!.detail, id).toMatch(/could not be read with your credentials: 403/);
    }
    expect(report([...results.values()]).at(-1)).toMatch(
      /not readable with your credentials: check the unreadable ones in the console/,
    );
  });

  it("prints each missing prerequisite with what to do, and says not to deploy", async () => {
    const lines = report([...(await check((s) => void (s.project.auth.identityPlatform = false))).values()]);
    expect(lines).toContain(
      "    → Authentication → Settings → Upgrade to Firebase Authentication with Identity Platform",
    );
    expect(lines.at(-1)).toMatch(/1 missing.*do not deploy yet/);
  });
});

describe("the deploy parameters as the preflight reads them", () => {
  it("knows every parameter and secret the functions declare, with the defaults the deploy offers", () => {
    const byName = new Map(params.map((p) => [p.name, p]));
    expect(byName.get("FAMILY_CONTACT_KEYS")!.secret).toBe(true);
    expect(byName.get("REGION")!.default).toBe("europe-west1");
    expect(byName.get("PHOTO_BUCKET")!.default).toBe("{{ params.STORAGE_BUCKET }}");
    expect(byName.get("RUNTIME_SERVICE_ACCOUNT")!.default).toBe("tora-face-functions@");
  });
  it("reads functions/.env files as the Firebase CLI does", () => {
    expect(
      parseDotenv(
        '# comment\nREGION=europe-west1\nPORTAL_ORIGINS="https://a.example,https://b.example"\n export X = y # note\nbad line',
      ),
    ).toEqual({
      REGION: "europe-west1",
      PORTAL_ORIGINS: "https://a.example,https://b.example",
      X: "y",
    });
  });
});
