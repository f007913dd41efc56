// The portal as production serves it: a production build (its own VITE_* settings, App Check with
// reCAPTCHA Enterprise) behind the Content-Security-Policy and headers of firebase.json, in
// Chromium. Google's servers are not reachable here, so the browser's requests to them are answered
// by stand-ins that check what the portal sends: reCAPTCHA's script and frame (which the CSP must
// admit), App Check's exchange of a debug token, Firebase Auth, and the callables (which must carry
// the App Check token). A stand-in sees a request only if the CSP let it leave the page, so every
// blocked host shows as a violation. The control run serves the same build under a CSP without
// reCAPTCHA's hosts and without a debug token — a real officer's browser — and the portal must say
// so within its time limit instead of waiting forever. Every wait has a limit: nothing hangs silently.
import { Buffer } from "node:buffer";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { BUILD_INFO_FILE } from "../../../scripts/portal-build.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const shots = join(repo, "artifacts", "screenshots");
const resultFile = join(repo, "artifacts", "e2e-production-result.json");
mkdirSync(shots, { recursive: true });
rmSync(resultFile, { force: true });

if (!existsSync(chromiumPath)) {
  console.log(`SKIPPED production portal test: no Chromium at ${chromiumPath}`);
  writeFileSync(resultFile, JSON.stringify({ passed: 0, failed: 0, skipped: 1 }));
  process.exit(0);
}

const PROJECT = "tora-face-smoke";
const APP_ID = "1:123456789012:web:0123456789abcdef";
const REGION = "europe-west1";
const DEBUG_TOKEN = "00000000-0000-4000-8000-000000000000";
const APP_CHECK_TOKEN = "smoke-app-check-token";
const EMAIL = "officer@smoke.example.org";
const STEP_MS = 20_000;
const APP_CHECK_START_SECONDS = 6;

// --- the production build, with the settings a real one needs --------------------------------------
const dist = mkdtempSync(join(tmpdir(), "tora-portal-production-"));
execFileSync(
  join(repo, "node_modules", ".bin", "vite"),
  ["build", "--outDir", dist, "--emptyOutDir", "--logLevel", "warn"],
  {
    cwd: join(repo, "hosting"),
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 5 * 60_000,
    env: {
      ...process.env,
      VITE_FIREBASE_API_KEY: "smoke-api-key",
      VITE_FIREBASE_AUTH_DOMAIN: `${PROJECT}.firebaseapp.com`,
      VITE_FIREBASE_PROJECT_ID: PROJECT,
      VITE_FIREBASE_STORAGE_BUCKET: `${PROJECT}.firebasestorage.app`,
      VITE_FIREBASE_APP_ID: APP_ID,
      VITE_RECAPTCHA_SITE_KEY: "smoke-recaptcha-site-key",
      VITE_FUNCTIONS_REGION: REGION,
      // a production build on 127.0.0.1 must not switch to the emulators
      VITE_USE_EMULATORS: "false",
      VITE_APP_CHECK_START_SECONDS: String(APP_CHECK_START_SECONDS),
    },
  },
);
const buildInfo = JSON.parse(readFileSync(join(dist, BUILD_INFO_FILE), "utf8"));

// --- Hosting as firebase.json describes it: headers by source glob, the SPA rewrite -----------------
const hosting = JSON.parse(readFileSync(join(repo, "firebase.json"), "utf8")).hosting;
/** a Hosting source glob ("**", "/assets/**") as a regular expression */
const globToRegExp = (glob) =>
  new RegExp(
    `^${glob
      .split("**")
      .map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*"))
      .join(".*")}$`,
  );
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};
const PRODUCTION_CSP = hosting.headers.flatMap((r) => r.headers).find((h) => h.key === "Content-Security-Policy").value;

function serve(csp) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, "http://x").pathname;
    const file = join(dist, path);
    const found =
      path !== "/" && !path.split("/").some((part) => part.startsWith(".")) && existsSync(file) && extname(file) !== "";
    const served = found ? path : "/index.html";
    const headers = { "content-type": TYPES[extname(served)] ?? "application/octet-stream" };
    for (const rule of hosting.headers)
      if (globToRegExp(rule.source).test(served) || globToRegExp(rule.source).test(path))
        for (const h of rule.headers) headers[h.key] = h.key === "Content-Security-Policy" ? csp : h.value;
    response.writeHead(200, headers);
    response.end(readFileSync(join(dist, served)));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// --- stand-ins for Google's servers ---------------------------------------------------------------
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);
const officer = {
  uid: "smoke-officer",
  email: EMAIL,
  name: "Smoke Officer",
  badgeNumber: "BI-0001",
  rank: "Sergeant",
  station: "Bujumbura Centre",
  country: "BI",
  phone: "+25779000000",
  role: "officer",
  status: "approved",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};
