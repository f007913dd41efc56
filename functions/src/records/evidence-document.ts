// The reunification evidence file in the reader's language, as a sequence of blocks that say
// nothing about paper or screen: the portal's print page draws them as HTML, the PDF renderer
// (evidence-pdf.ts) as A4 pages. Both read the same words (functions/src/words), so a sentence on
// the page is the sentence in the PDF. Pure: no Node, no DOM.
import type { CaseView, EvidenceFile, Match, NamedOfficer, Place } from "../schemas/index.js";
import { factorSentence, signedLlr } from "../words/factor-sentence.js";
import type { Wording } from "../words/wording.js";

/** one fact under its name; `key` names it for pages and tests (facts.lastSeenDate → lastSeenDate) */
export interface EvidenceRow {
  key: string;
  label: string;
  value: string;
}

export interface EvidenceFaceView {
  caseId: string;
  caption: string;
  detail: string;
  /** data:image/jpeg;base64,… */
  image?: string;
  missing?: string;
}

export type EvidenceBlock =
  | { kind: "heading"; section: string; text: string }
  | { kind: "paragraph"; tone: "statement" | "warning" | "note"; text: string }
  | { kind: "facts"; section: string; rows: EvidenceRow[] }
  | { kind: "faces"; faces: EvidenceFaceView[] }
  | { kind: "factors"; factors: { code: string; llr: string; sentence: string }[] }
  | { kind: "cases"; cases: { caseId: string; heading: string; rows: EvidenceRow[] }[] }
  | { kind: "events"; events: { event: string; title: string; who: string; when: string; lines: string[] }[] };

export interface EvidenceDocument {
  language: string;
  title: string;
  /** every page's foot: the record and the pair it is about */
  footer: string;
  /** "page {page} of {pages}" in the language, for paged media */
  pageTemplate: string;
  blocks: EvidenceBlock[];
}

const refOf = (c: CaseView): string => c.externalRef || c.subject.names.join(", ") || c.id;

function officerText(w: Wording, file: EvidenceFile, uid: string): string {
  if (uid === "system") return w.t("evidence.bySystem");
  const o: NamedOfficer | undefined = file.officers[uid];
  return o
    ? w.t("evidence.officerValue", { name: o.name, rank: o.rank, badge: o.badgeNumber, station: o.station })
    : w.t("evidence.unknownOfficer", { uid });
}

function placeText(w: Wording, place: string | Place | undefined): string | undefined {
  if (place === undefined || typeof place === "string") return place;
  return [place.text, place.level2, place.level1, w.t(`country.${place.country}`)].filter(Boolean).join(", ");
}

function ageText(w: Wording, s: CaseView["subject"]): string | undefined {
  const range = s.ageRange;
  const parts = [
    range &&
      (range.min === range.max
        ? w.t("facts.ageValue", { age: w.number(range.min) })
        : w.t("facts.ageRangeValue", { min: w.number(range.min), max: w.number(range.max) })),
    s.birthYear !== undefined && w.t("facts.bornValue", { year: String(s.birthYear) }),
    s.ageAtDisappearance !== undefined && w.t("facts.ageWhenLastSeen", { age: w.number(s.ageAtDisappearance) }),
  ].filter((p): p is string => !!p);
  return parts.join("; ") || undefined;
}

