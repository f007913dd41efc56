// Cross-border search end to end in local mode: two deployments (a Rwanda store and a Burundi
// store, each its own SQLite file and key ring) linked in process through the whole peer protocol,
// and one shared deployment holding both. Synthetic faces of model "m".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createCaseInput, type Country } from "../../src/schemas/index.js";
import { linkInProcess } from "../../src/runtime/cross-border.js";
import { createCase } from "../../src/services/cases.js";
import {
  acceptCrossBorderAgreement,
  confirmCrossBorderPair,
  decideCrossBorderRequest,
  getCrossBorderPair,
  getCrossBorderRequest,
  listCrossBorderRequests,
  openCrossBorderPair,
  proposeCrossBorderAgreement,
  requestCrossBorderSearch,
  reviewCrossBorderPair,
  sweepCrossBorder,
  withdrawCrossBorderRequest,
} from "../../src/services/cross-border.js";
import { receivePeerMessage } from "../../src/services/cross-border-peer.js";
import { purgeCase } from "../../src/services/purge.js";
import { resealContacts } from "../../src/services/key-rotation.js";
import { createKeyRing, newKeyRingSecret } from "../../src/adapters/crypto/aes-keyring.js";
import { newTemplateKeySecret } from "../../src/adapters/crypto/template-keys.js";
import { SYSTEM_ACTOR } from "../../src/services/actor.js";
import { envelopeOf } from "../../src/adapters/peer-envelope.js";
import { addFace } from "../support/synthetic-faces.js";
import { actor, memoryDeps, officerRecordOf, type TestDeps } from "../support/deps.js";
import type { Actor } from "../../src/services/actor.js";
import type { Limits } from "../../src/ports/index.js";

const rwOfficer = actor("rw-officer", { role: "officer", status: "approved", country: "RW" });
const rwOfficer2 = actor("rw-officer-2", { role: "officer", status: "approved", country: "RW" });
const rwAdmin = actor("rw-admin", { role: "admin", status: "approved", country: "RW" });
const biOfficer = actor("bi-officer", { role: "officer", status: "approved", country: "BI" });
const biOfficer2 = actor("bi-officer-2", { role: "officer", status: "approved", country: "BI" });
const biSupervisor = actor("bi-supervisor", { role: "supervisor", status: "approved", country: "BI" });
const biSupervisor2 = actor("bi-supervisor-2", { role: "supervisor", status: "approved", country: "BI" });
const biAdmin = actor("bi-admin", { role: "admin", status: "approved", country: "BI" });

/** a random unit vector: a face no other test vector repeats by chance */
function randomUnit(seed: number): number[] {
  let x = seed * 7919 + 13;
  const v = Array.from({ length: 128 }, () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647 - 0.5;
  });
  const n = Math.hypot(...v);
  return v.map((c) => c / n);
}
/** a unit vector at cosine `s` to `a` */
function near(a: number[], s: number, seed: number): number[] {
  const r = randomUnit(seed);
  const dot = r.reduce((t, x, i) => t + x * a[i]!, 0);
  const ortho = r.map((x, i) => x - dot * a[i]!);
  const n = Math.hypot(...ortho);
  return a.map((x, i) => s * x + Math.sqrt(1 - s * s) * (ortho[i]! / n));
}

const CHILD_FACE = randomUnit(1);
const BI_FAMILY_PHONE = "+25779000111";
const RW_CUSTODY_PHONE = "+250788000222";

function reasonOf(run: Promise<unknown>): Promise<string> {
  return run.then(
    () => "ok",
    (e: { reason?: string; details?: { reason?: string } }) => e.reason ?? e.details?.reason ?? String(e),
  );
}

let dir: string;
let rw: TestDeps;
let bi: TestDeps;

function deployment(
  country: Country[] | undefined,
  file: string,
  limits: Partial<Limits> = {},
  keyRingSecret?: string,
): TestDeps {
  const d = memoryDeps(limits, {
    ...(keyRingSecret ? { keyRingSecret } : {}),
    database: join(dir, file),
    ...(country ? { countries: country } : {}),
  });
  d.analyzer = async () => ({ modelVersion: "m", analyze: () => Promise.reject(new Error("no engine in this test")) });
  return d;
}

async function officers(d: TestDeps, list: Actor[]) {
  for (const a of list)
    await d.officers.put(officerRecordOf(a, { name: `Name of ${a.uid}`, station: `Station ${a.claims.country}` }));
}

