// What the portal is built for, from its VITE_* settings: the one home of those settings and of
// their demo defaults. A build that names a Firebase project is a production build and stops when a
// setting is missing (a portal built without them would silently talk to the demo project); a build
// without a project (or a demo- one, or VITE_USE_EMULATORS=true) is the emulators' demo build,
// which the deploy refuses. The build writes what it was built for to dist/.tora-build.json (Hosting
// does not upload dot files); the Hosting predeploy hook reads it (check-portal-build.mjs).

/** what a production build must be given (the web app's config from the console, the App Check key) */
export const PRODUCTION_SETTINGS = [
  "VITE_FIREBASE_API_KEY",
  "VITE_FIREBASE_AUTH_DOMAIN",
  "VITE_FIREBASE_PROJECT_ID",
  "VITE_FIREBASE_STORAGE_BUCKET",
  "VITE_FIREBASE_APP_ID",
  "VITE_RECAPTCHA_SITE_KEY",
  "VITE_FUNCTIONS_REGION",
];

export const BUILD_INFO_FILE = ".tora-build.json";
export const DEMO_PROJECT = "demo-tora-face";

export class PortalSettingsError extends Error {}

/** the portal's Firebase settings and what the build is for; throws PortalSettingsError for a production build that lacks settings */
export function portalBuild(env) {
  const value = (name) => (typeof env[name] === "string" && env[name].trim() !== "" ? env[name].trim() : undefined);
  const project = value("VITE_FIREBASE_PROJECT_ID") ?? DEMO_PROJECT;
  const demo = project.startsWith("demo-") || value("VITE_USE_EMULATORS") === "true";
  if (!demo) {
    const missing = PRODUCTION_SETTINGS.filter((name) => !value(name));
    if (missing.length > 0)
      throw new PortalSettingsError(
        `the portal for project ${project} cannot be built without ${missing.join(", ")} (the web app's configuration in the Firebase console, the reCAPTCHA Enterprise key registered for App Check, the functions' REGION). A build without VITE_FIREBASE_PROJECT_ID is the emulators' demo build.`,
      );
  }
  const config = {
    apiKey: value("VITE_FIREBASE_API_KEY") ?? "demo-api-key",
    authDomain: value("VITE_FIREBASE_AUTH_DOMAIN") ?? `${project}.firebaseapp.com`,
    projectId: project,
    appId: value("VITE_FIREBASE_APP_ID") ?? "1:000000000000:web:0000000000000000",
    storageBucket: value("VITE_FIREBASE_STORAGE_BUCKET") ?? `${project}.firebasestorage.app`,
    functionsRegion: value("VITE_FUNCTIONS_REGION") ?? "europe-west1",
    recaptchaSiteKey: demo ? undefined : value("VITE_RECAPTCHA_SITE_KEY"),
    // how long a request waits for App Check's first token (reCAPTCHA loads ~400 kB: 8 s at 400 kbps)
    appCheckStartSeconds: Number(value("VITE_APP_CHECK_START_SECONDS") ?? 30),
  };
  const info = {
    project,
    demo,
    storageBucket: config.storageBucket,
    functionsRegion: config.functionsRegion,
    appId: config.appId,
    appCheck: demo ? "emulator" : "recaptcha-enterprise",
    recaptchaSiteKey: config.recaptchaSiteKey ?? null,
  };
  return { config, info };
}

/** why hosting/dist must not be deployed to `project`, or undefined */
export function deployRefusal(info, project) {
  if (!info)
    return `hosting/dist has no ${BUILD_INFO_FILE}: build the portal first (npm run build -w hosting with the VITE_* settings of ${project}, README "Deploying")`;
  if (info.demo)
    return `hosting/dist is the emulators' demo build (project ${info.project}): build it with the VITE_* settings of ${project} (README "Deploying")`;
  if (info.project !== project)
    return `hosting/dist was built for project ${info.project}, not ${project}: build it again with the VITE_* settings of ${project}`;
  return undefined;
}
