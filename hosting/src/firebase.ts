// Firebase web setup. Config comes from VITE_FIREBASE_* at build time (no secrets: web config is
// public by design); without it, the demo project of the emulators. On localhost the portal talks
// to the Auth and Functions emulators.
import { initializeApp } from "firebase/app";
import { CustomProvider, initializeAppCheck, ReCaptchaEnterpriseProvider } from "firebase/app-check";
import { connectAuthEmulator, getAuth } from "firebase/auth";
import { connectFunctionsEmulator, getFunctions, httpsCallable } from "firebase/functions";
import { createClient } from "@tora-face/client";

const env = import.meta.env;
const config = {
  apiKey: env.VITE_FIREBASE_API_KEY ?? "demo-api-key",
  authDomain: env.VITE_FIREBASE_AUTH_DOMAIN ?? "demo-tora-face.firebaseapp.com",
  projectId: env.VITE_FIREBASE_PROJECT_ID ?? "demo-tora-face",
  appId: env.VITE_FIREBASE_APP_ID ?? "1:000000000000:web:0000000000000000",
};
const useEmulators = env.VITE_USE_EMULATORS === "true" || (env.VITE_USE_EMULATORS !== "false" && ["127.0.0.1", "localhost"].includes(location.hostname));

export const app = initializeApp(config);
initializeAppCheck(app, {
  provider: useEmulators || !env.VITE_RECAPTCHA_SITE_KEY
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

export const call = createClient(async (name, data) => (await httpsCallable(functions, name, { timeout: 120_000 })(data)).data);