async function newCase(
  d: TestDeps,
  by: Actor,
  input: Partial<z.input<typeof createCaseInput>> & Pick<z.input<typeof createCaseInput>, "kind">,
) {
  const { case: c } = await createCase(
    d,
    by,
    createCaseInput.parse({ country: by.claims.country, station: "S", subject: {}, ...input }),
  );
  return c.id;
}

/** a child found in Rwanda in 2026, aged about 8; reported missing in Burundi in 2024 aged 6 */
/** a face as each deployment's engine stores it: the model's vector (as given) or under its template key */
type Stored = (d: TestDeps, face: number[]) => number[];
const asGiven: Stored = (_d, face) => face;

async function seedChild(found: TestDeps, missing: TestDeps, stored: Stored = asGiven) {
  const rwCase = await newCase(found, rwOfficer, {
    kind: "found",
    externalRef: "RW-F-7",
    subject: { sex: "female", ageRange: { min: 6, max: 10 } },
    found: { dateFound: "2026-10-01", foundPlace: { country: "RW", level1: "Iburengerazuba", level2: "Rubavu" } },
    custodyContact: { name: "Shelter Rubavu", phone: RW_CUSTODY_PHONE },
  });
  await addFace(found, rwCase, stored(found, CHILD_FACE), "2026-10-01");
  const biCase = await newCase(missing, biOfficer, {
    kind: "missing",
    externalRef: "BI-M-42",
    subject: { sex: "female", birthYear: 2018, lastSeenDate: "2024-06-01", names: ["Aline Ndayishimiye"] },
    familyContact: { name: "Mother", phone: BI_FAMILY_PHONE },
  });
  await addFace(missing, biCase, stored(missing, near(CHILD_FACE, 0.6, 2)), "2024-05-01");
  // an unrelated missing boy: his face is not hers
  const other = await newCase(missing, biOfficer, { kind: "missing", subject: { sex: "male", birthYear: 1990 } });
  await addFace(missing, other, stored(missing, randomUnit(3)), "2020-01-01");
  return { rwCase, biCase, other };
}

