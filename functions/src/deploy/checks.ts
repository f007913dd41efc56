// The preflight's checks: before a deploy, what can be known about whether the first officer will
// be served — each prerequisite named, with what to do when it is missing. Pure functions of the
// project's facts and the checkout's; a fact the caller's credentials cannot read makes its check
// "unknown" (said, with what to look at), never a silent pass.
import { keepsDataIn } from "./residency.js";
import { FactUnavailable, type IamBinding, type LocalFacts, type ProjectFacts } from "./project-facts.js";
import {
  grantCommand,
  RUNTIME_ROLES,
  RUNTIME_SERVICE_ACCOUNT_ID,
  SERVICE_AGENT_ROLES,
  serviceAccountEmail,
} from "./service-accounts.js";

type CheckStatus = "ok" | "fail" | "warn" | "unknown";

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** what to do about it */
  fix?: string;
}

interface PreflightInput {
  project: string;
  local: LocalFacts;
  remote: ProjectFacts;
}

const DEFAULT_REGION = "europe-west1";
const MAIL_EXTENSION = "firebase/firestore-send-email";

const ok = (id: string, title: string, detail: string): CheckResult => ({ id, title, status: "ok", detail });
const fail = (id: string, title: string, detail: string, fix: string): CheckResult => ({
  id,
  title,
  status: "fail",
  detail,
  fix,
});
const warn = (id: string, title: string, detail: string, fix: string): CheckResult => ({
  id,
  title,
  status: "warn",
  detail,
  fix,
});

/** runs a check that reads the project; an unreadable fact makes it "unknown" with the reason */
async function reading(
  id: string,
  title: string,
  lookAt: string,
  check: () => Promise<CheckResult>,
): Promise<CheckResult> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof FactUnavailable)) throw error;
    return {
      id,
      title,
      status: "unknown",
      detail: `could not be read with your credentials: ${error.message}`,
      fix: lookAt,
    };
  }
}

/** the values the deploy will use: functions/.env(.project), else a literal default */
function settings(local: LocalFacts) {
  const value = (name: string): string | undefined => {
    if (local.env[name] !== undefined) return local.env[name];
    const declared = local.params.find((p) => p.name === name)?.default;
    if (declared === undefined || (typeof declared === "string" && declared.includes("{{"))) return undefined;
    return Array.isArray(declared) ? declared.join(",") : String(declared);
  };
  return value;
}

