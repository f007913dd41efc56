// Search with a probe photo; candidates grouped by case, side by side with the probe; an outcome
// recorded for each reviewed candidate.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { run } from "../ui/busy";
import { field, fileToBase64, h, message, select } from "../ui/dom";

type Result = CallableOutput<"searchFaces">;
const OUTCOMES = ["potential_candidate", "no_candidate", "inconclusive"] as const;

export function searchScreen(main: HTMLElement): void {
  const photo = h("input", { type: "file", accept: "image/*", capture: "environment", name: "probe", required: true });
  const caseRef = h("input", { name: "caseId", pattern: "[A-Za-z0-9_-]{1,128}" });
  const reason = h("input", { name: "reason" });
  const kind = select("kind", [["", t("cases.all")], ["missing", t("kind.missing")], ["found", t("kind.found")]]);
  const out = h("div", { "aria-live": "polite" });
  const results = h("div", { class: "results" });
  const submit = h("button", { type: "submit" }, t("search.submit"));
  const form = h("form", {
    class: "card", "data-screen": "search",
    on: {
      submit: (e) => {
        e.preventDefault();
        const file = photo.files?.[0];
        if (!file) return;
        results.replaceChildren(message("info", t("search.running")));
        void run(submit, out, async () => {
          const result = await call("searchFaces", {
            probe: { contentBase64: await fileToBase64(file) },
            purpose: caseRef.value ? { caseId: caseRef.value } : { reason: reason.value },
            filters: kind.value ? { kind: kind.value as "missing" | "found" } : {},
            limit: 5,
          });
          renderResults(results, result, URL.createObjectURL(file));
          return true;
        }).then((searched) => searched || results.replaceChildren());
      },
    },
  },
    h("h1", {}, t("search.title")),
    h("p", { class: "notice" }, t("app.notice")),
    field(t("search.photo"), photo, t("search.photoHint")),
    h("fieldset", {}, h("legend", {}, t("search.purpose")), field(t("search.purposeCase"), caseRef), field(t("search.purposeReason"), reason)),
    field(t("search.kind"), kind),
    submit, out);
  main.replaceChildren(form, results);
  photo.focus();
}

function renderResults(container: HTMLElement, result: Result, probeUrl: string): void {
  const faces = result.faces.map((face) => {
    const candidates = face.candidates.map((c) => {
      const img = h("img", { alt: c.externalRef ?? c.caseId, width: 160, height: 160, loading: "lazy" });
      void call("getPhotoThumbnail", { caseId: c.photo.caseId, photoId: c.photo.photoId }).then((r) => (img.src = r.dataUrl)).catch(() => undefined);
      const status = h("p", { "aria-live": "polite" });
      const buttons = OUTCOMES.map((outcome) => {
        const b = h("button", { type: "button", class: "secondary", "data-outcome": outcome }, t(`outcome.${outcome}`));
        b.addEventListener("click", () => {
          void run(b, status, async () => {
            await call("recordSearchOutcome", { searchId: result.searchId, faceIndex: face.index, caseId: c.caseId, outcome });
            status.replaceChildren(message("success", t("search.outcomeSaved", { outcome: t(`outcome.${outcome}`) })));
          });
        });
        return b;
      });
      return h("li", { class: `candidate band-${c.band}`, "data-case": c.caseId },
        img,
        h("div", {},
          h("strong", {}, c.externalRef ?? c.caseId.slice(0, 8)),
          h("p", {}, h("span", { class: `band ${c.band}` }, t(`band.${c.band}`)), " · ", t("search.similarity", { value: c.similarity.toFixed(2) })),
          h("p", { class: "muted" }, `${t(`kind.${c.kind}`)} · ${t(`country.${c.country}`)}`),
          h("a", { href: `#/cases/${c.caseId}` }, t("search.openCase")),
          h("div", { role: "group", "aria-label": t("search.outcome") }, ...buttons),
          status));
    });
    return h("section", { class: "face" },
      h("h2", {}, t("search.face", { n: face.index + 1 })),
      face.issues.length ? h("p", { class: "muted" }, face.issues.map((i) => i.message).join("; ")) : null,
      candidates.length ? h("ol", { class: "candidates" }, ...candidates) : h("p", {}, t("search.noCandidate")));
  });
  container.replaceChildren(
    h("div", { class: "side-by-side" },
      h("figure", {}, h("img", { src: probeUrl, alt: t("search.probe"), class: "probe" }), h("figcaption", {}, t("search.probe"))),
      h("div", {}, h("p", { class: "notice" }, result.notice), ...result.probeReasons.map((r) => message("info", r.message)), ...faces)),
  );
}

export async function historyScreen(main: HTMLElement): Promise<void> {
  const out = h("div");
  main.replaceChildren(h("p", {}, t("common.loading")));
  const history = await run(undefined, out, () => call("listSearchHistory", { limit: 50 }));
  if (!history) return void main.replaceChildren(out);
  const rows = history.entries.map((e) =>
    h("tr", {},
      h("td", {}, new Date(e.createdAt).toLocaleString()),
      h("td", {}, "caseId" in e.purpose ? e.purpose.caseId : e.purpose.reason),
      h("td", {}, String(e.faces.length)),
      h("td", {}, String(e.faces.reduce((n, f) => n + f.candidates.length, 0))),
      h("td", {}, e.outcomes.map((o) => t(`outcome.${o.outcome}`)).join(", "))));
  main.replaceChildren(h("section", { "data-screen": "history" }, h("h1", {}, t("history.title")),
    rows.length ? h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, ...["history.when", "history.purpose", "history.faces", "history.candidates", "history.outcomes"].map((k) => h("th", { scope: "col" }, t(k))))), h("tbody", {}, ...rows))) : h("p", {}, t("history.empty"))));
}
