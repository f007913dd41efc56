// The HTTPS peer link between two deployments, with Google's own ID-token verification
// (OAuth2Client.verifyIdToken) fed certificates of keys made here instead of Google's: tokens
// signed locally the way Google signs them (RS256, issuer accounts.google.com, audience, expiry,
// the service account's verified email). A forged, misdirected, expired, unlisted or replayed
// token is refused at the endpoint; a valid one carries the whole cross-border loop.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { OAuth2Client } from "google-auth-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaseInput, type Country } from "../../src/schemas/index.js";
import { googleTokenVerifier, httpsPeerLink, type PeerTokenSource } from "../../src/adapters/firebase/peer-https.js";
import { handlePeerRequest } from "../../src/runtime/peer-endpoint.js";
import { createCase } from "../../src/services/cases.js";
import {
  decideCrossBorderRequest,
  getCrossBorderRequest,
  requestCrossBorderSearch,
} from "../../src/services/cross-border.js";
import { addFace, basis, towards } from "../support/synthetic-faces.js";
import { actor, memoryDeps, officerRecordOf, type TestDeps } from "../support/deps.js";

const RW_ENDPOINT = "https://europe-west1-tora-rw.cloudfunctions.net/crossBorderPeer";
const BI_ENDPOINT = "https://europe-west1-tora-bi.cloudfunctions.net/crossBorderPeer";
const RW_ACCOUNT = "tora-runtime@tora-rw.iam.gserviceaccount.com";
const BI_ACCOUNT = "tora-runtime@tora-bi.iam.gserviceaccount.com";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = `${b64url({ alg: "RS256", typ: "JWT", kid })}.${b64url(claims)}`;
  return `${head}.${sign("RSA-SHA256", Buffer.from(head), key).toString("base64url")}`;
}

const google = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const GOOGLE_KID = "google-key-1";

/** Google's verification, with the certificates of the key above in place of Google's published ones */
class LocalCertsClient extends OAuth2Client {
  override async getFederatedSignonCertsAsync() {
    return {
      certs: { [GOOGLE_KID]: google.publicKey.export({ type: "spki", format: "pem" }).toString() },
      format: "PEM",
    } as unknown as Awaited<ReturnType<OAuth2Client["getFederatedSignonCertsAsync"]>>;
  }
}
const verifier = googleTokenVerifier(new LocalCertsClient());

function googleToken(
  over: Partial<{ email: string; aud: string; email_verified: boolean; iat: number; exp: number }> = {},
  key = google.privateKey,
) {
  const now = Math.floor(Date.now() / 1000);
  return jwt(key, GOOGLE_KID, {
    iss: "https://accounts.google.com",
    sub: "1234567890",
    azp: "1234567890",
    aud: over.aud ?? BI_ENDPOINT,
    email: over.email ?? RW_ACCOUNT,
    email_verified: over.email_verified ?? true,
    iat: over.iat ?? now,
    exp: over.exp ?? now + 3600,
  });
}

const rwOfficer = actor("rw-officer", { role: "officer", status: "approved", country: "RW" });
const biOfficer = actor("bi-officer", { role: "officer", status: "approved", country: "BI" });
const biSupervisor = actor("bi-supervisor", { role: "supervisor", status: "approved", country: "BI" });

let dir: string;
let rw: TestDeps;
let bi: TestDeps;
/** every request that crossed, as the endpoint received it */
let wire: { url: string; authorization: string; body: unknown }[];

function deployment(country: Country, file: string) {
  // real wall-clock time: the tokens are checked against it
  const d = memoryDeps({}, { database: join(dir, file), countries: [country] });
  d.clockAt.now = new Date();
  d.analyzer = async () => ({ modelVersion: "m", analyze: () => Promise.reject(new Error("no engine here")) });
  return d;
}

/** a deployment's service account minting Google-signed tokens (the metadata server, in production) */
const tokensOf = (email: string): PeerTokenSource => ({ idTokenFor: async (aud) => googleToken({ email, aud }) });

/** HTTPS between the two: the request reaches the endpoint of the deployment the URL names */
const network: typeof fetch = async (url, init) => {
  const target = String(url) === BI_ENDPOINT ? { deps: bi, own: BI_ENDPOINT } : { deps: rw, own: RW_ENDPOINT };
  const authorization = new Headers(init?.headers).get("authorization") ?? "";
  const body = JSON.parse(String(init?.body));
  wire.push({ url: String(url), authorization, body });
  const answer = await handlePeerRequest(
    target.deps,
    { verifier, ownEndpoint: target.own },
    { method: init?.method ?? "GET", authorization, body },
  );
  return new Response(JSON.stringify(answer.body), { status: answer.status });
};