const idToken = () =>
  [
    b64url({ alg: "none", typ: "JWT" }),
    b64url({
      iss: `https://securetoken.google.com/${PROJECT}`,
      aud: PROJECT,
      auth_time: now(),
      user_id: officer.uid,
      sub: officer.uid,
      iat: now(),
      exp: now() + 3600,
      email: EMAIL,
      email_verified: true,
      firebase: { identities: { email: [EMAIL] }, sign_in_provider: "password" },
      role: officer.role,
      status: officer.status,
      country: officer.country,
    }),
    "smoke-signature",
  ].join(".");
const CALLABLE_ANSWERS = {
  getMyProfile: { officer, claims: { role: officer.role, status: officer.status, country: officer.country } },
  listCases: { cases: [] },
  listMatches: { matches: [], newCount: 0 },
  listNotifications: { notifications: [], unread: 0 },
};
const RECAPTCHA_LOADER = `(function () {
  var queue = [];
  window.__smokeRecaptchaReady = function () { var q = queue; queue = null; q.forEach(function (f) { f(); }); };
  window.grecaptcha = { enterprise: {
    ready: function (f) { if (queue) queue.push(f); else f(); },
    render: function (container) {
      var frame = document.createElement("iframe");
      frame.src = "https://www.google.com/recaptcha/enterprise/anchor?k=smoke";
      document.getElementById(container).appendChild(frame);
      return 0;
    },
    execute: function () { return Promise.resolve("smoke-recaptcha-token"); }
  } };
  var s = document.createElement("script");
  s.src = "https://www.gstatic.com/recaptcha/releases/smoke/recaptcha__en.js";
  document.head.appendChild(s);
})();`;

/** answers the page's requests to Google and records them; anything unexpected is refused and noted */
async function standIns(context, seen) {
  const json = (route, status, body) =>
    route.fulfill({
      status,
      contentType: "application/json",
      headers: { "access-control-allow-origin": "*" },
      body: JSON.stringify(body),
    });
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const key = `${url.hostname}${url.pathname}`;
      seen.push({ key, method: request.method(), headers: request.headers() });
      // CORS preflights of the callables and Auth
      if (request.method() === "OPTIONS")
        return route.fulfill({
          status: 204,
          headers: {
            "access-control-allow-origin": "*",
            "access-control-allow-headers": "*",
            "access-control-allow-methods": "POST, GET",
          },
        });
      if (key === "www.google.com/recaptcha/enterprise.js")
        return route.fulfill({ contentType: "text/javascript", body: RECAPTCHA_LOADER });
      if (url.hostname === "www.gstatic.com" && url.pathname.startsWith("/recaptcha/"))
        return route.fulfill({ contentType: "text/javascript", body: "window.__smokeRecaptchaReady();" });
      if (key.startsWith("www.google.com/recaptcha/enterprise/anchor"))
        return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>anchor</title>" });
      if (
        url.hostname === "content-firebaseappcheck.googleapis.com" &&
        /:exchange(Debug|RecaptchaEnterprise)Token$/.test(url.pathname)
      )
        return json(route, 200, { token: APP_CHECK_TOKEN, ttl: "3600s" });
      if (key === "identitytoolkit.googleapis.com/v1/accounts:signInWithPassword")
        return json(route, 200, {
          kind: "identitytoolkit#VerifyPasswordResponse",
          localId: officer.uid,
          email: EMAIL,
          displayName: "",
          idToken: idToken(),
          registered: true,
          refreshToken: "smoke-refresh",
          expiresIn: "3600",
        });
      if (key === "identitytoolkit.googleapis.com/v1/accounts:lookup")
        return json(route, 200, {
          users: [
            {
              localId: officer.uid,
              email: EMAIL,
              emailVerified: true,
              providerUserInfo: [{ providerId: "password", email: EMAIL, federatedId: EMAIL, rawId: EMAIL }],
              createdAt: "1767225600000",
              lastLoginAt: String(Date.now()),
            },
          ],
        });
      if (key === "securetoken.googleapis.com/v1/token")
        return json(route, 200, {
          access_token: idToken(),
          id_token: idToken(),
          expires_in: "3600",
          token_type: "Bearer",
          refresh_token: "smoke-refresh",
          user_id: officer.uid,
          project_id: PROJECT,
        });
      const callable = url.hostname === `${REGION}-${PROJECT}.cloudfunctions.net` ? url.pathname.slice(1) : undefined;
      if (callable && CALLABLE_ANSWERS[callable]) return json(route, 200, { result: CALLABLE_ANSWERS[callable] });
      seen.push({ key, unexpected: true });
      return route.abort();
    },
  );
}

