// Firebase web setup. Config comes from VITE_FIREBASE_* at build time (no secrets: web config is
// public by design); without it, the demo project of the emulators. On localhost the portal talks
// to the Auth and Functions emulators. Case photos go straight to Cloud Storage in production and
// through the upload callable in local mode (VITE_PHOTO_UPLOADS=storage|callable overrides).
import { initializeApp } from "firebase/app";
import { CustomProvider, initializeAppCheck, ReCaptchaEnterpriseProvider } from "firebase/app-check";
import { connectAuthEmulator, getAuth } from "firebase/auth";
import { connectFunctionsEmulator, getFunctions, httpsCallable } from "firebase/functions";
import { createClient } from "@tora-face/client";
import { callableUploader, putThroughTask, storageUploader, type PhotoUploader } from "./api/photo-upload";
import { fileToBase64 } from "./ui/dom";

const env = import.meta.env;
const config = {
  apiKey: env.VITE_FIREBASE_API_KEY ?? "demo-api-key",
  authDomain: env.VITE_FIREBASE_AUTH_DOMAIN ?? "demo-tora-face.firebaseapp.com",
  projectId: env.VITE_FIREBASE_PROJECT_ID ?? "demo-tora-face",
  appId: env.VITE_FIREBASE_APP_ID ?? "1:000000000000:web:0000000000000000",
  storageBucket: env.VITE_FIREBASE_STORAGE_BUCKET ?? `${env.VITE_FIREBASE_PROJECT_ID ?? "demo-tora-face"}.firebasestorage.app`,
};
const useEmulators = env.VITE_USE_EMULATORS === "true" || (env.VITE_USE_EMULATORS !== "false" && ["127.0.0.1", "localhost"].includes(location.hostname));

export const app = initializeApp(config);
initializeAppCheck(app, {
  provider:
    useEmulators || !env.VITE_RECAPTCHA_SITE_KEY
      ? // the emulator accepts any token; production builds must set VITE_RECAPTCHA_SITE_KEY
        new CustomProvider({ getToken: async () => ({ token: "emulator-app-check", expireTimeMillis: Date.now() + 3_600_000 }) })
      : new ReCaptchaEnterpriseProvider(env.VITE_RECAPTCHA_SITE_KEY),
  isTokenAutoRefreshEnabled: true,
});
export const auth = getAuth(app);
const functions = getFunctions(app, env.VITE_FUNCTIONS_REGION ?? "europe-west1");
if (useEmulators) {
  connectAuthEmulator(auth, "http://127.0.0.1:9099", { disableWarnings: true });
  connectFunctionsEmulator(functions, "127.0.0.1", 5001);
}

export const call = createClient(async (name, data, options) => {
  const callable = httpsCallable(functions, name, { timeout: 120_000 });
  if (!options?.signal) return (await callable(data)).data;
  // only the streaming form of a call takes an abort signal; a callable that does not stream sends its result at the end
  return (await callable.stream(data, { signal: options.signal })).data;
});

/** where case photos go: Storage needs its emulator locally, which these machines cannot run */
const photoUploadsTo =
  env.VITE_PHOTO_UPLOADS === "storage" || env.VITE_PHOTO_UPLOADS === "callable" ? env.VITE_PHOTO_UPLOADS : useEmulators ? "callable" : "storage";

let uploader: Promise<PhotoUploader> | undefined;
/** the case-photo uploader; the Storage SDK is loaded only when a photo is first sent */
export function photoUploader(): Promise<PhotoUploader> {
  uploader ??=
    photoUploadsTo === "callable"
      ? Promise.resolve(callableUploader(async (input, signal) => (await call("uploadCasePhoto", input, { signal })).photo, fileToBase64))
      : storageUpload();
  return uploader;
}

async function storageUpload(): Promise<PhotoUploader> {
  const { connectStorageEmulator, getStorage, ref, uploadBytesResumable } = await import("firebase/storage");
  const storage = getStorage(app);
  if (useEmulators) connectStorageEmulator(storage, "127.0.0.1", 9199);
  return storageUploader({
    uid: () => auth.currentUser?.uid,
    newPhotoId: () => crypto.randomUUID(),
    put: putThroughTask((path, blob, metadata) => uploadBytesResumable(ref(storage, path), blob, metadata)),
    listPhotos: async (caseId) => (await call("listCasePhotos", { caseId })).photos,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
