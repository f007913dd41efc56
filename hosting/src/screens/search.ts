// Search with a probe photo: the photo is shown with a numbered box on every face, and each face's
// candidates are grouped under the same number, side by side with the probe; an outcome is
// recorded for each reviewed candidate. On a phone one face section is open at a time.
import { idSchema, inputPatternOf, type CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { run } from "../ui/busy";
import { field, fileToBase64, h, message, select, table } from "../ui/dom";
import { preparePhoto } from "../ui/prepare-photo";

type Result = CallableOutput<"searchFaces">;
type Face = Result["faces"][number];
type Candidate = Face["candidates"][number];
const OUTCOMES = ["potential_candidate", "no_candidate", "inconclusive"] as const;
const SVG = "http://www.w3.org/2000/svg";
const phone = (): boolean => matchMedia("(max-width: 600px)").matches;

export function searchScreen(main: HTMLElement): void {
  const photo = h("input", { type: "file", accept: "image/*", name: "probe", required: true });
  // an attribute, not a property: only the attribute makes a phone offer its camera
  photo.setAttribute("capture", "environment");
  const caseRef = h("input", { name: "caseId", pattern: inputPatternOf(idSchema), title: t("search.caseRefHint") });
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
          const prepared = await preparePhoto(file);
          const probe = prepared?.blob ?? file;
          const result = await call("searchFaces", {
            probe: { contentBase64: await fileToBase64(probe) },
            purpose: caseRef.value ? { caseId: caseRef.value } : { reason: reason.value },
            filters: kind.value ? { kind: kind.value as "missing" | "found" } : {},
            limit: 5,
          });
          renderResults(results, result, URL.createObjectURL(probe), prepared);
          return true;
        }).then((searched) => searched || results.replaceChildren());
      },
    },
  },
    h("h1", {}, t("search.title")),
    h("p", { class: "notice" }, t("app.notice")),
    field(t("search.photo"), photo, t("search.photoHint")),
    h("fieldset", {}, h("legend", {}, t("search.purpose")), field(t("search.purposeCase"), caseRef, t("search.caseRefHint")), field(t("search.purposeReason"), reason)),
    field(t("search.kind"), kind),
    submit, out);
  main.replaceChildren(form, results);
  photo.focus();
}

/** the searched photo with a numbered box on each face; a tap on a box opens that face's section */
function probeFigure(url: string, size: { width: number; height: number } | undefined, faces: Face[], open: (n: number) => void): HTMLElement {
  const img = h("img", { src: url, alt: t("search.probe"), class: "probe" });
  const frame = h("div", { class: "probe-frame" }, img);
  const draw = (width: number, height: number) => {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("class", "face-boxes");
    svg.setAttribute("aria-hidden", "true");
    const unit = Math.max(width, height) / 100;
    for (const face of faces) {
      const n = face.index + 1;
      const g = document.createElementNS(SVG, "g");
      g.setAttribute("data-face-box", String(n));
      g.addEventListener("click", () => open(n));
      const box = document.createElementNS(SVG, "rect");
      for (const [k, v] of Object.entries({ x: face.box.x, y: face.box.y, width: face.box.width, height: face.box.height, "stroke-width": unit * 0.5 })) box.setAttribute(k, String(v));
      box.setAttribute("class", "face-box");
      const labelSize = unit * 4.5;
      const tag = document.createElementNS(SVG, "rect");
      for (const [k, v] of Object.entries({ x: face.box.x, y: Math.max(0, face.box.y - labelSize), width: labelSize * (String(n).length * 0.62 + 0.5), height: labelSize })) tag.setAttribute(k, String(v));
      tag.setAttribute("class", "face-tag");
      const label = document.createElementNS(SVG, "text");
      for (const [k, v] of Object.entries({ x: face.box.x + labelSize * 0.25, y: Math.max(0, face.box.y - labelSize) + labelSize * 0.82, "font-size": labelSize * 0.9 })) label.setAttribute(k, String(v));
      label.textContent = String(n);
      g.append(box, tag, label);
      svg.append(g);
    }
    frame.append(svg);
  };
  // the boxes are in the pixels of the photo that was analysed: the prepared one, or the original
  if (size) draw(size.width, size.height);
  else img.addEventListener("load", () => draw(img.naturalWidth, img.naturalHeight), { once: true });
  return h("figure", {}, frame, h("figcaption", {}, t("search.probe")));
}

