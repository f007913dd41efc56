// The officer and admin journeys in a real browser, run inside `emulators:exec` by run.mjs.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const faces = process.env.TORA_FACES_DIR;
const shots = join(repo, "artifacts", "screenshots");
mkdirSync(shots, { recursive: true });
const PORTAL = "http://127.0.0.1:5050";
const AUTH_HOST = process.env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099";
const PASSWORD = "demo-only-Passw0rd!";
const email = `officer-${Date.now()}@example.org`;
const people = (name, n) => join(faces, "smoke", "people", name, `${name}${n}.png`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"] /* playwright gives every launch a fresh, empty profile */,
});
const results = [];
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push([name, true]);
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push([name, false]);
    console.log(`✗ ${name}: ${error instanceof Error ? error.message.split("\n").slice(0, 3).join(" ") : error}`);
    const slug = name.replace(/\W+/g, "-").slice(0, 40);
    await Promise.all([officer, admin].map((p, i) => p.screenshot({ path: join(shots, `FAILED-${slug}-${i ? "admin" : "officer"}.png`), fullPage: true }).catch(() => undefined)));
  }
}
async function newPage(width = 1280, height = 800) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => console.log(`  page error: ${e.message}`));
  return page;
}
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
async function signIn(page, address, password = PASSWORD) {
  await page.goto(PORTAL);
  await page.getByLabel("Email").fill(address);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const officer = await newPage();
const admin = await newPage();

await step("the language switch changes the interface", async () => {
  await officer.goto(PORTAL);
  await officer.getByRole("heading", { name: "Sign in" }).waitFor();
  await shot(officer, "signin-desktop");
  await officer.locator("#language").selectOption("fr");
  await officer.getByRole("heading", { name: "Se connecter" }).waitFor();
  if ((await officer.locator("html").getAttribute("lang")) !== "fr") throw new Error("html lang not updated");
  await officer.locator("#language").selectOption("rn");
  await officer.getByRole("heading", { name: "Injira" }).waitFor();
  await shot(officer, "signin-kirundi");
  await officer.locator("#language").selectOption("en");
  await officer.getByRole("heading", { name: "Sign in" }).waitFor();
});

await step("sign-up is blocked until the email is verified, with a way to get a new link", async () => {
  await officer.getByRole("button", { name: "I need an account" }).click();
  await officer.getByLabel("Email").fill(email);
  await officer.getByLabel("Password").fill("Officer-Passw0rd!");
  await officer.getByRole("button", { name: "Create an account" }).click();
  await officer.getByRole("heading", { name: "Verify your email address" }).waitFor();
  await officer.getByRole("button", { name: "Send the verification link again" }).click();
  await officer.getByText("we have sent a new verification link").waitFor();
  await shot(officer, "verify-email");
});

await step("the link from the Auth emulator verifies the address", async () => {
  const codes = await (await fetch(`http://${AUTH_HOST}/emulator/v1/projects/demo-tora-face/oobCodes`)).json();
  const code = codes.oobCodes.filter((c) => c.email === email && c.requestType === "VERIFY_EMAIL").at(-1);
  if (!code) throw new Error("no verification link was generated");
  const applied = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:update?key=demo-api-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ oobCode: code.oobCode }),
  });
  if (!applied.ok) throw new Error(`verification failed: ${await applied.text()}`);
});

await step("the verified officer registers and waits for approval; cases stay out of reach", async () => {
  await officer.getByRole("button", { name: "Back to sign in" }).click();
  await signIn(officer, email, "Officer-Passw0rd!");
  await officer.getByRole("heading", { name: "Officer registration" }).waitFor();
  await officer.getByLabel("Full name").fill("E2E Test Officer");
  await officer.getByLabel("Badge number").fill("BI-7777");
  await officer.getByLabel("Rank").fill("Sergeant");
  await officer.getByLabel("Station").fill("Bujumbura Centre");
  await officer.getByLabel("Country").selectOption("BI");
  await officer.getByLabel("Phone (international format)").fill("+25779777777");
  await shot(officer, "register");
  await officer.getByRole("button", { name: "Send my registration" }).click();
  await officer.getByRole("heading", { name: "Waiting for approval" }).waitFor();
  await officer.goto(`${PORTAL}/#/cases`);
  await officer.getByRole("heading", { name: "Waiting for approval" }).waitFor();
  if (await officer.getByRole("link", { name: "Cases" }).count()) throw new Error("pending officer sees the cases link");
  await shot(officer, "pending");
});

await step("the admin approves the registration after checking the badge", async () => {
  await signIn(admin, "admin@demo.tora-face.test");
  await admin.getByRole("link", { name: "Officers" }).click();
  const card = admin.locator("li", { hasText: "E2E Test Officer" });
  await card.getByLabel("What you checked (badge, station)").fill("badge BI-7777 confirmed by phone with Bujumbura Centre");
  await shot(admin, "admin-officers");
  await card.getByRole("button", { name: "Approve" }).click();
  await admin.locator("li", { hasText: "E2E Test Officer" }).getByRole("button", { name: "Change role" }).waitFor();
});

