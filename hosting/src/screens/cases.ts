// Case list, new case and the edit of a case (one form). The case page is screens/case-detail.ts.
import {
  caseKindSchema,
  caseScopeSchema,
  caseStatusSchema,
  conditionSchema,
  countrySchema,
  heldAtKindSchema,
  legalBasisSchema,
  loadPlaceLists,
  sexSchema,
  smsLanguageSchema,
  type CallableInput,
  type CallableOutput,
  type CaseKind,
  ClientValidationError,
} from "@tora-face/client";
import { call } from "../firebase";
import { LANGUAGES, t } from "../i18n";
import type { Session } from "../session";
import { run } from "../ui/busy";
import { checkbox, enumSelect, field, h, message } from "../ui/dom";
import { pagedList } from "../ui/paged-list";
import { setPhoneHints } from "../ui/country-hints";
import { placePicker, type PlaceLists } from "../ui/place-picker";
import { caseChanges } from "./case-changes";
import { loadCase } from "./case-detail";
import { saveAsDraftButton } from "./drafts";
import { noteFailure } from "../offline/drafts";

type CaseView = CallableOutput<"getCase">["case"];

/**
 * A country's caseload, searched: a name (typed by ear too), a file number or a station, over the
 * officer's own cases first ("my cases", an officer's default), their station's or the country's.
 */
export async function casesScreen(main: HTMLElement, session: Session): Promise<void> {
  const role = session.profile.officer?.role;
  const scope = enumSelect("scope", caseScopeSchema, (s) => t(`cases.scope.${s}`), {
    value: role === "officer" ? "mine" : "all",
  });
  const query = h("input", { name: "query", type: "search", maxLength: 120, autocomplete: "off" });
  const status = enumSelect("status", caseStatusSchema, (s) => t(`status.${s}`), { any: t("cases.all") });
  const kind = enumSelect("kind", caseKindSchema, (k) => t(`kind.${k}`), { any: t("cases.all") });
  const find = h("button", { type: "submit" }, t("cases.find"));
  const { list, out, more, reload } = pagedList({
    load: async (cursor) => {
      const [chosenStatus, chosenKind, typed] = [status.value(), kind.value(), query.value.trim()];
      const page = await call("listCases", {
        limit: 20,
        scope: scope.value(),
        ...(typed ? { query: typed } : {}),
        ...(chosenStatus ? { status: chosenStatus } : {}),
        ...(chosenKind ? { kind: chosenKind } : {}),
        ...(cursor ? { cursor } : {}),
      });
      return { items: page.cases, nextCursor: page.nextCursor };
    },
    render: caseCard,
    empty: t("cases.empty"),
  });
  for (const control of [scope.element, status.element, kind.element])
    control.addEventListener("change", () => void reload());
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "cases" },
      h(
        "div",
        { class: "row between" },
        h("h1", {}, t("cases.title")),
        h("a", { class: "button", href: "#/cases/new" }, t("cases.new")),
      ),
      h(
        "form",
        {
          class: "row case-search",
          role: "search",
          on: {
            submit: (e) => {
              e.preventDefault();
              void reload();
            },
          },
        },
        field(t("cases.query"), query, t("cases.queryHint")),
        find,
      ),
      h(
        "div",
        { class: "row" },
        field(t("cases.scope"), scope.element),
        field(t("cases.filterStatus"), status.element),
        field(t("cases.filterKind"), kind.element),
      ),
      out,
      list,
      more,
    ),
  );
  await reload();
}

function caseCard(c: CaseView): HTMLElement {
  const title = c.externalRef || c.subject.names.join(", ") || c.id.slice(0, 8);
  return h(
    "a",
    { class: "card case", href: `#/cases/${c.id}` },
    h("strong", {}, title),
    h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
    h("span", { class: "muted" }, `${t(`status.${c.status}`)} · ${t(`country.${c.country}`)} · ${c.station}`),
  );
}

