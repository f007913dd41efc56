// The case page: what the officer entered, the family contact for those who may read it, and the
// photos with their verdicts (screens/case-photos.ts).
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { run } from "../ui/busy";
import { h, message } from "../ui/dom";
import { casePhotos } from "./case-photos";

type Loaded = CallableOutput<"getCase">;
type CaseView = Loaded["case"];

function ageOf(subject: CaseView["subject"]): string | undefined {
  const range = subject.ageRange;
  if (range) return range.min === range.max ? t("facts.ageValue", { age: formatNumber(range.min) }) : t("facts.ageRangeValue", { min: formatNumber(range.min), max: formatNumber(range.max) });
  return subject.birthYear === undefined ? undefined : t("facts.bornValue", { year: String(subject.birthYear) });
}

/** a place as entered: free text (older cases), or structured from the most precise level up */
function placeOf(place: CaseView["subject"]["lastSeenPlace"]): string | undefined {
  if (place === undefined || typeof place === "string") return place;
  return [place.text, place.level2, place.level1, t(`country.${place.country}`)].filter(Boolean).join(", ");
}

/** what the officer entered, each fact under its name; what was left empty is not shown */
function facts(c: CaseView): HTMLElement {
  const s = c.subject;
  const rows: [string, string | undefined][] = [
    ["facts.externalRef", c.externalRef],
    ["facts.names", s.names.join(", ") || undefined],
    ["facts.aliases", s.aliases.join(", ") || undefined],
    ["facts.sex", t(`sex.${s.sex}`)],
    ["facts.age", ageOf(s)],
    ["facts.lastSeenPlace", placeOf(s.lastSeenPlace)],
    ["facts.lastSeenDate", s.lastSeenDate ? formatDate(s.lastSeenDate) : undefined],
    ["facts.description", s.description],
    ["facts.station", c.station],
    ["facts.country", t(`country.${c.country}`)],
    ["facts.status", t(`status.${c.status}`)],
    ["facts.created", formatDateTime(c.createdAt)],
  ];
  return h("dl", { class: "facts" }, ...rows.filter(([, value]) => value).flatMap(([key, value]) => [h("dt", {}, t(key)), h("dd", { "data-fact": key.slice("facts.".length) }, value)]));
}

function familyContact(caseId: string, loaded: Loaded): HTMLElement | null {
  if (!loaded.case.hasFamilyContact) return null;
  if (!loaded.access.mayReadFamilyContact) return h("p", { class: "muted" }, t("case.familyKept"));
  const out = h("div", { "aria-live": "polite" });
  const show = h("button", { type: "button", class: "secondary" }, t("case.showFamily"));
  show.addEventListener("click", () => {
    void run(show, out, async () => {
      const { familyContact: contact } = await call("getCase", { caseId, includeFamilyContact: true });
      if (!contact) return;
      const text = contact.relationship
        ? t("case.familyShownRelationship", { name: contact.name, relationship: contact.relationship, phone: contact.phone })
        : t("case.familyShown", { name: contact.name, phone: contact.phone });
      out.replaceChildren(message("info", text));
    });
  });
  return h("div", { class: "family" }, show, out);
}

export async function caseDetailScreen(main: HTMLElement, caseId: string): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  main.replaceChildren(h("p", {}, t("common.loading")));
  const loaded = await run(undefined, out, () => call("getCase", { caseId }), { retry: () => void caseDetailScreen(main, caseId) });
  if (!loaded) return void main.replaceChildren(h("section", { "data-screen": "case-refused" }, h("a", { href: "#/cases" }, `← ${t("common.back")}`), out));
  const c = loaded.case;
  const photos = casePhotos(c, loaded.access);
  main.replaceChildren(
    h("section", { "data-screen": "case" },
      h("a", { href: "#/cases" }, `← ${t("common.back")}`),
      h("h1", {}, c.externalRef || c.subject.names.join(", ") || t(`kind.${c.kind}`)),
      h("p", {}, h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`))),
      facts(c),
      familyContact(caseId, loaded),
      c.status === "open" ? h("p", {}, h("a", { href: `#/cases/${c.id}/appeal` }, t("appeal.open"))) : null,
      h("h2", {}, t("case.photos")),
      photos.element),
  );
  await photos.refresh();
}