function candidateItem(result: Result, face: Face, c: Candidate): HTMLElement {
  // every thumbnail is asked for at once; a grey placeholder holds its place until it arrives
  const img = h("img", { alt: c.externalRef ?? c.caseId, width: 160, height: 160, class: "thumb loading" });
  void call("getPhotoThumbnail", { caseId: c.photo.caseId, photoId: c.photo.photoId })
    .then((r) => {
      img.src = r.dataUrl;
      img.classList.remove("loading");
    })
    .catch(() => {
      img.classList.replace("loading", "missing");
      img.alt = t("search.thumbMissing");
    });
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
      h("p", {}, h("span", { class: `band ${c.band}` }, t(`band.${c.band}`)), " · ", t("search.similarity", { value: formatNumber(c.similarity, 2) })),
      h("p", { class: "muted" }, `${t(`kind.${c.kind}`)} · ${t(`country.${c.country}`)}`),
      h("a", { href: `#/cases/${c.caseId}` }, t("search.openCase")),
      h("div", { role: "group", "aria-label": t("search.outcome") }, ...buttons),
      status));
}

function renderResults(container: HTMLElement, result: Result, probeUrl: string, prepared: { width: number; height: number } | undefined): void {
  const sections = result.faces.map((face) => {
    const n = face.index + 1;
    const candidates = face.candidates.map((c) => candidateItem(result, face, c));
    const details = h("details", { class: "face", "data-face": n, open: true },
      h("summary", {}, h("h2", {}, t("search.face", { n })), h("span", { class: "muted" }, t("search.candidateCount", { count: formatNumber(candidates.length) }))),
      face.issues.length ? h("p", { class: "muted" }, face.issues.map((i) => i.message).join("; ")) : null,
      candidates.length ? h("ol", { class: "candidates" }, ...candidates) : h("p", {}, t("search.noCandidate")));
    return details;
  });
  // on a phone the sections are an accordion: opening one closes the others
  for (const section of sections)
    section.addEventListener("toggle", () => {
      if (section.open && phone()) for (const other of sections) if (other !== section) other.open = false;
    });
  if (phone()) sections.forEach((s, i) => (s.open = i === 0));
  const open = (n: number) => {
    const section = sections.find((s) => s.dataset.face === String(n));
    if (!section) return;
    section.open = true;
    section.scrollIntoView({ block: "start" });
    section.querySelector("summary")?.focus();
  };
  // on a phone the results start below the form: bring them into view
  if (phone()) requestAnimationFrame(() => container.scrollIntoView({ block: "start" }));
  container.replaceChildren(
    h("div", { class: "side-by-side" },
      probeFigure(probeUrl, prepared, result.faces, open),
      // the portal's own translation of the backend's fixed notice (result.notice, English)
      h("div", {}, h("p", { class: "notice" }, t("search.notice")), ...result.probeReasons.map((r) => message("info", r.message)), ...sections)),
  );
}

export async function historyScreen(main: HTMLElement): Promise<void> {
  const out = h("div");
  main.replaceChildren(h("p", {}, t("common.loading")));
  const history = await run(undefined, out, () => call("listSearchHistory", { limit: 50 }), { retry: () => void historyScreen(main) });
  if (!history) return void main.replaceChildren(out);
  const rows = history.entries.map((e) => [
    formatDateTime(e.createdAt),
    "caseId" in e.purpose ? e.purpose.caseId : e.purpose.reason,
    formatNumber(e.faces.length),
    formatNumber(e.faces.reduce((n, f) => n + f.candidates.length, 0)),
    e.outcomes.map((o) => t(`outcome.${o.outcome}`)).join(", "),
  ]);
  main.replaceChildren(h("section", { "data-screen": "history" }, h("h1", {}, t("history.title")),
    rows.length ? table(t("history.title"), ["history.when", "history.purpose", "history.faces", "history.candidates", "history.outcomes"].map((k) => t(k)), rows) : h("p", {}, t("history.empty"))));
}
