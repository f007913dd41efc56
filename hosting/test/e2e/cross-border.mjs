// The cross-border journey in a real browser, run inside `emulators:exec` by run.mjs: one local
// deployment holding both countries (two scopes of one store; every message still crosses the peer
// protocol). A child found in Rwanda is searched for in Burundi: the request, a Burundi
// administrator's decision (the supervisors' tier), the candidate in words, the cross-border pair
// confirmed by an officer of each country, the contacts on both sides; a declined request returns
// nothing. The inbox and the pair page at 360 px in Kirundi and Kinyarwanda.
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const faces = process.env.TORA_FACES_DIR;
const shots = join(repo, "artifacts", "screenshots");
mkdirSync(shots, { recursive: true });
const PORTAL = "http://127.0.0.1:5050";
const PASSWORD = "demo-only-Passw0rd!";
const people = (name, n) => join(faces, "smoke", "people", name, `${name}${n}.png`);

const MISSING = {
  ref: "E2E-XB-BI-MISSING",
  names: "Amy Farrah Fowler",
  family: { name: "Mama Amy", relationship: "nyina", phone: "+25779000789" },
};
const FOUND = {
  ref: "E2E-XB-RW-FOUND",
  shelter: "Urugo Amahoro",
  custody: { name: "Claudine Uwase", relationship: "umurezi", phone: "+250788000456" },
};
const NOTE = "e2e: umwana yabonetse i Rubavu";
const APPROVE_REASON = "e2e: turarondera";
const DECLINE_REASON = "e2e: nta shingiro rihagije";

/** what people typed or the demo accounts are called: not the portal's English */
const typedByPeople = [
  MISSING.ref,
  MISSING.names,
  ...Object.values(MISSING.family),
  FOUND.ref,
  FOUND.shelter,
  ...Object.values(FOUND.custody),
  NOTE,
  APPROVE_REASON,
  DECLINE_REASON,
  "Demo Officer Burundi",
  "Demo Officer Rwanda",
  "Demo Administrator",
  "Bujumbura Centre",
  "Kigali Nyarugenge",
  "Commissioner",
  "Inspector",
];
/** a language as the portal shows it: the records' words and the screen words */
const dictionaries = Object.fromEntries(
  await Promise.all(
    ["en", "rn", "rw"].map(async (l) => {
      const [words, screens] = await Promise.all(
        [join(repo, "functions", "src", "words", `${l}.json`), join(repo, "hosting", "src", "i18n", `${l}.json`)].map(
          async (f) => JSON.parse(await readFile(f, "utf8")),
        ),
      );
      return [l, { ...words, ...screens }];
    }),
  ),
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const results = [];
const consoleErrors = [];
const pages = {};
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
    for (const [who, page] of Object.entries(pages))
      await page.screenshot({ path: join(shots, `FAILED-xb-${slug}-${who}.png`), fullPage: true }).catch(() => {});
  }
}
async function signedIn(who, email, width = 1280, height = 800) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => consoleErrors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      consoleErrors.push(`${m.text()} (${page.url()})`);
  });
  pages[who] = page;
  await page.goto(PORTAL);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("nav").waitFor();
  return page;
}
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const literalOf = (sentence) =>
  sentence
    .split(/\{\w+\}/)
    .sort((a, b) => b.length - a.length)[0]
    .trim();
/** English words of the portal visible on a page shown in another language */
async function englishOn(page, language) {
  const visible = await page.evaluate(() => globalThis.document.body.innerText);
  const text = typedByPeople.reduce((t, typed) => t.replaceAll(typed, ""), visible);
  const own = dictionaries[language];
  return Object.entries(dictionaries.en)
    .filter(([key]) => !key.startsWith("_") && !key.startsWith("language."))
    .filter(([key, english]) => !own[key]?.includes(literalOf(english)))
    .map(([, english]) => literalOf(english))
    .filter((l) => l.length >= 5 && new RegExp(`(^|\\W)${escape(l)}($|\\W)`).test(text));
}
async function phoneReady(page, language, name) {
  await page.locator(`html[lang=${language}]`).waitFor();
  const overflow = await page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
  if (overflow > 0) throw new Error(`${name} is ${overflow}px wider than a 360 px screen`);
  const leaks = await englishOn(page, language);
  if (leaks.length) throw new Error(`English on ${name}: ${leaks.join(" | ")}`);
  await shot(page, name);
}
async function addPhotos(page, date, files) {
  await page.getByLabel("Photos taken on (optional)").fill(date);
  await page.getByLabel("Add photos").setInputFiles(files);
  await page
    .locator(".verdict.indexed")
    .nth(files.length - 1)
    .waitFor({ timeout: 90_000 });
}

