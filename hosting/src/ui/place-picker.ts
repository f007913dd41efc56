// A place as country → province → commune (Burundi) or district (Rwanda) + free text, from the
// administrative lists the client kit ships (loaded with the form). The former names families
// still use (Burundi's provinces and communes before 2025, Rwanda's former provinces and towns)
// are in the lists too, marked as such: the matcher reads a former name as the units it became,
// so the picker sends it as chosen.
import type { Country, CountryPlaceLists, Place } from "@tora-face/client";
import { language, t } from "../i18n";
import { field, h } from "./dom";

export type PlaceLists = (country: Country) => CountryPlaceLists;

interface PlacePicker {
  element: HTMLElement;
  /** the place as entered, or undefined when nothing was */
  value(): Place | undefined;
  /** the case's country changed (administrators choose it) */
  setCountry(country: Country): void;
  /** shows a stored place (editing a case): structured, or the free text of a case from before the lists */
  set(place: Place | string | undefined): void;
  /** the controls by schema path below the place's own path, for refused fields */
  fields(path: string): Record<string, HTMLSelectElement | HTMLInputElement>;
}

const option = (value: string, text: string) => h("option", { value }, text);

/** a unit as the reader's language names it, where it has its own name; the official name is the value */
function unitName(lists: CountryPlaceLists, name: string): string {
  return lists.units.find((u) => u.name === name)?.names?.[language()] ?? name;
}

/** `lists` undefined (the lists could not be loaded, e.g. offline): the free text alone */
export function placePicker(
  legend: string,
  name: string,
  country: Country,
  lists: PlaceLists | undefined,
): PlacePicker {
  let current = country;
  /** the place shown by set(): its units are kept when the lists are missing (offline) */
  let stored: Place | undefined;
  const level1 = h("select", { name: `${name}.level1` });
  const level2 = h("select", { name: `${name}.level2` });
  const text = h("input", { name: `${name}.text` });
  const level2Label = h("label", {});

  function fillLevel1(): void {
    if (!lists) return;
    const { units, former } = lists(current);
    const formerUnits = former.filter((f) => f.level === 1);
    level1.replaceChildren(
      option("", t("common.choose")),
      ...units.map((u) => option(u.name, u.names?.[language()] ?? u.name)),
      ...(formerUnits.length
        ? [
            h(
              "optgroup",
              { label: t("place.formerGroup") },
              ...formerUnits.map((f) =>
                option(
                  f.name,
                  t("place.formerNow", {
                    name: f.name,
                    now: f.nowLevel1.map((n) => unitName(lists(current), n)).join(" / "),
                  }),
                ),
              ),
            ),
          ]
        : []),
    );
    level2Label.textContent = t(`place.level2.${lists(current).levels[1]}`);
    fillLevel2();
  }

  /** the second-level units of the chosen first level; for a former province, its former communes first */
  function fillLevel2(): void {
    if (!lists) return;
    const { units, former } = lists(current);
    const chosen = level1.value;
    const unit = units.find((u) => u.name === chosen);
    const old = former.find((f) => f.level === 1 && f.name === chosen);
    const groups: HTMLElement[] = [];
    if (unit) {
      const formerHere = former.filter(
        (f) => f.level === 2 && f.nowLevel1.includes(unit.name) && !unit.children.includes(f.name),
      );
      groups.push(...unit.children.map((c) => option(c, c)));
      if (formerHere.length)
        groups.push(
          h(
            "optgroup",
            { label: t("place.formerGroup") },
            ...formerHere.map((f) => option(f.name, formerLabel(f.name, f.formerLevel1))),
          ),
        );
    } else if (old) {
      const formerChildren = former.filter((f) => f.level === 2 && f.formerLevel1 === old.name);
      groups.push(...formerChildren.map((f) => option(f.name, f.name)));
      for (const now of units.filter((u) => old.nowLevel1.includes(u.name)))
        groups.push(
          h(
            "optgroup",
            { label: t("place.nowIn", { name: unitName(lists(current), now.name) }) },
            ...now.children.filter((c) => !formerChildren.some((f) => f.name === c)).map((c) => option(c, c)),
          ),
        );
    }
    level2.replaceChildren(option("", t("common.choose")), ...groups);
    level2.disabled = groups.length === 0;
  }

  level1.addEventListener("change", fillLevel2);
  fillLevel1();
  level2Label.htmlFor = level2.id ||= `${name}-level2`;
  const element = h(
    "fieldset",
    { class: "place", "data-place": name },
    h("legend", {}, legend),
    lists
      ? h("div", { class: "grid" }, field(t("place.level1"), level1), h("div", { class: "field" }, level2Label, level2))
      : null,
    field(t("place.text"), text, lists ? t("place.formerHint") : undefined),
  );

  return {
    element,
    value() {
      const place: Place = {
        country: current,
        ...(lists ? (level1.value ? { level1: level1.value } : {}) : stored?.level1 ? { level1: stored.level1 } : {}),
        ...(lists ? (level2.value ? { level2: level2.value } : {}) : stored?.level2 ? { level2: stored.level2 } : {}),
        ...(text.value.trim() ? { text: text.value } : {}),
      };
      return place.level1 || place.level2 || place.text ? place : undefined;
    },
    setCountry(next) {
      if (next === current) return;
      current = next;
      fillLevel1();
    },
    set(place) {
      if (place === undefined) return;
      if (typeof place === "string") {
        text.value = place;
        return;
      }
      stored = place;
      if (place.country !== current) {
        current = place.country;
        fillLevel1();
      }
      if (lists) {
        choose(level1, place.level1);
        fillLevel2();
        choose(level2, place.level2);
      }
      text.value = place.text ?? "";
    },
    fields: (path) => ({
      [path]: text,
      [`${path}.level1`]: level1,
      [`${path}.level2`]: level2,
      [`${path}.text`]: text,
    }),
  };
}

/** selects a stored value, adding it when the lists no longer have it: what was recorded is never dropped by an edit */
function choose(select: HTMLSelectElement, value: string | undefined): void {
  if (value && ![...select.options].some((o) => o.value === value)) select.append(option(value, value));
  select.value = value ?? "";
  if (value) select.disabled = false;
}

function formerLabel(name: string, formerLevel1: string | undefined): string {
  return formerLevel1 ? t("place.formerIn", { name, in: formerLevel1 }) : t("place.formerName", { name });
}

/**
 * A place as entered, from the most precise part up: free text (older cases), or structured; a
 * former first-level name says what it is now ("Ngozi (former name, now Butanyerera)").
 */
export function placeText(place: string | Place | undefined, lists: PlaceLists | undefined): string | undefined {
  if (place === undefined || typeof place === "string") return place;
  const former =
    place.level1 && lists
      ? lists(place.country).former.find(
          (f) => f.level === 1 && f.name === place.level1 && !lists(place.country).units.some((u) => u.name === f.name),
        )
      : undefined;
  const level1 = former
    ? t("place.formerNow", {
        name: former.name,
        now: former.nowLevel1.map((n) => unitName(lists!(place.country), n)).join(" / "),
      })
    : place.level1 && lists
      ? unitName(lists(place.country), place.level1)
      : place.level1;
  return [place.text, place.level2, level1, t(`country.${place.country}`)].filter(Boolean).join(", ");
}