// --- the runs ------------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
});
const results = [];
async function scenario(name, csp, debugToken, body) {
  const server = await serve(csp);
  const portal = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const seen = [];
  await standIns(context, seen);
  await context.addInitScript(
    ([token]) => {
      globalThis.__csp = [];
      globalThis.document.addEventListener("securitypolicyviolation", (e) =>
        globalThis.__csp.push(
          `${e.effectiveDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber})`,
        ),
      );
      if (token) globalThis.FIREBASE_APPCHECK_DEBUG_TOKEN = token;
    },
    [debugToken],
  );
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // a console error is a fault (an invalid pattern, a failed script); a refused request is the network's report
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console: ${m.text()}`);
  });
  const started = Date.now();
  try {
    await body({ page, portal, seen, violations: () => page.evaluate(() => globalThis.__csp), errors });
    // the control scenarios break the page on purpose: the CSP's own report is what they check
    const faults = name.startsWith("control:") ? errors.filter((e) => !e.includes("Content Security Policy")) : errors;
    if (faults.length) throw new Error(`page or console errors: ${faults.join("; ")}`);
    results.push([name, true]);
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push([name, false]);
    console.log(`✗ ${name}: ${error instanceof Error ? error.message.split("\n").slice(0, 3).join(" ") : error}`);
    await page
      .screenshot({
        path: join(shots, `FAILED-production-${name.replace(/\W+/g, "-").slice(0, 40)}.png`),
        fullPage: true,
      })
      .catch(() => undefined);
  } finally {
    await context.close();
    server.close();
  }
}
const requested = (seen, key) => seen.some((r) => r.key.startsWith(key));
async function signIn(page, portal) {
  await page.goto(portal);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("smoke-Passw0rd!");
  await page.getByRole("button", { name: "Sign in" }).click();
}

await scenario(
  "under the deployed CSP, App Check (reCAPTCHA Enterprise, debug token) starts, the officer signs in and the callables carry the App Check token",
  PRODUCTION_CSP,
  DEBUG_TOKEN,
  async ({ page, portal, seen, violations, errors }) => {
    if (buildInfo.demo || buildInfo.appCheck !== "recaptcha-enterprise")
      throw new Error(`not a production build: ${JSON.stringify(buildInfo)}`);
    await signIn(page, portal);
    await page.getByRole("link", { name: "New case" }).waitFor();
    await page.getByRole("heading", { name: "Cases" }).waitFor();
    for (const host of [
      "www.google.com/recaptcha/enterprise.js",
      "www.gstatic.com/recaptcha/",
      "www.google.com/recaptcha/enterprise/anchor",
      "content-firebaseappcheck.googleapis.com",
    ])
      if (!requested(seen, host)) throw new Error(`the page never reached ${host}`);
    const profile = seen.find((r) => r.key.endsWith("/getMyProfile") && r.method === "POST");
    if (profile?.headers["x-firebase-appcheck"] !== APP_CHECK_TOKEN)
      throw new Error(`getMyProfile went without the App Check token: ${JSON.stringify(profile?.headers)}`);
    if (!profile.headers.authorization?.startsWith("Bearer "))
      throw new Error("getMyProfile went without the ID token");
    const unexpected = seen.filter((r) => r.unexpected).map((r) => r.key);
    if (unexpected.length) throw new Error(`requests no stand-in expected: ${unexpected.join(", ")}`);
    const blocked = await violations();
    if (blocked.length) throw new Error(`the Content-Security-Policy blocked: ${blocked.join("; ")}`);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    await page.screenshot({ path: join(shots, "production-signed-in.png"), fullPage: true });
  },
);

await scenario(
  "control: a CSP without reCAPTCHA's hosts is caught, and the officer is told within the time limit instead of waiting forever",
  PRODUCTION_CSP.replace(/ https:\/\/(www\.google\.com|www\.gstatic\.com|recaptcha\.google\.com)\/recaptcha\//g, ""),
  undefined,
  async ({ page, portal, seen, violations }) => {
    await signIn(page, portal);
    await page
      .getByText("The portal's security check could not start")
      .waitFor({ timeout: APP_CHECK_START_SECONDS * 1000 + STEP_MS });
    if (requested(seen, "www.google.com/recaptcha/enterprise.js"))
      throw new Error("the reCAPTCHA script left the page: the control CSP did not block it");
    const blocked = await violations();
    if (!blocked.some((v) => v.startsWith("script-src") && v.includes("www.google.com/recaptcha/enterprise.js")))
      throw new Error(`the blocked reCAPTCHA script was not seen as a violation: ${blocked.join("; ")}`);
    if (requested(seen, "identitytoolkit.googleapis.com")) throw new Error("sign-in was sent without App Check");
    await page.screenshot({ path: join(shots, "production-app-check-blocked.png"), fullPage: true });
  },
);

await browser.close();
rmSync(dist, { recursive: true, force: true });
const passed = results.filter(([, ok]) => ok).length;
const failed = results.length - passed;
writeFileSync(resultFile, JSON.stringify({ passed, failed }));
console.log(`production portal: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