/** every stored byte of a store, as text: documents, faces, everything */
function dump(file: string): string {
  const db = new DatabaseSync(file);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  const text = tables
    .map((t) =>
      JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all(), (_k, v) =>
        v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v,
      ),
    )
    .join("\n");
  db.close();
  return text;
}
/** the face's coordinates as JSON would write them: any one found in a store means the face is there */
const traces = (face: number[]) => face.slice(0, 8).map((x) => String(x).slice(0, 12));
/** the face's coordinates as float32 bytes (a vector table) */
const float32Of = (face: number[]) => Buffer.from(Float32Array.from(face).buffer).toString("base64").slice(0, 24);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tora-xborder-"));
  rw = deployment(["RW"], "rw.sqlite");
  bi = deployment(["BI"], "bi.sqlite");
  linkInProcess([rw, bi]);
  await officers(rw, [rwOfficer, rwOfficer2, rwAdmin]);
  await officers(bi, [biOfficer, biOfficer2, biSupervisor, biSupervisor2, biAdmin]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ask = (caseId: string, validDays = 14) =>
  requestCrossBorderSearch(rw, rwOfficer, {
    caseId,
    to: "BI",
    purpose: "reunification",
    legalBasis: "vital_interest",
    note: "child found alone at the border",
    validDays,
  });

describe("a found child in Rwanda, searched in Burundi", () => {
  it("runs the whole loop: request, approval, results in words, a pair both sides pursue, contacts only after both countries confirm", async () => {
    const { rwCase, biCase, other } = await seedChild(rw, bi);
    const { request } = await ask(rwCase);
    expect(request).toMatchObject({ state: "pending", from: "RW", to: "BI", faces: 1 });

    // Burundi's supervisor sees it: the facts, never the faces
    const inbox = await listCrossBorderRequests(bi, biSupervisor, { direction: "received", limit: 20 });
    expect(inbox.received).toHaveLength(1);
    expect(inbox.received![0]).not.toHaveProperty("sealedFaces");
    expect(inbox.received![0]).toMatchObject({ from: "RW", purpose: "reunification", legalBasis: "vital_interest" });
    expect(inbox.received![0]!.facts).toMatchObject({ kind: "found" });
    expect(JSON.stringify(inbox.received![0]!.facts)).not.toContain(RW_CUSTODY_PHONE);
    // an officer does not decide, and does not see the inbox
    expect(
      await reasonOf(
        decideCrossBorderRequest(bi, biOfficer, { requestId: request.id, decision: "approve", reason: "x" }),
      ),
    ).toBe("cross_border_decide_not_allowed");
    expect(await reasonOf(listCrossBorderRequests(bi, biOfficer, { direction: "received", limit: 20 }))).toBe(
      "role_required",
    );

    const decided = await decideCrossBorderRequest(bi, biSupervisor, {
      requestId: request.id,
      decision: "approve",
      reason: "Vital interest of a child",
    });
    expect(decided.deleted).toBe(false);
    const kept = (await bi.crossBorder.received.get(request.id))!;
    expect(kept.sealedFaces).toBeUndefined();
    expect(kept.facts).toBeUndefined();
    expect(kept.delivered).toBe(true);

    // Rwanda holds the answer: Burundi's case reference, band, factors in words, gap, whom to call
    const sent = (await getCrossBorderRequest(rw, rwOfficer, { requestId: request.id, direction: "sent" })).sent!;
    expect(sent.state).toBe("approved");
    expect(sent.decision).toMatchObject({
      outcome: "approved",
      reason: "Vital interest of a child",
      by: { name: "Name of bi-supervisor" },
    });
    expect(sent.results!.map((c) => c.case.id)).toEqual([biCase]);
    expect(sent.results![0]).toMatchObject({
      case: { country: "BI", id: biCase, externalRef: "BI-M-42", kind: "missing" },
      officer: { name: "Name of bi-officer", station: "Station BI" },
      photoAgeGapYears: 2,
    });
    expect(sent.results![0]!.band).not.toBe("below_threshold");
    expect(sent.results![0]!.factors.every((f) => typeof f.sentence === "string" && f.sentence.length > 0)).toBe(true);
    expect(sent.results!.some((c) => c.case.id === other)).toBe(false);
    expect(JSON.stringify(sent)).not.toContain(BI_FAMILY_PHONE);

    // a candidate Burundi did not return is refused
    expect(await reasonOf(openCrossBorderPair(rw, rwOfficer, { requestId: request.id, candidateCaseId: other }))).toBe(
      "cross_border_not_a_candidate",
    );
    const opened = await openCrossBorderPair(rw, rwOfficer, { requestId: request.id, candidateCaseId: biCase });
    expect(opened.pair).toMatchObject({
      authority: true,
      state: "new",
      country: "RW",
      peerCountry: "BI",
      hasPeerContact: false,
    });
    const pairId = opened.pair.pairId;
    // opening again opens the same pair
    expect((await openCrossBorderPair(rw, rwOfficer, { requestId: request.id, candidateCaseId: biCase })).pair.id).toBe(
      opened.pair.id,
    );

    // Burundi's officer of the missing child's case sees the pair on her case and marks it potential
    const biView = await getCrossBorderPair(bi, biOfficer, { pairId, includeContacts: true });
    expect(biView.pair).toMatchObject({
      authority: false,
      ownCase: { id: biCase },
      peerCase: { id: rwCase, country: "RW" },
    });
    expect(biView.peerContact).toBeUndefined();
    // an officer of another Burundi case has no standing on it
    expect(await reasonOf(getCrossBorderPair(bi, biOfficer2, { pairId, includeContacts: false }))).toBe(
      "cross_border_pair_not_allowed",
    );
    await reviewCrossBorderPair(bi, biOfficer, { pairId, outcome: "potential_candidate", reason: "faces_match" });
    expect((await rw.crossBorder.pairs.get(`${pairId}_RW`))!.state).toBe("potential");

    // four eyes across the border: a second Burundian may not confirm, a Rwandan may
    expect(await reasonOf(confirmCrossBorderPair(bi, biSupervisor, { pairId }))).toBe(
      "cross_border_confirm_same_country",
    );
    const beforeConfirm = await getCrossBorderPair(rw, rwOfficer, { pairId, includeContacts: true });
    expect(beforeConfirm.access).toMatchObject({ mayConfirm: true, mayReadContacts: false });
    expect(beforeConfirm.peerContact).toBeUndefined();
    const confirmed = await confirmCrossBorderPair(rw, rwOfficer, { pairId, note: "Mother recognised her" });
    expect(confirmed.pair).toMatchObject({ state: "confirmed", hasPeerContact: true });

    // contacts released on both sides, only now
    const rwContact = await getCrossBorderPair(rw, rwOfficer, { pairId, includeContacts: true });
    expect(rwContact.peerContact).toEqual({ kind: "family", contact: { name: "Mother", phone: BI_FAMILY_PHONE } });
    const biContact = await getCrossBorderPair(bi, biOfficer, { pairId, includeContacts: true });
    expect(biContact.pair.state).toBe("confirmed");
    expect(biContact.peerContact).toEqual({
      kind: "custody",
      contact: { name: "Shelter Rubavu", phone: RW_CUSTODY_PHONE },
    });

    // each side audited what it sent and received
    const actions = async (d: TestDeps) => (await d.audit.list({ limit: 200 })).map((e) => e.action);
    const rwActions = await actions(rw);
    const biActions = await actions(bi);
    for (const a of [
      "xborder.request_send",
      "xborder.results_receive",
      "xborder.pair_open",
      "xborder.pair_review",
      "xborder.pair_confirm",
      "xborder.contact_send",
      "xborder.contact_receive",
      "xborder.contact_read",
    ])
      expect(rwActions).toContain(a);
    // a purge of the Burundian case takes its half and the Rwandan contact sealed on it
    const biCaseRecord = (await bi.cases.get(biCase))!;
    await purgeCase(bi, SYSTEM_ACTOR, biCaseRecord, { outcome: "erased", decidedBy: "bi-admin" });
    expect(await bi.crossBorder.pairs.get(`${pairId}_BI`)).toBeUndefined();
    expect(await bi.crossBorder.pairs.listForCase(biCase)).toEqual([]);
    for (const a of [
      "xborder.request_receive",
      "xborder.request_approve",
      "xborder.search",
      "xborder.pair_open",
      "xborder.pair_review",
      "xborder.pair_confirm",
      "xborder.contact_send",
      "xborder.contact_receive",
      "xborder.contact_read",
    ])
      expect(biActions).toContain(a);
  });

  it("each country keeps its vectors under its own template key: a face crosses in the model's space and finds the child", async () => {
    const keyed = (country: Country, file: string, secret: string) => {
      const d = memoryDeps({}, { database: join(dir, file), countries: [country], templateKeySecret: secret });
      d.analyzer = async () => ({ modelVersion: "m", analyze: () => Promise.reject(new Error("no engine")) });
      return d;
    };
    rw = keyed("RW", "rw-template.sqlite", newTemplateKeySecret("rw-template-key"));
    bi = keyed("BI", "bi-template.sqlite", newTemplateKeySecret("bi-template-key"));
    linkInProcess([rw, bi]);
    await officers(rw, [rwOfficer]);
    await officers(bi, [biOfficer, biSupervisor]);
    const underKey: Stored = (d, face) => Array.from(d.templateKeys.protect(d.templateKeys.defaultKeyId, face));
    const { rwCase, biCase } = await seedChild(rw, bi, underKey);
    const { request } = await ask(rwCase);
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "ok" });
    const sent = (await getCrossBorderRequest(rw, rwOfficer, { requestId: request.id, direction: "sent" })).sent!;
    expect(sent.results!.map((c) => c.case.id)).toEqual([biCase]);
    // the similarity of the model's vectors, as if neither side protected anything
    expect(sent.results![0]!.similarity).toBeCloseTo(0.6, 3);
  });

  it("leaves no face of Rwanda in Burundi's store, and no face, photo or contact of Burundi in Rwanda's", async () => {
    const { rwCase, biCase } = await seedChild(rw, bi);
    const biFaces = (await bi.faces.listForCase(biCase)).map((f) => Array.from(f.embedding));
    const { request } = await ask(rwCase);
    // while it waits, Burundi holds the faces sealed (never in the clear, never in its index)
    expect(dump(join(dir, "bi.sqlite"))).not.toContain(traces(CHILD_FACE)[0]);
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "ok" });
    await openCrossBorderPair(rw, rwOfficer, { requestId: request.id, candidateCaseId: biCase });

    const biStore = dump(join(dir, "bi.sqlite"));
    const rwStore = dump(join(dir, "rw.sqlite"));
    // the check can see a face: each store holds its own
    expect(rwStore).toContain(float32Of(CHILD_FACE));
    expect(biStore).toContain(float32Of(biFaces[0]!));
    for (const t of traces(CHILD_FACE)) expect(biStore).not.toContain(t);
    expect(biStore).not.toContain(float32Of(CHILD_FACE));
    expect((await bi.crossBorder.received.get(request.id))!.sealedFaces).toBeUndefined();
    const biDb = new DatabaseSync(join(dir, "bi.sqlite"));
    expect((biDb.prepare("SELECT COUNT(*) AS n FROM faces").get() as { n: number }).n).toBe(2);
    biDb.close();

    for (const face of biFaces) {
      for (const t of traces(face)) expect(rwStore).not.toContain(t);
      expect(rwStore).not.toContain(float32Of(face));
    }
    expect(rwStore).not.toContain(BI_FAMILY_PHONE);
    expect(rwStore).not.toContain("Mother");
    expect(rwStore).not.toContain(`cases/${biCase}/`);
    const rwDb = new DatabaseSync(join(dir, "rw.sqlite"));
    expect((rwDb.prepare("SELECT COUNT(*) AS n FROM faces").get() as { n: number }).n).toBe(1);
    rwDb.close();
  });

  it("a decision or a confirmation that did not arrive is fetched when the other side reads it", async () => {
    const { rwCase, biCase } = await seedChild(rw, bi);
    const dropping = (d: TestDeps, kind: string) => {
      const real = d.crossBorder.link;
      d.crossBorder.link = {
        send: (m) => (m.kind === kind ? Promise.reject(new Error("network down")) : real.send(m)),
      };
      return () => void (d.crossBorder.link = real);
    };
    const { request } = await ask(rwCase);
    let restore = dropping(bi, "request.decided");
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "ok" });
    restore();
    expect((await bi.crossBorder.received.get(request.id))!.delivered).toBeUndefined();
    expect((await rw.crossBorder.sent.get(request.id))!.state).toBe("pending");
    const read = await getCrossBorderRequest(rw, rwOfficer, { requestId: request.id, direction: "sent" });
    expect(read.sent!.state).toBe("approved");
    expect(read.sent!.results!.map((c) => c.case.id)).toEqual([biCase]);

    const { pair } = await openCrossBorderPair(rw, rwOfficer, { requestId: request.id, candidateCaseId: biCase });
    await reviewCrossBorderPair(bi, biOfficer, {
      pairId: pair.pairId,
      outcome: "potential_candidate",
      reason: "faces_match",
    });
    restore = dropping(rw, "pair.sync");
    const confirmed = await confirmCrossBorderPair(rw, rwOfficer, { pairId: pair.pairId });
    restore();
    expect(confirmed.pair).toMatchObject({ state: "confirmed", hasPeerContact: false });
    expect((await bi.crossBorder.pairs.get(`${pair.pairId}_BI`))!.state).toBe("potential");
    // each side's next read brings the pair and the other side's contact up to date
    const biRead = await getCrossBorderPair(bi, biOfficer, { pairId: pair.pairId, includeContacts: true });
    expect(biRead.pair.state).toBe("confirmed");
    expect(biRead.peerContact?.contact.phone).toBe(RW_CUSTODY_PHONE);
    const rwRead = await getCrossBorderPair(rw, rwOfficer, { pairId: pair.pairId, includeContacts: true });
    expect(rwRead.peerContact?.contact.phone).toBe(BI_FAMILY_PHONE);
  });

  it("faces of another model are refused when asked, and a search that fails leaves the request to decide again", async () => {
    const { rwCase, biCase } = await seedChild(rw, bi);
    const model = bi.analyzer;
    bi.analyzer = async () => ({ modelVersion: "m2", analyze: () => Promise.reject(new Error("no engine")) });
    expect(await reasonOf(ask(rwCase))).toBe("peer_model_mismatch");
    expect((await rw.crossBorder.sent.list({ from: "RW" }, { limit: 10 })).items).toEqual([]);
    expect((await bi.crossBorder.received.list({ to: "BI" }, { limit: 10 })).items).toEqual([]);
    bi.analyzer = model;

    const { request } = await ask(rwCase);
    const scoreCases = bi.faces.scoreCases.bind(bi.faces);
    bi.faces.scoreCases = () => Promise.reject(new Error("index unavailable"));
    expect(
      await reasonOf(
        decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "ok" }),
      ),
    ).toContain("index unavailable");
    bi.faces.scoreCases = scoreCases;
    const waiting = (await bi.crossBorder.received.get(request.id))!;
    expect(waiting).toMatchObject({ state: "pending" });
    expect(waiting.sealedFaces).toBeDefined();
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "ok" });
    expect((await rw.crossBorder.sent.get(request.id))!.results!.map((c) => c.case.id)).toEqual([biCase]);
  });

  it("a declined request returns nothing and leaves only audit lines in Burundi", async () => {
    const { rwCase } = await seedChild(rw, bi);
    const { request } = await ask(rwCase);
    const out = await decideCrossBorderRequest(bi, biSupervisor, {
      requestId: request.id,
      decision: "decline",
      reason: "No legal basis given",
    });
    expect(out).toEqual({ deleted: true });
    expect(await bi.crossBorder.received.get(request.id)).toBeUndefined();
    expect(dump(join(dir, "bi.sqlite"))).not.toContain(traces(CHILD_FACE)[0]);
    const audit = (await bi.audit.list({ limit: 50 })).filter((e) => e.target.id === request.id).map((e) => e.action);
    expect(audit.sort()).toEqual(["xborder.request_decline", "xborder.request_receive"]);
    const sent = (await rw.crossBorder.sent.get(request.id))!;
    expect(sent).toMatchObject({
      state: "declined",
      decision: { outcome: "declined", reason: "No legal basis given" },
    });
    expect(sent.results).toBeUndefined();
    expect(await reasonOf(openCrossBorderPair(rw, rwOfficer, { requestId: request.id, candidateCaseId: "x" }))).toBe(
      "cross_border_request_decided",
    );
    // decided once: a second supervisor finds nothing left to decide
    expect(
      await reasonOf(
        decideCrossBorderRequest(bi, biSupervisor2, { requestId: request.id, decision: "approve", reason: "x" }),
      ),
    ).toBe("cross_border_request_not_found");
  });

  it("an expired request cannot be decided or used, and the sweep leaves only audit lines", async () => {
    const { rwCase, biCase } = await seedChild(rw, bi);
    const late = (await ask(rwCase, 1)).request;
    const used = (await ask(rwCase, 2)).request;
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: used.id, decision: "approve", reason: "ok" });
    for (const d of [rw, bi]) d.clockAt.now = new Date(d.clockAt.now.getTime() + 3 * 86_400_000);
    expect(
      await reasonOf(
        decideCrossBorderRequest(bi, biSupervisor, { requestId: late.id, decision: "approve", reason: "x" }),
      ),
    ).toBe("cross_border_request_expired");
    expect(await bi.crossBorder.received.get(late.id)).toBeUndefined();
    // the approved one's validity ended too: no pair may be opened on it
    expect(await reasonOf(openCrossBorderPair(rw, rwOfficer, { requestId: used.id, candidateCaseId: biCase }))).toBe(
      "cross_border_request_expired",
    );
    const biSweep = await sweepCrossBorder(bi);
    expect(biSweep.receivedDeleted).toBe(1);
    expect(await bi.crossBorder.received.get(used.id)).toBeUndefined();
    const rwSweep = await sweepCrossBorder(rw);
    expect(rwSweep.sentExpired).toBe(1);
    expect((await rw.crossBorder.sent.get(late.id))!.state).toBe("expired");
    const biAudit = (await bi.audit.list({ limit: 50 })).filter((e) => e.action === "xborder.request_expire");
    expect(biAudit.map((e) => e.target.id).sort()).toEqual([late.id, used.id].sort());
  });

  it("a request takes a place of the officer's search budget; one the other side refuses gives it back", async () => {
    rw = deployment(["RW"], "rw-limited.sqlite", { searchesPerMinute: 2 });
    linkInProcess([rw, bi]);
    await officers(rw, [rwOfficer]);
    const { rwCase } = await seedChild(rw, bi);
    bi.analyzer = async () => ({ modelVersion: "m2", analyze: () => Promise.reject(new Error("no engine")) });
    for (let i = 0; i < 3; i++) expect(await reasonOf(ask(rwCase))).toBe("peer_model_mismatch");
    bi.analyzer = async () => ({ modelVersion: "m", analyze: () => Promise.reject(new Error("no engine")) });
    expect((await ask(rwCase)).request.state).toBe("pending");
    expect((await ask(rwCase)).request.state).toBe("pending");
    expect(await reasonOf(ask(rwCase))).toBe("searches_exhausted");
  });

  it("a key rotation reseals the other country's contacts and the faces of a request waiting for a decision", async () => {
    const k1 = newKeyRingSecret("k1");
    const k2 = newKeyRingSecret("k2");
    bi = deployment(["BI"], "bi-keys.sqlite", {}, k1);
    linkInProcess([rw, bi]);
    await officers(bi, [biOfficer, biSupervisor]);
    const { rwCase, biCase } = await seedChild(rw, bi);
    const { request } = await ask(rwCase);
    const waiting = (await ask(rwCase)).request;
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "ok" });
    const { pair } = await openCrossBorderPair(rw, rwOfficer, { requestId: request.id, candidateCaseId: biCase });
    await reviewCrossBorderPair(bi, biOfficer, {
      pairId: pair.pairId,
      outcome: "potential_candidate",
      reason: "faces_match",
    });
    await confirmCrossBorderPair(rw, rwOfficer, { pairId: pair.pairId });

    bi.keyRing = createKeyRing(`${k2},${k1}`);
    await resealContacts(bi);
    bi.keyRing = createKeyRing(k2);
    const read = await getCrossBorderPair(bi, biOfficer, { pairId: pair.pairId, includeContacts: true });
    expect(read.peerContact?.contact.phone).toBe(RW_CUSTODY_PHONE);
    await decideCrossBorderRequest(bi, biSupervisor, { requestId: waiting.id, decision: "approve", reason: "ok" });
    expect((await rw.crossBorder.sent.get(waiting.id))!.results!.map((c) => c.case.id)).toEqual([biCase]);
  });

  it("a withdrawn request is deleted in Burundi", async () => {
    const { rwCase } = await seedChild(rw, bi);
    const { request } = await ask(rwCase);
    expect(
      await reasonOf(withdrawCrossBorderRequest(rw, rwOfficer2, { requestId: request.id, reason: "found family" })),
    ).toBe("cross_border_request_not_allowed");
    const out = await withdrawCrossBorderRequest(rw, rwOfficer, { requestId: request.id, reason: "found family" });
    expect(out.request.state).toBe("withdrawn");
    expect(await bi.crossBorder.received.get(request.id)).toBeUndefined();
  });

  it("two supervisors deciding at the same moment: one decision holds", async () => {
    const { rwCase } = await seedChild(rw, bi);
    const { request } = await ask(rwCase);
    const results = await Promise.all([
      reasonOf(decideCrossBorderRequest(bi, biSupervisor, { requestId: request.id, decision: "approve", reason: "a" })),
      reasonOf(
        decideCrossBorderRequest(bi, biSupervisor2, { requestId: request.id, decision: "decline", reason: "b" }),
      ),
    ]);
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    const sent = (await rw.crossBorder.sent.get(request.id))!;
    expect(["approved", "declined"]).toContain(sent.state);
  });

  it("a standing agreement set by both countries' administrators pre-approves a found child's request", async () => {
    const { rwCase, biCase } = await seedChild(rw, bi);
    const { agreement } = await proposeCrossBorderAgreement(rw, rwAdmin, {
      with: "BI",
      class: "unaccompanied_children",
      validUntil: "2027-12-31",
    });
    // one country alone does not make it: still pending until Burundi's administrator accepts
    expect((await ask(rwCase)).request.state).toBe("pending");
    expect(await reasonOf(acceptCrossBorderAgreement(rw, rwAdmin, { agreementId: agreement.id }))).toBe(
      "agreement_own_proposal",
    );
    await acceptCrossBorderAgreement(bi, biAdmin, { agreementId: agreement.id });
    expect((await rw.crossBorder.agreements.get(agreement.id))!.state).toBe("active");
    const { request } = await ask(rwCase);
    expect(request.state).toBe("approved");
    expect(request.decision).toMatchObject({ agreementId: agreement.id });
    expect(request.results!.map((c) => c.case.id)).toEqual([biCase]);
    const kept = (await bi.crossBorder.received.get(request.id))!;
    expect(kept.sealedFaces).toBeUndefined();
    const actions = (await bi.audit.list({ limit: 100 }))
      .filter((e) => e.target.id === request.id)
      .map((e) => e.action);
    expect(actions.sort()).toEqual(["xborder.request_approve", "xborder.request_receive", "xborder.search"]);
  });
});

