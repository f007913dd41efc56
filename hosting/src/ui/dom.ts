// Tiny DOM helpers: elements are built with properties and text nodes, never from HTML strings,
// so user data cannot become markup.
type Child = Node | string | number | false | null | undefined;
type Props = Record<string, unknown> & { class?: string; on?: Record<string, (e: Event) => void> };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "on")
      for (const [event, handler] of Object.entries(value as Record<string, (e: Event) => void>))
        el.addEventListener(event, handler);
    else if (key === "class") el.className = String(value);
    else if (key.startsWith("aria-") || key.startsWith("data-") || key === "for" || key === "role")
      el.setAttribute(key, String(value));
    else (el as unknown as Record<string, unknown>)[key] = value;
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children)
    if (c !== false && c !== null && c !== undefined)
      parent.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** a labelled form field: the label is tied to the control for screen readers */
let fieldCount = 0;
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  control.id ||= `f${++fieldCount}`;
  const hintEl = hint ? h("small", { id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control, hintEl);
}

/** a checkbox with its label beside it */
export function checkbox(
  name: string,
  label: string,
  checked = false,
): { element: HTMLElement; input: HTMLInputElement } {
  const input = h("input", { type: "checkbox", name, checked });
  return { input, element: h("div", { class: "field check" }, h("label", {}, input, h("span", {}, label))) };
}

export function select(name: string, options: [string, string][], value?: string): HTMLSelectElement {
  const el = h("select", { name });
  for (const [v, text] of options) el.append(h("option", { value: v, selected: v === value }, text));
  return el;
}

/** a <select> whose options are a zod enum's values (the schema is their one home), read back as that enum's type */
interface EnumSelect<V> {
  element: HTMLSelectElement;
  value(): V;
}

/** with `any`, a first option (value "") that reads back as undefined: "all kinds" in a filter */
export function enumSelect<T extends string>(
  name: string,
  schema: { options: readonly T[] },
  label: (value: T) => string,
  options: { value?: T; any: string },
): EnumSelect<T | undefined>;
export function enumSelect<T extends string>(
  name: string,
  schema: { options: readonly T[] },
  label: (value: T) => string,
  options?: { value?: T },
): EnumSelect<T>;
export function enumSelect<T extends string>(
  name: string,
  schema: { options: readonly T[] },
  label: (value: T) => string,
  options: { value?: T; any?: string } = {},
): EnumSelect<T | undefined> {
  const choices: [string, string][] = schema.options.map((v) => [v, label(v)]);
  const element = select(name, options.any === undefined ? choices : [["", options.any], ...choices], options.value);
  return { element, value: () => schema.options.find((v) => v === element.value) };
}

/** a live region message: errors are announced by screen readers */
export function message(kind: "error" | "info" | "success", text: string): HTMLElement {
  return h("p", { class: `msg msg-${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

/**
 * A table that stays readable on a 360 px screen: each cell carries its column's name, and below
 * 600 px the rows become cards (styles.css); wider, the table scrolls inside a focusable region.
 */
export function table(label: string, headers: string[], rows: Child[][]): HTMLElement {
  return h(
    "div",
    { class: "table-wrap", role: "region", "aria-label": label, tabIndex: 0 },
    h(
      "table",
      { class: "stack" },
      h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)))),
      h(
        "tbody",
        {},
        ...rows.map((cells) => h("tr", {}, ...cells.map((cell, i) => h("td", { "data-label": headers[i] }, cell)))),
      ),
    ),
  );
}

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
