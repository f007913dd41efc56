// The officer and admin journeys in a real browser, run inside `emulators:exec` by run.mjs.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Buffer } from "node:buffer";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { ERROR_REASONS } from "../../../functions/lib/schemas/errors.js";
import { checkExchanges, contractRecorder } from "./contract.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const faces = process.env.TORA_FACES_DIR;
const shots = join(repo, "artifacts", "screenshots");
mkdirSync(shots, { recursive: true });
// a failure's screenshots belong to the run that failed
for (const name of readdirSync(shots)) if (name.startsWith("FAILED-")) rmSync(join(shots, name));
const PORTAL = "http://127.0.0.1:5050";
const AUTH_HOST = process.env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099";
const PASSWORD = "demo-only-Passw0rd!";
const email = `officer-${Date.now()}@example.org`;
const people = (name, n) => join(faces, "smoke", "people", name, `${name}${n}.png`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
  ] /* playwright gives every launch a fresh, empty profile */,
});
const results = [];
/** every console and page error of the run: a step at the end fails on any */
const consoleErrors = [];
/** every callable request and answer of the run, checked against docs/schema at the end */
const contract = contractRecorder();
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
    await Promise.all(
      [officer, admin, shelter].filter(Boolean).map((p, i) =>
        p
          .screenshot({
            path: join(shots, `FAILED-${slug}-${["officer", "admin", "shelter"][i]}.png`),
            fullPage: true,
          })
          .catch(() => undefined),
      ),
    );
  }
}
async function newPage(width = 1280, height = 800) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => {
    console.log(`  page error: ${e.message}`);
    consoleErrors.push(`page error: ${e.message}`);
  });
  // a console error is a fault (an invalid pattern, a failed script); a refused or offline request is
  // the browser's report of the network ("Failed to load resource"), which steps provoke on purpose
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      consoleErrors.push(`${m.text()} (${page.url()})`);
  });
  page.on("response", (response) => void collectBackendEnglish(response));
  page.on("response", (response) => void contract.record(response));
  return page;
}
/** every English sentence the backend sent (verdicts, face issues, refusals): none may show on a translated screen */
const backendEnglish = new Set(
  Object.entries(ERROR_REASONS)
    .filter(([reason]) => reason !== "image_refused")
    .map(([, r]) => r.message),
);
async function collectBackendEnglish(response) {
  if (!response.url().startsWith("http://127.0.0.1:5001/")) return;
  const walk = (value, key) => {
    if (typeof value === "string" && (key === "message" || key === "notice") && value.length >= 8)
      backendEnglish.add(value);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(await response.json().catch(() => undefined));
}
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
async function signIn(page, address, password = PASSWORD) {
  await page.goto(PORTAL);
  await page.getByLabel("Email").fill(address);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** width and height from a JPEG's frame header, and whether it still carries an EXIF block */
function jpegFacts(bytes) {
  let exif = false;
  for (let i = 2; i + 4 < bytes.length;) {
    if (bytes[i] !== 0xff) throw new Error(`not a JPEG marker at ${i}`);
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker === 0xe1 && bytes.subarray(i + 4, i + 8).toString("latin1") === "Exif") exif = true;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7), exif };
    i += 2 + length;
  }
  throw new Error("no JPEG frame header");
}
/** a language as the portal shows it: the words records share (functions/src/words) and the portal's screen words */
const dictionaries = Object.fromEntries(
  await Promise.all(
    ["en", "fr", "rn", "rw", "sw"].map(async (l) => {
      const [words, screens] = await Promise.all(
        [join(repo, "functions", "src", "words", `${l}.json`), join(repo, "hosting", "src", "i18n", `${l}.json`)].map(
          async (f) => JSON.parse(await readFile(f, "utf8")),
        ),
      );
      return [l, { ...words, ...screens }];
    }),
  ),
);
/** what people typed (officers' names, case data) is not the portal's English */
const OFFICER_NAME = "E2E Test Officer";
const RAJ = {
  names: "Raj Koothrappali",
  place: "Ngozi market",
  date: "2026-11-20",
  description: "Thin, wears a red cap",
  relationship: "brother",
};
const typedByPeople = [
  OFFICER_NAME,
  ...Object.values(RAJ),
  "Bujumbura Centre",
  "e2e: wrong photo, another case's group",
  ...JSON.parse(await readFile(join(repo, "emulator-data", "auth_export", "accounts.json"), "utf8"))
    .users.map((u) => u.displayName)
    .filter(Boolean),
];
/** the longest fixed part of a sentence with {placeholders} */
const literalOf = (sentence) =>
  sentence
    .split(/\{\w+\}/)
    .sort((a, b) => b.length - a.length)[0]
    .trim();
/**
 * English visible on a screen that should be in another language: the portal's English strings,
 * the reason catalogue's sentences and every English sentence the backend sent (verdicts, issues).
 */
async function englishOn(page, language) {
  // what is marked as another language on purpose (an appeal's English text, the language names) is not a leak
  const visible = await page.evaluate((lang) => {
    let text = globalThis.document.body.innerText;
    for (const el of globalThis.document.querySelectorAll("body [lang]"))
      if (el.getAttribute("lang") !== lang && el.innerText) text = text.replace(el.innerText, "");
    return text;
  }, language);
  const text = typedByPeople.reduce((t, typed) => t.replaceAll(typed, ""), visible);
  const own = dictionaries[language];
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const portal = Object.entries(dictionaries.en)
    .filter(([key]) => !key.startsWith("_"))
    // a literal the translation itself contains ("Burundi" in "U Burundi") is not a leak
    .filter(([key, english]) => !own[key]?.includes(literalOf(english)))
    .map(([, english]) => literalOf(english));
  const backend = [...backendEnglish].map(literalOf);
  const shown = (literal) => literal.length >= 5 && new RegExp(`(^|\\W)${escape(literal)}($|\\W)`).test(text);
  return [...new Set([...portal, ...backend])].filter(shown);
}
async function noWiderThanScreen(page) {
  const overflow = await page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
  if (overflow > 0) throw new Error(`${page.url()} is ${overflow}px wider than the screen`);
}

const officer = await newPage();
const admin = await newPage();
/** the demo Burundi officer, in a shelter: opened by the reunification steps */
let shelter;

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

await step(
  "a new account signs in to the verification screen only: Firebase Auth's own e-mail is sent at once, and again on request",
  async () => {
    await officer.getByRole("button", { name: "I need an account" }).click();
    await officer.getByLabel("Email").fill(email);
    await officer.getByLabel("Password").fill("Officer-Passw0rd!");
    await officer.getByRole("button", { name: "Create an account" }).click();
    await officer.getByRole("heading", { name: "Verify your email address" }).waitFor();
    await officer.getByText(`We have sent a verification link to ${email}.`).waitFor();
    if (await officer.getByRole("link", { name: "Cases" }).count())
      throw new Error("an unverified account sees the cases link");
    await officer.getByRole("button", { name: "I have verified my address" }).click();
    await officer.getByText("Your address is not verified yet").waitFor();
    await officer.getByRole("button", { name: "Send the verification link again" }).click();
    await officer.getByText(`We have sent a verification link to ${email}.`).waitFor();
    await shot(officer, "verify-email");
    const codes = await (await fetch(`http://${AUTH_HOST}/emulator/v1/projects/demo-tora-face/oobCodes`)).json();
    const sent = codes.oobCodes.filter((c) => c.email === email && c.requestType === "VERIFY_EMAIL");
    if (sent.length !== 2) throw new Error(`${sent.length} verification e-mails, wanted 2 (at sign-up and on request)`);
    if (!sent[0].oobLink.includes(encodeURIComponent(PORTAL)))
      throw new Error(`the link does not lead back to the portal: ${sent[0].oobLink}`);
  },
);

await step("the link from the Auth emulator verifies the address", async () => {
  const codes = await (await fetch(`http://${AUTH_HOST}/emulator/v1/projects/demo-tora-face/oobCodes`)).json();
  const code = codes.oobCodes.filter((c) => c.email === email && c.requestType === "VERIFY_EMAIL").at(-1);
  if (!code) throw new Error("no verification link was generated");
  const applied = await fetch(
    `http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:update?key=demo-api-key`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ oobCode: code.oobCode }),
    },
  );
  if (!applied.ok) throw new Error(`verification failed: ${await applied.text()}`);
});

await step("the verified officer registers and waits for approval; cases stay out of reach", async () => {
  await officer.getByRole("button", { name: "I have verified my address" }).click();
  await officer.getByRole("heading", { name: "Officer registration" }).waitFor();
  await officer.getByLabel("Full name").fill(OFFICER_NAME);
  await officer.getByLabel("Badge number").fill("BI-7777");
  await officer.getByLabel("Rank").fill("Sergeant");
  await officer.getByLabel("Station").fill("Bujumbura Centre");
  await officer.getByLabel("Country").selectOption("BI");
  // a number without its country code: the form names the field by its label and says what it needs
  await officer.getByLabel("Phone (international format)").fill("0779777777");
  await officer.getByRole("button", { name: "Send my registration" }).click();
  await officer
    .getByText("Please check the form: Phone (international format): international format, e.g. +25779123456")
    .waitFor();
  if ((await officer.getByLabel("Phone (international format)").getAttribute("aria-invalid")) !== "true")
    throw new Error("the refused field is not marked invalid");
  await officer.getByLabel("Phone (international format)").fill("+25779777777");
  await shot(officer, "register");
  await officer.getByRole("button", { name: "Send my registration" }).click();
  await officer.getByRole("heading", { name: "Waiting for approval" }).waitFor();
  await officer.goto(`${PORTAL}/#/cases`);
  await officer.getByRole("heading", { name: "Waiting for approval" }).waitFor();
  if (await officer.getByRole("link", { name: "Cases" }).count())
    throw new Error("pending officer sees the cases link");
  await shot(officer, "pending");
});

await step("the admin approves the registration after checking the badge", async () => {
  await signIn(admin, "admin@demo.tora-face.test");
  await admin.getByRole("link", { name: "Officers" }).click();
  const card = admin.locator("li", { hasText: OFFICER_NAME });
  await card
    .getByLabel("What you checked (badge, station)")
    .fill("badge BI-7777 confirmed by phone with Bujumbura Centre");
  await shot(admin, "admin-officers");
  await card.getByRole("button", { name: "Approve" }).click();
  await admin.locator("li", { hasText: OFFICER_NAME }).getByRole("button", { name: "Change role" }).waitFor();
});

/** the claims of the ID token the portal keeps in IndexedDB (the emulator's tokens are unsigned JWTs) */
async function tokenClaims(page) {
  const token = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = globalThis.indexedDB.open("firebaseLocalStorageDb");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result
            .transaction("firebaseLocalStorage", "readonly")
            .objectStore("firebaseLocalStorage")
            .getAll();
          read.onsuccess = () => resolve(read.result.map((r) => r.value?.stsTokenManager?.accessToken).find(Boolean));
          read.onerror = () => reject(read.error);
        };
      }),
  );
  return JSON.parse(Buffer.from(String(token).split(".")[1], "base64url").toString("utf8"));
}

await step(
  "the approved officer's token carries the new claims at the next page load, not within the hour (storage.rules read them)",
  async () => {
    const before = await tokenClaims(officer);
    if (before.status === "approved")
      throw new Error("the token was already approved before the reload: the step proves nothing");
    await officer.reload();
    await officer.getByRole("link", { name: "New case" }).waitFor();
    const after = await tokenClaims(officer);
    if (after.status !== "approved" || after.country !== "BI" || after.role !== "officer")
      throw new Error(`token claims after approval: ${JSON.stringify(after)}`);
  },
);

