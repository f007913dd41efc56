// An officer's notifications: possible matches and confirmations of the reunification work, and an
// open case quiet for months that asks whether it is still needed.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { run } from "../ui/busy";
import { h, message } from "../ui/dom";

type Notification = CallableOutput<"listNotifications">["notifications"][number];

export async function notificationsScreen(main: HTMLElement): Promise<void> {
  const list = h("ul", { class: "cards", "aria-live": "polite" });
  const out = h("div", { "aria-live": "polite" });
  async function load() {
    const mine = await run(undefined, out, () => call("listNotifications", { unreadOnly: true, limit: 50 }), { retry: () => void load() });
    if (!mine) return;
    list.replaceChildren(...(mine.notifications.length ? mine.notifications.map(card) : [h("li", { class: "muted" }, t("notifications.none"))]));
  }
  function card(n: Notification): HTMLElement {
    const status = h("div", { "aria-live": "polite" });
    const caseId = n.cases[0]?.id ?? "";
    const reviewDue = n.kind === "case_review_due";
    const confirmButton = h("button", { type: "button" }, t("notifications.stillNeeded"));
    confirmButton.addEventListener("click", () => {
      void run(confirmButton, status, async () => {
        await call("confirmCaseStillNeeded", { caseId });
        status.replaceChildren(message("success", t("notifications.confirmed")));
        confirmButton.disabled = true;
      });
    });
    return h("li", { class: "card", "data-notification": n.kind },
      h("p", {}, reviewDue ? t("notifications.case_review_due", { months: Number(n.params?.months ?? 0) }) : n.message),
      h("p", { class: "muted" }, formatDateTime(n.createdAt)),
      h("div", { class: "row" }, reviewDue ? confirmButton : null, h("a", { href: `#/cases/${caseId}` }, t("notifications.openCase"))),
      status);
  }
  main.replaceChildren(h("section", { "data-screen": "notifications" }, h("h1", {}, t("notifications.title")), out, list));
  await load();
}
