// Every deploy-time parameter and secret of TORA FACE, in one place. Limits and retention periods
// are derived from their one home (ports/settings.ts), which also gives local mode its defaults.
import { setGlobalOptions } from "firebase-functions/options";
import { defineBoolean, defineInt, defineList, defineSecret, defineString } from "firebase-functions/params";
import { LIMIT_SETTINGS, OPERATION_SETTINGS, RETENTION_SETTINGS, SCHEDULE_SETTINGS, SEARCH_SETTINGS, type IntSetting } from "./ports/index.js";

/** App Check on every callable; switch off only for a development project */
export const enforceAppCheck = defineBoolean("ENFORCE_APP_CHECK", {
  default: true,
  description: "Refuse callable requests without a valid App Check token",
});
export const region = defineString("REGION", { default: "europe-west1", description: "Cloud Functions region (near the Firestore database)" });
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

type IntParam = ReturnType<typeof defineInt>;

function intParams<T extends Record<string, IntSetting>>(settings: T): { [K in keyof T]: IntParam } {
  return Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, defineInt(s.param, { default: s.default, description: s.description })])) as {
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

// every function runs in the configured region (importing this module applies it)
setGlobalOptions({ region });
