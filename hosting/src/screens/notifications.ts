// The officer's notifications, newest first: a new candidate, a pair back for review, a
// confirmation needed, a reunification confirmed, a possible duplicate — each opens its pair —
// and an open case quiet for months, which asks whether it is still needed. Opening one marks it
// read, and all can be marked read at once.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { notificationText } from "../i18n/messages";
import { run } from "../ui/busy";
import { append, h } from "../ui/dom";
import { refreshMenuCounts } from "../ui/shell";

type Notification = CallableOutput<"listNotifications">["notifications"][number];

export async function notificationsScreen(main: HTMLElement): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  main.replaceChildren(h("p", {}, t("common.loading")));
  const loaded = await run(undefined, out, () => call("listNotifications", { unreadOnly: false, limit: 50 }), {
    retry: () => void notificationsScreen(main),
  });
  if (!loaded) return void main.replaceChildren(out);
  const markRead = (ids: string[] | "all", button?: HTMLButtonElement) =>
    run(button, out, async () => {
      await call("markNotificationsRead", ids === "all" ? { all: true } : { ids });
      refreshMenuCounts(true);
      return true;
    });

  function item(n: Notification): HTMLElement {
    const li = h("li", {
      class: `notification card${n.readAt ? "" : " unread"}`,
      "data-notification": n.kind,
      "data-read": n.readAt ? "true" : "false",
    });
    const read = h("button", { type: "button", class: "link", hidden: !!n.readAt }, t("notifications.markRead"));
    const done = () => {
      li.classList.remove("unread");
      li.dataset.read = "true";
      li.querySelector(".unread-tag")?.remove();
      read.hidden = true;
    };
    read.addEventListener("click", () => void markRead([n.id], read).then((ok) => ok && done()));
    // opening the pair (or the case) reads the notification
    const reviewDue = n.kind === "case_review_due";
    const caseId = n.cases[0]?.id ?? "";
    const open = reviewDue
      ? h("a", { href: `#/cases/${caseId}` }, t("notifications.openCase"))
      : h("a", { href: `#/matches/${n.matchId}` }, t("notifications.open"));
    // read first, then open: coming back at once must not list it as new (the list is read afresh)
    open.addEventListener("click", (event) => {
      if (n.readAt) return;
      event.preventDefault();
      void markRead([n.id]).finally(() => (location.hash = open.getAttribute("href")!));
    });
    // the question a quiet case asks is answered here: confirming it keeps the case and reads the notification
    const stillNeeded = reviewDue && !n.readAt ? h("button", { type: "button" }, t("notifications.stillNeeded")) : null;
    stillNeeded?.addEventListener("click", () => {
      void run(stillNeeded, out, async () => {
        await call("confirmCaseStillNeeded", { caseId });
        refreshMenuCounts(true);
        out.replaceChildren(h("p", { class: "msg msg-success", role: "status" }, t("notifications.confirmed")));
        stillNeeded.remove();
        done();
      });
    });
    append(
      li,
      n.readAt ? null : h("span", { class: "tag unread-tag" }, t("notifications.unread")),
      h("p", {}, notificationText(n)),
      h("p", { class: "row" }, h("span", { class: "muted" }, formatDateTime(n.createdAt)), open, stillNeeded, read),
    );
    return li;
  }

  const all = h(
    "button",
    { type: "button", class: "secondary", hidden: loaded.unread === 0 },
    t("notifications.markAll"),
  );
  const list = h(
    "ul",
    { class: "notifications" },
    ...(loaded.notifications.length
      ? loaded.notifications.map(item)
      : [h("li", { class: "muted" }, t("notifications.empty"))]),
  );
  all.addEventListener("click", () => {
    void markRead("all", all).then((ok) => {
      if (!ok) return;
      all.hidden = true;
      for (const li of list.querySelectorAll<HTMLElement>("li.unread")) {
        li.classList.remove("unread");
        li.dataset.read = "true";
        li.querySelector(".unread-tag")?.remove();
        li.querySelector<HTMLButtonElement>("button.link")?.setAttribute("hidden", "");
      }
    });
  });
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "notifications" },
      h("div", { class: "row between" }, h("h1", {}, t("notifications.title")), all),
      out,
      list,
    ),
  );
}