let missingCaseUrl = "";
await step(
  "offline, the new-case form says 'No connection' and keeps its values; then a case is created with what the officer entered, and photos get verdicts",
  async () => {
    await officer.reload();
    await officer.getByRole("link", { name: "New case" }).click();
    await officer.getByLabel("Kind of case").selectOption("missing");
    await officer.getByLabel("File number (optional)").fill("E2E-RAJ");
    await officer.getByLabel("Names (comma separated)").fill(RAJ.names);
    await officer.getByLabel("Sex").selectOption("male");
    await officer.getByLabel("Birth year").fill("1993");
    // the family says "Ngozi, Kiremba": the province and commune before 2025, in the lists as former names
    const lastSeen = officer.locator("fieldset[data-place=lastSeenPlace]");
    await lastSeen.getByLabel("Province").selectOption("Ngozi");
    await lastSeen.getByLabel("Commune").selectOption("Kiremba");
    await lastSeen.getByLabel("Details (colline, sector, landmark)").fill(RAJ.place);
    await officer.getByLabel("Last seen (date)").fill(RAJ.date);
    await officer.getByLabel("Description").fill(RAJ.description);
    await officer.getByLabel("Contact name").fill("Family Member");
    await officer.getByLabel("Relationship").fill(RAJ.relationship);
    await officer.getByLabel("Contact phone").fill("+25779000123");
    await officer.getByLabel("The family agrees to receive an SMS about this report").check();
    await officer.getByLabel("Language of the SMS").selectOption("rn");
    // no network: the form says so and keeps what was typed; back online, the same form goes through
    await officer.context().setOffline(true);
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByText("No connection — your form is kept, try again.").waitFor();
    if ((await officer.getByLabel("Names (comma separated)").inputValue()) !== "Raj Koothrappali")
      throw new Error("the form lost its values offline");
    await shot(officer, "offline-new-case");
    await officer.context().setOffline(false);
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
    missingCaseUrl = officer.url();
    // the case page shows what was entered
    const facts = Object.fromEntries(
      await officer
        .locator("dl.facts dd")
        .evaluateAll((dds) => dds.map((dd) => [dd.getAttribute("data-fact"), dd.textContent])),
    );
    const wanted = {
      externalRef: "E2E-RAJ",
      names: RAJ.names,
      sex: "Male",
      age: "born in 1993",
      lastSeenPlace: `${RAJ.place}, Kiremba, Ngozi (former name, now Butanyerera), Burundi`,
      lastSeenDate: "Nov 20, 2026",
      description: RAJ.description,
      station: "Bujumbura Centre",
      country: "Burundi",
      status: "Open",
      crossMatch: "compared automatically with the cases of the other kind",
    };
    for (const [fact, value] of Object.entries(wanted))
      if (facts[fact] !== value)
        throw new Error(`${fact}: "${facts[fact]}", wanted "${value}" (${JSON.stringify(facts)})`);
    // the officer who created the case may read the family contact
    await officer.getByRole("button", { name: "Show family contact" }).click();
    await officer.getByText(`Contact: Family Member (${RAJ.relationship}), +25779000123`).waitFor();
    await officer.getByLabel("Add photos").setInputFiles([people("raj", 1), people("raj", 2), people("raj", 3)]);
    await officer.locator(".verdict.indexed").nth(2).waitFor({ timeout: 90_000 });
    await officer.getByText("Accepted: 1 face(s) indexed").first().waitFor();
    // each photo with its thumbnail and the file name it had on the phone
    const names = await officer.locator("li.photo .file-name").allTextContents();
    if (names.sort().join() !== "raj1.png,raj2.png,raj3.png") throw new Error(`file names shown: ${names.join()}`);
    await officer.locator("li.photo img[src^='data:image/jpeg']").nth(2).waitFor();
    await shot(officer, "case-desktop");
  },
);

await step("the case's officer approves an SMS to the family, who consented, and sees it sent", async () => {
  await officer.goto(missingCaseUrl);
  const sms = officer.locator("[data-family-sms]");
  await sms
    .locator("[data-sms-text]")
    .getByText("TORA FACE: please contact the police station of Bujumbura Centre about your report, reference E2E-RAJ")
    .waitFor();
  const send = sms.getByRole("button", { name: "Send SMS to the family" });
  if (await send.isEnabled()) throw new Error("the SMS can be sent without the officer's approval");
  await sms.getByLabel("Why").selectOption("family_needed");
  await sms.getByLabel("I approve sending this message to the family").check();
  await send.click();
  await sms.getByText("The SMS was sent. Its delivery shows below when the network reports it.").waitFor();
  await sms.locator("li[data-sms-status=sent]").waitFor();
  if (await send.isEnabled()) throw new Error("a second SMS can be sent without a new approval");
  await shot(officer, "family-sms-desktop");
});

await step(
  "another country's officer is refused the case, and told why; the family contact is not offered to those who may not read it",
  async () => {
    const rw = await newPage();
    await signIn(rw, "officer.rw@demo.tora-face.test");
    await rw.locator("nav").waitFor();
    await rw.goto(missingCaseUrl);
    await rw.getByText("This record belongs to another country's police.").waitFor();
    await rw.context().close();
    // an administrator reads every case's contact: the button is there
    await admin.goto(missingCaseUrl);
    await admin.getByRole("button", { name: "Show family contact" }).waitFor();
    const bi = await newPage();
    await signIn(bi, "officer.bi@demo.tora-face.test");
    await bi.locator("nav").waitFor();
    await bi.goto(missingCaseUrl);
    await bi.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
    await bi
      .getByText("A family contact is recorded: only the case's officers, supervisors and administrators can see it.")
      .waitFor();
    if (await bi.getByRole("button", { name: "Show family contact" }).count())
      throw new Error("an officer of another case is offered its family contact");
    if (await bi.getByLabel("Add photos").count())
      throw new Error("an officer of another case is offered to add photos");
    await bi.context().close();
  },
);

await step(
  "the officer corrects the case: the form shows what is recorded, an entry can be corrected but not removed, and only the change is sent",
  async () => {
    await officer.goto(missingCaseUrl);
    await officer.getByRole("link", { name: "Edit the case" }).click();
    await officer.getByRole("heading", { name: "Edit the case" }).waitFor();
    const shown = {
      "Birth year": "1993",
      "Names (comma separated)": RAJ.names,
      "Last seen (date)": RAJ.date,
      Description: RAJ.description,
      "Contact name": "",
    };
    for (const [label, value] of Object.entries(shown)) {
      const actual = await officer.getByLabel(label, { exact: true }).inputValue();
      if (actual !== value) throw new Error(`${label}: the edit form shows "${actual}", recorded "${value}"`);
    }
    const lastSeen = officer.locator("fieldset[data-place=lastSeenPlace]");
    if (
      (await lastSeen.getByLabel("Province").inputValue()) !== "Ngozi" ||
      (await lastSeen.getByLabel("Commune").inputValue()) !== "Kiremba"
    )
      throw new Error("the edit form does not show the recorded place");
    await officer.getByRole("button", { name: "Save changes" }).click();
    await officer.getByText("Nothing was changed.").waitFor();
    await officer.getByLabel("Last seen (date)").fill("");
    await officer.getByRole("button", { name: "Save changes" }).click();
    await officer.getByText("Last seen (date): can be corrected, not removed").waitFor();
    if ((await officer.getByLabel("Last seen (date)").getAttribute("aria-invalid")) !== "true")
      throw new Error("the emptied field is not marked");
    await officer.getByLabel("Last seen (date)").fill(RAJ.date);
    await officer.getByLabel("Birth year").fill("1994");
    await officer.getByRole("button", { name: "Save changes" }).click();
    await officer.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
    await officer.locator("dd[data-fact=age]", { hasText: "born in 1994" }).waitFor();
    const place = await officer.locator("dd[data-fact=lastSeenPlace]").textContent();
    if (place !== `${RAJ.place}, Kiremba, Ngozi (former name, now Butanyerera), Burundi`)
      throw new Error(`the place after the edit: "${place}"`);
    await officer.getByRole("button", { name: "Show family contact" }).click();
    await officer.getByText(`Contact: Family Member (${RAJ.relationship}), +25779000123`).waitFor();
    if (await officer.getByLabel("Birth year").count()) throw new Error("the case page still shows the form");
    // put back what later steps expect
    await officer.goto(`${missingCaseUrl}/edit`);
    await officer.getByLabel("Birth year").fill("1993");
    await officer.getByRole("button", { name: "Save changes" }).click();
    await officer.locator("dd[data-fact=age]", { hasText: "born in 1993" }).waitFor();
  },
);

let groupCaseUrl = "";
await step(
  "a group photo waits for the officer to choose the person: numbered boxes, a tap, the verdict; then it is retracted with a reason",
  async () => {
    await officer.goto(`${PORTAL}/#/cases/new`);
    await officer.getByLabel("Kind of case").selectOption("found");
    await officer.getByLabel("File number (optional)").fill("E2E-GROUP");
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByRole("heading", { name: "E2E-GROUP" }).waitFor();
    groupCaseUrl = officer.url();
    await officer.getByLabel("Add photos").setInputFiles([join(faces, "smoke", "group", "bbt1.jpg")]);
    const photo = officer.locator("li.photo.needs_choice");
    await photo.waitFor({ timeout: 90_000 });
    await photo.getByText(/^\d+ faces found: choose the person of this case$/).waitFor();
    await photo.locator("img[src^='data:image/jpeg']").waitFor();
    const boxes = await photo.locator("[data-face-box]").count();
    const numbers = await photo.locator("button[data-choose]").count();
    if (boxes < 3 || boxes !== numbers)
      throw new Error(`${boxes} boxes and ${numbers} numbered buttons on the group photo`);
    await officer.setViewportSize({ width: 360, height: 740 });
    await shot(officer, "choose-person-360");
    await officer.setViewportSize({ width: 1280, height: 800 });
    await photo.locator('[data-face-box="2"]').click();
    if ((await photo.locator('button[data-choose="2"]').getAttribute("aria-pressed")) !== "true")
      throw new Error("a tap on box 2 did not choose person 2");
    await shot(officer, "choose-person-desktop");
    await photo.getByRole("button", { name: "Person 2 is the person of this case" }).click();
    const chosen = officer.locator("li.photo", { hasText: "bbt1.jpg" });
    await chosen.locator(".verdict-text", { hasText: /^(Accepted: 1 face\(s\) indexed|Not usable: .+)$/ }).waitFor();
    if (await officer.locator("li.photo.needs_choice").count()) throw new Error("the photo still waits for a choice");
    await chosen.getByRole("button", { name: "Retract this photo" }).click();
    await chosen.getByRole("button", { name: "Retract", exact: true }).click();
    await chosen.getByText("Please check the form: Why is it retracted?: is required").waitFor();
    await chosen.getByLabel("Why is it retracted?").fill("e2e: wrong photo, another case's group");
    await chosen.getByRole("button", { name: "Retract", exact: true }).click();
    await officer.locator("li.photo.retracted", { hasText: "e2e: wrong photo, another case's group" }).waitFor();
    // a second group photo stays waiting, for the screens in every language
    await officer.getByLabel("Add photos").setInputFiles([join(faces, "smoke", "group", "bbt2.jpg")]);
    await officer.locator("li.photo.needs_choice").waitFor({ timeout: 90_000 });
  },
);

await step("a photo without a face shows its reason", async () => {
  await officer.goto(missingCaseUrl);
  await officer.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
  await officer.getByLabel("Add photos").setInputFiles([join(faces, "smoke", "nonface", "lp-bmw.jpg")]);
  await officer.getByText("Not usable: no face found").waitFor({ timeout: 60_000 });
});

