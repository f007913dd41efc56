// An officer's notifications: an open case quiet for months asks whether it is still needed.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { run } from "../ui/busy";
import { h, message } from "../ui/dom";

type Notification = CallableOutput<"listMyNotifications">["notifications"][number];

export async function notificationsScreen(main: HTMLElement): Promise<void> {
  const list = h("ul", { class: "cards", "aria-live": "polite" });
  const out = h("div", { "aria-live": "polite" });
  async function load() {
    const mine = await run(undefined, out, () => call("listMyNotifications", { unreadOnly: true, limit: 50 }), { retry: () => void load() });
    if (!mine) return;
    list.replaceChildren(...(mine.notifications.length ? mine.notifications.map(card) : [h("li", { class: "muted" }, t("notifications.none"))]));
  }
  function card(n: Notification): HTMLElement {
    const status = h("div", { "aria-live": "polite" });
    const caseId = n.caseId ?? "";
    const confirmButton = h("button", { type: "button" }, t("notifications.stillNeeded"));
    confirmButton.addEventListener("click", () => {
      void run(confirmButton, status, async () => {
        await call("confirmCaseStillNeeded", { caseId });
        status.replaceChildren(message("success", t("notifications.confirmed")));
        confirmButton.disabled = true;
      });
    });
    return h("li", { class: "card", "data-notification": n.kind },
      h("p", {}, t(`notifications.${n.kind}`, { months: Number(n.params.months ?? 0) })),
      h("p", { class: "muted" }, formatDateTime(n.createdAt)),
      h("div", { class: "row" }, confirmButton, h("a", { href: `#/cases/${caseId}` }, t("notifications.openCase"))),
      status);
  }
  main.replaceChildren(h("section", { "data-screen": "notifications" }, h("h1", {}, t("notifications.title")), out, list));
  await load();
}
