import { countrySchema, type OfficerStatus } from "@tora-face/client";
import { call } from "../firebase";
import { language, t } from "../i18n";
import { reasonText } from "../i18n/messages";
import { run } from "../ui/busy";
import { likelyCountry, setPhoneHints } from "../ui/country-hints";
import { enumSelect, field, h, message } from "../ui/dom";

export function registrationScreen(main: HTMLElement, done: () => void): void {
  const name = h("input", { name: "name", autocomplete: "name" });
  const badge = h("input", { name: "badge" });
  const rank = h("input", { name: "rank" });
  const station = h("input", { name: "station" });
  // a phone in Kigali registers for Rwanda unless its officer says otherwise; the phone hints follow
  const country = enumSelect("country", countrySchema, (c) => t(`country.${c}`), {
    value: likelyCountry(Intl.DateTimeFormat().resolvedOptions().timeZone, language()),
  });
  const phone = h("input", { name: "phone", type: "tel", autocomplete: "tel" });
  setPhoneHints(phone, country.value());
  country.element.addEventListener("change", () => setPhoneHints(phone, country.value()));
  const fields = { name, badgeNumber: badge, rank, station, country: country.element, phone };
  const out = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t("register.submit"));
  main.replaceChildren(
    h(
      "form",
      {
        class: "card narrow",
        "data-screen": "register",
        noValidate: true,
        on: {
          submit: (e) => {
            e.preventDefault();
            void run(
              submit,
              out,
              async () => {
                await call("registerOfficer", {
                  name: name.value,
                  badgeNumber: badge.value,
                  rank: rank.value,
                  station: station.value,
                  country: country.value(),
                  phone: phone.value,
                });
                done();
              },
              { fields },
            );
          },
        },
      },
      h("h1", {}, t("register.title")),
      h("p", {}, t("register.intro")),
      field(t("register.name"), name),
      field(t("register.badge"), badge),
      field(t("register.rank"), rank),
      field(t("register.station"), station),
      field(t("register.country"), country.element),
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
    status === "rejected"
      ? [t("refused.rejectedTitle"), t("refused.rejected")]
      : status === "suspended"
        ? [t("refused.suspendedTitle"), reasonText("account_suspended")]
        : [t("pending.title"), t("pending.text")];
  main.replaceChildren(
    h(
      "section",
      { class: "card narrow", "data-screen": "pending" },
      h("h1", {}, title),
      h("p", {}, text),
      status === "pending" ? check : null,
      out,
    ),
  );
}
