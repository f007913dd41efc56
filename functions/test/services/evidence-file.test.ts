// The reunification evidence file: a confirmed pair's record holds every factor and both officers
// by name in the reader's language, as data and as a PDF whose text is read back; getMatch's rules
// for contacts and countries; a pair under review says so; every production is audited; the
// thumbnails are made for the record, never stored.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { fuseEvidence } from "../../src/matching/index.js";
import { casePhotoPath, createCaseInput, type Match } from "../../src/schemas/index.js";
import { createCase } from "../../src/services/cases.js";
import { getEvidenceFile, getEvidenceFilePdf } from "../../src/services/evidence-file.js";
import { confirmReunification, reviewMatch } from "../../src/services/matches.js";
import { SYSTEM_ACTOR } from "../../src/services/actor.js";
import { factorSentence } from "../../src/words/factor-sentence.js";
import { wordingFor } from "../../src/words/dictionaries.js";
import { codeOf } from "../support/codes.js";
import { actor, admin, memoryDeps, officerBI, officerRW, officerRecordOf, type TestDeps } from "../support/deps.js";
import { noiseJpeg } from "../support/images.js";
import { pairFixture } from "../support/matches.js";

const shelterOfficer = actor("officer-bi-shelter", { role: "officer", status: "approved", country: "BI" });
const colleague = actor("officer-bi-other", { role: "officer", status: "approved", country: "BI" });
const NAMES = {
  [officerBI.uid]: { name: "Aline Ndayizeye", rank: "Sergent", badgeNumber: "BI-1001", station: "Ngozi" },
  [shelterOfficer.uid]: { name: "Jean-Bosco Ntahobari", rank: "Brigadier", badgeNumber: "BI-2002", station: "Kiremba" },
  [admin.uid]: { name: "Épiphanie Uwimana", rank: "Commissaire", badgeNumber: "BI-0001", station: "Bujumbura" },
  [colleague.uid]: { name: "Colleague Officer", rank: "R", badgeNumber: "BI-3003", station: "S" },
  [officerRW.uid]: { name: "Rwanda Officer", rank: "R", badgeNumber: "RW-1", station: "Kigali" },
};

let deps: TestDeps;
let missingId: string;
let foundId: string;
let match: Match;

/** the words of a PDF, whitespace made single spaces (a sentence may wrap) */
async function pdfText(base64: string): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(Buffer.from(base64, "base64")));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, " ");
}
const single = (s: string) => s.replace(/\s+/g, " ");

beforeEach(async () => {
  deps = memoryDeps();
  for (const a of [officerBI, shelterOfficer, admin, colleague, officerRW])
    await deps.officers.put(officerRecordOf(a, NAMES[a.uid]));
  const missing = {
    names: ["NDAYISHIMIYE Jean-Claude"],
    sex: "male" as const,
    birthYear: 2011,
    lastSeenDate: "2026-10-01",
    lastSeenPlace: { country: "BI" as const, level1: "Butanyerera", level2: "Ngozi" },
  };
  missingId = (
    await createCase(
      deps,
      officerBI,
      createCaseInput.parse({
        kind: "missing",
        country: "BI",
        station: "Ngozi",
        externalRef: "NGO-2026-017",
        subject: missing,
        familyContact: { name: "Mama Jean-Claude", relationship: "nyina", phone: "+25779000789" },
      }),
    )
  ).case.id;
  foundId = (
    await createCase(
      deps,
      shelterOfficer,
      createCaseInput.parse({
        kind: "found",
        country: "BI",
        station: "Kiremba",
        externalRef: "KIR-FOUND-3",
        subject: { names: ["Ndayishimye Jean Claude"], sex: "male", ageRange: { min: 14, max: 17 } },
        found: {
          dateFound: "2026-11-20",
          foundPlace: { country: "BI", level1: "Butanyerera", level2: "Kiremba" },
          heldAt: { kind: "shelter", name: "Centre Ubuntu" },
        },
        custodyContact: { name: "Mireille Nduwimana", relationship: "umuyobozi", phone: "+25779000456" },
      }),
    )
  ).case.id;
  const fused = fuseEvidence({
    face: { similarity: 0.52, missingPhotoDate: "2026-09-15", foundPhotoDate: "2026-11-20" },
    missing,
    found: {
      names: ["Ndayishimye Jean Claude"],
      sex: "male",
      estimatedAgeRange: { min: 14, max: 17 },
      dateFound: "2026-11-20",
      foundPlace: { country: "BI", level1: "Butanyerera", level2: "Kiremba" },
    },
  });
  match = await pairFixture(deps, missingId, foundId, undefined, {
    fused,
    score: fused.llr,
    band: fused.band,
    face: {
      similarity: 0.52,
      band: fused.faceBand,
      faces: [
        { caseId: missingId, photoId: "p1", faceIndex: 0, photoDate: "2026-09-15" },
        { caseId: foundId, photoId: "p2", faceIndex: 0, photoDate: "2026-11-20" },
      ],
    },
  });
  await deps.blobs.put(casePhotoPath(missingId, "p1"), await noiseJpeg(), "image/jpeg");
  await deps.blobs.put(casePhotoPath(foundId, "p2"), await noiseJpeg(800, 600), "image/jpeg");
});

