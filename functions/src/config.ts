// Every deploy-time parameter and secret of TORA FACE, in one place.
import { setGlobalOptions } from "firebase-functions/options";
import { defineBoolean, defineInt, defineSecret, defineString } from "firebase-functions/params";

/** App Check on every callable; switch off only for a development project */
export const enforceAppCheck = defineBoolean("ENFORCE_APP_CHECK", {
  default: true,
  description: "Refuse callable requests without a valid App Check token",
});
export const region = defineString("REGION", { default: "europe-west1", description: "Cloud Functions region (near the Firestore database)" });
export const searchesPerMinute = defineInt("SEARCHES_PER_MINUTE", { default: 10, description: "Face searches per officer per minute" });
export const uploadsPerHour = defineInt("UPLOADS_PER_HOUR", { default: 200, description: "Photo uploads per officer per hour" });
export const caseRetentionYears = defineInt("CASE_RETENTION_YEARS", { default: 5, description: "Years a closed case is kept" });
export const backupBucket = defineString("BACKUP_BUCKET", {
  default: "",
  description: "gs:// bucket (without prefix) for the nightly Firestore export; empty disables the export",
});
/** "id:base64key[,id:base64key…]": the first key seals family contacts, every key opens them */
export const familyContactKeys = defineSecret("FAMILY_CONTACT_KEYS");
/** HMAC key for pseudonymising caller IP addresses in the audit log */
export const ipHashKey = defineSecret("IP_HASH_KEY");

// every function runs in the configured region (importing this module applies it)
setGlobalOptions({ region });
