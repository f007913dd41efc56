// Run by local-mode.test.ts inside `emulators:exec`: the Auth + Functions emulators in local
// mode, reached over HTTP exactly as the portal and mobile apps reach them.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const project = "demo-tora-face";
const AUTH = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1`;
const FUNCTIONS = `http://127.0.0.1:5001/${project}/europe-west1`;
const json = { "content-type": "application/json" };

async function auth(path, body) {
  const r = await fetch(`${AUTH}/${path}?key=demo-api-key`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ ...body, returnSecureToken: true }),
  });
  return r.json();
}
async function call(name, data, idToken, appCheck = "placeholder-app-check-token", extraHeaders = {}) {
  const headers = {
    ...json,
    ...(idToken ? { authorization: `Bearer ${idToken}` } : {}),
    ...(appCheck ? { "x-firebase-appcheck": appCheck } : {}),
    ...extraHeaders,
  };
  const r = await fetch(`${FUNCTIONS}/${name}`, { method: "POST", headers, body: JSON.stringify({ data }) });
  const body = await r.json();
  return body.error
    ? { status: body.error.status, message: body.error.message }
    : { status: "OK", result: body.result };
}

/** the claims of an ID token (the emulator's tokens are unsigned JWTs) */
const claimsOf = (idToken) => JSON.parse(Buffer.from(idToken.split(".")[1], "base64url").toString("utf8"));

const officer = await auth("accounts:signInWithPassword", {
  email: "officer.bi@demo.tora-face.test",
  password: "demo-only-Passw0rd!",
});
assert.ok(officer.idToken, "the demo officer signs in");
const profile = await call("getMyProfile", {}, officer.idToken);
assert.equal(profile.result.officer.uid, "demo-officer-bi");
console.log("ok: demo officer profile comes from the local store");

assert.equal((await call("listCases", {}, officer.idToken, null)).status, "UNAUTHENTICATED");
console.log("ok: App Check enforced");
assert.equal((await call("listCases", {})).status, "UNAUTHENTICATED");
console.log("ok: anonymous refused");

const created = await call(
  "createCase",
  {
    kind: "missing",
    country: "BI",
    station: "Ngozi",
    subject: { names: ["Test Child"] },
    familyContact: { name: "Parent", phone: "+25779000999" },
  },
  officer.idToken,
);
assert.equal(created.status, "OK", JSON.stringify(created));
const contact = await call("getCase", { caseId: created.result.case.id, includeFamilyContact: true }, officer.idToken);
assert.equal(contact.result.familyContact.phone, "+25779000999");
console.log("ok: case created and family contact decrypted for its officer");

const rw = await auth("accounts:signInWithPassword", {
  email: "officer.rw@demo.tora-face.test",
  password: "demo-only-Passw0rd!",
});
assert.equal((await call("getCase", { caseId: created.result.case.id }, rw.idToken)).status, "PERMISSION_DENIED");
console.log("ok: another country's officer refused");

const pending = await auth("accounts:signInWithPassword", {
  email: "pending@demo.tora-face.test",
  password: "demo-only-Passw0rd!",
});
assert.equal((await call("listCases", {}, pending.idToken)).status, "PERMISSION_DENIED");
console.log("ok: pending officer refused");

// an unverified address signs in, reaches nothing but its profile, and verifies itself with Firebase Auth's own e-mail
const newEmail = `new-${Date.now()}@example.org`;
const signUp = await auth("accounts:signUp", { email: newEmail, password: "Secret-Passw0rd!" });
assert.ok(signUp.idToken, JSON.stringify(signUp));
assert.equal(claimsOf(signUp.idToken).email_verified, false);
assert.equal((await call("getMyProfile", {}, signUp.idToken)).status, "OK");
for (const name of ["listCases", "listMatches"])
  assert.equal((await call(name, {}, signUp.idToken)).status, "PERMISSION_DENIED", name);