/** one age typed: that age at both ends of the range, so what the officer entered is kept */
function ageRangeOf(min: string, max: string): { min: number; max: number } | undefined {
  const [from, to] = [min.trim(), max.trim()];
  if (!from && !to) return undefined;
  return { min: Number(from || to), max: Number(to || from) };
}

/** a number field: undefined when empty; what is not a number is refused by the schema, named by its label */
const numberOf = (input: HTMLInputElement): number | undefined =>
  input.value.trim() ? Number(input.value) : undefined;
const textOf = (input: HTMLInputElement | HTMLTextAreaElement): string | undefined =>
  input.value.trim() ? input.value : undefined;

/**
 * A contact sealed on the case: family (missing) or custody (found); `hint` under the legend. The
 * family's also records whether they agree to an SMS, and in which language they read one.
 */
function contactFields(prefix: string, legend: string, relationshipLabel: string, hint?: string, sms = false) {
  const name = h("input", { name: `${prefix}Name` });
  const relationship = h("input", { name: `${prefix}Relationship` });
  const phone = h("input", { name: `${prefix}Phone`, type: "tel" });
  const smsConsent = checkbox(`${prefix}SmsConsent`, t("case.smsConsent"));
  const smsLanguage = enumSelect(`${prefix}SmsLanguage`, smsLanguageSchema, (l) => LANGUAGES[l], {
    any: t("common.choose"),
  });
  // each language's name in its own language: a screen reader reads it so, and it is no English on another page
  for (const option of smsLanguage.element.options) if (option.value) option.lang = option.value;
  return {
    phone,
    element: h(
      "fieldset",
      {},
      h("legend", {}, legend),
      hint ? h("p", { class: "muted" }, hint) : null,
      h(
        "div",
        { class: "grid" },
        field(t("case.familyName"), name),
        field(relationshipLabel, relationship),
        field(t("case.familyPhone"), phone),
      ),
      sms
        ? h(
            "div",
            { class: "grid" },
            smsConsent.element,
            field(t("case.smsLanguage"), smsLanguage.element, t("case.smsLanguageHint")),
          )
        : null,
    ),
    value: () =>
      name.value.trim() || phone.value.trim()
        ? {
            name: name.value,
            phone: phone.value,
            ...(relationship.value.trim() ? { relationship: relationship.value } : {}),
            ...(sms && smsConsent.input.checked ? { smsConsent: true } : {}),
            ...(sms && smsLanguage.value() ? { smsLanguage: smsLanguage.value() } : {}),
          }
        : undefined,
    fields: (path: string) => ({
      [`${path}.name`]: name,
      [`${path}.relationship`]: relationship,
      [`${path}.phone`]: phone,
      ...(sms ? { [`${path}.smsConsent`]: smsConsent.input, [`${path}.smsLanguage`]: smsLanguage.element } : {}),
    }),
  };
}

export async function newCaseScreen(main: HTMLElement, session: Session): Promise<void> {
  await caseFormScreen(main, session);
}

/** the case's own officers, supervisors and administrators correct an open case's facts */
export async function editCaseScreen(main: HTMLElement, session: Session, caseId: string): Promise<void> {
  const loaded = await loadCase(main, caseId, () => void editCaseScreen(main, session, caseId));
  if (!loaded) return;
  // the page offers the edit only where it may be made; a typed address gets the case page
  if (!loaded.access.mayChange || loaded.case.status !== "open") return void (location.hash = `#/cases/${caseId}`);
  await caseFormScreen(main, session, loaded.case);
}