const bi = await signedIn("bi", "officer.bi@demo.tora-face.test");
const rw = await signedIn("rw", "officer.rw@demo.tora-face.test");
let missingUrl = "";
let foundUrl = "";
let pairUrl = "";

await step("a Burundi officer registers a missing girl with photos and her family's contact", async () => {
  await bi.goto(`${PORTAL}/#/cases/new`);
  await bi.getByLabel("Kind of case").selectOption("missing");
  await bi.getByLabel("File number (optional)").fill(MISSING.ref);
  await bi.getByLabel("Names (comma separated)").fill(MISSING.names);
  await bi.getByLabel("Sex").selectOption("female");
  await bi.getByLabel("Birth year").fill("2010");
  await bi.getByLabel("Last seen (date)").fill("2026-10-01");
  await bi.getByLabel("Contact name").fill(MISSING.family.name);
  await bi.getByLabel("Relationship").fill(MISSING.family.relationship);
  await bi.getByLabel("Contact phone").fill(MISSING.family.phone);
  await bi.getByLabel("Legal basis").selectOption("family_report");
  await bi.getByRole("button", { name: "Create case" }).click();
  await bi.getByRole("heading", { name: MISSING.ref }).waitFor();
  missingUrl = bi.url();
  await addPhotos(bi, "2026-09-15", [people("amy", 1), people("amy", 2)]);
});

await step("a Rwanda officer registers a found child with a photo and the custody's contact", async () => {
  await rw.goto(`${PORTAL}/#/cases/new`);
  await rw.getByLabel("Kind of case").selectOption("found");
  await rw.getByLabel("File number (optional)").fill(FOUND.ref);
  await rw.getByLabel("Sex").selectOption("female");
  await rw.getByLabel("Date found").fill("2026-11-20");
  await rw.getByLabel("Age from").fill("14");
  await rw.getByLabel("Age to").fill("17");
  await rw.getByLabel("Condition").selectOption("alive");
  await rw.getByLabel("Where the person is now").selectOption("shelter");
  await rw.getByLabel("Name of that place (hospital, shelter…)").fill(FOUND.shelter);
  await rw.getByLabel("Contact name").fill(FOUND.custody.name);
  await rw.getByLabel("Role (e.g. nurse in charge)").fill(FOUND.custody.relationship);
  await rw.getByLabel("Contact phone").fill(FOUND.custody.phone);
  await rw.getByLabel("Legal basis").selectOption("vital_interest");
  await rw.getByRole("button", { name: "Create case" }).click();
  await rw.getByRole("heading", { name: FOUND.ref }).waitFor();
  foundUrl = rw.url();
  await addPhotos(rw, "2026-11-20", [people("amy", 3)]);
});

/** the Rwanda officer's request from the found child's page */
async function askBurundi(note) {
  await rw.goto(foundUrl);
  await rw.reload();
  const form = rw.locator("[data-xb-form]");
  await form.getByRole("heading", { name: "Ask Burundi to search" }).waitFor();
  const before = await rw.locator("[data-xb-request]").count();
  await form.getByLabel("Purpose").selectOption("reunification");
  await form.getByLabel("Legal basis").selectOption("vital_interest");
  await form.getByLabel("Note (optional)").fill(note);
  await form.getByRole("button", { name: "Send the request" }).click();
  await rw.locator("[data-xb-request]").nth(before).waitFor();
  return rw.locator("[data-xb-request][data-state=pending]").first();
}

await step(
  "the Rwanda officer asks Burundi to search: purpose and legal basis are required; the request waits",
  async () => {
    await rw.goto(foundUrl);
    const form = rw.locator("[data-xb-form]");
    await form.getByText("Only this case's faces and facts go: no photo, no contact.", { exact: false }).waitFor();
    // nothing chosen: refused, the fields marked, nothing sent
    await form.getByRole("button", { name: "Send the request" }).click();
    await form.locator("select[name=purpose][aria-invalid=true]").waitFor();
    if (await rw.locator("[data-xb-request]").count()) throw new Error("a request went without a purpose");
    const pending = await askBurundi(NOTE);
    await pending.getByText("Waiting").waitFor();
    await shot(rw, "xb-request-pending-desktop");
  },
);

