// Run by local-mode.test.ts inside `emulators:exec`, after local-mode-check.mjs: several officers
// at the same moment against the Auth + Functions emulators in local mode, over HTTP as the portal
// and the mobile apps call them (the emulator's worker processes share one SQLite file and one blob
// folder). Each round starts its calls at once, then reads back what was stored — through the
// callables, and the blob folder itself for the bytes. Prints one JSON line of figures; every
// figure must be 0. TORA_RACE_ROUNDS sets the rounds (default 3).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import raceFigures from "../concurrency/race-figures.json" with { type: "json" };

const project = "demo-tora-face";
const AUTH = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1`;
const FUNCTIONS = `http://127.0.0.1:5001/${project}/europe-west1`;
const BLOBS = process.env.TORA_LOCAL_BLOBS;
const ROUNDS = Number(process.env.TORA_RACE_ROUNDS ?? 3);
const json = { "content-type": "application/json" };
const owner = { ...json, authorization: "Bearer owner" };
const people = join(process.env.TORA_FACES_DIR ?? join(process.cwd(), "..", "shared", "faces"), "smoke");
if (!existsSync(people) || !BLOBS || !process.env.TORA_LOCAL_DB) {
  console.log(
    `SKIPPED local mode races: ${!BLOBS || !process.env.TORA_LOCAL_DB ? "TORA_LOCAL_BLOBS or TORA_LOCAL_DB is not set" : `${people} is absent (set TORA_FACES_DIR)`}`,
  );
  process.exit(0);
}
/** the local store the emulator's workers write, read here to look for what an erasure must not leave */
const store = new DatabaseSync(process.env.TORA_LOCAL_DB, { readOnly: true });

async function auth(path, body) {
  const r = await fetch(`${AUTH}/${path}?key=demo-api-key`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ ...body, returnSecureToken: true }),
  });
  return r.json();
}
async function call(name, data, idToken) {
  const headers = { ...json, authorization: `Bearer ${idToken}`, "x-firebase-appcheck": "placeholder-app-check-token" };
  const r = await fetch(`${FUNCTIONS}/${name}`, { method: "POST", headers, body: JSON.stringify({ data }) });
  const body = await r.json();
  return body.error
    ? { status: body.error.status, reason: body.error.details?.reason }
    : { status: "OK", result: body.result };
}
const signIn = async (email) =>
  (await auth("accounts:signInWithPassword", { email, password: "demo-only-Passw0rd!" })).idToken;
const photo = (...parts) => readFileSync(join(people, ...parts));
const b64 = (bytes) => bytes.toString("base64");
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** a second approved officer of a given role, made as an administrator makes one */
async function newOfficer(adminToken, label, role) {
  const email = `race-${label}-${Date.now()}@example.org`;
  const user = await auth("accounts:signUp", { email, password: "Secret-Passw0rd!" });
  const uid =
    user.localId ??
    (
      await (
        await fetch(`${AUTH}/projects/${project}/accounts:query`, {
          method: "POST",
          headers: owner,
          body: JSON.stringify({ returnUserInfo: true }),
        })
      ).json()
    ).userInfo.find((u) => u.email === email).localId;
  await fetch(`${AUTH}/projects/${project}/accounts:update`, {
    method: "POST",
    headers: owner,
    body: JSON.stringify({ localId: uid, emailVerified: true }),
  });
  const token = (await auth("accounts:signInWithPassword", { email, password: "Secret-Passw0rd!" })).idToken;
  const registered = await call(
    "registerOfficer",
    {
      name: `Race ${label}`,
      badgeNumber: `BI-${label}`,
      rank: "Sergeant",
      station: "Ngozi",
      country: "BI",
      phone: "+25779123456",
    },
    token,
  );
  assert.equal(registered.status, "OK", JSON.stringify(registered));
  assert.equal((await call("approveOfficer", { uid, note: "badge checked" }, adminToken)).status, "OK");
  if (role !== "officer") assert.equal((await call("setOfficerRole", { uid, role }, adminToken)).status, "OK");
  return { uid, token };
}

const officer = await signIn("officer.bi@demo.tora-face.test");
const admin = await signIn("admin@demo.tora-face.test");
const admin2 = (await newOfficer(admin, "admin", "admin")).token;
const supervisor = (await newOfficer(admin, "supervisor", "supervisor")).token;

// the figures both race suites count (test/concurrency/race-figures.json); those this one cannot see stay 0
const failures = Object.fromEntries(Object.keys(raceFigures).map((k) => [k, 0]));
let calls = 0;
/** one round: every call sent at the same moment */
async function race(...requests) {
  calls += requests.length;
  const answers = await Promise.all(requests.map(([name, data, token]) => call(name, data, token)));
  failures.unexpectedAnswers += answers.filter((a) => a.status === "INTERNAL" || a.status === "UNKNOWN").length;
  return answers;
}
const newCase = async (token, kind = "missing", extra = {}) =>
  (await call("createCase", { kind, country: "BI", station: "Ngozi", subject: { sex: "unknown" }, ...extra }, token))
    .result.case.id;