let missingCaseUrl = "";
await step("the officer creates a missing-person case and uploads photos with verdicts", async () => {
  await officer.reload();
  await officer.getByRole("link", { name: "New case" }).click();
  await officer.getByLabel("Kind of case").selectOption("missing");
  await officer.getByLabel("File number (optional)").fill("E2E-RAJ");
  await officer.getByLabel("Names (comma separated)").fill("Raj Koothrappali");
  await officer.getByLabel("Contact name").fill("Family Member");
  await officer.getByLabel("Contact phone").fill("+25779000123");
  await officer.getByRole("button", { name: "Create case" }).click();
  await officer.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
  missingCaseUrl = officer.url();
  await officer.getByLabel("Add photos").setInputFiles([people("raj", 1), people("raj", 2), people("raj", 3)]);
  await officer.locator(".verdict.indexed").nth(2).waitFor({ timeout: 90_000 });
  await officer.getByText("Accepted: 1 face(s) indexed").first().waitFor();
  await shot(officer, "case-desktop");
});

await step("a photo without a face shows its reason", async () => {
  await officer.getByLabel("Add photos").setInputFiles([join(faces, "smoke", "nonface", "lp-bmw.jpg")]);
  await officer.getByText("Not usable: no face found").waitFor({ timeout: 60_000 });
});

await step("another case registers a found person", async () => {
  await officer.goto(`${PORTAL}/#/cases/new`);
  await officer.getByLabel("Kind of case").selectOption("found");
  await officer.getByLabel("File number (optional)").fill("E2E-FOUND-PENNY");
  await officer.getByRole("button", { name: "Create case" }).click();
  await officer.getByRole("heading", { name: "E2E-FOUND-PENNY" }).waitFor();
  await officer.getByLabel("Add photos").setInputFiles([people("penny", 1)]);
  await officer.getByText("Accepted: 1 face(s) indexed").waitFor({ timeout: 60_000 });
});

await step("a search with a group photo finds the right case, and an outcome is recorded", async () => {
  await officer.getByRole("link", { name: "Search", exact: true }).click();
  await officer.getByLabel("Photo of the person").setInputFiles([join(faces, "smoke", "group", "bbt1.jpg")]);
  await officer.getByLabel("Reason (required without a case reference)").fill("e2e: group photo from a shelter");
  await officer.getByRole("button", { name: "Search", exact: true }).click();
  const candidate = officer.locator("li.candidate", { hasText: "E2E-RAJ" }).first();
  await candidate.waitFor({ timeout: 90_000 });
  await candidate.locator("img[src^='data:image/jpeg']").waitFor();
  await shot(officer, "search-desktop");
  await candidate.getByRole("button", { name: "Potential candidate" }).click();
  await candidate.getByText("Conclusion recorded: Potential candidate").waitFor();
  await officer.setViewportSize({ width: 360, height: 740 });
  await shot(officer, "search-360");
  await officer.setViewportSize({ width: 1280, height: 800 });
});

await step("the officer sees the search in their history", async () => {
  await officer.getByRole("link", { name: "My searches" }).click();
  await officer.getByRole("cell", { name: "e2e: group photo from a shelter" }).waitFor();
  await officer.getByRole("cell", { name: "Potential candidate" }).waitFor();
});

await step("the admin sees the outcome in the audit log, and the statistics", async () => {
  await admin.getByRole("link", { name: "Audit log" }).click();
  await admin.getByLabel("Action").selectOption("search.outcome");
  await admin.getByRole("button", { name: "Filter" }).click();
  await admin.getByRole("cell", { name: "search.outcome" }).first().waitFor();
  await shot(admin, "audit-desktop");
  await admin.getByRole("link", { name: "Statistics" }).click();
  await admin.getByRole("heading", { name: "Searches per day" }).waitFor();
  await shot(admin, "stats-desktop");
});

await step("phone-sized screens", async () => {
  const phone = await newPage(360, 740);
  await signIn(phone, "officer.bi@demo.tora-face.test");
  await phone.getByRole("heading", { name: "Cases" }).waitFor();
  if (await phone.getByRole("button", { name: "Show more" }).isVisible()) throw new Error("'Show more' shown without a next page");
  await shot(phone, "cases-360");
  await phone.goto(missingCaseUrl);
  await phone.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
  await shot(phone, "case-360");
  const overflow = await phone.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
  if (overflow > 0) throw new Error(`page is ${overflow}px wider than a 360px screen`);
});

await browser.close();
const passed = results.filter(([, ok]) => ok).length;
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${results.length - passed} failed`);
writeFileSync(join(repo, "artifacts", "e2e-result.json"), JSON.stringify({ passed, failed: results.length - passed, steps: results.map(([name, ok]) => ({ name, ok })) }));
process.exit(passed === results.length ? 0 : 1);