await step(
  "on a 400 kbps / 400 ms network each photo shows its progress and can be cancelled (the others go on); a large photo arrives resized, upright and without metadata",
  async () => {
    const large = join(faces, "smoke", "group", "couple.jpg"); // 2280 × 1588, 924 KB
    await officer.goto(`${PORTAL}/#/cases/new`);
    await officer.getByLabel("File number (optional)").fill("E2E-SLOW-NETWORK");
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByRole("heading", { name: "E2E-SLOW-NETWORK" }).waitFor();
    const cdp = await officer.context().newCDPSession(officer);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 400,
      downloadThroughput: 50_000,
      uploadThroughput: 50_000,
    });
    try {
      // two photos: the large one is cancelled while it travels, the small one still arrives
      const aborted = officer.waitForEvent("requestfailed", {
        predicate: (r) => r.url().includes("/uploadCasePhoto"),
        timeout: 60_000,
      });
      await officer.getByLabel("Add photos").setInputFiles([large, people("penny", 2)]);
      const first = officer.locator("li.upload", { hasText: "couple.jpg" });
      await first.getByText(/^Sending .* \(the photo was .*\)…$/).waitFor();
      await first.locator("progress").waitFor();
      await officer.locator("li.upload", { hasText: "penny2.png" }).getByText("Waiting…").waitFor();
      await shot(officer, "upload-throttled-cancel");
      await first.getByRole("button", { name: "Cancel" }).click();
      await first.getByText("couple.jpg: cancelled, not added.").waitFor();
      await aborted;
      await officer.locator("li.photo", { hasText: "penny2.png" }).waitFor({ timeout: 90_000 });
      if (await officer.locator("li.photo", { hasText: "couple.jpg" }).count())
        throw new Error("the cancelled photo was added");
      const sent = officer.waitForRequest((r) => r.url().includes("/uploadCasePhoto") && r.method() === "POST", {
        timeout: 60_000,
      });
      const started = Date.now();
      await officer.getByLabel("Add photos").setInputFiles([large]);
      await officer.locator("li.upload progress").waitFor();
      await officer
        .locator("li.upload", { hasText: "couple.jpg" })
        .getByText(/^Sending .* \(the photo was .*\)…$/)
        .waitFor();
      await officer.getByText("Uploading photo 1 of 1").waitFor();
      await shot(officer, "upload-throttled");
      const request = (await sent).postDataJSON().data;
      if (request.fileName !== "couple.jpg") throw new Error(`the photo was sent as "${request.fileName}"`);
      const body = Buffer.from(request.contentBase64, "base64");
      const facts = jpegFacts(body);
      const original = (await readFile(large)).length;
      console.log(
        `  ${Math.round(original / 1024)} KB photo sent as ${Math.round(body.length / 1024)} KB, ${facts.width}×${facts.height}`,
      );
      if (Math.max(facts.width, facts.height) > 1600)
        throw new Error(`the photo arrived at ${facts.width}×${facts.height}`);
      if (facts.width < facts.height) throw new Error("the landscape photo arrived turned");
      if (facts.exif) throw new Error("the photo still carries EXIF metadata");
      if (body.length > original / 2)
        throw new Error(`the photo was barely reduced: ${body.length} of ${original} bytes`);
      await officer.locator("li.photo", { hasText: "couple.jpg" }).waitFor({ timeout: 90_000 });
      await officer.locator("li.upload", { hasText: "couple.jpg" }).waitFor({ state: "detached" });
      console.log(`  sent and checked in ${((Date.now() - started) / 1000).toFixed(1)} s at 400 kbps`);
    } finally {
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
  },
);

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
  // one numbered box per face on the searched photo, and a section titled with each number
  const boxes = await officer
    .locator("svg.face-boxes [data-face-box]")
    .evaluateAll((gs) => gs.map((g) => [g.getAttribute("data-face-box"), g.textContent]));
  const sections = await officer
    .locator("details.face")
    .evaluateAll((ds) => ds.map((d) => [d.getAttribute("data-face"), d.querySelector("h2").textContent]));
  if (boxes.length < 3) throw new Error(`${boxes.length} face boxes on the group photo`);
  if (JSON.stringify(boxes.map(([n, label]) => [n, label])) !== JSON.stringify(sections.map(([n]) => [n, n])))
    throw new Error(`boxes ${JSON.stringify(boxes)} vs sections ${JSON.stringify(sections)}`);
  if (!sections.every(([n, title]) => title === `Face ${n}`))
    throw new Error(`section titles ${JSON.stringify(sections)}`);
  const raj = await candidate.evaluate((li) => li.closest("details").getAttribute("data-face"));
  await officer.locator(`details.face[data-face="${raj}"] > summary`).click(); // closed …
  await officer.locator(`[data-face-box="${raj}"]`).click(); // … and opened by its box
  if (!(await officer.locator(`details.face[data-face="${raj}"]`).evaluate((d) => d.open)))
    throw new Error("a tap on the box did not open its section");
  await shot(officer, "search-desktop");
  await candidate.getByRole("button", { name: "Potential candidate" }).click();
  await candidate.getByText("Conclusion recorded: Potential candidate").waitFor();
  await officer.setViewportSize({ width: 360, height: 740 });
  await shot(officer, "search-360");
  await officer.setViewportSize({ width: 1280, height: 800 });
});

await step(
  "a search for a case by its file number says which country's cases it searched; an unknown number is refused",
  async () => {
    await officer.goto(`${PORTAL}/#/search`);
    await officer.getByLabel("Photo of the person").setInputFiles([people("raj", 4)]);
    await officer.getByLabel("Case reference (optional)").fill("E2E-RAJ");
    await officer.getByRole("button", { name: "Search", exact: true }).click();
    await officer.getByText("Searched among the cases of Burundi.").waitFor({ timeout: 90_000 });
    const link = await officer.getByRole("link", { name: "Open the case of this search" }).getAttribute("href");
    if (!missingCaseUrl.endsWith(link)) throw new Error(`the search names case ${link}, not ${missingCaseUrl}`);
    await officer.getByLabel("Case reference (optional)").fill("NO-SUCH-REF");
    await officer.getByRole("button", { name: "Search", exact: true }).click();
    await officer.getByText("No case of your country has this reference.").waitFor();
  },
);

await step("the officer sees the search in their history", async () => {
  await officer.getByRole("link", { name: "My searches" }).click();
  await officer.getByRole("cell", { name: "e2e: group photo from a shelter" }).waitFor();
  await officer.getByRole("cell", { name: "Potential candidate" }).waitFor();
});

await step(
  "is this the person? the case page compares a photo with the case: every face with its band, below the threshold too, and a conclusion",
  async () => {
    await officer.goto(missingCaseUrl);
    await officer.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
    const compare = officer.locator("section.case-compare");
    await compare.getByLabel("Photo to compare").setInputFiles([people("raj", 4)]);
    await compare.getByRole("button", { name: "Compare with this case" }).click();
    const face = compare.locator("li.candidate[data-face='1']");
    await face.waitFor({ timeout: 90_000 });
    const band = await face.getAttribute("data-band");
    if (band === "below_threshold") throw new Error("raj's own photo scored below the threshold against his case");
    await compare
      .getByText("Candidates are possible leads for an officer to review, not identifications.", { exact: false })
      .waitFor();
    await face.getByRole("button", { name: "Potential candidate" }).click();
    await face.getByText("Conclusion recorded: Potential candidate").waitFor();
    await shot(officer, "compare-desktop");
    await compare.getByLabel("Photo to compare").setInputFiles([join(faces, "smoke", "group", "bbt1.jpg")]);
    await compare.getByRole("button", { name: "Compare with this case" }).click();
    await compare.locator("li.candidate[data-face='4']").waitFor({ timeout: 90_000 });
    const bands = await compare
      .locator("li.candidate")
      .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-band")));
    if (bands.filter((b) => b !== "below_threshold").length !== 1)
      throw new Error(`bands on the group photo: ${bands.join()}`);
    await officer.setViewportSize({ width: 360, height: 740 });
    await compare.scrollIntoViewIfNeeded();
    await noWiderThanScreen(officer);
    await shot(officer, "compare-360");
    await officer.setViewportSize({ width: 1280, height: 800 });
  },
);

/** clips made here from the smoke photos (never kept: they show faces); undefined without ffmpeg */
const ffmpeg = process.env.TORA_FFMPEG ?? "ffmpeg";
const clipDir = spawnSync(ffmpeg, ["-version"]).error ? undefined : mkdtempSync(join(tmpdir(), "tora-e2e-clips-"));
if (!clipDir)
  console.log(`  SKIPPED video clip steps: no ffmpeg at "${ffmpeg}" (apt-get install ffmpeg, or set TORA_FFMPEG)`);
const FRAME =
  "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p";
function makeClip(name, photos, extra = []) {
  const file = join(clipDir, name);
  execFileSync(ffmpeg, [
    ...["-v", "error", "-y"],
    ...photos.flatMap((p) => ["-loop", "1", "-t", "1", "-r", "10", "-i", p]),
    ...[
      "-filter_complex",
      `${photos.map((_, i) => `[${i}:v]${FRAME}[v${i}]`).join(";")};${photos.map((_, i) => `[v${i}]`).join("")}concat=n=${photos.length}:v=1:a=0`,
    ],
    ...["-c:v", "libx264", ...extra],
    file,
  ]);
  return file;
}

