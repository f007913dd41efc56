// Appeal bulletins: what reaches the language model is the case's non-sensitive facts only — no
// sealed field, no phone number, no e-mail address, no photo unless ticked; an officer approves.
import { describe, expect, it } from "vitest";
import type { AppealRequest, AppealWriter } from "../../src/ports/index.js";
import { casePhotoPath } from "../../src/schemas/index.js";
import {
  appealFacts,
  approveAppealBulletin,
  draftAppealBulletin,
  listAppealBulletins,
  withoutContacts,
} from "../../src/services/bulletins.js";
import { createCase } from "../../src/services/cases.js";
import { codeOf } from "../support/codes.js";
import { actor, admin, memoryDeps, officerBI, officerRW, supervisorBI, type TestDeps } from "../support/deps.js";
import { noiseJpeg } from "../support/images.js";
import { seedCase } from "../support/seed.js";
import { templateAppealWriter } from "../../src/adapters/appeal-template.js";

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/** runs of 7 digits or more however they are separated, except the dates the facts carry */
function phoneNumbersIn(text: string): string[] {
  return [...text.matchAll(/\+?\(?\d[\d\s().\-/]{5,}\d/g)]
    .map((m) => m[0])
    .filter((m) => m.replace(/\D/g, "").length >= 7 && !["2026-05-03", "12/05/2026"].includes(m));
}

/** the template writer, keeping every request it received */
function recordingWriter(): AppealWriter & { requests: AppealRequest[] } {
  const inner = templateAppealWriter();
  const requests: AppealRequest[] = [];
  return { generator: inner.generator, requests, draft: async (r) => (requests.push(r), inner.draft(r)) };
}

async function caseWithEverything(deps: TestDeps) {
  const { case: view } = await createCase(deps, officerBI, {
    kind: "missing",
    country: "BI",
    station: "Ngozi",
    externalRef: "NGZ-2026-0042",
    subject: {
      names: ["Aline Uwase"],
      aliases: ["Lili"],
      sex: "female",
      birthYear: 2014,
      lastSeenPlace: "Ngozi market, the stall of 079 12 34 56",
      lastSeenDate: "2026-05-03",
      description:
        "Green dress, scar on the left hand. Mother: +257 79 000 111 or jeanne.uwase@example.org; seen on 12/05/2026.",
    },
    familyContact: {
      name: "Jeanne Uwase",
      relationship: "mother",
      phone: "+25779000111",
      notes: "lives near the church, +250788123456",
    },
  });
  return (await deps.cases.get(view.id))!;
}

describe("appeal bulletins", () => {
  it("a child missing for years is described at the age they were lost and today's age; dates as each language writes them; who drafted by name", async () => {
    const deps = memoryDeps();
    await deps.officers.put({
      uid: officerBI.uid,
      name: "Sgt Ndayishimiye",
      badgeNumber: "BI-7",
      rank: "Sergeant",
      station: "Ngozi",
      country: "BI",
      phone: "+25779999888",
      role: "officer",
      status: "approved",
      createdAt: deps.clock.now().toISOString(),
      updatedAt: deps.clock.now().toISOString(),
    });
    const { case: view } = await createCase(deps, officerBI, {
      kind: "missing",
      country: "BI",
      station: "Ngozi",
      subject: { names: ["Eric Nkurunziza"], aliases: [], sex: "male", birthYear: 2004, lastSeenDate: "2012-03-04" },
    });
    const facts = appealFacts((await deps.cases.get(view.id))!, deps.clock.now());
    expect(facts).toMatchObject({ age: { min: 21, max: 22 }, ageWhenLastSeen: { min: 7, max: 8 } });
    const { bulletin } = await draftAppealBulletin(deps, officerBI, { caseId: view.id, includePhoto: false });
    expect(bulletin.texts.en).toContain("missing since the age of 7 or 8, now 21 to 22 years old");
    expect(bulletin.texts.en).toContain("on Mar 4, 2012");
    expect(bulletin.texts.fr).toContain("le 4 mars 2012");
    for (const text of Object.values(bulletin.texts)) expect(text).not.toContain("2012-03-04");
    const listed = await listAppealBulletins(deps, officerBI, { caseId: view.id });
    expect(listed.officerNames).toEqual({ [officerBI.uid]: "Sgt Ndayishimiye" });
  });

  it("removes phone numbers and e-mail addresses from free text, keeps dates", () => {
    for (const phone of [
      "+257 79 12 34 56",
      "+25779123456",
      "079-123-456",
      "(250) 788 123 456",
      "79.12.34.56",
      "0788123456",
    ])
      expect(withoutContacts(`call ${phone} now`)).toBe("call [removed] now");
    expect(withoutContacts("write to a.b@example.org")).toBe("write to [removed]");
    expect(withoutContacts("seen on 2026-05-03 and 12/05/2026, aged 12, 1.40 m")).toBe(
      "seen on 2026-05-03 and 12/05/2026, aged 12, 1.40 m",
    );
  });

  it("no sealed field, phone number or e-mail address reaches the prompt; no photo unless ticked", async () => {
    const writer = recordingWriter();
    const deps = memoryDeps({}, { appealWriter: writer });
    await deps.officers.put({
      uid: officerBI.uid,
      name: "Sgt Ndayishimiye",
      badgeNumber: "BI-7",
      rank: "Sergeant",
      station: "Ngozi",
      country: "BI",
      phone: "+25779999888",
      email: "sgt@police.example.bi",
      role: "officer",
      status: "approved",
      createdAt: deps.clock.now().toISOString(),
      updatedAt: deps.clock.now().toISOString(),
    });
    const record = await caseWithEverything(deps);
    const { bulletin } = await draftAppealBulletin(deps, officerBI, { caseId: record.id, includePhoto: false });
    expect(bulletin).toMatchObject({ status: "draft", generator: "local-template", draftedBy: officerBI.uid });
    expect(bulletin.photo).toBeUndefined();
    const [request] = writer.requests;
    expect(request!.photo).toBeUndefined();
    const sent = `${request!.prompt}\n${JSON.stringify(request!.facts)}`;
    const sealed = record.familyContact!;
    for (const secret of [
      sealed.ciphertext,
      sealed.iv,
      sealed.tag,
      "Jeanne",
      "church",
      "+25779000111",
      "788123456",
      "sgt@police",
      "+25779999888",
      "Ndayishimiye",
      "NGZ-2026-0042",
      officerBI.uid,
    ])
      expect(sent, secret).not.toContain(secret);
    expect(phoneNumbersIn(sent)).toEqual([]);
    expect(sent).not.toMatch(EMAIL);
    // what an appeal needs is there
    for (const fact of ["Aline Uwase", "Lili", "Ngozi market", "Green dress", "2026-05-03", "12/05/2026"])
      expect(sent).toContain(fact);
    expect(request!.facts.age).toEqual({ min: 11, max: 12 });
    // and the draft carries none of it either
    for (const text of Object.values(bulletin.texts)) {
      expect(phoneNumbersIn(text)).toEqual([]);
      expect(text).not.toMatch(EMAIL);
    }
  });

  it("sends the case's photo only when the officer ticks it, as a small JPEG", async () => {
    const writer = recordingWriter();
    const deps = memoryDeps({}, { appealWriter: writer });
    const { case: c, photos } = await seedCase(deps, officerBI, { photos: 1 });
    expect(await codeOf(draftAppealBulletin(deps, officerBI, { caseId: c.id, includePhoto: true }))).toBe(
      "failed-precondition",
    );
    // the seeded bytes are not a photo: a readable one in their place (stored bytes are never overwritten)
    await deps.blobs.delete(casePhotoPath(c.id, photos[0]!.photoId));
    await deps.blobs.put(casePhotoPath(c.id, photos[0]!.photoId), await noiseJpeg(1600, 1200), "image/jpeg");
    const { bulletin } = await draftAppealBulletin(deps, officerBI, { caseId: c.id, includePhoto: true });
    expect(bulletin.photo).toEqual({ caseId: c.id, photoId: photos[0]!.photoId });
    const photo = writer.requests.at(-1)!.photo!;
    expect(photo.mimeType).toBe("image/jpeg");
    expect([photo.bytes[0], photo.bytes[1]]).toEqual([0xff, 0xd8]);
    expect(photo.bytes.length).toBeLessThan(200_000);
  });

  it("nothing is approved without an officer of the case; edits and approvals are audited", async () => {
    const deps = memoryDeps();
    const record = await caseWithEverything(deps);
    const { bulletin } = await draftAppealBulletin(deps, officerBI, { caseId: record.id, includePhoto: false });
    const colleague = actor("officer-bi-2", { role: "officer", status: "approved", country: "BI" });
    const edited = { ...bulletin.texts, en: `${bulletin.texts.en}\nNgozi police station: 22 30 00 00.` };
    expect(await codeOf(draftAppealBulletin(deps, colleague, { caseId: record.id, includePhoto: false }))).toBe(
      "permission-denied",
    );
    expect(await codeOf(approveAppealBulletin(deps, colleague, { bulletinId: bulletin.id, texts: edited }))).toBe(
      "permission-denied",
    );
    expect(await codeOf(approveAppealBulletin(deps, officerRW, { bulletinId: bulletin.id, texts: edited }))).toBe(
      "permission-denied",
    );
    expect((await listAppealBulletins(deps, colleague, { caseId: record.id })).bulletins.map((b) => b.status)).toEqual([
      "draft",
    ]);
    const { bulletin: approved } = await approveAppealBulletin(deps, supervisorBI, {
      bulletinId: bulletin.id,
      texts: edited,
    });
    expect(approved).toMatchObject({ status: "approved", approvedBy: supervisorBI.uid, edited: true, texts: edited });
    expect(await codeOf(approveAppealBulletin(deps, admin, { bulletinId: bulletin.id, texts: edited }))).toBe(
      "failed-precondition",
    );
    const audited = (await deps.audit.list({ limit: 20 }))
      .filter((e) => e.action.startsWith("bulletin."))
      .map((e) => [e.action, e.actor, e.details?.caseId]);
    expect(audited.sort()).toEqual(
      [
        ["bulletin.approve", supervisorBI.uid, record.id],
        ["bulletin.draft", officerBI.uid, record.id],
      ].sort(),
    );
  });

  it("an answer that is not the five texts is refused, nothing stored", async () => {
    const deps = memoryDeps({}, { appealWriter: { generator: "broken", draft: async () => '{"en": "only English"}' } });
    const record = await caseWithEverything(deps);
    expect(await codeOf(draftAppealBulletin(deps, officerBI, { caseId: record.id, includePhoto: false }))).toBe(
      "internal",
    );
    expect(await deps.bulletins.listForCase(record.id)).toEqual([]);
    expect(appealFacts(record, deps.clock.now()).station).toBe("Ngozi");
  });
});
