// Run by local-mode.test.ts inside `emulators:exec`: the Auth + Functions emulators in local
// mode, reached over HTTP exactly as the portal and mobile apps reach them.
import assert from "node:assert/strict";

const project = "demo-tora-face";
const AUTH = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1`;
const FUNCTIONS = `http://127.0.0.1:5001/${project}/europe-west1`;
const json = { "content-type": "application/json" };

async function auth(path, body) {
  const r = await fetch(`${AUTH}/${path}?key=demo-api-key`, { method: "POST", headers: json, body: JSON.stringify({ ...body, returnSecureToken: true }) });
  return r.json();
}
async function call(name, data, idToken, appCheck = "placeholder-app-check-token", extraHeaders = {}) {
  const headers = { ...json, ...(idToken ? { authorization: `Bearer ${idToken}` } : {}), ...(appCheck ? { "x-firebase-appcheck": appCheck } : {}), ...extraHeaders };
  const r = await fetch(`${FUNCTIONS}/${name}`, { method: "POST", headers, body: JSON.stringify({ data }) });
  const body = await r.json();
  return body.error ? { status: body.error.status, message: body.error.message } : { status: "OK", result: body.result };
}

const officer = await auth("accounts:signInWithPassword", { email: "officer.bi@demo.tora-face.test", password: "demo-only-Passw0rd!" });
assert.ok(officer.idToken, "the demo officer signs in");
const profile = await call("getMyProfile", {}, officer.idToken);
assert.equal(profile.result.officer.uid, "demo-officer-bi");
console.log("ok: demo officer profile comes from the local store");

assert.equal((await call("listCases", {}, officer.idToken, null)).status, "UNAUTHENTICATED");
console.log("ok: App Check enforced");
assert.equal((await call("listCases", {})).status, "UNAUTHENTICATED");
console.log("ok: anonymous refused");

const created = await call("createCase", { kind: "missing", country: "BI", station: "Ngozi", subject: { names: ["Test Child"] }, familyContact: { name: "Parent", phone: "+25779000999" } }, officer.idToken);
assert.equal(created.status, "OK", JSON.stringify(created));
const contact = await call("getCase", { caseId: created.result.case.id, includeFamilyContact: true }, officer.idToken);
assert.equal(contact.result.familyContact.phone, "+25779000999");
console.log("ok: case created and family contact decrypted for its officer");

const rw = await auth("accounts:signInWithPassword", { email: "officer.rw@demo.tora-face.test", password: "demo-only-Passw0rd!" });
assert.equal((await call("getCase", { caseId: created.result.case.id }, rw.idToken)).status, "PERMISSION_DENIED");
console.log("ok: another country's officer refused");

const pending = await auth("accounts:signInWithPassword", { email: "pending@demo.tora-face.test", password: "demo-only-Passw0rd!" });
assert.equal((await call("listCases", {}, pending.idToken)).status, "PERMISSION_DENIED");
console.log("ok: pending officer refused");

const signUp = await auth("accounts:signUp", { email: `new-${Date.now()}@example.org`, password: "Secret-Passw0rd!" });
assert.match(JSON.stringify(signUp), /verify your email/, "an unverified sign-up cannot sign in");
console.log("ok: unverified sign-in refused by the blocking function");

assert.equal((await call("listCases", {}, "not-a-jwt")).status, "UNAUTHENTICATED");
console.log("ok: a malformed bearer token is unauthenticated, not internal");

assert.equal((await call("listCases", {}, officer.idToken, undefined, { origin: "https://evil.example" })).status, "PERMISSION_DENIED");
assert.equal((await call("listCases", {}, officer.idToken, undefined, { origin: "http://127.0.0.1:5050" })).status, "OK");
console.log("ok: browsers only from the portal's origins (mobile apps send none)");

// an account whose token claims admin rights, with no officer record behind them
const forgedEmail = `claims-only-${Date.now()}@example.org`;
const forged = await auth("accounts:signUp", { email: forgedEmail, password: "Secret-Passw0rd!" });
const owner = { ...json, authorization: "Bearer owner" };
const users = await (await fetch(`${AUTH}/projects/${project}/accounts:query`, { method: "POST", headers: owner, body: JSON.stringify({ returnUserInfo: true }) })).json();
const forgedUid = users.userInfo.find((u) => u.email === forgedEmail).localId;
const updated = await fetch(`${AUTH}/projects/${project}/accounts:update`, {
  method: "POST",
  headers: owner,
  body: JSON.stringify({ localId: forgedUid, emailVerified: true, customAttributes: JSON.stringify({ role: "admin", status: "approved", country: "BI" }) }),
});
assert.equal(updated.status, 200, `${JSON.stringify(forged)} ${await updated.text()}`);
const claimsOnly = await auth("accounts:signInWithPassword", { email: forgedEmail, password: "Secret-Passw0rd!" });
assert.ok(claimsOnly.idToken, JSON.stringify(claimsOnly));
for (const name of ["listOfficers", "listAuditLogs", "listCases"]) assert.equal((await call(name, {}, claimsOnly.idToken)).status, "PERMISSION_DENIED", name);
assert.equal((await call("getCase", { caseId: created.result.case.id, includeFamilyContact: true }, claimsOnly.idToken)).status, "PERMISSION_DENIED");
console.log("ok: admin claims in a token without an officer record grant nothing");

const admin = await auth("accounts:signInWithPassword", { email: "admin@demo.tora-face.test", password: "demo-only-Passw0rd!" });
const audit = await call("listAuditLogs", { action: "case.decrypt_contact" }, admin.idToken);
assert.ok(audit.result.entries.length >= 1);
console.log("ok: the admin reads the decryption in the audit log");
console.log("local mode: all checks passed");
