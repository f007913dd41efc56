// The deployed headers name only production origins, and admit what production needs: the App
// Check provider's scripts and frames (reCAPTCHA Enterprise), its token exchange, Auth, the
// callables and Storage. The emulator configuration adds the local emulators' origins so the same
// portal works under the Hosting emulator. The browser side of this is hosting/test/e2e/production.mjs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module of the repo's scripts, without type declarations
import { emulatorConfig } from "../../scripts/emulator-config.mjs";

const firebaseJson = JSON.parse(readFileSync(new URL("../../firebase.json", import.meta.url), "utf8"));
const csp = (config: typeof firebaseJson): string =>
  config.hosting.headers
    .flatMap((r: { headers: { key: string; value: string }[] }) => r.headers)
    .find((h: { key: string }) => h.key === "Content-Security-Policy").value;

/** the sources of one directive (default-src when the directive is absent, as browsers do) */
function sources(policy: string, directive: string): string[] {
  const directives = new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...list]) => [name, list]),
  );
  return directives.get(directive) ?? directives.get("default-src") ?? [];
}

/** whether a CSP source expression admits this https URL (host wildcards, path prefixes ending in "/") */
function admits(source: string, url: string): boolean {
  const target = new URL(url);
  const match = /^(https:)\/\/(\*\.)?([^/:]+)(\/.*)?$/.exec(source);
  if (!match || target.protocol !== match[1]) return false;
  const [, , wildcard, host, path] = match;
  const hostOk = wildcard ? target.hostname.endsWith(`.${host}`) : target.hostname === host;
  const pathOk = !path || (path.endsWith("/") ? target.pathname.startsWith(path) : target.pathname === path);
  return hostOk && pathOk;
}
const allowed = (policy: string, directive: string, url: string) =>
  sources(policy, directive).some((s) => admits(s, url));

/** the URL the App Check SDK itself loads for reCAPTCHA Enterprise, read from the SDK installed here */
function appCheckScriptUrl(): string {
  const sdk = createRequire(import.meta.url).resolve("@firebase/app-check");
  const esm = sdk.replace(/index\.cjs\.js$/, "esm/index.esm.js");
  const url = /RECAPTCHA_ENTERPRISE_URL = '([^']+)'/.exec(readFileSync(esm, "utf8"))?.[1];
  if (!url) throw new Error(`no RECAPTCHA_ENTERPRISE_URL in ${esm}`);
  return url;
}

describe("Content-Security-Policy", () => {
  const deployed = csp(firebaseJson);

  it("names no local emulator in the deployed configuration", () => {
    expect(deployed).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(deployed).toMatch(/connect-src 'self' https:\/\/\*\.googleapis\.com/);
  });

  it("admits the scripts and frames of the App Check provider (reCAPTCHA Enterprise), and nothing inline or evaluated", () => {
    expect(appCheckScriptUrl()).toBe("https://www.google.com/recaptcha/enterprise.js");
    expect(allowed(deployed, "script-src", `${appCheckScriptUrl()}?render=explicit`)).toBe(true);
    // what Google's loader then fetches, and the frame it renders (Google's CSP guidance for reCAPTCHA)
    expect(allowed(deployed, "script-src", "https://www.gstatic.com/recaptcha/releases/abc/recaptcha__en.js")).toBe(
      true,
    );
    expect(allowed(deployed, "frame-src", "https://www.google.com/recaptcha/enterprise/anchor?k=key")).toBe(true);
    expect(allowed(deployed, "frame-src", "https://recaptcha.google.com/recaptcha/enterprise/bframe")).toBe(true);
    // only reCAPTCHA's paths on those hosts
    expect(allowed(deployed, "script-src", "https://www.google.com/maps/api.js")).toBe(false);
    expect(sources(deployed, "script-src")).not.toContain("'unsafe-inline'");
    expect(sources(deployed, "script-src")).not.toContain("'unsafe-eval'");
  });

  it("admits App Check's token exchange, Auth, the callables of any region and Storage", () => {
    for (const url of [
      "https://content-firebaseappcheck.googleapis.com/v1/projects/p/apps/a:exchangeRecaptchaEnterpriseToken",
      "https://identitytoolkit.googleapis.com/v1/accounts:signInWithPassword",
      "https://securetoken.googleapis.com/v1/token",
      "https://europe-west1-p.cloudfunctions.net/getMyProfile",
      "https://firebasestorage.googleapis.com/v0/b/p.firebasestorage.app/o",
    ])
      expect(allowed(deployed, "connect-src", url), url).toBe(true);
  });

  it("lets a clip chosen on the phone play in the portal's <video> (media-src blob:); the service worker and manifest are the portal's own", () => {
    expect(csp(firebaseJson)).toMatch(/(^|; )media-src blob:(;|$)/);
    // the service worker and the manifest are the portal's own, whatever script-src admits for App Check
    expect(csp(firebaseJson)).toMatch(/(^|; )worker-src 'self'(;|$)/);
    expect(csp(firebaseJson)).toMatch(/(^|; )manifest-src 'self'(;|$)/);
  });

  it("lets the portal reach the Auth and Functions emulators in the emulator configuration", () => {
    const local = csp(emulatorConfig(firebaseJson));
    const connect = local.match(/connect-src ([^;]*)/)![1]!.split(" ");
    expect(connect).toEqual(expect.arrayContaining(["'self'", "http://127.0.0.1:9099", "http://127.0.0.1:5001"]));
    expect(local.replace(/connect-src [^;]*/, "")).toBe(deployed.replace(/connect-src [^;]*/, ""));
  });
});