describe("the peer protocol refuses", () => {
  it("a replayed message, a stale one, and one whose sender is not the country the link proved", async () => {
    const { rwCase } = await seedChild(rw, bi);
    const { request } = await ask(rwCase);
    const message = {
      kind: "request.status" as const,
      from: "RW" as const,
      to: "BI" as const,
      payload: { requestId: request.id },
    };
    const envelope = envelopeOf(message, rw.clock);
    expect(await receivePeerMessage(bi, envelope, "RW")).toMatchObject({ ok: true, reply: { state: "pending" } });
    expect(await receivePeerMessage(bi, envelope, "RW")).toMatchObject({ ok: false, reason: "peer_message_replayed" });
    const stale = {
      ...envelopeOf(message, rw.clock),
      issuedAt: new Date(rw.clockAt.now.getTime() - 600_000).toISOString(),
    };
    expect(await receivePeerMessage(bi, stale, "RW")).toMatchObject({ ok: false, reason: "peer_message_stale" });
    // Burundi's own identity claimed by a message Rwanda's deployment sent
    const forged = envelopeOf({ ...message, from: "BI", to: "BI" }, rw.clock);
    expect(await receivePeerMessage(bi, forged, "RW")).toMatchObject({ ok: false, reason: "peer_identity_refused" });
    // a request that would outlive the longest validity
    const submit = envelopeOf(
      {
        kind: "request.submit",
        from: "RW",
        to: "BI",
        payload: {
          id: "forever",
          case: { country: "RW", id: "c1", kind: "found", station: "S" },
          requester: { name: "N", station: "S" },
          purpose: "reunification",
          legalBasis: "vital_interest",
          facts: { kind: "found", facts: { names: [], aliases: [], sex: "unknown" } },
          faces: [{ embedding: CHILD_FACE, modelVersion: "m" }],
          sentAt: rw.clockAt.now.toISOString(),
          expiresAt: "2030-01-01T00:00:00.000Z",
        },
      },
      rw.clock,
    );
    expect(await receivePeerMessage(bi, submit, "RW")).toMatchObject({
      ok: false,
      reason: "cross_border_request_expired",
    });
    expect(await bi.crossBorder.received.get("forever")).toBeUndefined();
    // a payload outside the protocol
    const odd = { ...envelopeOf(message, rw.clock), payload: { requestId: request.id, extra: 1 } };
    expect(await receivePeerMessage(bi, odd, "RW")).toMatchObject({ ok: false, reason: "invalid_input" });
    const refused = (await bi.audit.list({ limit: 50 })).filter((e) => e.action === "xborder.peer_refused");
    expect(refused).toHaveLength(4);
  });
});

