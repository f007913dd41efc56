// The portal without network: the service worker (offline/service-worker.ts) opens the shell, and
// an approved officer whose drafts are on this device can draft a new case and see the drafts
// waiting. Every other page says the backend cannot be reached, with a way to the drafts.
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";
import type { Session } from "../session";
import { newCaseScreen } from "../screens/cases";
import { draftScreen, draftsScreen } from "../screens/drafts";
import { failureMessage } from "../ui/busy";
import { h } from "../ui/dom";
import { waitingDrafts } from "./drafts";

/** production builds only: the development server serves changing modules, not a shell */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  // a portal that cannot register keeps working online: nothing to tell the officer
  void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}

export async function offlineScreen(
  main: HTMLElement,
  session: Session,
  error: unknown,
  retry: () => void,
): Promise<void> {
  const [, section, id] = location.hash.split("/");
  const view = h("div", { class: "view" });
  main.replaceChildren(h("p", { class: "notice offline-banner", "data-offline": "" }, t("drafts.offlineBanner")), view);
  if (section === "cases" && id === "new") return newCaseScreen(view, session);
  if (section === "drafts" && id) return draftScreen(view, id);
  if (section === "drafts") return draftsScreen(view);
  const waiting = waitingDrafts();
  view.replaceChildren(
    h(
      "section",
      { class: "card narrow", "data-screen": "unreachable" },
      h("h1", {}, t("shell.profileFailed")),
      failureMessage(error, "load", retry),
      h(
        "p",
        { class: "row" },
        h("a", { class: "button", href: "#/cases/new" }, t("drafts.newDraft")),
        h(
          "a",
          { href: "#/drafts" },
          waiting ? t("drafts.waitingCount", { count: formatNumber(waiting) }) : t("drafts.title"),
        ),
      ),
    ),
  );
}