const sent = await (
  await fetch(`${AUTH}/accounts:sendOobCode?key=demo-api-key`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ requestType: "VERIFY_EMAIL", idToken: signUp.idToken }),
  })
).json();
assert.equal(sent.email, newEmail, JSON.stringify(sent));
const codes = await (
  await fetch(`http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/emulator/v1/projects/${project}/oobCodes`)
).json();
const code = codes.oobCodes.filter((c) => c.email === newEmail && c.requestType === "VERIFY_EMAIL").at(-1);
assert.ok(code, "Firebase Auth wrote the verification e-mail");
assert.ok(
  (
    await fetch(`${AUTH}/accounts:update?key=demo-api-key`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ oobCode: code.oobCode }),
    })
  ).ok,
);
const verified = await auth("accounts:signInWithPassword", { email: newEmail, password: "Secret-Passw0rd!" });
assert.equal(claimsOf(verified.idToken).email_verified, true);
assert.equal(
  (
    await call(
      "registerOfficer",
      {
        name: "New Officer",
        badgeNumber: "BI-55",
        rank: "Constable",
        station: "Ngozi",
        country: "BI",
        phone: "+25779000555",
      },
      verified.idToken,
    )
  ).status,
  "OK",
);
console.log("ok: an unverified sign-up signs in to verify its address (Firebase Auth's own e-mail), then registers");

// create-admin: the operator makes an unverified account the first administrator and vouches for its address
const firstEmail = `first-admin-${Date.now()}@example.org`;
await auth("accounts:signUp", { email: firstEmail, password: "Secret-Passw0rd!" });
const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "lib", "cli", "main.js");
execFileSync(
  process.execPath,
  [
    cli,
    "create-admin",
    "--email",
    firstEmail,
    "--name",
    "First Admin",
    "--badge",
    "BI-1",
    "--station",
    "HQ",
    "--country",
    "BI",
    "--phone",
    "+25779000001",
    "--local",
  ],
  { env: process.env, stdio: "ignore" },
);
const first = await auth("accounts:signInWithPassword", { email: firstEmail, password: "Secret-Passw0rd!" });
assert.equal(claimsOf(first.idToken).email_verified, true);
assert.equal(claimsOf(first.idToken).role, "admin");
assert.equal((await call("listOfficers", {}, first.idToken)).status, "OK");
console.log("ok: create-admin makes the first administrator, address verified");

assert.equal((await call("listCases", {}, "not-a-jwt")).status, "UNAUTHENTICATED");
console.log("ok: a malformed bearer token is unauthenticated, not internal");

assert.equal(
  (await call("listCases", {}, officer.idToken, undefined, { origin: "https://evil.example" })).status,
  "PERMISSION_DENIED",
);
assert.equal(
  (await call("listCases", {}, officer.idToken, undefined, { origin: "http://127.0.0.1:5050" })).status,
  "OK",
);
console.log("ok: browsers only from the portal's origins (mobile apps send none)");

// an account whose token claims admin rights, with no officer record behind them
const forgedEmail = `claims-only-${Date.now()}@example.org`;
const forged = await auth("accounts:signUp", { email: forgedEmail, password: "Secret-Passw0rd!" });
const owner = { ...json, authorization: "Bearer owner" };
const users = await (
  await fetch(`${AUTH}/projects/${project}/accounts:query`, {
    method: "POST",
    headers: owner,
    body: JSON.stringify({ returnUserInfo: true }),
  })
).json();
const forgedUid = users.userInfo.find((u) => u.email === forgedEmail).localId;
const updated = await fetch(`${AUTH}/projects/${project}/accounts:update`, {
  method: "POST",
  headers: owner,
  body: JSON.stringify({
    localId: forgedUid,
    emailVerified: true,
    customAttributes: JSON.stringify({ role: "admin", status: "approved", country: "BI" }),
  }),
});
assert.equal(updated.status, 200, `${JSON.stringify(forged)} ${await updated.text()}`);
const claimsOnly = await auth("accounts:signInWithPassword", { email: forgedEmail, password: "Secret-Passw0rd!" });
assert.ok(claimsOnly.idToken, JSON.stringify(claimsOnly));
for (const name of ["listOfficers", "listAuditLogs", "listCases"])
  assert.equal((await call(name, {}, claimsOnly.idToken)).status, "PERMISSION_DENIED", name);
