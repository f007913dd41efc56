// What the portal is built for: a production build names its project with every setting it needs,
// or stops; the demo build (no project) keeps working for the emulators and the tests; the deploy
// refuses a demo build and a build made for another project.
import { describe, expect, it } from "vitest";
import { deployRefusal, portalBuild, PortalSettingsError, PRODUCTION_SETTINGS } from "../../scripts/portal-build.mjs";

const production = {
  VITE_FIREBASE_API_KEY: "key",
  VITE_FIREBASE_AUTH_DOMAIN: "tora-bi.firebaseapp.com",
  VITE_FIREBASE_PROJECT_ID: "tora-bi",
  VITE_FIREBASE_STORAGE_BUCKET: "tora-bi-photos",
  VITE_FIREBASE_APP_ID: "1:1:web:1",
  VITE_RECAPTCHA_SITE_KEY: "site-key",
  VITE_FUNCTIONS_REGION: "europe-west1",
};

describe("the portal's build settings", () => {
  it("without a project, builds the emulators' demo portal", () => {
    const { config, info } = portalBuild({});
    expect(info).toMatchObject({ project: "demo-tora-face", demo: true, appCheck: "emulator" });
    expect(config.recaptchaSiteKey).toBeUndefined();
  });

  it("for a real project, refuses to build without each setting, naming it", () => {
    for (const name of PRODUCTION_SETTINGS.filter((n) => n !== "VITE_FIREBASE_PROJECT_ID")) {
      const env: Record<string, string | undefined> = { ...production, [name]: " " };
      expect(() => portalBuild(env), name).toThrow(PortalSettingsError);
      expect(() => portalBuild(env), name).toThrow(name);
    }
  });

  it("with every setting, builds for that project with App Check on reCAPTCHA Enterprise", () => {
    const { config, info } = portalBuild(production);
    expect(info).toMatchObject({
      project: "tora-bi",
      demo: false,
      appCheck: "recaptcha-enterprise",
      storageBucket: "tora-bi-photos",
      recaptchaSiteKey: "site-key",
    });
    expect(config).toMatchObject({ projectId: "tora-bi", functionsRegion: "europe-west1", appCheckStartSeconds: 30 });
  });

  it("a build pointed at the emulators is a demo build, whatever its project", () => {
    expect(portalBuild({ VITE_FIREBASE_PROJECT_ID: "tora-bi", VITE_USE_EMULATORS: "true" }).info.demo).toBe(true);
  });

  it("the deploy refuses a missing, demo or other project's build, and takes the right one", () => {
    expect(deployRefusal(undefined, "tora-bi")).toMatch(/build the portal first/);
    expect(deployRefusal(portalBuild({}).info, "tora-bi")).toMatch(/demo build/);
    expect(deployRefusal(portalBuild({ ...production, VITE_FIREBASE_PROJECT_ID: "tora-rw" }).info, "tora-bi")).toMatch(
      /built for project tora-rw, not tora-bi/,
    );
    expect(deployRefusal(portalBuild(production).info, "tora-bi")).toBeUndefined();
  });
});
