// A missing-person appeal for a case: drafted by the language model in five languages from the
// case's non-sensitive facts, edited and approved by an officer of the case. Nothing is published
// before approval; an approved appeal is shown for printing or copying.
import type { CallableOutput } from "@tora-face/client";
import { appealLanguageSchema } from "@tora-face/client";
import { call } from "../firebase";
import { LANGUAGES, t } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { run } from "../ui/busy";
import { field, h, message } from "../ui/dom";

type Bulletin = CallableOutput<"listAppealBulletins">["bulletins"][number];

export async function appealScreen(main: HTMLElement, caseId: string): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  const list = h("div", { "aria-live": "polite" });
  const withPhoto = h("input", { type: "checkbox", name: "includePhoto" });
  const draft = h("button", { type: "button" }, t("appeal.draft"));
  const draftOut = h("div", { "aria-live": "polite" });

  async function load() {
    const bulletins = await run(undefined, out, () => call("listAppealBulletins", { caseId }), {
      retry: () => void load(),
    });
    if (!bulletins) return;
    list.replaceChildren(
      ...(bulletins.bulletins.length
        ? bulletins.bulletins.map((b) => card(b, bulletins.officerNames))
        : [h("p", { class: "muted" }, t("appeal.none"))]),
    );
  }

  function card(b: Bulletin, names: Record<string, string>): HTMLElement {
    const who = (uid: string | undefined) => (uid ? (names[uid] ?? t("appeal.unknownOfficer")) : "");
    const status = h("div", { "aria-live": "polite" });
    const meta = h(
      "p",
      { class: "muted" },
      b.status === "approved"
        ? t("appeal.approvedBy", { who: who(b.approvedBy), when: formatDateTime(b.approvedAt ?? b.draftedAt) })
        : t("appeal.draftedBy", { who: who(b.draftedBy), when: formatDateTime(b.draftedAt), generator: b.generator }),
    );
    if (b.status === "approved")
      return h(
        "article",
        { class: "card", "data-appeal": "approved" },
        h("h2", {}, t("appeal.approved")),
        meta,
        ...appealLanguageSchema.options.map((l) =>
          h("section", { lang: l }, h("h3", {}, LANGUAGES[l]), h("p", { class: "appeal-text" }, b.texts[l])),
        ),
      );
    const areas = Object.fromEntries(
      appealLanguageSchema.options.map((l) => [
        l,
        h("textarea", { name: `text-${l}`, rows: 6, maxLength: 2000, value: b.texts[l], lang: l }),
      ]),
    ) as Record<(typeof appealLanguageSchema.options)[number], HTMLTextAreaElement>;
    const approve = h("button", { type: "button" }, t("appeal.approve"));
    approve.addEventListener("click", () => {
      void run(approve, status, async () => {
        const texts = Object.fromEntries(
          appealLanguageSchema.options.map((l) => [l, areas[l].value]),
        ) as Bulletin["texts"];
        await call("approveAppealBulletin", { bulletinId: b.id, texts });
        status.replaceChildren(message("success", t("appeal.approvedNow")));
        await load();
      });
    });
    return h(
      "article",
      { class: "card", "data-appeal": "draft" },
      h("h2", {}, t("appeal.draftTitle")),
      meta,
      message("info", t("appeal.review")),
      ...appealLanguageSchema.options.map((l) => field(LANGUAGES[l], areas[l])),
      approve,
      status,
    );
  }

  draft.addEventListener("click", () => {
    void run(draft, draftOut, async () => {
      await call("draftAppealBulletin", { caseId, includePhoto: withPhoto.checked });
      await load();
    });
  });
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "appeal" },
      h("a", { href: `#/cases/${caseId}` }, `← ${t("common.back")}`),
      h("h1", {}, t("appeal.title")),
      h("p", {}, t("appeal.intro")),
      h("div", { class: "row" }, h("label", {}, withPhoto, " ", t("appeal.withPhoto")), draft),
      draftOut,
      out,
      list,
    ),
  );
  await load();
}