describe("one deployment for both countries", () => {
  it("runs the same loop between its two scopes", async () => {
    dir = dir ?? mkdtempSync(join(tmpdir(), "tora-xborder-"));
    const shared = deployment(undefined, "shared.sqlite");
    linkInProcess([shared]);
    await officers(shared, [rwOfficer, biOfficer, biSupervisor]);
    const { rwCase, biCase } = await seedChild(shared, shared);
    const { request } = await requestCrossBorderSearch(shared, rwOfficer, {
      caseId: rwCase,
      to: "BI",
      purpose: "reunification",
      legalBasis: "vital_interest",
      validDays: 14,
    });
    // Rwanda's officer does not see Burundi's inbox, even in one store
    expect(
      await reasonOf(getCrossBorderRequest(shared, rwOfficer, { requestId: request.id, direction: "received" })),
    ).toBe("cross_border_request_not_found");
    await decideCrossBorderRequest(shared, biSupervisor, { requestId: request.id, decision: "approve", reason: "ok" });
    const sent = (await getCrossBorderRequest(shared, rwOfficer, { requestId: request.id, direction: "sent" })).sent!;
    expect(sent.results!.map((c) => c.case.id)).toEqual([biCase]);
    const { pair } = await openCrossBorderPair(shared, rwOfficer, { requestId: request.id, candidateCaseId: biCase });
    await reviewCrossBorderPair(shared, rwOfficer, {
      pairId: pair.pairId,
      outcome: "potential_candidate",
      reason: "faces_match",
    });
    expect(await reasonOf(confirmCrossBorderPair(shared, rwOfficer, { pairId: pair.pairId }))).toBe(
      "cross_border_confirm_same_country",
    );
    await confirmCrossBorderPair(shared, biOfficer, { pairId: pair.pairId });
    expect(
      (await getCrossBorderPair(shared, rwOfficer, { pairId: pair.pairId, includeContacts: true })).peerContact?.contact
        .phone,
    ).toBe(BI_FAMILY_PHONE);
    expect(
      (await getCrossBorderPair(shared, biOfficer, { pairId: pair.pairId, includeContacts: true })).peerContact?.contact
        .phone,
    ).toBe(RW_CUSTODY_PHONE);
  });
});
