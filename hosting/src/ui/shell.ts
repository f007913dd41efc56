// The page frame: title, navigation for the user's role (with the counts of new possible matches
// and unread notifications), language switch, sign-out; and the page shown in it when the backend
// cannot be reached.
import { signOut } from "firebase/auth";
import { auth, call } from "../firebase";
import { LANGUAGES, language, setLanguage, t, type Language } from "../i18n";
import { formatNumber } from "../i18n/format";
import { forgetFrame, type Frame } from "../session";
import { endDrafts, onDraftsChange, waitingDrafts } from "../offline/drafts";
import { failureMessage } from "./busy";
import { append, clear, h } from "./dom";

/** signed out on purpose: the next sign-in screen says nothing about an ended session; drafts not sent go with the session, after a warning */
function signOutHere(): void {
  const waiting = waitingDrafts();
  if (waiting && !confirm(t("drafts.signOutConfirm", { count: formatNumber(waiting) }))) return;
  forgetFrame();
  void endDrafts()
    .catch(() => undefined)
    .then(() => signOut(auth));
}

export function renderHeader(header: HTMLElement, frame: Frame, onLanguage: () => void): void {
  clear(header);
  const languageSelect = h("select", {
    id: "language",
    on: {
      change: (e) => {
        void setLanguage((e.target as HTMLSelectElement).value as Language, localStorage).then(onLanguage);
      },
    },
  });
  for (const [code, name] of Object.entries(LANGUAGES))
    languageSelect.append(h("option", { value: code, selected: code === language(), lang: code }, name));
  const links: [string, string, Badge?][] = [];
  if (frame.status === "approved")
    links.push(
      ["#/cases", t("nav.cases")],
      ["#/matches", t("nav.matches"), "matches"],
      ["#/notifications", t("nav.notifications"), "notifications"],
      ["#/search", t("nav.search")],
      ["#/history", t("nav.history")],
      ["#/drafts", t("nav.drafts"), "drafts"],
    );
  if (frame.status === "approved" && (frame.role === "supervisor" || frame.role === "admin"))
    links.push(["#/cross-border", t("nav.crossBorder")]);
  if (frame.status === "approved" && frame.role === "admin")
    links.push(
      ["#/admin/officers", t("nav.officers")],
      ["#/admin/audit", t("nav.audit")],
      ["#/admin/stats", t("nav.stats")],
      ["#/admin/erasure", t("nav.erasure")],
      ["#/admin/model", t("nav.model")],
    );
  append(
    header,
    h(
      "div",
      { class: "brand" },
      h("span", { class: "logo", "aria-hidden": "true" }, "◉"),
      h("span", {}, t("app.title")),
    ),
    links.length
      ? h(
          "nav",
          { "aria-label": t("nav.main") },
          menuToggle(links),
          h(
            "ul",
            { id: "menu-links" },
            ...links.map(([href, text, badge]) =>
              h(
                "li",
                {},
                h(
                  "a",
                  { href, "aria-current": location.hash.startsWith(href) ? "page" : undefined },
                  text,
                  badge ? badgeOf(badge) : null,
                ),
              ),
            ),
          ),
        )
      : null,
    h(
      "div",
      { class: "tools" },
      h("label", { for: "language", class: "sr-only" }, t("nav.language")),
      languageSelect,
      frame.signedIn
        ? h("button", { type: "button", class: "secondary", on: { click: signOutHere } }, t("nav.signOut"))
        : null,
    ),
  );
  if (frame.status === "approved") refreshMenuCounts();
}

/**
 * On a phone the menu folds into one line: the page's own name and a "Menu" button (the counts
 * shown on it too); on a wider screen the button is hidden and the links show (styles.css).
 */
function menuToggle(links: [string, string, Badge?][]): HTMLElement {
  const here = links.find(([href]) => location.hash.startsWith(href));
  const toggle = h(
    "button",
    { type: "button", class: "menu-toggle", "aria-expanded": "false", "aria-controls": "menu-links" },
    h("span", { "aria-hidden": "true" }, "☰ "),
    t("nav.menu"),
    here ? h("span", { class: "menu-here" }, ` · ${here[1]}`) : null,
    h("span", { class: "badge", "data-badge-total": "", hidden: true }),
  );
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    toggle.closest("nav")?.classList.toggle("open", open);
  });
  return toggle;
}

/** the counts beside menu entries: pairs not reviewed yet in the officer's reach, unread notifications */
type Badge = "matches" | "notifications" | "drafts";
const counts: Partial<Record<Badge, number>> = {};
let countedAt = 0;
/**
 * Each page that opens asks again (two one-document reads), unless the counts are only seconds old:
 * a pair the cross-match just opened shows on the next page, not a minute later. An action that
 * changes a count asks at once.
 */
const COUNTS_FRESH_MS = 5_000;

function badgeOf(badge: Badge): HTMLElement {
  return h("span", { class: "badge", "data-badge": badge, hidden: !counts[badge] });
}

// drafts are counted on this device, as they change
onDraftsChange(() => {
  counts.drafts = waitingDrafts();
  showCounts();
});

function showCounts(): void {
  // the folded menu's button carries the sum of what waits, so a folded menu hides no new pair
  const total = (counts.matches ?? 0) + (counts.notifications ?? 0);
  for (const el of document.querySelectorAll<HTMLElement>("[data-badge-total]")) {
    el.hidden = total === 0;
    el.textContent = formatNumber(total);
  }
  for (const el of document.querySelectorAll<HTMLElement>("[data-badge]")) {
    const badge = el.dataset.badge as Badge;
    const n = counts[badge] ?? 0;
    el.hidden = n === 0;
    el.replaceChildren(
      h("span", { "aria-hidden": "true" }, formatNumber(n)),
      h(
        "span",
        { class: "sr-only" },
        t({ matches: "nav.newCount", notifications: "nav.unreadCount", drafts: "nav.waitingCount" }[badge], {
          count: formatNumber(n),
        }),
      ),
    );
  }
}

/** asks for the counts in the background (a slow network never holds the page); `now` after an action */
export function refreshMenuCounts(now = false): void {
  showCounts();
  if (!now && Date.now() - countedAt < COUNTS_FRESH_MS) return;
  countedAt = Date.now();
  void Promise.all([call("listMatches", { limit: 1 }), call("listNotifications", { unreadOnly: true, limit: 1 })])
    .then(([matches, notifications]) => {
      counts.matches = matches.newCount;
      counts.notifications = notifications.unread;
      showCounts();
    })
    // the counts are a hint: a failure leaves the last ones and asks again on the next page
    .catch(() => (countedAt = 0));
}

/** the profile could not be loaded (no network, backend down): say why and offer to try again */
export function unreachableScreen(main: HTMLElement, error: unknown, retry: () => void): void {
  main.replaceChildren(
    h(
      "section",
      { class: "card narrow", "data-screen": "unreachable" },
      h("h1", {}, t("shell.profileFailed")),
      failureMessage(error, "load", retry),
    ),
  );
}
