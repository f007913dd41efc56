// Firebase web setup. The settings come from VITE_* at build time (scripts/portal-build.mjs: no
// secrets, web config is public by design; without a project, the emulators' demo project). On
// localhost the portal talks to the Auth and Functions emulators. Case photos go straight to Cloud
// Storage in production and through the upload callable in local mode (VITE_PHOTO_UPLOADS=storage|callable overrides).
import { initializeApp } from "firebase/app";
import { CustomProvider, getToken, initializeAppCheck, ReCaptchaEnterpriseProvider } from "firebase/app-check";
import { connectAuthEmulator, getAuth } from "firebase/auth";
import { connectFunctionsEmulator, getFunctions, httpsCallable } from "firebase/functions";
import { createClient } from "@tora-face/client";
import { callableUploader, putThroughTask, storageUploader, type PhotoUploader } from "./api/photo-upload";
import { appCheckGate } from "./api/app-check-gate";
import { fileToBase64 } from "./ui/dom";

const env = import.meta.env;
const { recaptchaSiteKey, functionsRegion, appCheckStartSeconds, ...config } = __PORTAL_CONFIG__;
const useEmulators =
  env.VITE_USE_EMULATORS === "true" ||
  (env.VITE_USE_EMULATORS !== "false" && ["127.0.0.1", "localhost"].includes(location.hostname));

const app = initializeApp(config);
const appCheck = initializeAppCheck(app, {
  provider:
    useEmulators || !recaptchaSiteKey
      ? // the emulator accepts any token; a production build always has its reCAPTCHA Enterprise key (portal-build.mjs)
        new CustomProvider({
          getToken: async () => ({ token: "emulator-app-check", expireTimeMillis: Date.now() + 3_600_000 }),
        })
      : new ReCaptchaEnterpriseProvider(recaptchaSiteKey),
  isTokenAutoRefreshEnabled: true,
});
/**
 * Auth, Functions and Storage wait for App Check before they send anything, without a time limit:
 * when its provider cannot start (reCAPTCHA blocked or unreachable), every request would hang.
 * Each one waits for App Check at most this long, then fails with a sentence the officer can act on.
 */
export const appCheckStarted = appCheckGate(() => getToken(appCheck), appCheckStartSeconds * 1000);

export const auth = getAuth(app);
const functions = getFunctions(app, functionsRegion);
if (useEmulators) {
  connectAuthEmulator(auth, "http://127.0.0.1:9099", { disableWarnings: true });
  connectFunctionsEmulator(functions, "127.0.0.1", 5001);
}

export const call = createClient(async (name, data, options) => {
  await appCheckStarted();
  const callable = httpsCallable(functions, name, { timeout: 120_000 });
  if (!options?.signal) return (await callable(data)).data;
  // only the streaming form of a call takes an abort signal; a callable that does not stream sends its result at the end
  return (await callable.stream(data, { signal: options.signal })).data;
});

/** where case photos go: Storage needs its emulator locally, which these machines cannot run */
const photoUploadsTo =
  env.VITE_PHOTO_UPLOADS === "storage" || env.VITE_PHOTO_UPLOADS === "callable"
    ? env.VITE_PHOTO_UPLOADS
    : useEmulators
      ? "callable"
      : "storage";

let uploader: Promise<PhotoUploader> | undefined;
/** the case-photo uploader; the Storage SDK is loaded only when a photo is first sent */
export function photoUploader(): Promise<PhotoUploader> {
  uploader ??=
    photoUploadsTo === "callable"
      ? Promise.resolve(
          callableUploader(
            async (input, signal) => (await call("uploadCasePhoto", input, { signal })).photo,
            fileToBase64,
          ),
        )
      : storageUpload();
  return uploader;
}

async function storageUpload(): Promise<PhotoUploader> {
  const { connectStorageEmulator, getStorage, ref, uploadBytesResumable } = await import("firebase/storage");
  const storage = getStorage(app);
  if (useEmulators) connectStorageEmulator(storage, "127.0.0.1", 9199);
  const put = putThroughTask((path, blob, metadata) => uploadBytesResumable(ref(storage, path), blob, metadata));
  return storageUploader({
    uid: () => auth.currentUser?.uid,
    newPhotoId: () => crypto.randomUUID(),
    put: async (...args) => {
      await appCheckStarted();
      return put(...args);
    },
    listPhotos: async (caseId) => (await call("listCasePhotos", { caseId })).photos,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