assert.equal(
  (await call("getCase", { caseId: created.result.case.id, includeFamilyContact: true }, claimsOnly.idToken)).status,
  "PERMISSION_DENIED",
);
console.log("ok: admin claims in a token without an officer record grant nothing");

const admin = await auth("accounts:signInWithPassword", {
  email: "admin@demo.tora-face.test",
  password: "demo-only-Passw0rd!",
});
const audit = await call("listAuditLogs", { action: "case.decrypt_contact" }, admin.idToken);
assert.ok(audit.result.entries.length >= 1);
console.log("ok: the admin reads the decryption in the audit log");

// reunification through the callables: a photo uploaded in local mode is cross-matched at once
const people = join(
  process.env.TORA_FACES_DIR ?? join(process.cwd(), "..", "shared", "faces"),
  "smoke",
  "people",
  "raj",
);
if (!existsSync(people)) console.log(`SKIPPED reunification in local mode: ${people} is absent (set TORA_FACES_DIR)`);
else {
  const photo = (file) => readFileSync(join(people, file)).toString("base64");
  const missing = await call(
    "createCase",
    {
      kind: "missing",
      country: "BI",
      station: "Ngozi",
      externalRef: `NGO-${Date.now()}`,
      subject: { names: ["Raj"], sex: "male" },
      familyContact: { name: "Raj's mother", phone: "+25779000777" },
    },
    officer.idToken,
  );
  assert.equal(
    (
      await call(
        "uploadCasePhoto",
        { caseId: missing.result.case.id, contentBase64: photo("raj1.png") },
        officer.idToken,
      )
    ).result.photo.status,
    "indexed",
  );
  const found = await call(
    "createCase",
    {
      kind: "found",
      country: "BI",
      station: "Kamenge",
      subject: { sex: "male" },
      found: { dateFound: "2026-11-20", heldAt: { kind: "shelter" } },
    },
    admin.idToken,
  );
  assert.equal(
    (await call("uploadCasePhoto", { caseId: found.result.case.id, contentBase64: photo("raj2.png") }, admin.idToken))
      .result.photo.status,
    "indexed",
  );
  const queue = await call("listMatches", {}, officer.idToken);
  const pair = queue.result.matches.find(
    (m) => m.match.caseIds[0] === missing.result.case.id && m.match.caseIds[1] === found.result.case.id,
  );
  assert.ok(pair, JSON.stringify(queue));
  assert.ok(queue.result.newCount >= 1);
  const notified = await call("listNotifications", { unreadOnly: true }, officer.idToken);
  assert.ok(notified.result.notifications.some((n) => n.kind === "new_candidate" && n.matchId === pair.match.id));
  console.log("ok: an uploaded photo is cross-matched in local mode and the case's officer is notified");
  assert.equal(
    (
      await call(
        "reviewMatch",
        { matchId: pair.match.id, outcome: "potential_candidate", reason: "faces_match" },
        officer.idToken,
      )
    ).status,
    "OK",
  );
  assert.equal(
    (await call("confirmReunification", { matchId: pair.match.id }, officer.idToken)).status,
    "PERMISSION_DENIED",
  );
  const confirmed = await call("confirmReunification", { matchId: pair.match.id }, admin.idToken);
  assert.deepEqual(
    confirmed.result.cases.map((c) => c.outcome),
    ["reunified", "reunified"],
  );
  const contacts = await call("getMatch", { matchId: pair.match.id, includeContacts: true }, admin.idToken);
  assert.equal(contacts.result.familyContact.phone, "+25779000777");
  console.log(
    "ok: four eyes — the marking officer cannot confirm, the administrator does; both cases reunified, contact shown",
  );

  // cross-border, between the two countries' scopes of this local backend: a child found in
  // Rwanda searched among Burundi's missing, with its custody contact released only at the end
  const missingBI = await call(
    "createCase",
    {
      kind: "missing",
      country: "BI",
      station: "Ngozi",
      externalRef: `NGO-X-${Date.now()}`,
      subject: { names: ["Raj"], sex: "male" },
      familyContact: { name: "Raj's father", phone: "+25779000888" },
    },
    officer.idToken,
  );
  await call(
    "uploadCasePhoto",
    { caseId: missingBI.result.case.id, contentBase64: photo("raj3.png") },
    officer.idToken,
  );
  const foundRW = await call(
    "createCase",
    {
      kind: "found",
      country: "RW",
      station: "Rubavu",
      subject: { sex: "male" },
      found: { dateFound: "2026-11-25", heldAt: { kind: "shelter" } },
      custodyContact: { name: "Rubavu shelter", phone: "+250788000999" },
    },
    rw.idToken,
  );
  await call("uploadCasePhoto", { caseId: foundRW.result.case.id, contentBase64: photo("raj4.png") }, rw.idToken);
  const asked = await call(
    "requestCrossBorderSearch",
    { caseId: foundRW.result.case.id, to: "BI", purpose: "reunification", legalBasis: "vital_interest" },
    rw.idToken,
  );
  assert.equal(asked.result?.request.state, "pending", JSON.stringify(asked));
  const requestId = asked.result.request.id;
  const early = { requestId, candidateCaseId: missingBI.result.case.id };
  assert.equal((await call("openCrossBorderPair", early, rw.idToken)).status, "FAILED_PRECONDITION");
  assert.equal(
    (await call("getCrossBorderRequest", { requestId, direction: "received" }, officer.idToken)).status,
    "NOT_FOUND",
  );
  const inbox = await call("listCrossBorderRequests", { direction: "received" }, admin.idToken);
  assert.ok(inbox.result.received.some((r) => r.id === requestId && !("sealedFaces" in r)));
  const decided = await call(
    "decideCrossBorderRequest",
    { requestId, decision: "approve", reason: "a child without his family" },
    admin.idToken,
  );
  assert.equal(decided.status, "OK", JSON.stringify(decided));
  const answered = await call("getCrossBorderRequest", { requestId, direction: "sent" }, rw.idToken);
  const candidate = answered.result.sent.results.find((c) => c.case.id === missingBI.result.case.id);
  assert.ok(candidate && candidate.factors.length > 0, JSON.stringify(answered.result.sent));
  assert.ok(!JSON.stringify(answered.result).includes("+25779000888"));
  console.log(
    `ok: cross-border request approved in Burundi; Rwanda sees the candidate (${candidate.band}) with its factors`,
  );
  const opened = await call("openCrossBorderPair", early, rw.idToken);
  const pairId = opened.result.pair.pairId;
  assert.equal(
    (
      await call(
        "reviewCrossBorderPair",
        { pairId, outcome: "potential_candidate", reason: "faces_match" },
        officer.idToken,
      )
    ).status,
    "OK",
  );
  assert.equal((await call("confirmCrossBorderPair", { pairId }, admin.idToken)).status, "PERMISSION_DENIED");
  const beforeConfirm = await call("getCrossBorderPair", { pairId, includeContacts: true }, rw.idToken);
  assert.equal(beforeConfirm.result.peerContact, undefined);
  assert.equal((await call("confirmCrossBorderPair", { pairId }, rw.idToken)).result.pair.state, "confirmed");
  const rwSide = await call("getCrossBorderPair", { pairId, includeContacts: true }, rw.idToken);
  const biSide = await call("getCrossBorderPair", { pairId, includeContacts: true }, officer.idToken);
  assert.equal(rwSide.result.peerContact.contact.phone, "+25779000888");
  assert.equal(biSide.result.peerContact.contact.phone, "+250788000999");
  console.log("ok: cross-border pair confirmed by an officer of each country; contacts released on both sides");
}
console.log("local mode: all checks passed");