await step(
  "a Burundi supervisor sees it in the inbox at 360 px (Kirundi, Kinyarwanda) and approves it with a reason",
  async () => {
    const admin = await signedIn("admin", "admin@demo.tora-face.test", 360, 740);
    // the menu leads there, folded on a phone
    await admin.locator("button.menu-toggle").click();
    await admin.getByRole("link", { name: "Cross-border" }).click();
    const card = admin.locator("[data-xb-received][data-state=pending]");
    await card.waitFor();
    for (const text of [FOUND.ref, "Demo Officer Rwanda", NOTE, "Reunite a family", "Vital interest"])
      await card.getByText(text, { exact: false }).first().waitFor();
    for (const language of ["rn", "rw"]) {
      await admin.locator("#language").selectOption(language);
      await card.getByText(dictionaries[language]["xb.purpose.reunification"]).waitFor();
      await phoneReady(admin, language, `xb-inbox-360-${language}`);
    }
    await admin.locator("#language").selectOption("rn");
    // a decision without a reason is refused
    await card.locator("[data-xb-decide=approve]").click();
    await card.locator("textarea[name=reason][aria-invalid=true]").waitFor();
    await card.locator("textarea[name=reason]").fill(APPROVE_REASON);
    await card.locator("[data-xb-decide=approve]").click();
    await admin.locator("[data-xb-said] .msg-success").waitFor({ timeout: 90_000 });
    await admin.locator("[data-xb-received][data-state=approved]").waitFor();
    await phoneReady(admin, "rn", "xb-inbox-approved-360-rn");
  },
);

await step(
  "the Rwanda officer sees the Burundi candidate: reference, band, factors in words, the officer to call",
  async () => {
    await rw.goto(foundUrl);
    await rw.reload();
    const request = rw.locator("[data-xb-request][data-state=approved]");
    await request.waitFor();
    await request.locator("[data-xb-decision=approved]", { hasText: APPROVE_REASON }).waitFor();
    const candidate = request.locator("[data-xb-candidate]", { hasText: MISSING.ref });
    await candidate.waitFor();
    const factors = Object.fromEntries(
      await candidate
        .locator(".factors li")
        .evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-factor"), li.textContent])),
    );
    if (!factors.face_similarity?.startsWith("✓")) throw new Error(`face factor: ${JSON.stringify(factors)}`);
    if (!factors.sex_same?.includes("Female")) throw new Error(`sex factor: ${JSON.stringify(factors)}`);
    await candidate.locator("[data-xb-officer]", { hasText: "Demo Officer Burundi" }).waitFor();
    await candidate.locator("[data-xb-officer]", { hasText: "+25779000002" }).waitFor();
    // what never crosses: no photo of Burundi's case, no family contact before the confirmation
    if (await candidate.locator("img").count()) throw new Error("a photo of the other country's case is shown");
    if (await rw.getByText(MISSING.family.phone).count())
      throw new Error("the family's phone showed before confirmation");
    await shot(rw, "xb-candidate-desktop");
    await candidate.locator("[data-xb-open]").click();
    await rw.locator("[data-screen=xb-pair][data-state=new]").waitFor();
    pairUrl = rw.url();
    await rw.locator("[data-xb-peer]", { hasText: MISSING.ref }).waitFor();
    await rw.locator("[data-xb-own]", { hasText: FOUND.ref }).waitFor();
    await rw.locator("[data-xb-contacts=later]").waitFor();
  },
);

await step("the Rwanda officer marks the pair potential; only an officer of Burundi may confirm", async () => {
  await rw.getByLabel("Reason", { exact: true }).selectOption("faces_match");
  await rw.getByLabel("Note (required when the reason is “Other”)").fill("e2e: inkovu ku kananwa");
  await rw.locator("[data-review] button[data-outcome=potential_candidate]").click();
  await rw.locator("[data-screen=xb-pair][data-state=potential]").waitFor();
  await rw.locator("[data-confirm=refused] [data-refusal=cross_border_confirm_same_country]").waitFor();
  await rw.locator("[data-event=reviewed]", { hasText: "Demo Officer Rwanda" }).waitFor();
});

await step(
  "the Burundi officer opens the pair from the case page at 360 px in Kirundi and confirms; the custody's contact shows",
  async () => {
    await bi.setViewportSize({ width: 360, height: 740 });
    await bi.locator("#language").selectOption("rn");
    await bi.goto(missingUrl);
    await bi.locator(`[data-xb-pair] a[href='#/cross-border/pairs/${pairUrl.split("/").pop()}']`).click();
    await bi.locator("[data-screen=xb-pair][data-state=potential]").waitFor();
    await bi.locator("[data-xb-peer]", { hasText: FOUND.ref }).waitFor();
    await bi.locator("[data-xb-officer]", { hasText: "Demo Officer Rwanda" }).waitFor();
    await phoneReady(bi, "rn", "xb-pair-potential-360-rn");
    await bi.locator("[data-confirm=allowed] button").click();
    await bi.locator("[data-screen=xb-pair][data-state=confirmed]").waitFor();
    await bi.locator("[data-xb-contacts=ready] button").click();
    await bi.locator("[data-xb-contact=custody]", { hasText: FOUND.custody.phone }).waitFor();
    await bi.locator("[data-xb-contact=custody]", { hasText: FOUND.custody.name }).waitFor();
    await phoneReady(bi, "rn", "xb-pair-confirmed-360-rn");
  },
);