export async function preflight({ project, local, remote }: PreflightInput): Promise<CheckResult[]> {
  const setting = settings(local);
  const region = setting("REGION") ?? DEFAULT_REGION;
  // the bucket must be named for the deploy (its default, the project's default bucket, is not known here)
  const photoBucket = local.env.PHOTO_BUCKET || undefined;
  const runtimeAccount = serviceAccountEmail(
    setting("RUNTIME_SERVICE_ACCOUNT") ?? `${RUNTIME_SERVICE_ACCOUNT_ID}@`,
    project,
  );
  const envFile = `functions/.env.${project}`;
  const results: CheckResult[] = [];

  // --- this checkout ------------------------------------------------------------------------------
  results.push(
    local.modelProblems.length === 0
      ? ok("models", "Face models", "both ONNX files are in functions/models and match the manifest")
      : fail(
          "models",
          "Face models",
          local.modelProblems.join("; "),
          "npm run models (TORA_MODELS_SOURCE=<folder with the .onnx files>); the deploy uploads functions/models",
        ),
  );
  results.push(
    local.lockProblems.length === 0
      ? ok(
          "functions-lock",
          "The functions' lock file",
          "functions/package-lock.json matches functions/package.json and the versions tested here",
        )
      : fail(
          "functions-lock",
          "The functions' lock file",
          local.lockProblems.join("; "),
          "npm run lock:functions, then commit functions/package-lock.json",
        ),
  );
  const unset = local.params.filter((p) => !p.secret && local.env[p.name] === undefined);
  results.push(
    unset.length === 0
      ? ok("deploy-params", "Deploy parameters", `every parameter has a value in functions/.env or ${envFile}`)
      : fail(
          "deploy-params",
          "Deploy parameters",
          `no value for ${unset.map((p) => p.name).join(", ")}: an interactive deploy asks for each, a non-interactive one (CI) stops`,
          `add to ${envFile} (the defaults shown; PHOTO_BUCKET is the bucket of the case photos, in REGION):\n${unset.map((p) => `${p.name}=${p.default !== undefined && !String(p.default).includes("{{") ? String(p.default) : "<set it>"}`).join("\n")}`,
        ),
  );
  const portal = local.portal;
  if (portal.refusal)
    results.push(
      fail("portal-build", "The portal's build", portal.refusal, "build it for this project (docs/deploy.md, step 9)"),
    );
  else if (photoBucket && (portal.storageBucket !== photoBucket || portal.functionsRegion !== region))
    results.push(
      fail(
        "portal-build",
        "The portal's build",
        `hosting/dist sends photos to ${portal.storageBucket} and calls functions in ${portal.functionsRegion}; the functions use ${photoBucket} in ${region}`,
        `build the portal again with VITE_FIREBASE_STORAGE_BUCKET=${photoBucket} VITE_FUNCTIONS_REGION=${region}`,
      ),
    );
  else
    results.push(
      ok(
        "portal-build",
        "The portal's build",
        `built for ${project}: photos to ${portal.storageBucket}, functions in ${portal.functionsRegion}`,
      ),
    );
  results.push(
    !photoBucket
      ? fail(
          "photo-rules-target",
          "Storage rules target",
          "PHOTO_BUCKET is not set: the photos' bucket is unknown",
          `set PHOTO_BUCKET in ${envFile}`,
        )
      : local.photoTarget.length === 1 && local.photoTarget[0] === photoBucket
        ? ok("photo-rules-target", "Storage rules target", `storage.rules deploy to ${photoBucket}`)
        : fail(
            "photo-rules-target",
            "Storage rules target",
            local.photoTarget.length === 0
              ? `the Storage deploy target "photos" names no bucket for ${project}: storage.rules would not deploy`
              : `the Storage deploy target "photos" names ${local.photoTarget.join(", ")}, the photos go to ${photoBucket}`,
            `npx firebase target:clear storage photos --project ${project} && npx firebase target:apply storage photos ${photoBucket} --project ${project}`,
          ),
  );

  // --- the project ----------------------------------------------------------------------------------
  const secrets = local.params.filter((p) => p.secret);
  results.push(
    await reading("secrets", "Secrets", "Secret Manager in the console", async () => {
      const missing = [];
      for (const s of secrets) if (!(await remote.secretHasVersion(s.name))) missing.push(s.name);
      return missing.length === 0
        ? ok("secrets", "Secrets", `${secrets.map((s) => s.name).join(", ")} are set`)
        : fail(
            "secrets",
            "Secrets",
            `no value for ${missing.join(", ")}`,
            `set each as docs/deploy.md shows: npx firebase functions:secrets:set NAME --project ${project}`,
          );
    }),
  );
  results.push(
    await reading("firestore-location", "Firestore's location", "Firestore → Databases in the console", async () => {
      const location = await remote.firestoreLocation();
      if (!location)
        return fail(
          "firestore-location",
          "Firestore's location",
          "the project has no (default) Firestore database",
          `create it in ${region}: gcloud firestore databases create --location=${region} --project ${project}`,
        );
      return keepsDataIn(location, region)
        ? ok("firestore-location", "Firestore's location", `${location} keeps the data where REGION (${region}) does`)
        : fail(
            "firestore-location",
            "Firestore's location",
            `the database is in ${location}, not in ${region} (REGION): the records would leave the region the deployment promises`,
            `a database's location cannot change: use a project whose database is in ${region}, or set REGION to where the data may live`,
          );
    }),
  );
  results.push(await bucketCheck(remote, "photo-bucket", "The photo bucket", photoBucket, region, project, true));
  const backupBucket = setting("BACKUP_BUCKET");
  results.push(
    backupBucket
      ? await bucketCheck(remote, "backup-bucket", "The backup bucket", backupBucket, region, project, false)
      : warn(
          "backup-bucket",
          "The backup bucket",
          "BACKUP_BUCKET is empty: no nightly export, and the daily check reports it missing",
          `create a bucket in ${region} and set BACKUP_BUCKET in ${envFile} (docs/operations.md, Backups)`,
        ),
  );

  // one read of the Auth configuration for its three checks
  let authConfig: ReturnType<ProjectFacts["authConfig"]> | undefined;
  const auth = () => (authConfig ??= remote.authConfig());
  const authSettings = "Authentication → Settings in the console";
  results.push(
    await reading("identity-platform", "Identity Platform", authSettings, async () =>
      (await auth()).identityPlatform
        ? ok(
            "identity-platform",
            "Identity Platform",
            "Authentication is upgraded to Identity Platform (blocking functions)",
          )
        : fail(
            "identity-platform",
            "Identity Platform",
            "Authentication is not upgraded to Identity Platform: the deploy refuses the blocking functions (suspended officers could sign in, new accounts would get no claims)",
            "Authentication → Settings → Upgrade to Firebase Authentication with Identity Platform",
          ),
    ),
    await reading("email-sign-in", "E-mail sign-in", authSettings, async () =>
      (await auth()).emailPasswordEnabled
        ? ok("email-sign-in", "E-mail sign-in", "e-mail/password sign-in is enabled")
        : fail(
            "email-sign-in",
            "E-mail sign-in",
            "e-mail/password sign-in is disabled: no officer can sign up or sign in",
            "Authentication → Sign-in method → Email/Password → Enable",
          ),
    ),
    await reading("authorized-domains", "Authorized domains", authSettings, async () => {
      const origins = (setting("PORTAL_ORIGINS") ?? "")
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean);
      const domains = [`${project}.web.app`, `${project}.firebaseapp.com`, ...origins.map((o) => new URL(o).hostname)];
      const { authorizedDomains } = await auth();
      const unauthorised = domains.filter((d) => !authorizedDomains.includes(d));
      return unauthorised.length === 0
        ? ok(
            "authorized-domains",
            "Authorized domains",
            `${domains.join(", ")} may use Auth (sign-in, the verification link's way back)`,
          )
        : fail(
            "authorized-domains",
            "Authorized domains",
            `${unauthorised.join(", ")} not authorized: sign-in and the verification e-mail's link back to the portal fail there`,
            "Authentication → Settings → Authorized domains → Add domain",
          );
    }),
  );
  results.push(
    await reading("officer-email", "E-mail to officers", "Extensions in the console", async () =>
      (await remote.installedExtensions()).includes(MAIL_EXTENSION)
        ? ok(
            "officer-email",
            "E-mail to officers",
            "the Trigger Email extension sends the officers' e-mails queued in `mail`",
          )
        : warn(
            "officer-email",
            "E-mail to officers",
            "the Trigger Email extension is not installed: notification e-mails to officers wait in `mail` unsent and are deleted after a day (sign-up verification does not need it: it is Firebase Auth's own e-mail)",
            `install it when officers should get e-mails: npx firebase ext:install firebase/firestore-send-email --project ${project} (collection: mail; an SMTP account)`,
          ),
    ),
  );
  // a portal not built for this project names no web app: its own check says so
  if (!portal.refusal)
    results.push(
      await reading("app-check-web", "App Check for the portal", "App Check → Apps in the console", async () => {
        if (!portal.appId || !portal.recaptchaSiteKey)
          return fail(
            "app-check-web",
            "App Check for the portal",
            "hosting/dist names no web app or reCAPTCHA key",
            "build the portal again for this project",
          );
        const key = await remote.appCheckSiteKey(portal.appId);
        if (!key)
          return fail(
            "app-check-web",
            "App Check for the portal",
            `App Check has no reCAPTCHA Enterprise provider for the web app ${portal.appId}: every callable refuses the portal (ENFORCE_APP_CHECK)`,
            "App Check → Apps → the web app → reCAPTCHA Enterprise, with the site key the portal is built with",
          );
        return key === portal.recaptchaSiteKey
          ? ok(
              "app-check-web",
              "App Check for the portal",
              "the portal's reCAPTCHA Enterprise key is registered for its web app",
            )
          : fail(
              "app-check-web",
              "App Check for the portal",
              `App Check knows the key ${key}, the portal is built with ${portal.recaptchaSiteKey}: its tokens would be refused`,
              "build the portal with the registered key (VITE_RECAPTCHA_SITE_KEY), or register the portal's",
            );
      }),
    );
  results.push(
    await reading(
      "app-check-storage",
      "App Check for Storage",
      "App Check → APIs → Storage in the console",
      async () =>
        (await remote.storageAppCheckEnforced())
          ? ok("app-check-storage", "App Check for Storage", "Cloud Storage refuses uploads without an App Check token")
          : warn(
              "app-check-storage",
              "App Check for Storage",
              "Cloud Storage is not enforcing App Check: photos sent straight to Storage need only a signed-in officer",
              "App Check → APIs → Cloud Storage → Enforce (once the portal and the mobile apps send tokens)",
            ),
    ),
  );
  results.push(
    setting("ENFORCE_APP_CHECK") === "false"
      ? warn(
          "enforce-app-check",
          "App Check on the callables",
          "ENFORCE_APP_CHECK=false: the callables accept requests from any app",
          `set ENFORCE_APP_CHECK=true in ${envFile} (false is for a development project)`,
        )
      : ok(
          "enforce-app-check",
          "App Check on the callables",
          "every callable refuses requests without a valid App Check token",
        ),
  );

  const accountExists = await reading(
    "runtime-account",
    "Runtime service account",
    "IAM → Service accounts in the console",
    async () =>
      (await remote.serviceAccountExists(runtimeAccount))
        ? ok("runtime-account", "Runtime service account", `the functions run as ${runtimeAccount}`)
        : fail(
            "runtime-account",
            "Runtime service account",
            `${runtimeAccount} does not exist: the deploy fails`,
            `gcloud iam service-accounts create ${runtimeAccount.split("@")[0]} --display-name="TORA FACE functions" --project ${project}`,
          ),
  );
  results.push(accountExists);
  if (accountExists.status !== "fail")
    results.push(
      await reading(
        "runtime-roles",
        "Runtime account's roles",
        "IAM in the console: the roles listed in docs/deploy.md",
        async () => {
          const member = `serviceAccount:${runtimeAccount}`;
          const onProject = rolesOf(await remote.projectPolicy(), member);
          const onBucket = RUNTIME_ROLES.some((r) => r.on === "photo-bucket" && !onProject.has(r.role))
            ? rolesOf(await remote.bucketPolicy(photoBucket ?? ""), member)
            : new Set<string>();
          const onAccount = RUNTIME_ROLES.some((r) => r.on === "runtime-account" && !onProject.has(r.role))
            ? rolesOf(await remote.serviceAccountPolicy(runtimeAccount), member)
            : new Set<string>();
          const missing = RUNTIME_ROLES.filter(
            (need) =>
              !onProject.has(need.role) &&
              !(need.on === "photo-bucket" && onBucket.has(need.role)) &&
              !(need.on === "runtime-account" && onAccount.has(need.role)),
          );
          return missing.length === 0
            ? ok(
                "runtime-roles",
                "Runtime account's roles",
                `${runtimeAccount} holds the ${RUNTIME_ROLES.length} roles the functions need`,
              )
            : fail(
                "runtime-roles",
                "Runtime account's roles",
                `${runtimeAccount} lacks ${missing.map((m) => `${m.role} (${m.why})`).join("; ")}`,
                missing.map((m) => grantCommand(m, runtimeAccount, project, photoBucket ?? "PHOTO_BUCKET")).join("\n"),
              );
        },
      ),
    );
  results.push(
    await reading(
      "storage-agent",
      "Storage rules reading Firestore",
      "IAM in the console (include Google-provided role grants)",
      async () => {
        const [agentRole] = SERVICE_AGENT_ROLES;
        const agent = agentRole.agent(await remote.projectNumber());
        return rolesOf(await remote.projectPolicy(), `serviceAccount:${agent}`).has(agentRole.role)
          ? ok("storage-agent", "Storage rules reading Firestore", `the ${agentRole.name} holds ${agentRole.role}`)
          : fail(
              "storage-agent",
              "Storage rules reading Firestore",
              `the ${agentRole.name} (${agent}) lacks ${agentRole.role}: ${agentRole.why}`,
              `gcloud projects add-iam-policy-binding ${project} --member=serviceAccount:${agent} --role=${agentRole.role}`,
            );
      },
    ),
  );
  return results;
}