/** the missing person's officer marks it potential, the administrator confirms */
async function confirm(): Promise<void> {
  await reviewMatch(deps, officerBI, {
    matchId: match.id,
    outcome: "potential_candidate",
    reason: "faces_match",
    note: "inkovu ku kananwa",
  });
  deps.clockAt.now = new Date("2026-11-26T08:30:00.000Z");
  await confirmReunification(deps, admin, { matchId: match.id, note: "umuryango warabemeje" });
}

describe("the reunification evidence file", () => {
  it("as data: both cases, both faces as thumbnails made for it (nothing stored), both officers by name, audited", async () => {
    await confirm();
    const stored = (await deps.blobs.list("", { limit: 100 })).map((b) => b.path);
    const file = await getEvidenceFile(deps, shelterOfficer, { matchId: match.id, includeContacts: false });
    expect(file.underReview).toBe(false);
    expect(file.cases.map((c) => c.id)).toEqual([missingId, foundId]);
    expect(file.faces.map((f) => f.thumbnail?.slice(0, 23))).toEqual([
      "data:image/jpeg;base64,",
      "data:image/jpeg;base64,",
    ]);
    expect((await deps.blobs.list("", { limit: 100 })).map((b) => b.path)).toEqual(stored);
    expect(file.marked?.by).toBe(officerBI.uid);
    expect(file.confirmed).toMatchObject({ by: admin.uid, note: "umuryango warabemeje" });
    expect(file.officers[officerBI.uid]?.name).toBe("Aline Ndayizeye");
    expect(file.officers[admin.uid]?.name).toBe("Épiphanie Uwimana");
    expect(JSON.stringify(file.officers)).not.toContain("+257");
    // the data form carries no contact unless asked for
    expect(file.familyContact).toBeUndefined();
    expect(file.mayReadContacts).toBe(true);
    const entries = await deps.audit.list({ action: "match.evidence_file", limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: shelterOfficer.uid,
      target: { type: "match", id: match.id },
      details: { format: "data", contacts: false, underReview: false },
    });
  });

  for (const language of ["rn", "fr"] as const)
    it(`as a PDF in ${language}: every factor in words, both officers, the statement, the versions; its sha256 in the audit entry`, async () => {
      await confirm();
      const pdf = await getEvidenceFilePdf(deps, officerBI, { matchId: match.id, includeContacts: false, language });
      const text = await pdfText(pdf.contentBase64);
      const w = wordingFor(language, "Africa/Bujumbura");
      const factors = match.fused!.factors;
      expect(factors.length).toBeGreaterThanOrEqual(5);
      for (const f of factors) expect(text, f.code).toContain(single(factorSentence(f, "BI", w)));
      for (const uid of [officerBI.uid, admin.uid]) expect(text).toContain(NAMES[uid]!.name);
      expect(text).toContain(single(w.t("evidence.markedBy")));
      expect(text).toContain(single(w.t("evidence.confirmedBy")));
      expect(text).toContain(single(w.t("evidence.statement")));
      expect(text).toContain(single(w.t("evidence.title")));
      expect(text).toContain(match.modelVersion);
      expect(text).toContain(match.calibrationVersion);
      // the reader's language, not English: a French or Kirundi heading, never the English one
      expect(text).toContain(single(w.t("evidence.section.history")));
      expect(text).not.toContain("Review history");
      // no contact unless asked for
      expect(text).not.toContain("+25779000789");
      expect(pdf.fileName).toBe(`tora-face-evidence-NGO-2026-017-KIR-FOUND-3-${language}.pdf`);
      expect(pdf.sha256).toBe(createHash("sha256").update(Buffer.from(pdf.contentBase64, "base64")).digest("hex"));
      const [entry] = await deps.audit.list({ action: "match.evidence_file", limit: 10 });
      expect(entry).toMatchObject({ actor: officerBI.uid, details: { format: "pdf", language, sha256: pdf.sha256 } });
    });

  it("carries the contacts only when asked for by someone who may read them, and audits each reading", async () => {
    await confirm();
    const pdf = await getEvidenceFilePdf(deps, shelterOfficer, {
      matchId: match.id,
      includeContacts: true,
      language: "fr",
    });
    const text = await pdfText(pdf.contentBase64);
    expect(text).toContain("+25779000789");
    expect(text).toContain("Mireille Nduwimana");
    expect(
      (await deps.audit.list({ action: "case.decrypt_contact", limit: 10 })).map((e) => e.details?.contact).sort(),
    ).toEqual(["custody", "family"]);
    // an officer of the country who is on neither case may read the pair, not its contacts
    expect(await codeOf(getEvidenceFile(deps, colleague, { matchId: match.id, includeContacts: true }))).toBe(
      "permission-denied",
    );
    expect(
      (await getEvidenceFile(deps, colleague, { matchId: match.id, includeContacts: false })).mayReadContacts,
    ).toBe(false);
    const refused = await deps.audit.list({ action: "access.refused", limit: 10 });
    expect(refused.map((e) => e.details?.reason)).toContain("match_contacts_not_allowed");
  });

  it("a pair under review says so on its record; another country's officer, a dismissed pair and a possible duplicate are refused", async () => {
    const file = await getEvidenceFile(deps, officerBI, { matchId: match.id, includeContacts: false });
    expect(file.underReview).toBe(true);
    expect(file.marked).toBeUndefined();
    const pdf = await getEvidenceFilePdf(deps, officerBI, {
      matchId: match.id,
      includeContacts: false,
      language: "en",
    });
    const text = await pdfText(pdf.contentBase64);
    expect(text).toContain("Evidence file of a pair under review");
    expect(text).toContain("NOT CONFIRMED");
    expect(text).toContain("Not confirmed by a second officer.");
    // contacts are shown after a confirmed reunification only
    expect(await codeOf(getEvidenceFile(deps, officerBI, { matchId: match.id, includeContacts: true }))).toBe(
      "permission-denied",
    );
    expect(await codeOf(getEvidenceFile(deps, officerRW, { matchId: match.id, includeContacts: false }))).toBe(
      "permission-denied",
    );
    await reviewMatch(deps, officerBI, { matchId: match.id, outcome: "no_candidate", reason: "faces_differ" });
    expect(await codeOf(getEvidenceFile(deps, officerBI, { matchId: match.id, includeContacts: false }))).toBe(
      "failed-precondition",
    );
    const duplicate = await pairFixture(deps, missingId, foundId, undefined, {
      id: `${missingId}_dup`,
      kind: "duplicate",
    });
    expect(
      await codeOf(getEvidenceFilePdf(deps, admin, { matchId: duplicate.id, includeContacts: false, language: "fr" })),
    ).toBe("failed-precondition");
  });

  it("from the command line: produced by its operator, the faces said missing when their photo is gone", async () => {
    await confirm();
    await deps.blobs.delete(casePhotoPath(foundId, "p2"));
    const file = await getEvidenceFile(deps, SYSTEM_ACTOR, { matchId: match.id, includeContacts: false });
    expect(file.faces[1]).toMatchObject({ unavailable: "photo_not_stored" });
    const pdf = await getEvidenceFilePdf(deps, SYSTEM_ACTOR, {
      matchId: match.id,
      includeContacts: false,
      language: "rw",
    });
    const w = wordingFor("rw");
    const text = await pdfText(pdf.contentBase64);
    expect(text).toContain(single(w.t("evidence.photoUnavailable")));
    expect(text).toContain(single(w.t("evidence.byCommandLine")));
  });
});
