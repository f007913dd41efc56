// The page frame: title, navigation for the user's role, language switch, sign-out; and the page
// shown in it when the backend cannot be reached.
import { signOut } from "firebase/auth";
import { auth } from "../firebase";
import { LANGUAGES, language, setLanguage, t, type Language } from "../i18n";
import { forgetFrame, type Frame } from "../session";
import { failureMessage } from "./busy";
import { append, clear, h } from "./dom";

/** signed out on purpose: the next sign-in screen says nothing about an ended session */
function signOutHere(): void {
  forgetFrame();
  void signOut(auth);
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
  for (const [code, name] of Object.entries(LANGUAGES)) languageSelect.append(h("option", { value: code, selected: code === language(), lang: code }, name));
  const links: [string, string][] = [];
  if (frame.status === "approved") links.push(["#/cases", t("nav.cases")], ["#/search", t("nav.search")], ["#/history", t("nav.history")], ["#/notifications", t("nav.notifications")]);
  if (frame.status === "approved" && frame.role === "admin")
    links.push(["#/admin/officers", t("nav.officers")], ["#/admin/audit", t("nav.audit")], ["#/admin/stats", t("nav.stats")], ["#/admin/erasure", t("nav.erasure")], ["#/admin/model", t("nav.model")]);
  append(
    header,
    h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }, "◉"), h("span", {}, t("app.title"))),
    links.length ? h("nav", { "aria-label": t("nav.main") }, h("ul", {}, ...links.map(([href, text]) => h("li", {}, h("a", { href, "aria-current": location.hash.startsWith(href) ? "page" : undefined }, text))))) : null,
    h("div", { class: "tools" }, h("label", { for: "language", class: "sr-only" }, t("nav.language")), languageSelect, frame.signedIn ? h("button", { type: "button", class: "secondary", on: { click: signOutHere } }, t("nav.signOut")) : null),
  );
}

/** the profile could not be loaded (no network, backend down): say why and offer to try again */
export function unreachableScreen(main: HTMLElement, error: unknown, retry: () => void): void {
  main.replaceChildren(h("section", { class: "card narrow", "data-screen": "unreachable" }, h("h1", {}, t("shell.profileFailed")), failureMessage(error, "load", retry)));
}
