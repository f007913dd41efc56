// The case page: what the officer entered (a found person's intake, a missing person's facts),
// whether the case is cross-matched, the sealed contacts for those who may read them, the case's
// possible matches, its candidate list (screens/case-candidates.ts), its cross-border requests and
// pairs (screens/cross-border.ts), and the photos with their
// verdicts (screens/case-photos.ts).
import { loadPlaceLists, type CallableOutput } from "@tora-face/client";
import { familySms } from "./family-sms";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { run } from "../ui/busy";
import { h, message } from "../ui/dom";
import { placeText, type PlaceLists } from "../ui/place-picker";
import { caseCandidates } from "./case-candidates";
import { casePhotos } from "./case-photos";
import { compareSection } from "./compare";
import { caseCrossBorder } from "./cross-border";
import { pairLine } from "./matches";

type Loaded = CallableOutput<"getCase">;
type CaseView = Loaded["case"];

/** every age fact entered: an estimated range, a birth year, the age when last seen */
function ageOf(subject: CaseView["subject"]): string | undefined {
  const range = subject.ageRange;
  const parts = [
    range &&
      (range.min === range.max
        ? t("facts.ageValue", { age: formatNumber(range.min) })
        : t("facts.ageRangeValue", { min: formatNumber(range.min), max: formatNumber(range.max) })),
    subject.birthYear !== undefined && t("facts.bornValue", { year: String(subject.birthYear) }),
    subject.ageAtDisappearance !== undefined &&
      t("facts.ageWhenLastSeen", { age: formatNumber(subject.ageAtDisappearance) }),
  ].filter((p): p is string => !!p);
  return parts.join("; ") || undefined;
}

function heldAtOf(found: CaseView["found"]): string | undefined {
  if (!found?.heldAt) return undefined;
  const kind = t(`heldAt.${found.heldAt.kind}`);
  return found.heldAt.name ? t("facts.heldAtValue", { kind, name: found.heldAt.name }) : kind;
}

/** what the officer entered, each fact under its name; what was left empty is not shown */
function facts(c: CaseView, lists: PlaceLists | undefined): HTMLElement {
  const s = c.subject;
  const f = c.found;
  const rows: [string, string | undefined][] = [
    ["facts.externalRef", c.externalRef],
    ["facts.names", s.names.join(", ") || undefined],
    ["facts.aliases", s.aliases.join(", ") || undefined],
    ["facts.sex", t(`sex.${s.sex}`)],
    ["facts.age", ageOf(s)],
    ["facts.lastSeenPlace", placeText(s.lastSeenPlace, lists)],
    ["facts.lastSeenDate", s.lastSeenDate ? formatDate(s.lastSeenDate) : undefined],
    ["facts.dateFound", f?.dateFound ? formatDate(f.dateFound) : undefined],
    ["facts.foundPlace", placeText(f?.foundPlace, lists)],
    ["facts.heldAt", heldAtOf(f)],
    ["facts.condition", f ? t(`condition.${f.condition}`) : undefined],
    ["facts.cannotIdentify", f?.cannotIdentify ? t("facts.cannotIdentifyValue") : undefined],
    ["facts.description", s.description],
    ["facts.station", c.station],
    ["facts.country", t(`country.${c.country}`)],
    [
      "facts.status",
      c.outcome
        ? t("facts.statusOutcome", { status: t(`status.${c.status}`), outcome: t(`caseOutcome.${c.outcome}`) })
        : t(`status.${c.status}`),
    ],
    ["facts.legalBasis", c.legalBasis ? t(`legalBasis.${c.legalBasis}`) : undefined],
    [
      "facts.crossMatch",
      c.crossMatch?.allowed === false ? t("facts.crossMatchExcluded") : t("facts.crossMatchAllowed"),
    ],
    ["facts.created", formatDateTime(c.createdAt)],
  ];
  return h(
    "dl",
    { class: "facts" },
    ...rows
      .filter(([, value]) => value)
      .flatMap(([key, value]) => [h("dt", {}, t(key)), h("dd", { "data-fact": key.slice("facts.".length) }, value)]),
  );
}

