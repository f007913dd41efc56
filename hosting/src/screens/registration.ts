import type { OfficerStatus } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { run } from "../ui/busy";
import { field, h, message, select } from "../ui/dom";

export function registrationScreen(main: HTMLElement, done: () => void): void {
  const name = h("input", { name: "name", autocomplete: "name", required: true });
  const badge = h("input", { name: "badge", required: true });
  const rank = h("input", { name: "rank", required: true });
  const station = h("input", { name: "station", required: true });
  const country = select("country", [["BI", t("country.BI")], ["RW", t("country.RW")]]);
  const phone = h("input", { name: "phone", type: "tel", autocomplete: "tel", placeholder: "+257…", required: true });
  const out = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t("register.submit"));
  main.replaceChildren(
    h(
      "form",
      {
        class: "card narrow",
        "data-screen": "register",
        on: {
          submit: (e) => {
            e.preventDefault();
            void run(submit, out, async () => {
              await call("registerOfficer", { name: name.value, badgeNumber: badge.value, rank: rank.value, station: station.value, country: country.value as "BI" | "RW", phone: phone.value });
              done();
            });
          },
        },
      },
      h("h1", {}, t("register.title")),
      h("p", {}, t("register.intro")),
      field(t("register.name"), name),
      field(t("register.badge"), badge),
      field(t("register.rank"), rank),
      field(t("register.station"), station),
      field(t("register.country"), country),
      field(t("register.phone"), phone),
      submit,
      out,
    ),
  );
  name.focus();
}

/**
 * Pending, refused or suspended. Rights come from the officer record, which getMyProfile reads on
 * every load: after an approval a reload (or "Check again") is enough, no new sign-in.
 */
export function waitingScreen(main: HTMLElement, status: OfficerStatus, reload: () => Promise<void>): void {
  const out = h("div", { "aria-live": "polite" });
  const check = h("button", { type: "button" }, t("pending.check"));
  check.addEventListener("click", () => {
    void run(check, out, async () => {
      const { officer } = await call("getMyProfile", {});
      if (officer?.status !== status) return reload();
      out.replaceChildren(message("info", t("pending.still")));
    });
  });
  const [title, text] =
    status === "rejected" ? ["refused.rejectedTitle", "refused.rejected"] : status === "suspended" ? ["refused.suspendedTitle", "refused.suspended"] : ["pending.title", "pending.text"];
  main.replaceChildren(
    h("section", { class: "card narrow", "data-screen": "pending" }, h("h1", {}, t(title)), h("p", {}, t(text)), status === "pending" ? check : null, out),
  );
}
