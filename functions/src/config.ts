// Every deploy-time parameter and secret of TORA FACE, in one place. Limits and retention periods
// are derived from their one home (ports/settings.ts), which also gives local mode its defaults.
import { setGlobalOptions } from "firebase-functions/options";
import {
  defineBoolean,
  defineInt,
  defineList,
  defineSecret,
  defineString,
  storageBucket,
} from "firebase-functions/params";
import {
  LIMIT_SETTINGS,
  OPERATION_SETTINGS,
  RETENTION_SETTINGS,
  SCHEDULE_SETTINGS,
  SEARCH_SETTINGS,
  type IntSetting,
} from "./ports/index.js";

/** App Check on every callable; switch off only for a development project */
export const enforceAppCheck = defineBoolean("ENFORCE_APP_CHECK", {
  default: true,
  description: "Refuse callable requests without a valid App Check token",
});
export const region = defineString("REGION", {
  default: "europe-west1",
  description: "Cloud Functions region (near the Firestore database)",
});
/**
 * The bucket of case photos and search photos: the Storage trigger listens to it, the functions
 * read and write it, its security rules are deployed to it (deploy target "photos"). Its location
 * must be REGION's (data residency): `npm run deploy:check` compares them.
 */
export const photoBucket = defineString("PHOTO_BUCKET", {
  default: storageBucket,
  description:
    "Cloud Storage bucket of the case photos (default: the project's default bucket); in REGION or its multi-region for data residency",
});
/** the identity every function runs as: a dedicated account with the roles of deploy/service-accounts.ts, never the default Editor */
export const runtimeServiceAccount = defineString("RUNTIME_SERVICE_ACCOUNT", {
  default: "tora-face-functions@",
  description:
    "Service account the functions run as (NAME@ means NAME@PROJECT.iam.gserviceaccount.com); see docs/deploy.md for its roles",
});
/** warm instances where a cold start hurts; each costs its idle time */
export const signInMinInstances = defineInt("SIGN_IN_MIN_INSTANCES", {
  default: 0,
  description:
    "Instances kept warm for the Auth blocking functions and getMyProfile (a sign-in fails when a blocking function takes over 7 s)",
});
export const searchMinInstances = defineInt("SEARCH_MIN_INSTANCES", {
  default: 0,
  description: "Instances of searchFaces kept warm (a cold search first loads the face models)",
});
/** a model migration step's limit: the task queue function's timeout and Cloud Tasks' dispatch deadline (at most 1800) */
export const REEMBED_TASK_TIMEOUT_SECONDS = 1800;
export const backupBucket = defineString("BACKUP_BUCKET", {
  default: "",
  description: "gs:// bucket (without prefix) for the nightly Firestore export; empty disables the export",
});
export const appealModel = defineString("APPEAL_MODEL", {
  default: "gemini-2.5-flash",
  description: "Gemini model on Vertex AI that drafts missing-person appeals",
});
export const appealRegion = defineString("APPEAL_REGION", {
  default: "europe-west1",
  description: "Vertex AI region for appeal drafting (where the case facts are sent)",
});
export const deploymentCountries = defineList("COUNTRIES", {
  default: ["BI", "RW"],
  description:
    "The countries whose police use this project: BI,RW (one project for both) or one of them (each country its own project, linked for cross-border search: docs/cross-border.md)",
});
export const peerEndpoint = defineString("PEER_ENDPOINT", {
  default: "",
  description:
    "This deployment's cross-border peer endpoint (the URL of its crossBorderPeer function): the audience the other country's ID tokens must carry; empty refuses every cross-border message",
});
export const portalOrigins = defineList("PORTAL_ORIGINS", {
  default: [],
  description:
    "Web origins allowed to call the callables from a browser, besides the project's own https://PROJECT.web.app and https://PROJECT.firebaseapp.com (mobile apps send no Origin and are not affected)",
});
/** PORTAL_ORIGINS at run time: the Firebase CLI passes an empty list as an empty (or absent) variable */
export function portalOriginList(): string[] {
  return process.env[portalOrigins.name] ? portalOrigins.value() : [];
}
/** "id:base64key[,id:base64key…]": the first key seals family contacts, every key opens them */
export const familyContactKeys = defineSecret("FAMILY_CONTACT_KEYS");
/** HMAC key for pseudonymising caller IP addresses in the audit log */
export const ipHashKey = defineSecret("IP_HASH_KEY");
/**
 * "id:base64key[,id:base64key…]", newest first: each key derives the secret orthogonal matrix that
 * protects the stored face vectors (docs/template-protection.md). Which key the vectors are under is
 * recorded by the last rotation (until one ran: the oldest key here); a rotation re-keys them.
 */
export const templateKeys = defineSecret("TEMPLATE_KEYS");
/** Africa's Talking: the API key and the account's username of the SMS to families (docs/sms.md) */
export const smsApiKey = defineSecret("AT_API_KEY");
export const smsUsername = defineSecret("AT_USERNAME");
/** the token the delivery-report URL carries (?token=…): Africa's Talking does not sign its reports */
export const smsReportToken = defineSecret("SMS_REPORT_TOKEN");
export const smsGatewayUrl = defineString("SMS_GATEWAY_URL", {
  default: "https://api.africastalking.com",
  description: "Africa's Talking API: https://api.africastalking.com, or https://api.sandbox.africastalking.com to try",
});
export const smsSenderId = defineString("SMS_SENDER_ID", {
  default: "",
  description: "An approved sender id or short code for the SMS to families; empty: the account's default",
});

type IntParam = ReturnType<typeof defineInt>;

function intParams<T extends Record<string, IntSetting>>(settings: T): { [K in keyof T]: IntParam } {
  return Object.fromEntries(
    Object.entries(settings).map(([name, s]) => [
      name,
      defineInt(s.param, { default: s.default, description: s.description }),
    ]),
  ) as {
    [K in keyof T]: IntParam;
  };
}

export const limitParams = intParams(LIMIT_SETTINGS);
export const retentionParams = intParams(RETENTION_SETTINGS);
export const searchParams = intParams(SEARCH_SETTINGS);
export const operationParams = intParams(OPERATION_SETTINGS);

/** a schedule from the environment the functions are loaded in for deploy (functions/.env), else its default */
export function scheduleOf(name: keyof typeof SCHEDULE_SETTINGS): string {
  const setting = SCHEDULE_SETTINGS[name];
  return process.env[setting.env] || setting.default;
}

/** the values of a set of parameters, at run time */
export function valuesOf<T extends Record<string, IntParam>>(params: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.value()])) as { [K in keyof T]: number };
}

// every function runs in the configured region, as the runtime service account (importing this module applies it)
setGlobalOptions({ region, serviceAccount: runtimeServiceAccount });