/** what the officers entered on a case, each fact under its name, as the case page shows it; empty facts are left out */
function caseRows(w: Wording, c: CaseView): EvidenceRow[] {
  const s = c.subject;
  const f = c.found;
  const heldAt =
    f?.heldAt &&
    (f.heldAt.name
      ? w.t("facts.heldAtValue", { kind: w.t(`heldAt.${f.heldAt.kind}`), name: f.heldAt.name })
      : w.t(`heldAt.${f.heldAt.kind}`));
  const rows: [string, string | undefined][] = [
    ["externalRef", c.externalRef],
    ["names", s.names.join(", ") || undefined],
    ["aliases", s.aliases.join(", ") || undefined],
    ["sex", w.t(`sex.${s.sex}`)],
    ["age", ageText(w, s)],
    ["lastSeenPlace", placeText(w, s.lastSeenPlace)],
    ["lastSeenDate", s.lastSeenDate && w.date(s.lastSeenDate)],
    ["dateFound", f?.dateFound && w.date(f.dateFound)],
    ["foundPlace", placeText(w, f?.foundPlace)],
    ["heldAt", heldAt],
    ["condition", f && w.t(`condition.${f.condition}`)],
    ["cannotIdentify", f?.cannotIdentify ? w.t("facts.cannotIdentifyValue") : undefined],
    ["description", s.description],
    ["station", c.station],
    ["country", w.t(`country.${c.country}`)],
    [
      "status",
      c.outcome
        ? w.t("facts.statusOutcome", { status: w.t(`status.${c.status}`), outcome: w.t(`caseOutcome.${c.outcome}`) })
        : w.t(`status.${c.status}`),
    ],
    ["legalBasis", c.legalBasis && w.t(`legalBasis.${c.legalBasis}`)],
    ["created", w.dateTime(c.createdAt)],
  ];
  return rows
    .filter((r): r is [string, string] => !!r[1])
    .map(([key, value]) => ({ key, label: w.t(`facts.${key}`), value }));
}

function summaryRows(w: Wording, file: EvidenceFile): EvidenceRow[] {
  const m = file.match;
  const band = (value: string, b: string) => w.t("evidence.bandValue", { value, band: w.t(`band.${b}`) });
  const producer = file.producedBy === "system" ? w.t("evidence.byCommandLine") : officerText(w, file, file.producedBy);
  return [
    { key: "pair", label: w.t("evidence.label.pair"), value: m.id },
    { key: "state", label: w.t("evidence.label.state"), value: w.t(`match.state.${m.state}`) },
    { key: "country", label: w.t("facts.country"), value: w.t(`country.${m.country}`) },
    {
      key: "faceSimilarity",
      label: w.t("evidence.label.faceSimilarity"),
      value: band(w.number(m.face.similarity, 3), m.face.band),
    },
    { key: "score", label: w.t("evidence.label.score"), value: band(w.number(m.score, 2), m.band) },
    { key: "model", label: w.t("evidence.label.model"), value: m.modelVersion },
    { key: "calibration", label: w.t("evidence.label.calibration"), value: m.calibrationVersion },
    {
      key: "produced",
      label: w.t("evidence.label.produced"),
      value: w.t("evidence.producedValue", { date: w.dateTime(file.producedAt), officer: producer }),
    },
  ];
}

function faceViews(w: Wording, file: EvidenceFile): EvidenceFaceView[] {
  return file.faces.map((face, i) => {
    const c = file.cases[i as 0 | 1];
    return {
      caseId: c.id,
      caption: w.t("evidence.caseHeading", { kind: w.t(`kind.${c.kind}`), ref: refOf(c) }),
      detail: face.photoDate
        ? w.t("evidence.photoTaken", { date: w.date(face.photoDate) })
        : w.t("evidence.photoDateUnknown"),
      ...(face.thumbnail ? { image: face.thumbnail } : { missing: w.t("evidence.photoUnavailable") }),
    };
  });
}

function decisionRows(w: Wording, file: EvidenceFile): EvidenceRow[] {
  const decided = (d: EvidenceFile["marked"]) =>
    d && w.t("evidence.decidedValue", { officer: officerText(w, file, d.by), date: w.dateTime(d.at) });
  const note = file.confirmed?.note ? ` · ${w.t("evidence.noteValue", { note: file.confirmed.note })}` : "";
  return [
    { key: "marked", label: w.t("evidence.markedBy"), value: decided(file.marked) ?? w.t("evidence.notMarked") },
    {
      key: "confirmed",
      label: w.t("evidence.confirmedBy"),
      value: decided(file.confirmed) ? `${decided(file.confirmed)}${note}` : w.t("evidence.notConfirmed"),
    },
  ];
}