/** a sealed contact: offered to those who may read it (getCase says who), kept out of sight for others */
function sealedContact(caseId: string, kind: "family" | "custody", loaded: Loaded): HTMLElement | null {
  const [recorded, mayRead] =
    kind === "family"
      ? [loaded.case.hasFamilyContact, loaded.access.mayReadFamilyContact]
      : [loaded.case.hasCustodyContact, loaded.access.mayReadCustodyContact];
  if (!recorded) return null;
  if (!mayRead) return h("p", { class: "muted" }, t(`case.${kind}Kept`));
  const out = h("div", { "aria-live": "polite" });
  const show = h(
    "button",
    { type: "button", class: "secondary" },
    t(kind === "family" ? "case.showFamily" : "case.showCustody"),
  );
  show.addEventListener("click", () => {
    void run(show, out, async () => {
      const opened = await call("getCase", {
        caseId,
        ...(kind === "family" ? { includeFamilyContact: true } : { includeCustodyContact: true }),
      });
      const contact = kind === "family" ? opened.familyContact : opened.custodyContact;
      if (contact) out.replaceChildren(message("info", contactText(kind, contact)));
    });
  });
  return h("div", { class: "family" }, show, out);
}

export function contactText(
  kind: "family" | "custody",
  contact: { name: string; relationship?: string; phone: string },
): string {
  return contact.relationship
    ? t(`case.${kind}ShownRelationship`, {
        name: contact.name,
        relationship: contact.relationship,
        phone: contact.phone,
      })
    : t(`case.${kind}Shown`, { name: contact.name, phone: contact.phone });
}

/** a case left out of the cross-match says so, with the reason; a reunified case links to its confirmed pair */
function standing(c: CaseView): HTMLElement[] {
  const notes: HTMLElement[] = [];
  if (c.crossMatch?.allowed === false)
    notes.push(
      h(
        "p",
        { class: "notice", "data-cross-match": "excluded" },
        t("case.crossMatchExcluded", { reason: c.crossMatch.reason }),
      ),
    );
  if (c.outcome === "reunified" && c.reunification)
    notes.push(
      h(
        "p",
        { class: "msg msg-success", "data-outcome": "reunified" },
        t("case.reunified", { date: formatDateTime(c.reunification.at) }),
        " ",
        h("a", { href: `#/matches/${c.reunification.matchId}` }, t("case.reunifiedLink")),
      ),
    );
  return notes;
}

/** the pairs this case is in, whatever their state: each opens its pair page */
function caseMatches(c: CaseView): HTMLElement {
  const section = h("section", { class: "case-matches", hidden: true });
  void call("listMatches", { caseId: c.id, limit: 20 })
    .then(({ matches }) => {
      if (!matches.length) return;
      section.append(
        h("h2", {}, t("case.matches")),
        h("ul", { class: "cards" }, ...matches.map((entry) => h("li", {}, pairLine(entry, c.id)))),
      );
      section.hidden = false;
    })
    // the pairs are an extra: the page stands without them
    .catch(() => undefined);
  return section;
}

/** a page's case, or in its place why not (another country's, unknown, no network with a retry) */
export async function loadCase(
  main: HTMLElement,
  caseId: string,
  retry: () => void,
): Promise<CallableOutput<"getCase"> | undefined> {
  const out = h("div", { "aria-live": "polite" });
  main.replaceChildren(h("p", {}, t("common.loading")));
  const loaded = await run(undefined, out, () => call("getCase", { caseId }), { retry });
  if (!loaded)
    main.replaceChildren(
      h("section", { "data-screen": "case-refused" }, h("a", { href: "#/cases" }, `← ${t("common.back")}`), out),
    );
  return loaded;
}

export async function caseDetailScreen(main: HTMLElement, caseId: string): Promise<void> {
  const loaded = await loadCase(main, caseId, () => void caseDetailScreen(main, caseId));
  if (!loaded) return;
  const c = loaded.case;
  // the lists say what a former place name is now; without them the name shows as entered
  const structured = [c.subject.lastSeenPlace, c.found?.foundPlace].some(
    (p) => p !== undefined && typeof p !== "string",
  );
  const lists = structured
    ? await loadPlaceLists().then(
        (m) => m.placeLists,
        () => undefined,
      )
    : undefined;
  const photos = casePhotos(c, loaded.access);
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "case" },
      h("a", { href: "#/cases" }, `← ${t("common.back")}`),
      h("h1", {}, c.externalRef || c.subject.names.join(", ") || t(`kind.${c.kind}`)),
      h(
        "p",
        { class: "row between" },
        h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
        loaded.access.mayChange && c.status === "open"
          ? h("a", { href: `#/cases/${c.id}/edit` }, t("case.edit"))
          : null,
      ),
      ...standing(c),
      facts(c, lists),
      sealedContact(caseId, "family", loaded),
      sealedContact(caseId, "custody", loaded),
      familySms(loaded),
      c.status === "open" ? h("p", {}, h("a", { href: `#/cases/${c.id}/appeal` }, t("appeal.open"))) : null,
      caseMatches(c),
      caseCandidates(c),
      caseCrossBorder(c, loaded.access.mayChange),
      compareSection(c.id),
      h("h2", {}, t("case.photos")),
      photos.element,
    ),
  );
  await photos.refresh();
}