function rolesOf(policy: IamBinding[], member: string): Set<string> {
  return new Set(policy.filter((b) => b.members.includes(member)).map((b) => b.role));
}

async function bucketCheck(
  remote: ProjectFacts,
  id: string,
  title: string,
  bucket: string | undefined,
  region: string,
  project: string,
  photos: boolean,
): Promise<CheckResult> {
  const what = photos ? "PHOTO_BUCKET" : "BACKUP_BUCKET";
  if (!bucket) return fail(id, title, `${what} is not set`, `set ${what} in functions/.env.${project}`);
  return reading(id, title, `Cloud Storage → Buckets → ${bucket} in the console`, async () => {
    const location = await remote.bucketLocation(bucket);
    if (!location)
      return fail(
        id,
        title,
        `the bucket ${bucket} does not exist`,
        `gcloud storage buckets create gs://${bucket} --location=${region} --project ${project}${photos ? " (then add it to Firebase: Storage → Add bucket)" : ""}`,
      );
    return keepsDataIn(location, region)
      ? ok(id, title, `${bucket} is in ${location}, where REGION (${region}) keeps its data`)
      : fail(
          id,
          title,
          `${bucket} is in ${location}, outside REGION (${region}): ${photos ? "case photos" : "the exports"} would be kept there, against the data residency the deployment promises${photos && location.toLowerCase() === "us-central1" ? " (the deploy lets a us-central1 bucket through)" : ""}`,
          `a bucket's location cannot change: create one in ${region} (gcloud storage buckets create gs://NAME --location=${region}${photos ? ", then Storage → Add bucket" : ""}) and set ${what}${photos ? " and the portal's VITE_FIREBASE_STORAGE_BUCKET" : ""} to it`,
        );
  });
}

const MARK: Record<CheckResult["status"], string> = { ok: "✓", fail: "✗", warn: "!", unknown: "?" };

/** the results as lines for a terminal: each missing or undecided prerequisite with what to do */
export function report(results: CheckResult[]): string[] {
  const lines = results.flatMap((r) => [
    `${MARK[r.status]} ${r.title}: ${r.detail}`,
    ...(r.status !== "ok" && r.fix ? r.fix.split("\n").map((line, i) => `    ${i === 0 ? "→ " : "  "}${line}`) : []),
  ]);
  const count = (status: CheckResult["status"]) => results.filter((r) => r.status === status).length;
  lines.push(
    "",
    `${count("ok")} ready, ${count("fail")} missing, ${count("warn")} to decide, ${count("unknown")} not readable with your credentials` +
      (count("fail") ? ": do not deploy yet" : count("unknown") ? ": check the unreadable ones in the console" : ""),
  );
  return lines;
}
