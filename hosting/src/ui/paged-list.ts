// A list read a page at a time from a paged callable: "More" asks for the page after the last
// cursor; a changed filter starts again from the first page. Failures show in `out` with "Try again".
import { t } from "../i18n";
import { run } from "./busy";
import { h } from "./dom";

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

interface PagedList {
  list: HTMLUListElement;
  /** where a failure to load shows */
  out: HTMLElement;
  more: HTMLButtonElement;
  /** empties the list and loads the first page (on first show, and after a filter changed) */
  reload(): Promise<void>;
}

export function pagedList<T>(options: {
  load: (cursor: string | undefined) => Promise<Page<T>>;
  render: (item: T) => Node;
  empty: string;
}): PagedList {
  const list = h("ul", { class: "cards", "aria-live": "polite" });
  const out = h("div");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("cases.more"));
  let cursor: string | undefined;
  async function load(reset: boolean): Promise<void> {
    if (reset) {
      list.replaceChildren();
      cursor = undefined;
    }
    const page = await run(more, out, () => options.load(cursor), { during: "load", retry: () => void load(reset) });
    if (!page) return;
    for (const item of page.items) list.append(h("li", {}, options.render(item)));
    if (list.children.length === 0) list.append(h("li", { class: "muted" }, options.empty));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
  more.addEventListener("click", () => void load(false));
  return { list, out, more, reload: () => load(true) };
}