const post = (authorization: string | undefined, body: unknown, to = bi) =>
  handlePeerRequest(
    to,
    { verifier, ownEndpoint: to === bi ? BI_ENDPOINT : RW_ENDPOINT },
    { method: "POST", ...(authorization ? { authorization } : {}), body },
  );

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tora-peer-https-"));
  wire = [];
  rw = deployment("RW", "rw.sqlite");
  bi = deployment("BI", "bi.sqlite");
  const at = new Date().toISOString();
  await rw.crossBorder.peers.put({
    country: "BI",
    endpoint: BI_ENDPOINT,
    serviceAccount: BI_ACCOUNT,
    addedBy: "test",
    addedAt: at,
  });
  await bi.crossBorder.peers.put({
    country: "RW",
    endpoint: RW_ENDPOINT,
    serviceAccount: RW_ACCOUNT,
    addedBy: "test",
    addedAt: at,
  });
  rw.crossBorder.link = httpsPeerLink({
    countries: ["RW"],
    directory: rw.crossBorder.peers,
    tokens: tokensOf(RW_ACCOUNT),
    clock: rw.clock,
    fetch: network,
  });
  bi.crossBorder.link = httpsPeerLink({
    countries: ["BI"],
    directory: bi.crossBorder.peers,
    tokens: tokensOf(BI_ACCOUNT),
    clock: bi.clock,
    fetch: network,
  });
  await rw.officers.put(officerRecordOf(rwOfficer, { name: "Uwase" }));
  for (const a of [biOfficer, biSupervisor]) await bi.officers.put(officerRecordOf(a, { name: a.uid }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seed() {
  const found = await createCase(
    rw,
    rwOfficer,
    createCaseInput.parse({ kind: "found", country: "RW", station: "Rubavu", subject: { sex: "female" } }),
  );
  await addFace(rw, found.case.id, basis(4));
  const missing = await createCase(
    bi,
    biOfficer,
    createCaseInput.parse({ kind: "missing", country: "BI", station: "Ngozi", subject: { sex: "female" } }),
  );
  await addFace(bi, missing.case.id, towards(4, 5, 0.7));
  return { found: found.case.id, missing: missing.case.id };
}

describe("the HTTPS peer link", () => {
  it("carries the loop between two deployments, each call with a Google-signed token for the other's endpoint", async () => {
    const { found, missing } = await seed();
    const { request } = await requestCrossBorderSearch(rw, rwOfficer, {
      caseId: found,
      to: "BI",
      purpose: "reunification",
      legalBasis: "vital_interest",
      validDays: 7,
    });
    expect(request.state).toBe("pending");
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "child" });
    const sent = (await getCrossBorderRequest(rw, rwOfficer, { requestId: request.id, direction: "sent" })).sent!;
    expect(sent.results!.map((c) => c.case.id)).toEqual([missing]);
    expect(wire.map((w) => [w.url, (w.body as { kind: string }).kind])).toEqual([
      [BI_ENDPOINT, "request.submit"],
      [RW_ENDPOINT, "request.decided"],
    ]);
  });

  it("refuses a forged, misdirected, expired or unlisted token, and a replayed request", async () => {
    const { found } = await seed();
    await requestCrossBorderSearch(rw, rwOfficer, {
      caseId: found,
      to: "BI",
      purpose: "reunification",
      legalBasis: "vital_interest",
      validDays: 7,
    });
    const [sent] = wire;
    const status = (body: unknown) =>
      ({ ...(sent!.body as object), id: crypto.randomUUID(), kind: "request.status", payload: body }) as unknown;
    const fresh = () => status({ requestId: (sent!.body as { payload: { id: string } }).payload.id });
    const now = Math.floor(Date.now() / 1000);
    const refusals = {
      "no token": await post(undefined, fresh()),
      "not a bearer token": await post("Basic dXNlcjpwYXNz", fresh()),
      "signed by another key": await post(`Bearer ${googleToken({}, stranger.privateKey)}`, fresh()),
      "for another endpoint": await post(`Bearer ${googleToken({ aud: RW_ENDPOINT })}`, fresh()),
      expired: await post(`Bearer ${googleToken({ iat: now - 7200, exp: now - 3600 })}`, fresh()),
      "an account not on the allow-list": await post(
        `Bearer ${googleToken({ email: "someone@evil.iam.gserviceaccount.com" })}`,
        fresh(),
      ),
      "an unverified email": await post(`Bearer ${googleToken({ email_verified: false })}`, fresh()),
      // Burundi's own account sending to Burundi: its allow-list names Rwanda's only
      "the receiver's own account": await post(`Bearer ${googleToken({ email: BI_ACCOUNT })}`, fresh()),
    };
    for (const [label, answer] of Object.entries(refusals))
      expect(answer, label).toEqual({ status: 401, body: { ok: false, reason: "peer_identity_refused" } });

    // the token is valid but the envelope claims Burundi sent it: the sender is who the token proves
    const claimingBI = { ...(fresh() as object), from: "BI", to: "BI" };
    expect((await post(sent!.authorization, claimingBI)).body).toMatchObject({ reason: "peer_identity_refused" });

    // the captured request sent again, token and all
    expect(await post(sent!.authorization, sent!.body)).toMatchObject({
      status: 400,
      body: { ok: false, reason: "peer_message_replayed" },
    });
    // a valid token with a fresh message is answered
    expect(await post(sent!.authorization, fresh())).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post(`Bearer ${googleToken()}`, fresh())).toMatchObject({ status: 200 });
  });

  it("answers not configured while this deployment has no endpoint of its own", async () => {
    const answer = await handlePeerRequest(
      bi,
      { verifier, ownEndpoint: "" },
      { method: "POST", authorization: `Bearer ${googleToken()}`, body: {} },
    );
    expect(answer).toEqual({ status: 503, body: { ok: false, reason: "peer_not_configured" } });
    expect(
      (await handlePeerRequest(bi, { verifier, ownEndpoint: BI_ENDPOINT }, { method: "GET", body: {} })).status,
    ).toBe(405);
  });
});
