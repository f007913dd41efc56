// The Admin SDK app, created on first use once per instance. Its default bucket is the photo
// bucket the deploy bound the Storage trigger to (PHOTO_BUCKET), so that the functions read and
// write the bucket the trigger listens to; without it, the project's default bucket.
import { getApps, initializeApp, type App } from "firebase-admin/app";

export function adminApp(): App {
  const existing = getApps()[0];
  if (existing) return existing;
  const bucket = process.env.PHOTO_BUCKET;
  if (!bucket) return initializeApp();
  // FIREBASE_CONFIG is JSON in Cloud Functions and the emulator (a file path elsewhere: the project comes from the environment)
  const raw = process.env.FIREBASE_CONFIG ?? "";
  const config = raw.trim().startsWith("{") ? (JSON.parse(raw) as Record<string, unknown>) : {};
  return initializeApp({ ...config, storageBucket: bucket });
}