const photosOf = async (caseId) => (await call("listCasePhotos", { caseId }, admin)).result.photos;
// what services/photos.ts keepsItsBytes says for callable uploads (unreadable bytes are refused before any record)
const REFUSALS = new Set(["upload_not_allowed", "upload_limit", "same_photo_stored"]);
const keepsItsBytes = (p) => !(p.status === "rejected" && p.reasons.some((r) => REFUSALS.has(r.code)));

for (let r = 0; r < ROUNDS; r++) {
  // partial edits at once
  {
    const caseId = await newCase(officer);
    const edits = [
      [{ station: `Station ${r}` }, (c) => c.station === `Station ${r}`],
      [{ externalRef: `REF-${r}-${Date.now()}` }, (c) => c.externalRef?.startsWith(`REF-${r}-`)],
      [{ subject: { description: `round ${r}` } }, (c) => c.subject.description === `round ${r}`],
      [{ subject: { birthYear: 2000 + r } }, (c) => c.subject.birthYear === 2000 + r],
      [{ subject: { aliases: [`alias ${r}`] } }, (c) => c.subject.aliases.includes(`alias ${r}`)],
    ];
    const answers = await race(
      ...edits.map(([change], i) => ["updateCase", { caseId, ...change }, i % 2 ? officer : supervisor]),
    );
    const stored = (await call("getCase", { caseId }, admin)).result.case;
    edits.forEach(([, kept], i) => answers[i].status === "OK" && !kept(stored) && failures.lostEdits++);
  }
  // a close and edits at once
  {
    const caseId = await newCase(officer);
    const answers = await race(
      ["closeCase", { caseId, reason: "withdrawn by the family" }, officer],
      ["updateCase", { caseId, station: `Kirundo ${r}` }, supervisor],
      ["updateCase", { caseId, subject: { description: `round ${r}` } }, officer],
    );
    const stored = (await call("getCase", { caseId }, admin)).result.case;
    if (answers[0].status === "OK" && stored.status !== "closed") failures.lostClosures++;
    if (answers[1].status === "OK" && stored.station !== `Kirundo ${r}`) failures.lostEdits++;
    if (answers[2].status === "OK" && stored.subject.description !== `round ${r}`) failures.lostEdits++;
  }
  // the same photo six times at once
  {
    const caseId = await newCase(officer);
    const bytes = photo("people", "raj", `raj${(r % 5) + 1}.png`);
    const answers = await race(
      ...Array.from({ length: 6 }, (_, i) => [
        "uploadCasePhoto",
        { caseId, contentBase64: b64(bytes) },
        i % 2 ? officer : supervisor,
      ]),
    );
    const stored = (await photosOf(caseId)).filter((p) => p.sha256 === sha256(bytes) && keepsItsBytes(p));
    failures.duplicatePhotos += Math.max(0, stored.length - 1);
    if (new Set(answers.filter((a) => a.status === "OK").map((a) => a.result.photo.photoId)).size > 1)
      failures.splitAnswers++;
  }
  // different photos under one photo id at once
  {
    const caseId = await newCase(officer);
    const photoId = `evidence-${r}`;
    const answers = await race(
      ...[1, 2, 3, 4].map((n, i) => [
        "uploadCasePhoto",
        { caseId, photoId, contentBase64: b64(photo("people", "amy", `amy${n}.png`)) },
        i % 2 ? officer : supervisor,
      ]),
    );
    const ok = answers.filter((a) => a.status === "OK");
    const record = (await photosOf(caseId)).find((p) => p.photoId === photoId);
    const file = join(BLOBS, "cases", caseId, "photos", photoId);
    if (ok.length > 1) failures.replacedOrMismatchedEvidence += ok.length - 1;
    if (record && (!existsSync(file) || sha256(readFileSync(file)) !== record.sha256))
      failures.replacedOrMismatchedEvidence++;
    for (const a of ok) if (a.result.photo.sha256 !== record?.sha256) failures.replacedOrMismatchedEvidence++;
  }
  // a retraction and choices of face at once
  {
    const caseId = await newCase(officer);
    const uploaded = await call(
      "uploadCasePhoto",
      { caseId, contentBase64: b64(photo("group", "family.jpg")) },
      officer,
    );
    const ref = { caseId, photoId: uploaded.result.photo.photoId };
    const answers = await race(
      ["retractCasePhoto", { ...ref, reason: "not the missing girl" }, officer],
      ["chooseCasePhotoFace", { ...ref, faceIndex: 1 }, supervisor],
      ["chooseCasePhotoFace", { ...ref, faceIndex: 2 }, officer],
    );
    const stored = (await photosOf(caseId)).find((p) => p.photoId === ref.photoId);
    if (answers[0].status === "OK" && stored.status !== "retracted") failures.inconsistentPhotos++;
    if (stored.status === "retracted" && (!stored.retraction || stored.facesIndexed !== 0))
      failures.inconsistentPhotos++;
  }
  // an erasure approved while photos arrive
  {
    const caseId = await newCase(officer);
    await call("uploadCasePhoto", { caseId, contentBase64: b64(photo("people", "leonard", "leonard1.png")) }, officer);
    const request = (await call("requestCaseErasure", { caseId, reason: "family's request under Law 058/2021" }, admin))
      .result.request;
    const answers = await race(
      ["approveCaseErasure", { requestId: request.id }, admin2],
      ...[2, 3, 4].map((n) => [
        "uploadCasePhoto",
        { caseId, contentBase64: b64(photo("people", "leonard", `leonard${n}.png`)) },
        n % 2 ? officer : supervisor,
      ]),
    );
    assert.equal(answers[0].status, "OK", JSON.stringify(answers[0]));
    if ((await call("getCase", { caseId }, admin)).status !== "NOT_FOUND") failures.erasureResidue++;
    if (existsSync(join(BLOBS, "cases", caseId)))
      failures.erasureResidue += readdirSync(join(BLOBS, "cases", caseId), { recursive: true }).length || 1;
    // the store itself: the case's id only where an erasure keeps it (its tombstone, the request, the audit log)
    failures.erasureResidue += Number(
      store
        .prepare(
          "SELECT COUNT(*) AS n FROM docs WHERE collection NOT IN ('case_tombstones', 'erasure_requests', 'audit_logs') AND (id LIKE ? OR data LIKE ?)",
        )
        .get(`%${caseId}%`, `%${caseId}%`).n,
    );
    failures.erasureResidue += Number(store.prepare("SELECT COUNT(*) AS n FROM faces WHERE case_id = ?").get(caseId).n);
  }
  // the officer who marked a pair potential tries to end it alone while the second officer confirms
  {
    const stamp = `${r}-${Date.now()}`;
    const missing = await newCase(officer, "missing", { externalRef: `M-${stamp}` });
    const found = await newCase(supervisor, "found", {
      externalRef: `F-${stamp}`,
      found: { dateFound: "2026-11-20", heldAt: { kind: "shelter" } },
    });
    await call("uploadCasePhoto", { caseId: missing, contentBase64: b64(photo("people", "raj", "raj1.png")) }, officer);
    await call(
      "uploadCasePhoto",
      { caseId: found, contentBase64: b64(photo("people", "raj", "raj2.png")) },
      supervisor,
    );
    const pair = (await call("listMatches", { caseId: missing }, officer)).result.matches.find(
      (m) => m.match.caseIds[1] === found,
    );
    assert.ok(pair, "the two photos of one person open a pair");
    assert.equal(
      (
        await call(
          "reviewMatch",
          { matchId: pair.match.id, outcome: "potential_candidate", reason: "faces_match" },
          officer,
        )
      ).status,
      "OK",
    );
    const answers = await race(
      ["closeCase", { caseId: missing, reason: "reunited" }, officer],
      ["updateCase", { caseId: missing, status: "resolved" }, officer],
      ["confirmReunification", { matchId: pair.match.id }, officer],
      ["confirmReunification", { matchId: pair.match.id }, supervisor],
    );
    if (answers[0].status === "OK") failures.closedByMarker++;
    if (answers[1].status === "OK" || answers[2].status === "OK") failures.resolvedByOneOfficer++;
    for (const id of [missing, found]) {
      const c = (await call("getCase", { caseId: id }, admin)).result.case;
      if (c.status === "resolved" && (!c.reunification || c.reunification.confirmedBy === c.reunification.markedBy))
        failures.resolvedByOneOfficer++;
    }
  }
}

// every stored file under cases/ is a photo record's own bytes
const casesDir = join(BLOBS, "cases");
for (const caseId of existsSync(casesDir) ? readdirSync(casesDir) : []) {
  const folder = join(casesDir, caseId, "photos");
  if (!existsSync(folder)) continue;
  const records = await call("listCasePhotos", { caseId }, admin);
  for (const name of readdirSync(folder)) {
    const record = records.status === "OK" ? records.result.photos.find((p) => p.photoId === name) : undefined;
    if (!record || !keepsItsBytes(record)) failures.orphanBlobs++;
    else if (sha256(readFileSync(join(folder, name))) !== record.sha256) failures.replacedOrMismatchedEvidence++;
  }
}

console.log(`local mode races: ${JSON.stringify({ rounds: ROUNDS, calls, ...failures })}`);
assert.deepEqual(failures, Object.fromEntries(Object.keys(failures).map((k) => [k, 0])));
console.log(
  "local mode races: no edit lost, no evidence replaced or duplicated, no orphan bytes, no case resolved by one officer",
);