function contactRows(w: Wording, file: EvidenceFile): EvidenceRow[] {
  const text = (c: { name: string; relationship?: string; phone: string }) =>
    c.relationship
      ? w.t("evidence.contactValue", { name: c.name, relationship: c.relationship, phone: c.phone })
      : `${c.name}, ${c.phone}`;
  return [
    file.familyContact && {
      key: "family",
      label: w.t("kind.missing"),
      value: w.t("evidence.contact.family", { contact: text(file.familyContact) }),
    },
    file.custodyContact && {
      key: "custody",
      label: w.t("kind.found"),
      value: w.t("evidence.contact.custody", { contact: text(file.custodyContact) }),
    },
  ].filter((r): r is EvidenceRow => !!r);
}

function historyEvents(w: Wording, file: EvidenceFile, match: Match) {
  return match.history.map((e) => ({
    event: e.event,
    title: w.t(`match.event.${e.event}`),
    // "opened by the cross-match" says who already
    who: e.event === "opened" && e.by === "system" ? "" : officerText(w, file, e.by),
    when: w.dateTime(e.at),
    lines: [
      e.outcome &&
        (e.reason
          ? w.t("evidence.outcomeReason", {
              outcome: w.t(`outcome.${e.outcome}`),
              reason: w.t(`review.reason.${e.reason}`),
            })
          : w.t(`outcome.${e.outcome}`)),
      e.note && w.t("evidence.noteValue", { note: e.note }),
      w.t("evidence.historyScores", {
        score: w.number(e.score, 2),
        band: w.t(`band.${e.band}`),
        similarity: w.number(e.similarity, 3),
        model: e.modelVersion,
        calibration: e.calibrationVersion,
      }),
    ].filter((l): l is string => !!l),
  }));
}

export function buildEvidenceDocument(file: EvidenceFile, w: Wording): EvidenceDocument {
  const m = file.match;
  const factors = (m.fused?.factors ?? []).map((f) => ({
    code: f.code,
    llr: signedLlr(w, f.llr),
    sentence: factorSentence(f, m.country, w),
  }));
  const contacts = contactRows(w, file);
  const blocks: EvidenceBlock[] = [
    { kind: "paragraph", tone: "statement", text: w.t("evidence.statement") },
    ...(file.underReview
      ? [
          {
            kind: "paragraph" as const,
            tone: "warning" as const,
            text: w.t("evidence.underReview", { state: w.t(`match.state.${m.state}`) }),
          },
        ]
      : []),
    { kind: "facts", section: "summary", rows: summaryRows(w, file) },
    { kind: "paragraph", tone: "note", text: w.t("evidence.timeZone") },
    { kind: "heading", section: "faces", text: w.t("evidence.section.faces") },
    { kind: "faces", faces: faceViews(w, file) },
    { kind: "heading", section: "factors", text: w.t("evidence.section.factors") },
    { kind: "paragraph", tone: "note", text: w.t("evidence.factorsNote") },
    { kind: "factors", factors },
    { kind: "heading", section: "officers", text: w.t("evidence.section.officers") },
    { kind: "facts", section: "officers", rows: decisionRows(w, file) },
    { kind: "heading", section: "cases", text: w.t("evidence.section.cases") },
    {
      kind: "cases",
      cases: file.cases.map((c) => ({
        caseId: c.id,
        heading: w.t("evidence.caseHeading", { kind: w.t(`kind.${c.kind}`), ref: refOf(c) }),
        rows: caseRows(w, c),
      })),
    },
    { kind: "heading", section: "contacts", text: w.t("evidence.section.contacts") },
    contacts.length
      ? { kind: "facts", section: "contacts", rows: contacts }
      : { kind: "paragraph", tone: "note", text: w.t("evidence.contactsLeftOut") },
    { kind: "heading", section: "history", text: w.t("evidence.section.history") },
    { kind: "events", events: historyEvents(w, file, m) },
  ];
  return {
    language: w.language,
    title: w.t(file.underReview ? "evidence.titleUnderReview" : "evidence.title"),
    footer: w.t("evidence.footer", { id: m.id }),
    pageTemplate: w.t("evidence.page"),
    blocks,
  };
}
