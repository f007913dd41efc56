// Missing-person appeals. A language model drafts the appeal in the portal's five languages from
// the case's non-sensitive facts only — never the family's or custody contact, never an officer,
// never a file number; phone numbers and e-mail addresses typed into free text are removed first;
// the photo only when the officer ticks it. An officer of the case edits and approves the draft:
// nothing is published before that. Drafts and approvals are audited.
import { randomUUID } from "node:crypto";
import { thumbnailJpeg } from "../engine/index.js";
import type { Deps } from "../ports/index.js";
import { appealTextsSchema, type AppealFacts, type AppealTexts, type Bulletin, type Case } from "../schemas/index.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { mayManage, mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";

const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/gu;
/** seven digits or more, with the separators people type (+257 79 12 34 56, 079-123-456, (250) 788…) */
const PHONE = /\+?\(?\d[\d\s().\-/]{5,}\d/gu;
const REMOVED = "[removed]";

/** a written date (2024-05-03, 3/5/2024, 03.05.24) is not a phone number */
const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/u;

/** free text without anything that reads as an e-mail address or a phone number (7 digits or more) */
export function withoutContacts(text: string): string {
  return text
    .replace(EMAIL, REMOVED)
    .replace(PHONE, (match) => (DATE.test(match) || match.replace(/\D/gu, "").length < 7 ? match : REMOVED));
}

/** a place as words: free text (older cases), or a structured place from its most precise level up */
function placeText(place: Case["subject"]["lastSeenPlace"]): string | undefined {
  if (place === undefined || typeof place === "string") return place;
  return [place.text, place.level2, place.level1].filter(Boolean).join(", ") || undefined;
}

/** the only facts of a case a language model sees */
export function appealFacts(record: Case, now: Date): AppealFacts {
  const s = record.subject;
  const yearsSinceRecorded = now.getUTCFullYear() - new Date(record.createdAt).getUTCFullYear();
  const age =
    s.birthYear !== undefined
      ? { min: now.getUTCFullYear() - s.birthYear - 1, max: now.getUTCFullYear() - s.birthYear }
      : s.ageRange
        ? { min: s.ageRange.min + yearsSinceRecorded, max: s.ageRange.max + yearsSinceRecorded }
        : undefined;
  const clean = (t: string | undefined) => (t ? withoutContacts(t) : undefined);
  const place = clean(placeText(s.lastSeenPlace));
  const description = clean(s.description);
  return {
    kind: record.kind,
    country: record.country,
    names: s.names.map(withoutContacts),
    aliases: s.aliases.map(withoutContacts),
    sex: s.sex,
    ...(age ? { age } : {}),
    ...(place ? { lastSeenPlace: place } : {}),
    ...(s.lastSeenDate ? { lastSeenDate: s.lastSeenDate } : {}),
    ...(description ? { description } : {}),
    station: withoutContacts(record.station),
  };
}

/** the instructions and the facts as JSON: nothing else of the case goes in */
function appealPrompt(facts: AppealFacts, withPhoto: boolean): string {
  const ask =
    facts.kind === "missing"
      ? "asks the public whether they have seen this missing person"
      : "asks the public whether they know this person, who was found and cannot be identified";
  return [
    `Write a short public appeal from the police of ${facts.country === "BI" ? "Burundi" : "Rwanda"} that ${ask}.`,
    "Write it five times, once per language: English (en), French (fr), Swahili (sw), Kirundi (rn), Kinyarwanda (rw).",
    "Use only the facts below; do not invent or guess anything else (no ethnicity, health, religion or family situation).",
    "Do not include any phone number, e-mail address or personal name other than the person's own names; end by asking people to contact the named police station or the nearest police post.",
    withPhoto
      ? "A photo of the person is attached and will be printed beside the appeal: refer to it, and describe only clothing or features that are plainly visible."
      : "No photo will be printed: do not refer to one.",
    "Each text at most 600 characters, plain text, no markdown. Answer with one JSON object with the keys en, fr, sw, rn, rw.",
    `Facts (JSON): ${JSON.stringify(facts)}`,
  ].join("\n");
}

/** the case's first searchable photo, small, for the model and the printed appeal */
async function appealPhoto(
  deps: Deps,
  record: Case,
): Promise<{ ref: { caseId: string; photoId: string }; mimeType: string; bytes: Uint8Array }> {
  const photo = (await deps.photos.list(record.id)).find((p) => p.status === "indexed");
  const bytes = photo ? await deps.blobs.get(photo.storagePath) : undefined;
  if (!photo || !bytes) throw new ServiceError("bulletin_no_photo");
  try {
    return {
      ref: { caseId: record.id, photoId: photo.photoId },
      mimeType: "image/jpeg",
      bytes: await thumbnailJpeg(bytes, 512),
    };
  } catch {
    throw new ServiceError("photo_unreadable");
  }
}

function parseTexts(answer: string): AppealTexts {
  try {
    const parsed = appealTextsSchema.safeParse(JSON.parse(answer));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: the same refusal below
  }
  throw new ServiceError("bulletin_draft_failed");
}

async function caseForAppeal(deps: Deps, caller: Actor, caseId: string): Promise<Case> {
  const record = await mustGetCase(deps, caller, caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_change_not_allowed");
  return record;
}

export async function draftAppealBulletin(deps: Deps, caller: Actor, input: { caseId: string; includePhoto: boolean }) {
  const record = await caseForAppeal(deps, caller, input.caseId);
  const now = deps.clock.now();
  const facts = appealFacts(record, now);
  const photo = input.includePhoto ? await appealPhoto(deps, record) : undefined;
  const started = Date.now();
  const answer = await deps.appealWriter.draft({
    facts,
    prompt: appealPrompt(facts, photo !== undefined),
    ...(photo ? { photo: { mimeType: photo.mimeType, bytes: photo.bytes } } : {}),
  });
  const bulletin: Bulletin = {
    id: randomUUID(),
    caseId: record.id,
    status: "draft",
    texts: parseTexts(answer),
    ...(photo ? { photo: photo.ref } : {}),
    generator: deps.appealWriter.generator,
    draftedBy: caller.uid,
    draftedAt: now.toISOString(),
  };
  await deps.bulletins.put(bulletin);
  await audit(
    deps,
    caller,
    "bulletin.draft",
    { type: "bulletin", id: bulletin.id },
    { caseId: record.id, withPhoto: photo !== undefined, generator: bulletin.generator },
  );
  deps.events.appealDrafted({
    generator: bulletin.generator,
    withPhoto: photo !== undefined,
    ms: Date.now() - started,
  });
  return { bulletin };
}

/** The officer's edited texts become the appeal; only an approved appeal may be published. */
export async function approveAppealBulletin(
  deps: Deps,
  caller: Actor,
  input: { bulletinId: string; texts: AppealTexts },
) {
  const bulletin = await deps.bulletins.get(input.bulletinId);
  if (!bulletin) throw new ServiceError("bulletin_not_found");
  await caseForAppeal(deps, caller, bulletin.caseId);
  if (bulletin.status === "approved") throw new ServiceError("bulletin_already_approved");
  const edited = (Object.keys(input.texts) as (keyof AppealTexts)[]).some((l) => input.texts[l] !== bulletin.texts[l]);
  const approved: Bulletin = {
    ...bulletin,
    status: "approved",
    texts: input.texts,
    approvedBy: caller.uid,
    approvedAt: deps.clock.now().toISOString(),
    edited,
  };
  await deps.bulletins.put(approved);
  await audit(
    deps,
    caller,
    "bulletin.approve",
    { type: "bulletin", id: bulletin.id },
    { caseId: bulletin.caseId, edited },
  );
  return { bulletin: approved };
}

export async function listAppealBulletins(deps: Deps, caller: Actor, input: { caseId: string }) {
  await mustGetCase(deps, caller, input.caseId);
  return { bulletins: await deps.bulletins.listForCase(input.caseId) };
}
