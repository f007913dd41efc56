// Case list and new case. The case page is screens/case-detail.ts.
import { caseKindSchema, caseStatusSchema, countrySchema, sexSchema, type CallableInput, type CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import type { Session } from "../session";
import { run } from "../ui/busy";
import { enumSelect, field, h } from "../ui/dom";

type CaseView = CallableOutput<"getCase">["case"];

export async function casesScreen(main: HTMLElement): Promise<void> {
  const status = enumSelect("status", caseStatusSchema, (s) => t(`status.${s}`), { any: t("cases.all") });
  const kind = enumSelect("kind", caseKindSchema, (k) => t(`kind.${k}`), { any: t("cases.all") });
  const list = h("ul", { class: "cards", "aria-live": "polite" });
  const out = h("div");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("cases.more"));
  let cursor: string | undefined;
  async function load(reset: boolean) {
    if (reset) {
      list.replaceChildren();
      cursor = undefined;
    }
    const [chosenStatus, chosenKind] = [status.value(), kind.value()];
    const page = await run(more, out, () =>
      call("listCases", { limit: 20, ...(chosenStatus ? { status: chosenStatus } : {}), ...(chosenKind ? { kind: chosenKind } : {}), ...(cursor ? { cursor } : {}) }),
      { during: "load", retry: () => void load(reset) },
    );
    if (!page) return;
    for (const c of page.cases) list.append(h("li", {}, caseCard(c)));
    if (list.children.length === 0) list.append(h("li", { class: "muted" }, t("cases.empty")));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
  status.element.addEventListener("change", () => void load(true));
  kind.element.addEventListener("change", () => void load(true));
  more.addEventListener("click", () => void load(false));
  main.replaceChildren(
    h("section", { "data-screen": "cases" }, h("div", { class: "row between" }, h("h1", {}, t("cases.title")), h("a", { class: "button", href: "#/cases/new" }, t("cases.new"))),
      h("div", { class: "row" }, field(t("cases.filterStatus"), status.element), field(t("cases.filterKind"), kind.element)),
      out, list, more),
  );
  await load(true);
}

function caseCard(c: CaseView): HTMLElement {
  const title = c.externalRef || c.subject.names.join(", ") || c.id.slice(0, 8);
  return h("a", { class: "card case", href: `#/cases/${c.id}` },
    h("strong", {}, title),
    h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
    h("span", { class: "muted" }, `${t(`status.${c.status}`)} · ${t(`country.${c.country}`)} · ${c.station}`));
}

/** one age typed: that age at both ends of the range, so what the officer entered is kept */
function ageRangeOf(min: string, max: string): { min: number; max: number } | undefined {
  const [from, to] = [min.trim(), max.trim()];
  if (!from && !to) return undefined;
  return { min: Number(from || to), max: Number(to || from) };
}

export function newCaseScreen(main: HTMLElement, session: Session): void {
  const officer = session.profile.officer!;
  const kind = enumSelect("kind", caseKindSchema, (k) => t(`kind.${k}`));
  const country = enumSelect("country", countrySchema, (c) => t(`country.${c}`), { value: officer.country });
  country.element.disabled = officer.role !== "admin";
  const station = h("input", { name: "station", value: officer.station });
  const externalRef = h("input", { name: "externalRef" });
  const names = h("input", { name: "names" });
  const sex = enumSelect("sex", sexSchema, (s) => t(`sex.${s}`), { value: "unknown" });
  const ageMin = h("input", { name: "ageMin", type: "number", inputMode: "numeric" });
  const ageMax = h("input", { name: "ageMax", type: "number", inputMode: "numeric" });
  const place = h("input", { name: "lastSeenPlace" });
  const date = h("input", { name: "lastSeenDate", type: "date" });
  const description = h("textarea", { name: "description", rows: 3 });
  const familyName = h("input", { name: "familyName" });
  const familyRelationship = h("input", { name: "familyRelationship" });
  const familyPhone = h("input", { name: "familyPhone", type: "tel", placeholder: "+257…" });
  const fields = {
    kind: kind.element,
    country: country.element,
    station,
    externalRef,
    "subject.names": names,
    "subject.sex": sex.element,
    "subject.ageRange": ageMin,
    "subject.ageRange.max": ageMax,
    "subject.lastSeenPlace": place,
    "subject.lastSeenDate": date,
    "subject.description": description,
    "familyContact.name": familyName,
    "familyContact.relationship": familyRelationship,
    "familyContact.phone": familyPhone,
  };
  const out = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t("case.create"));
  const form = h("form", {
    class: "card", "data-screen": "new-case", noValidate: true,
    on: {
      submit: (e) => {
        e.preventDefault();
        void run(submit, out, async () => {
          const ageRange = ageRangeOf(ageMin.value, ageMax.value);
          const input: CallableInput<"createCase"> = {
            kind: kind.value(),
            country: country.value(),
            station: station.value,
            ...(externalRef.value.trim() ? { externalRef: externalRef.value } : {}),
            subject: {
              names: names.value.split(",").map((n) => n.trim()).filter(Boolean),
              sex: sex.value(),
              ...(ageRange ? { ageRange } : {}),
              ...(place.value.trim() ? { lastSeenPlace: place.value } : {}),
              ...(date.value ? { lastSeenDate: date.value } : {}),
              ...(description.value.trim() ? { description: description.value } : {}),
            },
            ...(familyName.value.trim() || familyPhone.value.trim()
              ? { familyContact: { name: familyName.value, phone: familyPhone.value, ...(familyRelationship.value.trim() ? { relationship: familyRelationship.value } : {}) } }
              : {}),
          };
          const { case: created } = await call("createCase", input);
          location.hash = `#/cases/${created.id}`;
        }, { fields });
      },
    },
  },
    h("h1", {}, t("cases.new")),
    h("div", { class: "grid" }, field(t("case.kind"), kind.element), field(t("register.country"), country.element), field(t("case.station"), station), field(t("case.externalRef"), externalRef),
      field(t("case.names"), names), field(t("case.sex"), sex.element), field(t("case.ageMin"), ageMin), field(t("case.ageMax"), ageMax),
      field(t("case.lastSeenPlace"), place), field(t("case.lastSeenDate"), date)),
    field(t("case.description"), description),
    h("fieldset", {}, h("legend", {}, t("case.family")), h("div", { class: "grid" }, field(t("case.familyName"), familyName), field(t("case.familyRelationship"), familyRelationship), field(t("case.familyPhone"), familyPhone))),
    submit, out);
  main.replaceChildren(form);
  kind.element.focus();
}