/** the new-case form, or with `existing` the same form showing what is recorded, sending only what changed */
async function caseFormScreen(main: HTMLElement, session: Session, existing?: CaseView): Promise<void> {
  main.replaceChildren(h("p", {}, t("common.loading")));
  // without the lists (offline on first use) places are typed as text
  const lists: PlaceLists | undefined = await loadPlaceLists().then(
    (m) => m.placeLists,
    () => undefined,
  );
  const officer = session.profile.officer!;
  const kind = enumSelect("kind", caseKindSchema, (k) => t(`kind.${k}`));
  const country = enumSelect("country", countrySchema, (c) => t(`country.${c}`), { value: officer.country });
  country.element.disabled = officer.role !== "admin";
  const station = h("input", { name: "station", value: officer.station });
  const externalRef = h("input", { name: "externalRef" });
  const names = h("input", { name: "names" });
  const sex = enumSelect("sex", sexSchema, (s) => t(`sex.${s}`), { value: "unknown" });
  const description = h("textarea", { name: "description", rows: 3 });

  // a missing person: born when or how old, last seen when and where, the family
  const birthYear = h("input", { name: "birthYear", type: "number", inputMode: "numeric" });
  const ageAtDisappearance = h("input", { name: "ageAtDisappearance", type: "number", inputMode: "numeric" });
  const lastSeenDate = h("input", { name: "lastSeenDate", type: "date" });
  const lastSeenPlace = placePicker(t("case.lastSeenPlace"), "lastSeenPlace", officer.country, lists);
  const family = contactFields(
    "family",
    t("case.family"),
    t("case.familyRelationship"),
    existing ? t("case.contactKeptHint") : undefined,
    true,
  );
  const missingPart = h(
    "div",
    { "data-kind-part": "missing" },
    h(
      "div",
      { class: "grid" },
      field(t("case.birthYear"), birthYear, t("case.birthYearHint")),
      field(t("case.ageAtDisappearance"), ageAtDisappearance),
      field(t("case.lastSeenDate"), lastSeenDate),
    ),
    lastSeenPlace.element,
    family.element,
  );

  // a found person: when and where found, where held now, condition, an estimated age, who holds them
  const dateFound = h("input", { name: "dateFound", type: "date" });
  const ageMin = h("input", { name: "ageMin", type: "number", inputMode: "numeric" });
  const ageMax = h("input", { name: "ageMax", type: "number", inputMode: "numeric" });
  const condition = enumSelect("condition", conditionSchema, (c) => t(`condition.${c}`), { value: "unknown" });
  const foundPlace = placePicker(t("case.foundPlace"), "foundPlace", officer.country, lists);
  const heldAtKind = enumSelect("heldAtKind", heldAtKindSchema, (k) => t(`heldAt.${k}`), { any: t("common.choose") });
  const heldAtName = h("input", { name: "heldAtName" });
  const cannotIdentify = checkbox("cannotIdentify", t("case.cannotIdentify"));
  const custody = contactFields(
    "custody",
    t("case.custody"),
    t("case.custodyRole"),
    existing ? t("case.contactKeptHint") : undefined,
  );
  const foundPart = h(
    "div",
    { "data-kind-part": "found" },
    h(
      "div",
      { class: "grid" },
      field(t("case.dateFound"), dateFound),
      field(t("case.ageMin"), ageMin, t("case.estimatedAgeHint")),
      field(t("case.ageMax"), ageMax),
      field(t("case.condition"), condition.element),
    ),
    foundPlace.element,
    h(
      "div",
      { class: "grid" },
      field(t("case.heldAtKind"), heldAtKind.element),
      field(t("case.heldAtName"), heldAtName),
    ),
    cannotIdentify.element,
    custody.element,
  );

  // the legal basis, and whether the case may be compared automatically with the other kind's cases
  const legalBasis = enumSelect("legalBasis", legalBasisSchema, (b) => t(`legalBasis.${b}`), {
    any: t("common.choose"),
  });
  const crossMatch = checkbox("crossMatch", t("case.crossMatch"), true);
  const crossMatchReason = h("input", { name: "crossMatchReason" });
  const reasonField = field(t("case.crossMatchReason"), crossMatchReason);
  const syncReason = () => (reasonField.hidden = crossMatch.input.checked);
  crossMatch.input.addEventListener("change", () => {
    syncReason();
    if (!crossMatch.input.checked) crossMatchReason.focus();
  });
  if (existing) show(existing);
  syncReason();

  /** what is recorded, in the form; kind and country stay as they are */
  function show(c: CaseView): void {
    kind.element.value = c.kind;
    country.element.value = c.country;
    kind.element.disabled = country.element.disabled = true;
    station.value = c.station;
    externalRef.value = c.externalRef ?? "";
    names.value = c.subject.names.join(", ");
    sex.element.value = c.subject.sex;
    description.value = c.subject.description ?? "";
    birthYear.value = c.subject.birthYear?.toString() ?? "";
    ageAtDisappearance.value = c.subject.ageAtDisappearance?.toString() ?? "";
    lastSeenDate.value = c.subject.lastSeenDate ?? "";
    // the case's lists, whatever the administrator's own country
    lastSeenPlace.setCountry(c.country);
    foundPlace.setCountry(c.country);
    phoneHints();
    lastSeenPlace.set(c.subject.lastSeenPlace);
    ageMin.value = c.subject.ageRange?.min.toString() ?? "";
    ageMax.value = c.subject.ageRange?.max.toString() ?? "";
    if (c.found) {
      dateFound.value = c.found.dateFound;
      foundPlace.set(c.found.foundPlace);
      heldAtKind.element.value = c.found.heldAt?.kind ?? "";
      heldAtName.value = c.found.heldAt?.name ?? "";
      condition.element.value = c.found.condition;
      cannotIdentify.input.checked = c.found.cannotIdentify;
    }
    legalBasis.element.value = c.legalBasis ?? "";
    crossMatch.input.checked = c.crossMatch?.allowed !== false;
    crossMatchReason.value = c.crossMatch?.allowed === false ? c.crossMatch.reason : "";
  }

  // the kind's own part is in the form, the other kept aside with what was typed in it
  const kindPart = h("div");
  const showKind = (k: CaseKind) => kindPart.replaceChildren(k === "missing" ? missingPart : foundPart);
  kind.element.addEventListener("change", () => showKind(kind.value()));
  showKind(kind.value());
  // the phone hints follow the case's country: a Rwandan case reads "+250…" (hoisted: show() calls it)
  function phoneHints(): void {
    setPhoneHints(family.phone, country.value());
    setPhoneHints(custody.phone, country.value());
  }
  phoneHints();
  country.element.addEventListener("change", () => {
    lastSeenPlace.setCountry(country.value());
    foundPlace.setCountry(country.value());
    phoneHints();
  });

  const fields = {
    kind: kind.element,
    country: country.element,
    station,
    externalRef,
    "subject.names": names,
    "subject.sex": sex.element,
    "subject.birthYear": birthYear,
    "subject.ageAtDisappearance": ageAtDisappearance,
    "subject.ageRange": ageMin,
    "subject.ageRange.max": ageMax,
    "subject.lastSeenDate": lastSeenDate,
    ...lastSeenPlace.fields("subject.lastSeenPlace"),
    "subject.description": description,
    ...family.fields("familyContact"),
    "found.dateFound": dateFound,
    ...foundPlace.fields("found.foundPlace"),
    "found.heldAt": heldAtKind.element,
    "found.heldAt.name": heldAtName,
    "found.condition": condition.element,
    ...custody.fields("custodyContact"),
    legalBasis: legalBasis.element,
    crossMatch: crossMatchReason,
  };

  function input(): CallableInput<"createCase"> {
    const k = kind.value();
    const common = {
      kind: k,
      country: country.value(),
      station: station.value,
      ...(externalRef.value.trim() ? { externalRef: externalRef.value } : {}),
      ...(legalBasis.value() ? { legalBasis: legalBasis.value() } : {}),
      crossMatch: crossMatch.input.checked
        ? { allowed: true as const }
        : { allowed: false as const, reason: crossMatchReason.value },
    };
    const subject = {
      names: names.value
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
      sex: sex.value(),
      ...(textOf(description) ? { description: description.value } : {}),
    };
    if (k === "missing") {
      const [year, age, place, contact] = [
        numberOf(birthYear),
        numberOf(ageAtDisappearance),
        lastSeenPlace.value(),
        family.value(),
      ];
      return {
        ...common,
        subject: {
          ...subject,
          ...(year !== undefined ? { birthYear: year } : {}),
          ...(age !== undefined ? { ageAtDisappearance: age } : {}),
          ...(lastSeenDate.value ? { lastSeenDate: lastSeenDate.value } : {}),
          ...(place ? { lastSeenPlace: place } : {}),
        },
        ...(contact ? { familyContact: contact } : {}),
      };
    }
    const ageRange = ageRangeOf(ageMin.value, ageMax.value);
    const [place, held, heldName, contact] = [
      foundPlace.value(),
      heldAtKind.value(),
      textOf(heldAtName),
      custody.value(),
    ];
    const anyFound = !!(
      dateFound.value ||
      place ||
      held ||
      heldName ||
      condition.value() !== "unknown" ||
      cannotIdentify.input.checked
    );
    return {
      ...common,
      subject: { ...subject, ...(ageRange ? { ageRange } : {}) },
      // the found details travel together: a date found is what the matcher needs first
      ...(anyFound
        ? {
            found: {
              dateFound: dateFound.value,
              ...(place ? { foundPlace: place } : {}),
              // a name without a kind is refused by the schema, named by the "where now" label; a
              // place recorded through the API (the form has no field for it) is kept
              ...(held || heldName
                ? {
                    heldAt: {
                      kind: held!,
                      ...(heldName ? { name: heldName } : {}),
                      ...(existing?.found?.heldAt?.place ? { place: existing.found.heldAt.place } : {}),
                    },
                  }
                : {}),
              condition: condition.value(),
              cannotIdentify: cannotIdentify.input.checked,
            },
          }
        : {}),
      ...(contact ? { custodyContact: contact } : {}),
    };
  }

  /** the edit: only what differs from the form as it was shown */
  const shown = existing ? input() : undefined;
  async function save(c: CaseView): Promise<void> {
    const { changes, cleared } = caseChanges(shown!, input());
    if (cleared.length)
      throw new ClientValidationError(
        "updateCase",
        cleared.map((path) => ({ path, code: "cannot_clear", message: "can be corrected, not removed" })),
      );
    if (Object.keys(changes).length === 0) return void out.replaceChildren(message("info", t("case.noChange")));
    await call("updateCase", { caseId: c.id, ...changes });
    location.hash = `#/cases/${c.id}`;
  }
  async function create(): Promise<void> {
    const { case: created } = await call("createCase", input()).catch((error: unknown) => {
      noteFailure(error);
      throw error;
    });
    location.hash = `#/cases/${created.id}`;
  }

  const out = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t(existing ? "case.save" : "case.create"));
  const form = h(
    "form",
    {
      class: "card",
      "data-screen": existing ? "edit-case" : "new-case",
      noValidate: true,
      on: {
        submit: (e) => {
          e.preventDefault();
          void run(submit, out, () => (existing ? save(existing) : create()), { fields });
        },
      },
    },
    existing ? h("a", { href: `#/cases/${existing.id}` }, `← ${t("common.back")}`) : null,
    h("h1", {}, t(existing ? "case.edit" : "cases.new")),
    h(
      "div",
      { class: "grid" },
      field(t("case.kind"), kind.element),
      field(t("register.country"), country.element),
      field(t("case.station"), station),
      field(t("case.externalRef"), externalRef),
      field(t("case.names"), names),
      field(t("case.sex"), sex.element),
    ),
    kindPart,
    field(t("case.description"), description),
    h(
      "fieldset",
      {},
      h("legend", {}, t("case.legal")),
      field(t("case.legalBasis"), legalBasis.element),
      crossMatch.element,
      reasonField,
    ),
    submit,
    // without network a new case is kept as a draft and sent when the network returns
    existing ? null : saveAsDraftButton(input, fields, out),
    out,
  );
  main.replaceChildren(form);
  (existing ? station : kind.element).focus();
}