await step("the Rwanda officer reads the family's contact at 360 px in Kinyarwanda", async () => {
  await rw.setViewportSize({ width: 360, height: 740 });
  await rw.locator("#language").selectOption("rw");
  await rw.goto(pairUrl);
  await rw.reload();
  await rw.locator("[data-screen=xb-pair][data-state=confirmed]").waitFor();
  await rw.locator("[data-event=confirmed]", { hasText: "Demo Officer Burundi" }).waitFor();
  await rw.locator("[data-xb-contacts=ready] button").click();
  await rw.locator("[data-xb-contact=family]", { hasText: MISSING.family.phone }).waitFor();
  await phoneReady(rw, "rw", "xb-pair-confirmed-360-rw");
});

await step("a declined request returns nothing: its reason, no candidate", async () => {
  await rw.locator("#language").selectOption("en");
  await rw.setViewportSize({ width: 1280, height: 800 });
  await askBurundi("e2e: second request");
  const admin = pages.admin;
  await admin.goto(`${PORTAL}/#/cross-border`);
  await admin.reload();
  const card = admin.locator("[data-xb-received][data-state=pending]");
  await card.locator("textarea[name=reason]").fill(DECLINE_REASON);
  await card.locator("[data-xb-decide=decline]").click();
  await admin.locator("[data-xb-said] .msg-success").waitFor();
  if (await admin.locator("[data-xb-received][data-state=pending]").count())
    throw new Error("the declined request still waits in the inbox");
  await rw.goto(foundUrl);
  await rw.reload();
  const declined = rw.locator("[data-xb-request][data-state=declined]");
  await declined.locator("[data-xb-decision=declined]", { hasText: DECLINE_REASON }).waitFor();
  if (await declined.locator("[data-xb-candidate]").count()) throw new Error("a declined request shows candidates");
  await shot(rw, "xb-declined-desktop");
});

await step("a Burundi administrator proposes a standing agreement, which waits for Rwanda, and ends it", async () => {
  const admin = pages.admin;
  await admin.locator("#language").selectOption("en");
  await admin.goto(`${PORTAL}/#/cross-border`);
  await admin.reload();
  const form = admin.locator("[data-xb-propose]");
  await form.getByLabel("Class of requests").selectOption("unaccompanied_children");
  await form.getByLabel("Last day").fill("2027-12-31");
  await form.getByRole("button", { name: "Propose to Rwanda" }).click();
  const card = admin.locator("[data-xb-agreement][data-state=proposed]");
  await card.getByText("Waiting for Rwanda to accept.").waitFor();
  // the country that proposed it cannot accept it: only the other country's administrator
  if (await card.locator("[data-xb-accept]").count()) throw new Error("the proposing country is offered Accept");
  await admin.locator("#language").selectOption("rn");
  await card.getByText(dictionaries.rn["xb.agreementState.proposed"], { exact: true }).waitFor();
  await card.scrollIntoViewIfNeeded();
  await phoneReady(admin, "rn", "xb-agreement-proposed-360-rn");
  await card.locator("[data-xb-revoke]").click();
  await card.locator("textarea[name=reason][aria-invalid=true]").waitFor();
  await card.locator("textarea[name=reason]").fill(DECLINE_REASON);
  await card.locator("[data-xb-revoke]").click();
  await admin
    .locator("[data-xb-agreement][data-state=revoked] [data-xb-revoked]", { hasText: DECLINE_REASON })
    .waitFor();
});

await step("no console error and no page error on any page of the run", async () => {
  if (consoleErrors.length)
    throw new Error(`${consoleErrors.length} error(s): ${[...new Set(consoleErrors)].slice(0, 8).join("; ")}`);
});

await browser.close();
const passed = results.filter(([, ok]) => ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
writeFileSync(
  join(repo, "artifacts", "e2e-cross-border-result.json"),
  JSON.stringify({ passed, failed: results.length - passed, steps: results.map(([name, ok]) => ({ name, ok })) }),
);
process.exit(passed === results.length ? 0 : 1);