await step(
  "a video clip is sampled on the phone: only frames travel, each person seen in several frames is one track with its candidates",
  async () => {
    if (!clipDir) return;
    const clip = makeClip("two-people.mp4", [
      people("raj", 4),
      people("raj", 5),
      people("penny", 3),
      people("penny", 4),
    ]);
    await officer.goto(`${PORTAL}/#/search`);
    await officer.getByRole("link", { name: "Search with a video clip instead" }).click();
    await officer.getByRole("heading", { name: "Search with a video clip" }).waitFor();
    const sent = officer.waitForRequest((r) => r.url().includes("/searchClip") && r.method() === "POST", {
      timeout: 90_000,
    });
    await officer.getByLabel("Video clip").setInputFiles([clip]);
    await officer.getByLabel("Reason (required without a case reference)").fill("e2e: clip from a bus station");
    const started = Date.now();
    await officer.getByRole("button", { name: "Search the clip" }).click();
    const request = (await sent).postDataJSON().data;
    const summary = officer.locator("[data-clip-summary]");
    await summary.waitFor({ timeout: 120_000 });
    const frameBytes = request.frames.reduce((n, f) => n + (f.contentBase64.length * 3) / 4, 0);
    console.log(
      `  ${Math.round(statSync(clip).size / 1024)} KB clip (4 s): ${request.frames.length} frames, ${Math.round(frameBytes / 1024)} KB sent; results in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (request.frames.length !== 4) throw new Error(`${request.frames.length} frames sampled from a 4-second clip`);
    if ((await summary.getAttribute("data-tracks")) !== "2")
      throw new Error(`tracks: ${await summary.getAttribute("data-tracks")}`);
    const perPerson = await officer
      .locator("section.track")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("data-faces")));
    if (perPerson.join() !== "2,2") throw new Error(`faces per track: ${perPerson.join()}`);
    const raj = officer.locator("section.track", { has: officer.locator("li.candidate", { hasText: "E2E-RAJ" }) });
    await raj.locator("img.probe[src^='blob:']").waitFor();
    await raj.locator("li.candidate", { hasText: "E2E-RAJ" }).getByRole("button", { name: "Inconclusive" }).click();
    await raj.getByText("Conclusion recorded: Inconclusive").waitFor();
    await shot(officer, "clip-desktop");
    await officer.setViewportSize({ width: 360, height: 740 });
    await noWiderThanScreen(officer);
    await shot(officer, "clip-360");
    await officer.setViewportSize({ width: 1280, height: 800 });

    // a 30-second full-HD clip of about 30 MB: what leaves the phone is its frames
    const big = join(clipDir, "thirty-seconds.mp4");
    execFileSync(ffmpeg, [
      ...["-v", "error", "-y", "-loop", "1", "-i", join(faces, "smoke", "group", "bbt1.jpg"), "-t", "30", "-r", "25"],
      ...[
        "-vf",
        "scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2,noise=alls=6:allf=t,format=yuv420p",
      ],
      // a phone's sensor noise in every frame, a keyframe a second, 9 Mbit/s: about 30 MB
      ...[
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "30",
        "-b:v",
        "9M",
        "-minrate",
        "9M",
        "-maxrate",
        "9M",
        "-bufsize",
        "2M",
      ],
      big,
    ]);
    const bigSent = officer.waitForRequest((r) => r.url().includes("/searchClip") && r.method() === "POST", {
      timeout: 120_000,
    });
    const bigStarted = Date.now();
    await officer.getByLabel("Video clip").setInputFiles([big]);
    await officer.getByRole("button", { name: "Search the clip" }).click();
    const bigRequest = (await bigSent).postDataJSON().data;
    const sampledIn = (Date.now() - bigStarted) / 1000;
    await officer.locator("[data-clip-summary]").waitFor({ timeout: 180_000 });
    const bigBytes = bigRequest.frames.reduce((n, f) => n + (f.contentBase64.length * 3) / 4, 0);
    const clipMb = statSync(big).size / 1024 / 1024;
    console.log(
      `  ${clipMb.toFixed(1)} MB clip (30 s, 1920×1080): ${bigRequest.frames.length} frames sampled on the page in ${sampledIn.toFixed(1)} s, ${(bigBytes / 1024 / 1024).toFixed(2)} MB sent ` +
        `(${((bigBytes * 8) / 400_000).toFixed(0)} s at 400 kbps instead of ${((statSync(big).size * 8) / 400_000).toFixed(0)} s); results ${((Date.now() - bigStarted) / 1000).toFixed(1)} s after choosing it`,
    );
    if (bigRequest.frames.length !== 30) throw new Error(`${bigRequest.frames.length} frames from a 30-second clip`);
    if (bigBytes > statSync(big).size / 3)
      throw new Error(`${bigBytes} bytes of frames for a ${statSync(big).size}-byte clip`);
    const tracks = await officer.locator("[data-clip-summary]").getAttribute("data-tracks");
    const perTrack = await officer
      .locator("section.track")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("data-faces")));
    console.log(`  the group in all 30 frames: ${tracks} tracks of ${perTrack.join(", ")} faces`);
    if (!perTrack.every((n) => n === "30")) throw new Error(`faces per track in a still group: ${perTrack.join()}`);
  },
);

await step("searches need the network, and say so", async () => {
  await officer.goto(`${PORTAL}/#/search`);
  const note = officer.locator("form[data-screen=search] [data-needs-network]");
  await officer.getByRole("heading", { name: "Search by face" }).waitFor();
  if (await note.isVisible()) throw new Error("the network note shows while online");
  await officer.context().setOffline(true);
  try {
    await note.getByText("Searching needs the network, and there is no connection now.", { exact: false }).waitFor();
    await shot(officer, "search-offline");
  } finally {
    await officer.context().setOffline(false);
  }
  await note.waitFor({ state: "hidden" });
});

await step(
  "without network a case is drafted with its photos, kept encrypted through a reload, and sent in order when the network returns (one case)",
  async () => {
    await officer.goto(`${PORTAL}/#/cases`);
    await officer.evaluate(() => globalThis.navigator.serviceWorker.ready.then(() => true));
    if (!(await officer.evaluate(() => !!globalThis.navigator.serviceWorker.controller))) await officer.reload();
    await officer.getByRole("heading", { name: "Cases" }).waitFor();
    await officer.context().setOffline(true);
    try {
      // the portal opens without network: the shell comes from the service worker
      await officer.evaluate(() => (globalThis.location.hash = "#/cases/new"));
      const opened = await officer.reload();
      if (!opened?.fromServiceWorker())
        throw new Error("the portal was not served by its service worker while offline");
      await officer.locator("[data-offline]").waitFor();
      await officer.getByLabel("Kind of case").selectOption("missing");
      await officer.getByLabel("File number (optional)").fill("E2E-OFFLINE");
      await officer.getByLabel("Names (comma separated)").fill("Stuart Bloom");
      await officer.getByRole("button", { name: "Save as a draft (sent when the network returns)" }).click();
      await officer.getByRole("heading", { name: "E2E-OFFLINE" }).waitFor();
      await officer.locator(".draft-status", { hasText: "Waiting for network" }).waitFor();
      await officer.getByLabel("Add photos to the draft").setInputFiles([people("stuart", 1), people("stuart", 2)]);
      await officer.getByText("Photo kept in the draft: stuart2.png").waitFor();
      await officer.locator("li.draft-photo img[src^='blob:']").nth(1).waitFor();
      // nothing the officer typed is stored in the clear
      const stored = await officer.evaluate(async () => {
        const db = await new Promise((resolve, reject) => {
          const r = globalThis.indexedDB.open("tora-face-offline");
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const all = (store) =>
          new Promise((resolve) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => resolve(r.result);
          });
        const [drafts, sessions] = [await all("drafts"), await all("session")];
        db.close();
        const text = JSON.stringify(drafts, (_, v) =>
          v instanceof ArrayBuffer ? new globalThis.TextDecoder().decode(v) : v,
        );
        return {
          drafts: drafts.length,
          plain: /E2E-OFFLINE|Stuart/.test(text),
          extractable: sessions.map((s) => s.key.extractable),
        };
      });
      if (stored.drafts !== 1 || stored.plain || stored.extractable.some(Boolean))
        throw new Error(`stored drafts: ${JSON.stringify(stored)}`);
      const reloaded = await officer.reload();
      if (!reloaded?.fromServiceWorker()) throw new Error("the reload offline was not served by the service worker");
      await officer.getByRole("heading", { name: "E2E-OFFLINE" }).waitFor();
      await officer.locator("li.draft-photo").nth(1).waitFor();
      await officer.goto(`${PORTAL}/#/drafts`);
      await officer.locator("li.draft", { hasText: "E2E-OFFLINE" }).getByText("Waiting for network").waitFor();
      await officer.setViewportSize({ width: 360, height: 740 });
      await noWiderThanScreen(officer);
      await shot(officer, "drafts-offline-360");
      await officer.setViewportSize({ width: 1280, height: 800 });
    } finally {
      await officer.context().setOffline(false);
    }
    // back online: the draft goes by itself, the case first and then its photos
    const sent = officer.locator("[data-sent-case]", { hasText: "Sent: E2E-OFFLINE" });
    await sent.waitFor({ timeout: 120_000 });
    await shot(officer, "drafts-sent");
    await sent.getByRole("link", { name: "Open the case" }).click();
    await officer.getByRole("heading", { name: "E2E-OFFLINE" }).waitFor();
    await officer.locator(".verdict.indexed").nth(1).waitFor({ timeout: 90_000 });
    const names = await officer.locator("li.photo .file-name").allTextContents();
    if (names.sort().join() !== "stuart1.png,stuart2.png") throw new Error(`photos of the sent draft: ${names.join()}`);
    await officer.goto(`${PORTAL}/#/cases`);
    await officer.locator("[data-screen=cases] .cards", { hasText: "E2E-OFFLINE" }).waitFor();
    const copies = await officer.locator("[data-screen=cases] a.case", { hasText: "E2E-OFFLINE" }).count();
    if (copies !== 1) throw new Error(`${copies} cases E2E-OFFLINE`);
  },
);

await step("the admin sees the outcome in the audit log, and the statistics", async () => {
  await admin.getByRole("link", { name: "Audit log" }).click();
  await admin.getByLabel("Action").selectOption("search.outcome");
  await admin.getByLabel("Officer's e-mail").fill(email);
  await admin.getByRole("button", { name: "Filter" }).click();
  await admin.getByRole("cell", { name: "Conclusion recorded" }).first().waitFor();
  const actors = await admin.locator("td .actor").allTextContents();
  if (!actors.length || !actors.every((a) => a === `${OFFICER_NAME}${email}`))
    throw new Error(`actors shown: ${JSON.stringify(actors)}`);
  await shot(admin, "audit-desktop");
  await admin.getByLabel("Officer's e-mail").fill("admin@demo.tora-face.test");
  await admin.getByRole("button", { name: "Filter" }).click();
  await admin.getByText("No entries.").waitFor();
  await admin.getByRole("link", { name: "Statistics" }).click();
  await admin.getByRole("heading", { name: "Searches per day" }).waitFor();
  await shot(admin, "stats-desktop");
});

await step(
  "an appeal is drafted from the case's facts, edited and approved by the case's officer; nothing is approved before",
  async () => {
    await officer.goto(missingCaseUrl);
    await officer.getByRole("link", { name: "Public appeal" }).click();
    await officer.getByText("No appeal yet.").waitFor();
    await officer.getByRole("button", { name: "Draft an appeal" }).click();
    await officer.getByRole("heading", { name: "Draft — not published" }).waitFor();
    const english = officer.getByLabel("English", { exact: true });
    if (!(await english.inputValue()).startsWith("MISSING PERSON"))
      throw new Error(`draft: ${await english.inputValue()}`);
    await english.fill(`${await english.inputValue()}\nChecked by the case officer.`);
    await shot(officer, "appeal-draft-desktop");
    await officer.getByRole("button", { name: "Approve these texts" }).click();
    await officer.getByRole("heading", { name: "Approved appeal" }).waitFor();
    await officer.getByText("Checked by the case officer.").waitFor();
    await officer.getByText(new RegExp(`^Approved by ${OFFICER_NAME},`)).waitFor();
  },
);

await step(
  "an erasure asked by one administrator waits for a second one; the face model page shows the active model; an officer's notifications",
  async () => {
    await admin.getByRole("link", { name: "Erasure" }).click();
    // the file number, as officers know the case (the id is read too)
    await admin.getByLabel("File number (or case id)").fill("E2E-FOUND-PENNY");
    await admin.getByLabel("Legal ground").fill("e2e: the family's request");
    await admin.getByRole("button", { name: "Ask for the erasure" }).click();
    const request = admin.locator("li[data-erasure]", { hasText: "E2E-FOUND-PENNY" }).first();
    await request.getByText("You asked for this erasure: another administrator must approve it.").waitFor();
    if (await request.getByRole("button", { name: "Approve and erase now" }).count())
      throw new Error("the administrator who asked is offered the approval");
    await shot(admin, "erasure-desktop");
    await request.getByLabel("Why (to decline or withdraw)").fill("e2e: withdrawn");
    await request.getByRole("button", { name: "Withdraw" }).click();
    await admin.locator("li[data-status='declined']", { hasText: "E2E-FOUND-PENNY" }).waitFor();
    await admin.getByRole("link", { name: "Face model" }).click();
    await admin.getByText(/^Search uses /).waitFor();
    await officer.getByRole("link", { name: "Notifications" }).click();
    await officer.locator("[data-screen=notifications]").waitFor();
  },
);

await step("phone-sized screens", async () => {
  const phone = await newPage(360, 740);
  await signIn(phone, "officer.bi@demo.tora-face.test");
  await phone.getByRole("heading", { name: "Cases" }).waitFor();
  if (await phone.getByRole("button", { name: "Show more" }).isVisible())
    throw new Error("'Show more' shown without a next page");
  await shot(phone, "cases-360");
  await phone.goto(missingCaseUrl);
  await phone.getByRole("heading", { name: "E2E-RAJ" }).waitFor();
  await shot(phone, "case-360");
  const overflow = await phone.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
  if (overflow > 0) throw new Error(`page is ${overflow}px wider than a 360px screen`);
});

await step(
  "a reload while the backend is unreachable shows the frame (menu, language, sign-out) and a retry",
  async () => {
    await officer.route("http://127.0.0.1:5001/**", (route) => route.abort());
    try {
      await officer.goto(`${PORTAL}/#/cases`);
      await officer.reload();
      await officer.getByRole("heading", { name: "Your profile could not be loaded." }).waitFor();
      await officer.getByText("The TORA FACE service is not answering. Try again in a moment.").waitFor();
      for (const name of ["Cases", "Search", "My searches"])
        await officer.getByRole("link", { name, exact: true }).waitFor();
      await officer.getByRole("button", { name: "Sign out" }).waitFor();
      await officer.locator("#language").waitFor();
      await shot(officer, "unreachable-desktop");
    } finally {
      await officer.unroute("http://127.0.0.1:5001/**");
    }
    await officer.getByRole("button", { name: "Try again" }).click();
    await officer.getByRole("heading", { name: "Cases" }).waitFor();
  },
);

await step("an administrator's own card has no Suspend button; suspension has its own reason field", async () => {
  await admin.getByRole("link", { name: "Officers" }).click();
  const own = admin.locator("li[data-self]");
  await own.waitFor();
  if (await own.getByRole("button").count())
    throw new Error("the administrator's own card offers actions on their own account");
  const other = admin.locator("li", { hasText: OFFICER_NAME });
  await other.getByLabel("Reason for the suspension").waitFor();
  if (await other.getByLabel("What you checked (badge, station)").count())
    throw new Error("the suspension reuses the approval's note field");
  const suspendButtons = await admin.getByRole("button", { name: "Suspend" }).count();
  const reasonFields = await admin.getByLabel("Reason for the suspension").count();
  if (suspendButtons !== reasonFields)
    throw new Error(`${suspendButtons} Suspend buttons for ${reasonFields} reason fields`);
});

await step("an administrator sets an officer's own search budget", async () => {
  const card = admin.locator("li", { hasText: OFFICER_NAME });
  await card.getByText("Search budget: the default").waitFor();
  await card.getByLabel("Searches per 24 hours").fill("500");
  await card.getByLabel("Why (e.g. shelter intake week)").fill("e2e: shelter intake week");
  await card.getByRole("button", { name: "Set the search budget" }).click();
  await admin.locator("li", { hasText: OFFICER_NAME }).getByText("Own search budget: 500 per 24 hours").waitFor();
});

// Reunification: the missing person's officer is the officer approved above; the shelter officer is
// the demo Burundi officer; the administrator confirms as the second officer.
const AMY = {
  names: "Amy Farrah Fowler",
  lastSeenDetails: "ku isoko rya Ngozi",
  family: { name: "Mama Amy", relationship: "nyina", phone: "+25779000789" },
  shelter: "Centre Ubuntu",
  custody: { name: "Mireille Nduwimana", relationship: "umuyobozi", phone: "+25779000456" },
  reviewNote: "e2e: inkovu ku kananwa",
  confirmNote: "e2e: umuryango warabemeje",
  noCrossMatch: "e2e: umuryango ntushaka kugereranywa",
};
typedByPeople.push(
  AMY.names,
  AMY.lastSeenDetails,
  AMY.family.name,
  AMY.family.relationship,
  AMY.shelter,
  AMY.custody.name,
  AMY.custody.relationship,
  AMY.reviewNote,
  AMY.confirmNote,
  AMY.noCrossMatch,
  "Leonard Hofstadter",
  "Demo Officer Burundi",
);
let missingAmyUrl = "";
let foundAmyUrl = "";
let amyPairUrl = "";

await step(
  "the missing person's officer records a birth year, the date and the place last seen; a case kept out of the cross-match says why on its page",
  async () => {
    await officer.goto(`${PORTAL}/#/cases/new`);
    await officer.getByLabel("Kind of case").selectOption("missing");
    await officer.getByLabel("File number (optional)").fill("E2E-MISSING-AMY");
    await officer.getByLabel("Names (comma separated)").fill(AMY.names);
    await officer.getByLabel("Sex").selectOption("female");
    await officer.getByLabel("Birth year").fill("2010");
    await officer.getByLabel("Last seen (date)").fill("2026-10-01");
    const place = officer.locator("fieldset[data-place=lastSeenPlace]");
    await place.getByLabel("Province").selectOption("Butanyerera");
    await place.getByLabel("Commune").selectOption("Ngozi");
    await place.getByLabel("Details (colline, sector, landmark)").fill(AMY.lastSeenDetails);
    await officer.getByLabel("Contact name").fill(AMY.family.name);
    await officer.getByLabel("Relationship").fill(AMY.family.relationship);
    await officer.getByLabel("Contact phone").fill(AMY.family.phone);
    await officer.getByLabel("Legal basis").selectOption("family_report");
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByRole("heading", { name: "E2E-MISSING-AMY" }).waitFor();
    missingAmyUrl = officer.url();
    const facts = Object.fromEntries(
      await officer
        .locator("dl.facts dd")
        .evaluateAll((dds) => dds.map((dd) => [dd.getAttribute("data-fact"), dd.textContent])),
    );
    const wanted = {
      age: "born in 2010",
      lastSeenPlace: `${AMY.lastSeenDetails}, Ngozi, Butanyerera, Burundi`,
      lastSeenDate: "Oct 1, 2026",
      legalBasis: "Report by the family",
    };
    for (const [fact, value] of Object.entries(wanted))
      if (facts[fact] !== value) throw new Error(`${fact}: "${facts[fact]}", wanted "${value}"`);
    await officer.getByLabel("Photos taken on (optional)").fill("2026-09-15");
    await officer.getByLabel("Add photos").setInputFiles([people("amy", 1), people("amy", 2)]);
    await officer.locator(".verdict.indexed").nth(1).waitFor({ timeout: 90_000 });
    await officer.locator("li.photo [data-photo-date='2026-09-15']").nth(1).waitFor();

    await officer.goto(`${PORTAL}/#/cases/new`);
    await officer.getByLabel("File number (optional)").fill("E2E-NO-CROSSMATCH");
    await officer.getByLabel(/^May be cross-matched/).uncheck();
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByText("Please check the form: Why not (required): is required").waitFor();
    await officer.getByLabel("Why not (required)").fill(AMY.noCrossMatch);
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByRole("heading", { name: "E2E-NO-CROSSMATCH" }).waitFor();
    await officer
      .locator("[data-cross-match=excluded]", { hasText: `Excluded from cross-match: ${AMY.noCrossMatch}` })
      .waitFor();
    if ((await officer.locator("dd[data-fact=crossMatch]").textContent()) !== "excluded (see above)")
      throw new Error("the facts do not say the case is excluded");
  },
);

await step(
  "a shelter officer registers a found child with a photo: date and place found, where held, condition, estimated age, sealed custody contact",
  async () => {
    shelter = await newPage();
    await signIn(shelter, "officer.bi@demo.tora-face.test");
    await shelter.locator("nav").waitFor();
    await shelter.goto(`${PORTAL}/#/cases/new`);
    await shelter.getByLabel("Kind of case").selectOption("found");
    if (await shelter.getByLabel("Birth year").count()) throw new Error("a found case's form asks for a birth year");
    await shelter.getByLabel("File number (optional)").fill("E2E-FOUND-AMY");
    await shelter.getByLabel("Sex").selectOption("female");
    await shelter.getByLabel("Date found").fill("2026-11-20");
    await shelter.getByLabel("Age from").fill("14");
    await shelter.getByLabel("Age to").fill("18");
    await shelter.getByLabel("Condition").selectOption("alive");
    const place = shelter.locator("fieldset[data-place=foundPlace]");
    await place.getByLabel("Province").selectOption("Butanyerera");
    await place.getByLabel("Commune").selectOption("Kiremba");
    await shelter.getByLabel("Where the person is now").selectOption("shelter");
    await shelter.getByLabel("Name of that place (hospital, shelter…)").fill(AMY.shelter);
    await shelter.getByLabel("The person cannot say who they are").check();
    await shelter.getByLabel("Contact name").fill(AMY.custody.name);
    await shelter.getByLabel("Role (e.g. nurse in charge)").fill(AMY.custody.relationship);
    await shelter.getByLabel("Contact phone").fill(AMY.custody.phone);
    await shelter.getByLabel("Legal basis").selectOption("vital_interest");
    await shelter.setViewportSize({ width: 360, height: 740 });
    await shot(shelter, "new-found-case-360");
    await shelter.setViewportSize({ width: 1280, height: 800 });
    await shelter.getByRole("button", { name: "Create case" }).click();
    await shelter.getByRole("heading", { name: "E2E-FOUND-AMY" }).waitFor();
    foundAmyUrl = shelter.url();
    const facts = Object.fromEntries(
      await shelter
        .locator("dl.facts dd")
        .evaluateAll((dds) => dds.map((dd) => [dd.getAttribute("data-fact"), dd.textContent])),
    );
    const wanted = {
      age: "14–18 years",
      dateFound: "Nov 20, 2026",
      foundPlace: "Kiremba, Butanyerera, Burundi",
      heldAt: `Shelter: ${AMY.shelter}`,
      condition: "Alive and well",
      cannotIdentify: "cannot say who they are",
      legalBasis: "Vital interest of the person",
    };
    for (const [fact, value] of Object.entries(wanted))
      if (facts[fact] !== value) throw new Error(`${fact}: "${facts[fact]}", wanted "${value}"`);
    await shelter.getByRole("button", { name: "Show custody contact" }).click();
    await shelter
      .getByText(`Custody: ${AMY.custody.name} (${AMY.custody.relationship}), ${AMY.custody.phone}`)
      .waitFor();
    await shelter.getByLabel("Photos taken on (optional)").fill("2026-11-20");
    await shelter.getByLabel("Add photos").setInputFiles([people("amy", 3)]);
    await shelter.getByText("Accepted: 1 face(s) indexed").waitFor({ timeout: 90_000 });
    await shot(shelter, "found-case-desktop");
  },
);

await step(
  "the missing person's officer sees the candidate in the queue (a badge in the menu), both faces side by side, the factors in words, and marks it potential with a reason",
  async () => {
    await officer.goto(`${PORTAL}/#/matches`);
    await officer.reload(); // the menu's counts are asked again at most once a minute; a reload asks at once
    await officer.locator("[data-badge=matches]:not([hidden])").waitFor();
    const card = officer.locator("a.pair", { hasText: "E2E-FOUND-AMY" });
    await card.waitFor();
    if (!(await card.textContent()).includes("E2E-MISSING-AMY"))
      throw new Error("the pair's card does not name the missing case");
    await shot(officer, "matches-desktop");
    await card.click();
    await officer.getByRole("heading", { name: "Possible match: a missing and a found person" }).waitFor();
    amyPairUrl = officer.url();
    await officer.locator(".pair-face img[src^='data:image/jpeg']").nth(1).waitFor();
    const factors = Object.fromEntries(
      await officer
        .locator(".factors li")
        .evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-factor"), li.textContent])),
    );
    const wanted = {
      sex_same: "same sex (Female)",
      age_overlap: "age ranges overlap: 14–17 and 14–18",
      found_after_last_seen: "found 50 days after last seen",
      place_same_level1: "same province (Butanyerera), different commune (Ngozi / Kiremba)",
    };
    for (const [code, sentence] of Object.entries(wanted))
      if (!factors[code]?.endsWith(sentence))
        throw new Error(`${code}: "${factors[code]}", wanted "… ${sentence}" (${JSON.stringify(factors)})`);
    // the reasons in words first, each with its direction; the weights behind "details"
    if (!factors.face_similarity?.startsWith("✓")) throw new Error(`face factor: ${factors.face_similarity}`);
    const weight = await officer.locator("[data-numbers] .weights li[data-factor=face_similarity]").textContent();
    if (!weight.startsWith("+")) throw new Error(`face factor's weight: ${weight}`);
    if (await officer.locator("[data-numbers] .versions").isVisible())
      throw new Error("the model and calibration versions show before the details are opened");
    await officer.locator("[data-event=opened]", { hasText: "Opened by the cross-match" }).waitFor();
    // no reason chosen: the outcome is refused, the field named
    await officer.locator("[data-review] button[data-outcome=potential_candidate]").click();
    await officer.getByText("Please check the form: Reason: is required").waitFor();
    await officer.getByLabel("Reason", { exact: true }).selectOption("faces_match");
    await officer.getByLabel("Note (required when the reason is “Other”)").fill(AMY.reviewNote);
    await officer.locator("[data-review] button[data-outcome=potential_candidate]").click();
    await officer.locator("[data-screen=match][data-state=potential]").waitFor();
    // four eyes: the officer who marked it is told why they may not confirm
    await officer
      .locator("[data-confirm=refused] [data-refusal=match_same_reviewer]", {
        hasText: ERROR_REASONS.match_same_reviewer.message,
      })
      .waitFor();
    await officer.locator("[data-event=reviewed]", { hasText: AMY.reviewNote }).waitFor();
    await shot(officer, "match-potential-desktop");
  },
);

await step(
  "an administrator confirms the reunification: both cases are resolved, the contacts are shown; the officers are notified and read it",
  async () => {
    await admin.goto(amyPairUrl);
    await admin.locator("[data-confirm=allowed]").waitFor();
    await admin.getByLabel("Note (optional)").fill(AMY.confirmNote);
    await admin.getByRole("button", { name: "Confirm reunification" }).click();
    // asked once more, with both cases shown: nothing is confirmed yet
    for (const ref of ["E2E-MISSING-AMY", "E2E-FOUND-AMY"])
      await admin.locator("[data-confirm-check] .confirm-cases li", { hasText: ref }).waitFor();
    await shot(admin, "match-confirm-check-desktop");
    if (await admin.locator("[data-screen=match][data-state=confirmed]").count())
      throw new Error("confirmed before being asked once more");
    await admin.getByRole("button", { name: "Yes, confirm the reunification" }).click();
    await admin.locator("[data-screen=match][data-state=confirmed]").waitFor();
    await admin.getByText("Reunification confirmed: both cases are resolved.").waitFor();
    await admin.getByRole("button", { name: "Show the contacts" }).click();
    await admin.getByText(`Contact: ${AMY.family.name} (${AMY.family.relationship}), ${AMY.family.phone}`).waitFor();
    await admin.getByText(`Custody: ${AMY.custody.name} (${AMY.custody.relationship}), ${AMY.custody.phone}`).waitFor();
    await shot(admin, "match-confirmed-desktop");
    for (const url of [missingAmyUrl, foundAmyUrl]) {
      await admin.goto(url);
      await admin.locator("[data-outcome=reunified]").waitFor();
      const status = await admin.locator("dd[data-fact=status]").textContent();
      if (status !== "Resolved: reunified") throw new Error(`${url}: status "${status}"`);
    }
    // the found person's officer reads the family's contact on the pair
    await shelter.goto(amyPairUrl);
    await shelter.getByRole("button", { name: "Show the contacts" }).click();
    await shelter.getByText(`Contact: ${AMY.family.name} (${AMY.family.relationship}), ${AMY.family.phone}`).waitFor();
    // and is told: a new candidate, a confirmation needed, the reunification confirmed
    await shelter.reload();
    await shelter.locator("[data-badge=notifications]:not([hidden])").waitFor();
    await shelter.getByRole("link", { name: /^Notifications/ }).click();
    for (const kind of ["new_candidate", "confirmation_needed", "reunification_confirmed"])
      await shelter.locator(`li[data-notification=${kind}][data-read=false]`).first().waitFor();
    await shelter
      .locator("li[data-notification=reunification_confirmed]")
      .first()
      .getByText("Reunification confirmed: missing case E2E-MISSING-AMY and found case E2E-FOUND-AMY are resolved.")
      .waitFor();
    await shot(shelter, "notifications-desktop");
    await shelter.getByRole("button", { name: "Mark all as read" }).click();
    await shelter.locator("[data-badge=notifications]").waitFor({ state: "hidden" });
    if (await shelter.locator("li[data-read=false]").count())
      throw new Error("notifications still unread after 'Mark all as read'");
    // the missing person's officer opens the confirmation from a notification: it is read
    await officer.goto(`${PORTAL}/#/notifications`);
    const confirmed = officer.locator("li[data-notification=reunification_confirmed][data-read=false]").first();
    await confirmed.getByRole("link", { name: "Open the pair" }).click();
    await officer.locator("[data-screen=match][data-state=confirmed]").waitFor();
    await officer.goto(`${PORTAL}/#/notifications`);
    await officer.locator("li[data-notification=reunification_confirmed][data-read=true]").first().waitFor();
  },
);

let longMissingUrl = "";
await step(
  "the reunification's evidence file, in Kirundi and French: every factor and both officers on the print page (A4, 360 px) and in its PDF",
  async () => {
    const leaks = [];
    const single = (text) => text.replace(/\s+/g, " ").trim();
    for (const language of ["rn", "fr"]) {
      const d = dictionaries[language];
      await shelter.locator("#language").selectOption(language);
      await shelter.locator(`html[lang=${language}]`).waitFor();
      // the pair page's factors, as the officer reads them there
      await shelter.goto(amyPairUrl);
      await shelter.locator("[data-screen=match][data-state=confirmed] .factors li").first().waitFor();
      const onPair = await shelter
        .locator(".factors li")
        .evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-factor"), li.textContent]));
      await shelter.locator("a[data-evidence-link=confirmed]").click();
      await shelter.locator("[data-screen=evidence][data-state=confirmed]").waitFor();
      await shelter.locator(".evidence-faces img[src^='data:image/jpeg']").nth(1).waitFor();
      const onRecord = await shelter
        .locator(".evidence-factors li")
        .evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-factor"), li.lastElementChild.textContent]));
      if (onRecord.length !== onPair.length || onRecord.length < 5)
        throw new Error(`${language}: ${onRecord.length} factors on the record, ${onPair.length} on the pair page`);
      for (const [i, [code, sentence]] of onRecord.entries())
        if (onPair[i][0] !== code || !onPair[i][1].endsWith(sentence))
          throw new Error(`${language} ${code}: "${sentence}" is not the pair page's "${onPair[i][1]}"`);
      // in the reader's language, from the shared words
      const sexSame = d["factor.sex_same"].replace("{sex}", d["sex.female"]);
      if (!onRecord.some(([code, sentence]) => code === "sex_same" && sentence === sexSame))
        throw new Error(`${language}: no "${sexSame}"`);
      const marked = await shelter.locator("[data-section=officers] dd[data-fact=marked]").textContent();
      const confirmed = await shelter.locator("[data-section=officers] dd[data-fact=confirmed]").textContent();
      if (
        !marked.includes(OFFICER_NAME) ||
        !confirmed.includes("Demo Administrator") ||
        !confirmed.includes(AMY.confirmNote)
      )
        throw new Error(`${language}: the officers read "${marked}" and "${confirmed}"`);
      await shelter.getByText(d["evidence.statement"]).waitFor();
      for (const who of [OFFICER_NAME, "Demo Administrator"])
        await shelter.locator(".evidence .events li", { hasText: who }).first().waitFor();
      if (await shelter.locator("[data-section=contacts] dd").count())
        throw new Error("contacts on the record without being asked for");
      for (const english of await englishOn(shelter, language)) leaks.push(`${language}: "${english}"`);
      // the PDF of the same record: its text holds every factor and both officers
      const [download] = await Promise.all([
        shelter.waitForEvent("download"),
        shelter.locator("button[data-pdf]").click(),
      ]);
      if (!download.suggestedFilename().endsWith(`-${language}.pdf`))
        throw new Error(`PDF named ${download.suggestedFilename()}`);
      const pdf = await getDocumentProxy(new Uint8Array(await readFile(await download.path())));
      const text = single((await extractText(pdf, { mergePages: true })).text);
      for (const [code, sentence] of onRecord)
        if (!text.includes(single(sentence))) throw new Error(`${language} PDF: factor ${code} "${sentence}" missing`);
      for (const needed of [
        OFFICER_NAME,
        "Demo Administrator",
        d["evidence.title"],
        d["evidence.markedBy"],
        d["evidence.confirmedBy"],
      ])
        if (!text.includes(single(needed))) throw new Error(`${language} PDF: "${needed}" missing`);
      // A4 print, then a phone
      await shelter.emulateMedia({ media: "print" });
      await shelter.setViewportSize({ width: 794, height: 1123 });
      await shot(shelter, `evidence-print-a4-${language}`);
      await shelter.emulateMedia({ media: "screen" });
      await shelter.setViewportSize({ width: 360, height: 740 });
      await noWiderThanScreen(shelter);
      await shot(shelter, `evidence-360-${language}`);
      await shelter.setViewportSize({ width: 1280, height: 800 });
    }
    // the contacts, asked for by an officer of the pair's cases, are on the record
    await shelter.getByLabel(dictionaries.fr["evidenceScreen.includeContacts"]).check();
    await shelter.locator("[data-section=contacts] dd[data-fact=family]", { hasText: AMY.family.phone }).waitFor();
    await shelter.locator("[data-section=contacts] dd[data-fact=custody]", { hasText: AMY.custody.phone }).waitFor();
    await shelter.locator("#language").selectOption("en");
    if (leaks.length) throw new Error(`English on the translated record: ${leaks.join("; ")}`);
  },
);

await step(
  "a search for a person missing for years lists the closest faces whatever their score, says why, and warns about the years between the photos; a second report of the same person reads as a possible duplicate",
  async () => {
    await officer.goto(`${PORTAL}/#/cases/new`);
    await officer.getByLabel("File number (optional)").fill("E2E-LONG-MISSING");
    await officer.getByLabel("Names (comma separated)").fill("Leonard Hofstadter");
    await officer.getByLabel("Birth year").fill("2004");
    await officer.getByLabel("Last seen (date)").fill("2012-06-01");
    await officer.getByRole("button", { name: "Create case" }).click();
    await officer.getByRole("heading", { name: "E2E-LONG-MISSING" }).waitFor();
    longMissingUrl = officer.url();
    await officer.getByLabel("Photos taken on (optional)").fill("2012-05-01");
    await officer.getByLabel("Add photos").setInputFiles([people("leonard", 1)]);
    await officer.getByText("Accepted: 1 face(s) indexed").waitFor({ timeout: 90_000 });
    // a search for this case: its photos are years old, so the list is investigative on its own
    await officer.goto(`${PORTAL}/#/search`);
    await officer.getByLabel("Photo of the person").setInputFiles([people("leonard", 2)]);
    await officer.getByLabel("Case reference (optional)").fill("E2E-LONG-MISSING");
    // the years between the photos are measured from the searched photo's date (without it, none is claimed)
    await officer.getByLabel("When was this photo taken? (optional)").fill("2026-11-01");
    await officer.getByRole("button", { name: "Search", exact: true }).click();
    await officer.locator("[data-mode=investigate][data-mode-reason=old_photos]").waitFor({ timeout: 90_000 });
    await officer.getByText("Most of this list is not the person.", { exact: false }).waitFor();
    await officer.locator("li.candidate.band-below_threshold", { hasText: "Below the threshold" }).first().waitFor();
    await officer.locator("li.candidate img[src^='data:image/jpeg']").first().waitFor();
    // the case searched for is not among its own candidates
    if (await officer.locator("li.candidate", { hasText: "E2E-LONG-MISSING" }).count())
      throw new Error("the case searched for is listed among its candidates");
    await shot(officer, "search-investigative-desktop");
    // asked for, without a case: the missing case itself is a candidate, its photos years older than the searched one
    await officer.getByLabel("Case reference (optional)").fill("");
    await officer.getByLabel("Reason (required without a case reference)").fill("e2e: long missing");
    await officer.getByLabel("Person missing for years: list the closest faces whatever their score").check();
    await officer.getByRole("button", { name: "Search", exact: true }).click();
    await officer.locator("[data-mode=investigate][data-mode-reason=asked]").waitFor({ timeout: 90_000 });
    const own = officer.locator("li.candidate", { hasText: "E2E-LONG-MISSING" }).first();
    await own.getByText(/^Photos about 1[45] years apart: the face score is less reliable\.$/).waitFor();
    // another station reports the same man missing: a possible duplicate in the queue
    await shelter.goto(`${PORTAL}/#/cases/new`);
    await shelter.getByLabel("File number (optional)").fill("E2E-LONG-MISSING-2");
    await shelter.getByRole("button", { name: "Create case" }).click();
    await shelter.getByRole("heading", { name: "E2E-LONG-MISSING-2" }).waitFor();
    await shelter.getByLabel("Add photos").setInputFiles([people("leonard", 4)]);
    await shelter.getByText("Accepted: 1 face(s) indexed").waitFor({ timeout: 90_000 });
    await officer.goto(`${PORTAL}/#/matches`);
    const duplicate = officer.locator("a.pair", { hasText: "E2E-LONG-MISSING-2" });
    await duplicate.getByText("Possible duplicate").waitFor();
    await duplicate.click();
    await officer.getByRole("heading", { name: "Possible duplicate: two cases that may be the same person" }).waitFor();
    await officer.locator(".pair-face img[src^='data:image/jpeg']").nth(1).waitFor();
    if (await officer.locator("[data-confirm]").count()) throw new Error("a possible duplicate offers a reunification");
    await officer.locator(".factors li[data-factor=face_similarity]").waitFor();
    await shot(officer, "duplicate-desktop");
  },
);

await step(
  "the case page of a person missing for years shows the candidate list at once: every open found person ranked whatever the band, the notice that most of it is not the person; reviewing a candidate opens it as a pair, and 'no candidate' keeps it off the list",
  async () => {
    // two found men registered by the shelter: the long-missing man as an adult, and a stranger
    for (const [ref, person, n] of [
      ["E2E-FOUND-LEONARD", "leonard", 5],
      ["E2E-FOUND-HOWARD", "howard", 1],
    ]) {
      await shelter.goto(`${PORTAL}/#/cases/new`);
      await shelter.getByLabel("Kind of case").selectOption("found");
      await shelter.getByLabel("File number (optional)").fill(ref);
      await shelter.getByLabel("Sex").selectOption("male");
      await shelter.getByLabel("Date found").fill("2026-11-01");
      await shelter.getByLabel("Age from").fill("19");
      await shelter.getByLabel("Age to").fill("26");
      await shelter.getByRole("button", { name: "Create case" }).click();
      await shelter.getByRole("heading", { name: ref }).waitFor();
      await shelter.getByLabel("Photos taken on (optional)").fill("2026-11-01");
      await shelter.getByLabel("Add photos").setInputFiles([people(person, n)]);
      await shelter.getByText("Accepted: 1 face(s) indexed").waitFor({ timeout: 90_000 });
    }
    // last seen in 2012: the list is shown without asking
    await officer.goto(longMissingUrl);
    await officer.getByRole("heading", { name: "E2E-LONG-MISSING", exact: true }).waitFor();
    await officer
      .locator("[data-candidates-notice]", { hasText: "Most of this list is NOT the person" })
      .waitFor({ timeout: 60_000 });
    if (await officer.locator("[data-candidates-show]").count())
      throw new Error("a long-missing person's list waits for a click");
    const cards = officer.locator("li.candidate-card");
    const first = cards.first();
    await first.locator("strong", { hasText: "E2E-FOUND-LEONARD" }).waitFor();
    await first.locator("[data-age-gap]").waitFor();
    await first.locator("img[src^='data:image/jpeg']").waitFor();
    // the stranger: reviewed from the list, it becomes a pair; "no candidate" takes it off the list
    const stranger = cards.filter({ hasText: "E2E-FOUND-HOWARD" });
    await stranger.locator("summary").click();
    await stranger.locator("[data-factor=face_similarity]").waitFor();
    await shot(officer, "case-candidates-desktop");
    await stranger.getByRole("button", { name: "Review this candidate" }).click();
    await officer.locator("[data-screen=match][data-state=new]").waitFor();
    await officer.getByLabel("Reason", { exact: true }).selectOption("faces_differ");
    await officer.locator("[data-review] button[data-outcome=no_candidate]").click();
    await officer.locator("[data-screen=match][data-state=no_candidate]").waitFor();
    await officer.goto(longMissingUrl);
    await officer
      .locator("[data-candidates-scope]", { hasText: '1 reviewed as "no candidate" are left out.' })
      .waitFor({ timeout: 60_000 });
    if (await officer.locator("li.candidate-card", { hasText: "E2E-FOUND-HOWARD" }).count())
      throw new Error("a candidate reviewed 'no candidate' is still listed");
    // a case seen recently: the list is one click away
    await officer.goto(missingCaseUrl);
    await officer.locator("[data-candidates-show]").click();
    await officer.locator("[data-candidates-scope]").waitFor({ timeout: 60_000 });
  },
);

const LANGUAGES = ["en", "fr", "sw", "rn", "rw"];
await step(
  "phone screens in five languages: nothing wider than 360 px, no English left on the French, Kirundi and Kinyarwanda screens",
  async () => {
    const leaks = [];
    const phone = await newPage(360, 740);
    const phoneAdmin = await newPage(360, 740);
    const phoneRw = await newPage(360, 740);
    const signedOut = await newPage(360, 740);
    await signIn(phone, email, "Officer-Passw0rd!");
    await phone.getByRole("heading", { name: "Cases" }).waitFor();
    await signIn(phoneAdmin, "admin@demo.tora-face.test");
    await phoneAdmin.locator("nav").waitFor();
    await signIn(phoneRw, "officer.rw@demo.tora-face.test");
    await phoneRw.locator("nav").waitFor();
    await signedOut.goto(PORTAL);
    // a new account, signed in to the verification screen only
    const unverified = await newPage(360, 740);
    await unverified.goto(PORTAL);
    await unverified.getByRole("button", { name: "I need an account" }).click();
    await unverified.getByLabel("Email").fill(`unverified-${Date.now()}@example.org`);
    await unverified.getByLabel("Password").fill("Officer-Passw0rd!");
    await unverified.getByRole("button", { name: "Create an account" }).click();
    await unverified.getByRole("heading", { name: "Verify your email address" }).waitFor();
    /** a refusal in the language: its translation, or in English the catalogue's sentence */
    const refusal = (language, reason) => dictionaries[language][`reason.${reason}`] ?? ERROR_REASONS[reason].message;
    const says = async (page, text) => {
      const shown = await page.locator(".msg-error").first().textContent({ timeout: 60_000 });
      if (!shown.includes(text)) throw new Error(`the screen said "${shown}", not "${text}"`);
    };
    const capture = async (page, screen, language, ready) => {
      await ready();
      await noWiderThanScreen(page);
      await shot(page, `${screen}-360-${language}`);
      if (["fr", "rn", "rw"].includes(language))
        for (const english of await englishOn(page, language)) leaks.push(`${language} ${screen}: "${english}"`);
    };
    for (const language of LANGUAGES) {
      const d = dictionaries[language];
      for (const page of [phone, phoneAdmin, phoneRw, signedOut, unverified])
        await page.locator("#language").selectOption(language);
      await capture(signedOut, "signin", language, () =>
        signedOut.getByRole("heading", { name: d["auth.signIn"] }).waitFor(),
      );
      await capture(unverified, "verify", language, () =>
        unverified.getByRole("button", { name: d["auth.verifyDone"] }).waitFor(),
      );
      await phone.goto(`${PORTAL}/#/cases`);
      await capture(phone, "cases", language, () =>
        phone.locator("[data-screen=cases] .cards li", { hasText: "E2E-RAJ" }).waitFor(),
      );
      await phone.goto(missingCaseUrl);
      await capture(phone, "case", language, async () => {
        await phone.locator("li.photo.rejected .verdict-text").first().waitFor();
        await phone.locator("li.photo .thumb.loading").first().waitFor({ state: "detached" });
      });
      await phone.goto(groupCaseUrl);
      await capture(phone, "case-choice", language, () =>
        phone.locator("li.photo.needs_choice img[src^='data:image/jpeg']").waitFor({ timeout: 60_000 }),
      );
      await phone.goto(`${PORTAL}/#/cases/new`);
      await phone.getByLabel(d["case.familyPhone"]).fill("12345");
      await phone.locator("form[data-screen=new-case] button[type=submit]").click();
      await capture(phone, "new-case-refused", language, () => says(phone, `${d["case.familyPhone"]}`));
      await phone.goto(`${missingCaseUrl}/edit`);
      await capture(phone, "edit-case", language, () => phone.getByRole("heading", { name: d["case.edit"] }).waitFor());
      await phone.goto(`${PORTAL}/#/search`);
      await phone.getByLabel(d["search.photo"]).setInputFiles([people("raj", 5)]);
      await phone.getByLabel(d["search.purposeCase"]).fill("NO-SUCH-REF");
      await phone.locator("form[data-screen=search] button[type=submit]").click();
      await capture(phone, "search-refused", language, () => says(phone, refusal(language, "case_reference_unknown")));
      await phoneRw.goto(missingCaseUrl);
      await capture(phoneRw, "case-refused", language, () => says(phoneRw, refusal(language, "other_country")));
      await phone.getByLabel(d["search.purposeCase"]).fill("");
      await phone.getByLabel(d["search.photo"]).setInputFiles([join(faces, "smoke", "group", "bbt1.jpg")]);
      await phone.getByLabel(d["search.purposeReason"]).fill(`e2e: screens in ${language}`);
      await phone.locator("form[data-screen=search] button[type=submit]").click();
      await phone.locator("li.candidate img[src^='data:image/jpeg']").first().waitFor({ timeout: 90_000 });
      const open = await phone.locator("details.face").evaluateAll((ds) => ds.filter((d) => d.open).length);
      if (open !== 1) throw new Error(`${open} face sections open at once on a phone`);
      // the open face is one with candidates; each candidate a compact row, its photo large on a tap
      if (!(await phone.locator("details.face[open] li.candidate").count()))
        throw new Error(`${language}: the face opened on a phone has no candidate`);
      const row = phone.locator("details.face[open] li.candidate").first();
      const { height } = await row.boundingBox();
      if (height > 320) throw new Error(`${language}: a candidate row is ${height} px high on a phone`);
      await row.locator(".candidate-photo").click();
      if ((await row.boundingBox()).height < 300) throw new Error(`${language}: the tapped photo is not shown large`);
      await row.locator(".candidate-photo").click();
      await capture(phone, "search", language, async () => undefined);
      await phone.goto(`${PORTAL}/#/history`);
      await capture(phone, "history", language, () =>
        phone.getByRole("heading", { name: d["history.title"] }).waitFor(),
      );
      await phone.goto(`${PORTAL}/#/search/clip`);
      await capture(phone, "clip-form", language, () =>
        phone.getByRole("heading", { name: d["clip.title"] }).waitFor(),
      );
      await phone.goto(`${PORTAL}/#/drafts`);
      await capture(phone, "drafts", language, () => phone.getByRole("heading", { name: d["drafts.title"] }).waitFor());
      await phone.goto(missingCaseUrl);
      await phone.locator("section.case-compare input[type=file]").setInputFiles([people("raj", 5)]);
      await phone.locator("section.case-compare button[type=submit]").click();
      await capture(phone, "compare", language, async () => {
        await phone.locator("section.case-compare li.candidate").first().waitFor({ timeout: 90_000 });
        await phone.locator("section.case-compare").scrollIntoViewIfNeeded();
      });
      await phoneAdmin.goto(`${PORTAL}/#/admin/officers`);
      await capture(phoneAdmin, "officers", language, () => phoneAdmin.locator("li[data-self]").waitFor());
      await phoneAdmin.goto(`${PORTAL}/#/admin/audit`);
      await capture(phoneAdmin, "audit", language, () => phoneAdmin.locator("table.stack").waitFor());
      await phoneAdmin.goto(`${PORTAL}/#/admin/stats`);
      await capture(phoneAdmin, "stats", language, () =>
        phoneAdmin.getByRole("heading", { name: d["stats.searches"] }).waitFor(),
      );
      await phoneAdmin.goto(`${PORTAL}/#/admin/erasure`);
      await capture(phoneAdmin, "erasure", language, () =>
        phoneAdmin.locator("li[data-status='declined']").first().waitFor(),
      );
      await phoneAdmin.goto(`${PORTAL}/#/admin/model`);
      await capture(phoneAdmin, "model", language, () => phoneAdmin.locator("[data-screen=model] p").nth(1).waitFor());
      await phone.goto(`${missingCaseUrl}/appeal`);
      await capture(phone, "appeal", language, () => phone.locator("[data-appeal=approved]").waitFor());
    }
    // on a phone the accordion keeps one face open: opening another closes the first
    const summaries = phone.locator("details.face > summary");
    if ((await summaries.count()) > 1) {
      await summaries.nth(1).click();
      const open = await phone.locator("details.face").evaluateAll((ds) => ds.map((d) => d.open));
      if (open.filter(Boolean).length !== 1 || !open[1])
        throw new Error(`sections open after a tap: ${JSON.stringify(open)}`);
    }
    if (leaks.length) throw new Error(`English strings on translated screens: ${leaks.join("; ")}`);
  },
);

await step(
  "the reunification screens at 360 px in five languages: nothing wider than the screen, no English left on the French, Kirundi and Kinyarwanda screens",
  async () => {
    const leaks = [];
    const phone = await newPage(360, 740);
    await signIn(phone, email, "Officer-Passw0rd!");
    await phone.locator("nav").waitFor();
    const capture = async (screen, language, ready) => {
      await ready();
      await noWiderThanScreen(phone);
      await shot(phone, `${screen}-360-${language}`);
      if (["fr", "rn", "rw"].includes(language))
        for (const english of await englishOn(phone, language)) leaks.push(`${language} ${screen}: "${english}"`);
    };
    for (const language of LANGUAGES) {
      const d = dictionaries[language];
      await phone.locator("#language").selectOption(language);
      await phone.locator(`html[lang=${language}]`).waitFor();
      await phone.goto(`${PORTAL}/#/matches`);
      await capture("matches", language, () =>
        phone.locator("a.pair", { hasText: "E2E-LONG-MISSING-2" }).first().waitFor(),
      );
      await phone.goto(amyPairUrl);
      await capture("match", language, async () => {
        await phone.locator("[data-screen=match][data-state=confirmed]").waitFor();
        await phone.locator(".pair-face img[src^='data:image/jpeg']").nth(1).waitFor();
      });
      await phone.goto(`${PORTAL}/#/notifications`);
      await capture("notifications", language, () =>
        phone.locator("li[data-notification=reunification_confirmed]").first().waitFor(),
      );
      await phone.goto(foundAmyUrl);
      await capture("found-case", language, async () => {
        await phone.locator("[data-outcome=reunified]").waitFor();
        await phone.locator(".case-matches a.pair").waitFor();
      });
      await phone.goto(longMissingUrl);
      await capture("case-candidates", language, async () => {
        await phone.locator("[data-candidates-notice]").waitFor({ timeout: 60_000 });
        await phone.locator("li.candidate-card img[src^='data:image/jpeg']").first().waitFor();
        await phone.locator("li.candidate-card summary").first().click();
        await phone.locator("[data-candidates-scope]").scrollIntoViewIfNeeded();
      });
      await phone.goto(`${PORTAL}/#/cases/new`);
      await phone.getByLabel(d["case.kind"]).selectOption("found");
      await capture("new-found-case", language, () => phone.getByLabel(d["case.dateFound"]).waitFor());
      await phone.goto(`${PORTAL}/#/search`);
      await phone.getByLabel(d["search.photo"]).setInputFiles([people("leonard", 3)]);
      await phone.getByLabel(d["search.purposeCase"]).fill("E2E-LONG-MISSING");
      await phone.locator("form[data-screen=search] button[type=submit]").click();
      await capture("search-investigative", language, async () => {
        await phone.locator("[data-mode=investigate]").waitFor({ timeout: 90_000 });
        await phone.locator("li.candidate img[src^='data:image/jpeg']").first().waitFor();
      });
    }
    if (leaks.length) throw new Error(`English strings on translated screens: ${leaks.join("; ")}`);
  },
);

await step(
  "the second field pass in Kirundi and Kinyarwanda at 360 px: names and file numbers where people read, messages, the pair in words, Rwanda's own hints, the loading state",
  async () => {
    const phone = await newPage(360, 740);
    const phoneAdmin = await newPage(360, 740);
    const phoneRw = await newPage(360, 740);
    await signIn(phone, "officer.bi@demo.tora-face.test");
    await phone.locator("nav").waitFor();
    await signIn(phoneAdmin, "admin@demo.tora-face.test");
    await phoneAdmin.locator("nav").waitFor();
    await signIn(phoneRw, "officer.rw@demo.tora-face.test");
    await phoneRw.locator("nav").waitFor();
    // the officer whose searches were tied to cases
    const searcher = await newPage(360, 740);
    await signIn(searcher, email, "Officer-Passw0rd!");
    await searcher.locator("nav").waitFor();
    const says = async (page, text) => {
      const shown = await page.locator(".msg-error").first().textContent({ timeout: 60_000 });
      if (!shown.includes(text)) throw new Error(`the screen said "${shown}", not "${text}"`);
    };
    for (const language of ["rn", "rw"]) {
      const d = dictionaries[language];
      for (const page of [phone, phoneAdmin, phoneRw, searcher]) {
        await page.locator("#language").selectOption(language);
        await page.locator(`html[lang=${language}]`).waitFor();
      }
      // 6. the menu folds into one line on a phone, and opens on a tap
      await phone.goto(`${PORTAL}/#/cases`);
      if (await phone.locator("header nav ul").isVisible()) throw new Error(`${language}: the menu is not folded`);
      const headerHeight = (await phone.locator("header").boundingBox()).height;
      if (headerHeight > 125) throw new Error(`${language}: the header takes ${headerHeight} px of 740`);
      await phone.locator("header .menu-toggle").click();
      await phone.locator("header nav ul a[href='#/search']").waitFor();
      await shot(phone, `menu-open-360-${language}`);
      await phone.locator("header .menu-toggle").click();
      // 1. the case list opens on the officer's own cases, and finds a name typed by ear among the country's
      await phone.goto(`${PORTAL}/#/cases`);
      if ((await phone.locator("select[name=scope]").inputValue()) !== "mine")
        throw new Error(`${language}: the case list does not open on the officer's own cases`);
      await phone.locator("select[name=scope]").selectOption("all");
      await phone.getByLabel(d["cases.query"]).fill("Raj Kootrapali");
      await phone.locator("form[role=search] button[type=submit]").click();
      await phone.locator("[data-screen=cases] a.case", { hasText: "E2E-RAJ" }).first().waitFor();
      await noWiderThanScreen(phone);
      await shot(phone, `case-search-360-${language}`);
      // 2. the erasure form takes the file number; the cards name the case and the administrator
      await phoneAdmin.goto(`${PORTAL}/#/admin/erasure`);
      await phoneAdmin.getByLabel(d["erasure.caseRef"]).waitFor();
      const decided = phoneAdmin.locator("li[data-status='declined']", { hasText: "E2E-FOUND-PENNY" }).first();
      await decided.waitFor();
      // the reader asked and withdrew it: "you", and never a raw uid
      const card = await decided.textContent();
      if (!card.includes(d["erasure.you"]) || /[A-Za-z0-9]{20,}/.test(card))
        throw new Error(`${language} erasure card: "${card}"`);
      await shot(phoneAdmin, `erasure-names-360-${language}`);
      await noWiderThanScreen(phoneAdmin);
      // audit entries name their targets by file number
      await phoneAdmin.goto(`${PORTAL}/#/admin/audit`);
      await phoneAdmin.locator("select[name=action]").selectOption("case.erasure_request");
      await phoneAdmin.locator("form button[type=submit]").click();
      await phoneAdmin.locator("td .target strong", { hasText: "E2E-FOUND-PENNY" }).first().waitFor();
      await shot(phoneAdmin, `audit-targets-360-${language}`);
      // the appeal names who approved it
      await phone.goto(`${missingCaseUrl}/appeal`);
      const approved = await phone.locator("[data-appeal=approved] p.muted").first().textContent();
      if (!approved.includes(OFFICER_NAME)) throw new Error(`${language} appeal: "${approved}"`);
      // 7. an empty note is named by its label and marked; an empty date found is required, not malformed
      await phoneAdmin.goto(`${PORTAL}/#/admin/officers`);
      const pendingCard = phoneAdmin.locator("li[data-officer]", { hasText: "Demo Pending Officer" });
      await pendingCard.locator("button:not(.danger)").first().click();
      await pendingCard.locator(".msg-error", { hasText: `${d["admin.note"]}: ${d["issue.required"]}` }).waitFor();
      if ((await pendingCard.locator("input[name=note]").getAttribute("aria-invalid")) !== "true")
        throw new Error(`${language}: the empty note is not marked`);
      await shot(phoneAdmin, `approval-note-360-${language}`);
      await phone.goto(`${PORTAL}/#/cases/new`);
      await phone.getByLabel(d["case.kind"]).selectOption("found");
      await phone.getByLabel(d["case.dateFound"]).waitFor();
      await phone.locator("select[name=condition]").selectOption("alive");
      await phone.locator("form[data-screen=new-case] button[type=submit]").click();
      await says(phone, `${d["case.dateFound"]}: ${d["issue.required"]}`);
      await shot(phone, `date-found-required-360-${language}`);
      // 3. the pair in words first, the numbers behind details
      await phone.goto(amyPairUrl);
      await phone.locator("[data-screen=match] .band-line .band").waitFor();
      const first = await phone.locator(".factors li").first().textContent();
      if (!/^[✓✗·]/.test(first)) throw new Error(`${language} first reason: "${first}"`);
      if (await phone.locator("[data-numbers] .score").isVisible())
        throw new Error(`${language}: the scores show before the details are opened`);
      await shot(phone, `match-words-360-${language}`);
      await phone.locator("[data-numbers] > summary").click();
      await phone.locator("[data-numbers] .versions").waitFor();
      await noWiderThanScreen(phone);
      await shot(phone, `match-details-360-${language}`);
      // 8. a resolved case offers no photo upload; the history names the case by its file number
      await phone.goto(foundAmyUrl);
      await phone.locator("[data-no-upload=resolved]").waitFor();
      if (await phone.locator(".case-photos input[type=file]").count())
        throw new Error(`${language}: a resolved case offers "Add photos"`);
      await searcher.goto(`${PORTAL}/#/history`);
      await searcher.getByRole("heading", { name: d["history.title"] }).waitFor();
      const refs = await searcher.locator("a[data-case-ref]").allTextContents();
      if (!refs.length || refs.some((r) => r === d["search.openCase"]))
        throw new Error(`${language} history links: ${JSON.stringify(refs)}`);
      await shot(searcher, `history-refs-360-${language}`);
      // 5. a Rwandan officer's hints are Rwanda's: +250, and the provinces in the page's language
      await phoneRw.goto(`${PORTAL}/#/cases/new`);
      const phoneField = phoneRw.getByLabel(d["case.familyPhone"]);
      if ((await phoneField.getAttribute("placeholder")) !== "+250…")
        throw new Error(`${language}: placeholder ${await phoneField.getAttribute("placeholder")}`);
      const provinces = await phoneRw.locator("select[name='lastSeenPlace.level1'] option").allTextContents();
      if (!provinces.includes("Intara y'Amajyaruguru") || provinces.includes("Northern Province"))
        throw new Error(`${language} provinces: ${provinces.join(", ")}`);
      await phoneField.fill("0788123456");
      await phoneRw.locator("form[data-screen=new-case] button[type=submit]").click();
      await says(phoneRw, "+250788123456");
      await shot(phoneRw, `rwanda-hints-360-${language}`);
      await noWiderThanScreen(phoneRw);
    }
    // 9. the loading state is in index.html, in every language, before any script has run
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const bare = await context.newPage();
    await bare.goto(PORTAL);
    for (const language of ["rn", "rw"]) {
      const text = await bare.locator(`.boot [lang=${language}]`).textContent();
      if (text !== dictionaries[language]["common.loading"]) throw new Error(`${language} loading state: "${text}"`);
    }
    await shot(bare, "loading-state-360");
    await context.close();
  },
);

await step("no console error and no page error on any page of the run", async () => {
  if (consoleErrors.length)
    throw new Error(`${consoleErrors.length} error(s): ${[...new Set(consoleErrors)].slice(0, 8).join("; ")}`);
});

await step(
  "a suspended officer is told so in Kirundi, at sign-in and on reload; the drafts on their phone are deleted",
  async () => {
    // a case drafted without network, still waiting when the account is suspended
    await officer.locator("#language").selectOption("en");
    await officer.context().setOffline(true);
    try {
      await officer.goto(`${PORTAL}/#/cases/new`);
      await officer.getByLabel("File number (optional)").fill("E2E-WIPED");
      await officer.getByRole("button", { name: "Save as a draft (sent when the network returns)" }).click();
      await officer.getByRole("heading", { name: "E2E-WIPED" }).waitFor();
    } catch (error) {
      await officer.context().setOffline(false);
      throw error;
    }
    const card = admin.locator("li", { hasText: OFFICER_NAME });
    await admin.locator("#language").selectOption("en");
    await admin.goto(`${PORTAL}/#/admin/officers`);
    await card.getByLabel("Reason for the suspension").fill("e2e: suspended to check the sign-in message");
    await card.getByRole("button", { name: "Suspend" }).click();
    await admin.locator("li", { hasText: OFFICER_NAME }).getByRole("button", { name: "Reinstate" }).waitFor();
    const page = await newPage(360, 740);
    await page.goto(PORTAL);
    await page.locator("#language").selectOption("rn");
    await page.getByLabel(dictionaries.rn["auth.email"]).fill(email);
    await page.getByLabel(dictionaries.rn["auth.password"]).fill("Officer-Passw0rd!");
    await page.locator("form button[type=submit]").click();
    const said = await page.locator(".msg-error").textContent();
    if (said !== dictionaries.rn["reason.account_suspended"]) throw new Error(`the sign-in said "${said}"`);
    await shot(page, "suspended-signin-360-rn");
    // back online, the officer's phone learns of the suspension: the draft and its key are deleted, and it says so
    await officer.context().setOffline(false);
    await officer
      .getByText("Your session ended: 1 draft(s) not sent were deleted from this phone.")
      .waitFor({ timeout: 60_000 });
    const left = await officer.evaluate(async () => (await globalThis.indexedDB.databases()).map((d) => d.name));
    if (left.includes("tora-face-offline")) throw new Error("the drafts' database is still on the phone");
    await shot(officer, "suspended-drafts-wiped");
    // the officer's page that was open: the suspension ended the session there; a reload says so, and signing in why
    await officer.locator("#language").selectOption("rn");
    await officer.locator("html[lang=rn]").waitFor();
    await officer.reload();
    await officer.getByText(dictionaries.rn["auth.sessionEnded"]).waitFor();
    await officer.getByLabel(dictionaries.rn["auth.email"]).fill(email);
    await officer.getByLabel(dictionaries.rn["auth.password"]).fill("Officer-Passw0rd!");
    await officer.locator("form button[type=submit]").click();
    await officer.getByText(dictionaries.rn["reason.account_suspended"]).waitFor();
    await shot(officer, "suspended-reload-rn");
  },
);

await step(
  "every callable request and answer of this run matches the published JSON Schema (docs/schema)",
  async () => {
    // answers still on their way when the last step ended
    await sleep(1000);
    const { problems, seen } = checkExchanges(repo, contract.exchanges);
    writeFileSync(
      join(repo, "artifacts", "e2e-callables.json"),
      JSON.stringify(
        { problems, exchanges: contract.exchanges.map(({ name, status }) => ({ name, status })) },
        null,
        1,
      ),
    );
    console.log(
      `  checked ${seen.requests} requests, ${seen.results} results and ${seen.errors} errors of ${seen.callables.size} callables against docs/schema`,
    );
    if (seen.callables.size < 20 || seen.errors === 0)
      throw new Error(`too little traffic recorded: ${[...seen.callables].join(", ")}`);
    if (problems.length)
      throw new Error(`${problems.length} exchange(s) differ from the schema: ${problems.slice(0, 8).join("; ")}`);
  },
);

await browser.close();
if (clipDir) rmSync(clipDir, { recursive: true, force: true });
const passed = results.filter(([, ok]) => ok).length;
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${results.length - passed} failed`);
writeFileSync(
  join(repo, "artifacts", "e2e-result.json"),
  JSON.stringify({ passed, failed: results.length - passed, steps: results.map(([name, ok]) => ({ name, ok })) }),
);
process.exit(passed === results.length ? 0 : 1);
