// Search with a probe photo: the photo is shown with a numbered box on every face, and each face's
// candidates are grouped under the same number, side by side with the probe; an outcome is
// recorded for each reviewed candidate. On a phone one face section is open at a time.
import { caseKindSchema, outcomeSchema, type CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { photoReasonText } from "../i18n/messages";
import { run } from "../ui/busy";
import { checkbox, enumSelect, field, fileToBase64, h, message, table } from "../ui/dom";
import { faceBoxes } from "../ui/face-boxes";
import { preparePhoto } from "../ui/prepare-photo";
import { thumbnail } from "../ui/thumbnail";
import { needsNetworkNote } from "../ui/network-note";

type Result = CallableOutput<"searchFaces">;
type Face = Result["faces"][number];
type Candidate = Face["candidates"][number];
const phone = (): boolean => matchMedia("(max-width: 600px)").matches;

export function searchScreen(main: HTMLElement): void {
  const photo = h("input", { type: "file", accept: "image/*", name: "probe" });
  // an attribute, not a property: only the attribute makes a phone offer its camera
  photo.setAttribute("capture", "environment");
  const caseRef = h("input", { name: "caseRef", autocomplete: "off" });
  const reason = h("input", { name: "reason" });
  const kind = enumSelect("kind", caseKindSchema, (k) => t(`kind.${k}`), { any: t("cases.all") });
  // a person missing for years: the right face often scores below the threshold (docs/field-search.md)
  const investigate = checkbox("investigate", t("search.investigate"));
  const photoDate = h("input", { name: "probePhotoDate", type: "date" });
  const out = h("div", { "aria-live": "polite" });
  const results = h("div", { class: "results" });
  const submit = h("button", { type: "submit" }, t("search.submit"));
  const fields = {
    probe: photo,
    "purpose.caseRef": caseRef,
    "purpose.reason": reason,
    "filters.kind": kind.element,
    probePhotoDate: photoDate,
  };
  const form = h(
    "form",
    {
      class: "card",
      "data-screen": "search",
      noValidate: true,
      on: {
        submit: (e) => {
          e.preventDefault();
          const file = photo.files?.[0];
          if (!file) {
            out.replaceChildren(message("error", t("search.photoMissing")));
            photo.focus();
            return;
          }
          results.replaceChildren(message("info", t("search.running")));
          void run(
            submit,
            out,
            async () => {
              const prepared = await preparePhoto(file);
              const probe = prepared?.blob ?? file;
              const chosenKind = kind.value();
              const result = await call("searchFaces", {
                probe: { contentBase64: await fileToBase64(probe) },
                purpose: caseRef.value.trim() ? { caseRef: caseRef.value } : { reason: reason.value },
                filters: chosenKind ? { kind: chosenKind } : {},
                // how many candidates: the backend's defaults for the mode it runs in (an automatic switch included)
                mode: investigate.input.checked ? "investigate" : "auto",
                ...(photoDate.value ? { probePhotoDate: photoDate.value } : {}),
              });
              renderResults(results, result, URL.createObjectURL(probe), prepared);
              return true;
            },
            { fields },
          ).then((searched) => searched || results.replaceChildren());
        },
      },
    },
    h("h1", {}, t("search.title")),
    h("p", { class: "notice" }, t("app.notice")),
    needsNetworkNote(),
    h("p", {}, h("a", { href: "#/search/clip", "data-clip-link": "" }, t("clip.link"))),
    field(t("search.photo"), photo, t("search.photoHint")),
    field(t("search.photoDate"), photoDate, t("search.photoDateHint")),
    h(
      "fieldset",
      {},
      h("legend", {}, t("search.purpose")),
      field(t("search.purposeCase"), caseRef, t("search.caseRefHint")),
      field(t("search.purposeReason"), reason),
    ),
    field(t("search.kind"), kind.element),
    investigate.element,
    h("p", { class: "muted hint" }, t("search.investigateHint")),
    submit,
    out,
  );
  main.replaceChildren(form, results);
  photo.focus();
}

/** the searched photo with a numbered box on each face; a tap on a box opens that face's section */
function probeFigure(
  url: string,
  size: { width: number; height: number } | undefined,
  faces: Face[],
  open: (n: number) => void,
): HTMLElement {
  const img = h("img", { src: url, alt: t("search.probe"), class: "probe" });
  const frame = h("div", { class: "probe-frame" }, img);
  const numbered = faces.map((face) => ({ n: face.index + 1, box: face.box }));
  // the boxes are in the pixels of the photo that was analysed: the prepared one, or the original
  if (size) frame.append(faceBoxes(size, numbered, open));
  else
    img.addEventListener(
      "load",
      () => frame.append(faceBoxes({ width: img.naturalWidth, height: img.naturalHeight }, numbered, open)),
      { once: true },
    );
  return h("figure", {}, frame, h("figcaption", {}, t("search.probe")));
}

/** a candidate with its thumbnail, band and outcome buttons (a search's face, or a clip's person: `face.index`) */
/** what the officer concluded about one face and one case of a search (or a comparison): the outcome buttons and their answer */
export function outcomeControls(target: { searchId: string; faceIndex: number; caseId: string }): HTMLElement[] {
  const status = h("p", { "aria-live": "polite" });
  const buttons = outcomeSchema.options.map((outcome) => {
    const b = h("button", { type: "button", class: "secondary", "data-outcome": outcome }, t(`outcome.${outcome}`));
    b.addEventListener("click", () => {
      void run(b, status, async () => {
        await call("recordSearchOutcome", { ...target, outcome });
        status.replaceChildren(message("success", t("search.outcomeSaved", { outcome: t(`outcome.${outcome}`) })));
      });
    });
    return b;
  });
  return [h("div", { role: "group", "aria-label": t("search.outcome") }, ...buttons), status];
}

export function candidateItem(result: Pick<Result, "searchId">, face: Pick<Face, "index">, c: Candidate): HTMLElement {
  const img = thumbnail(c.photo, c.externalRef ?? c.caseId, 160);
  // on a phone the row is compact: the photo small, shown large on a tap (and small again)
  const photo = h(
    "button",
    { type: "button", class: "candidate-photo", "aria-expanded": "false", "aria-label": t("search.photoLarger") },
    img,
  );
  photo.addEventListener("click", () => {
    const large = photo.getAttribute("aria-expanded") !== "true";
    photo.setAttribute("aria-expanded", String(large));
    photo.closest("li")?.classList.toggle("photo-open", large);
  });
  return h(
    "li",
    { class: `candidate band-${c.band}`, "data-case": c.caseId },
    photo,
    h(
      "div",
      {},
      h("strong", {}, c.externalRef ?? c.caseId.slice(0, 8)),
      h(
        "p",
        {},
        h("span", { class: `band ${c.band}` }, t(`band.${c.band}`)),
        " · ",
        t("search.similarity", { value: formatNumber(c.similarity, 2) }),
      ),
      c.photoAgeGapYears !== undefined
        ? h(
            "p",
            { class: "age-gap", "data-age-gap": c.photoAgeGapYears },
            t("search.ageGap", { years: formatNumber(c.photoAgeGapYears) }),
          )
        : null,
      h("p", { class: "muted" }, `${t(`kind.${c.kind}`)} · ${t(`country.${c.country}`)}`),
      h("a", { href: `#/cases/${c.caseId}` }, t("search.openCase")),
      ...outcomeControls({ searchId: result.searchId, faceIndex: face.index, caseId: c.caseId }),
    ),
  );
}

function renderResults(
  container: HTMLElement,
  result: Result,
  probeUrl: string,
  prepared: { width: number; height: number } | undefined,
): void {
  const sections = result.faces.map((face) => {
    const n = face.index + 1;
    const candidates = face.candidates.map((c) => candidateItem(result, face, c));
    const details = h(
      "details",
      { class: "face", "data-face": n, open: true },
      h(
        "summary",
        {},
        h("h2", {}, t("search.face", { n })),
        h("span", { class: "muted" }, t("search.candidateCount", { count: formatNumber(candidates.length) })),
      ),
      face.issues.length ? h("p", { class: "muted" }, face.issues.map((i) => photoReasonText(i)).join("; ")) : null,
      candidates.length
        ? h("ol", { class: "candidates" }, ...candidates)
        : h("p", {}, t(result.mode === "investigate" ? "search.noFace" : "search.noCandidate")),
    );
    return details;
  });
  // on a phone the sections are an accordion: opening one closes the others
  for (const section of sections)
    section.addEventListener("toggle", () => {
      if (section.open && phone()) for (const other of sections) if (other !== section) other.open = false;
    });
  // on a phone the first face with candidates opens (a face without any says so when tapped)
  const first = Math.max(
    0,
    result.faces.findIndex((f) => f.candidates.length > 0),
  );
  if (phone()) sections.forEach((s, i) => (s.open = i === first));
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
    h(
      "div",
      { class: "side-by-side" },
      probeFigure(probeUrl, prepared, result.faces, open),
      h(
        "div",
        {},
        // the portal's own translation of the backend's fixed notice (result.notice, English)
        h("p", { class: "notice" }, t(result.mode === "investigate" ? "search.noticeInvestigate" : "search.notice")),
        modeLine(result),
        searchedAmong(result),
        ...result.probeReasons.map((r) =>
          // several faces stop a case photo, not a search: every face is searched under its number
          message(
            "info",
            r.code === "several_faces"
              ? t("search.severalFaces", { faces: formatNumber(result.faces.length) })
              : photoReasonText(r, result.faces.length),
          ),
        ),
        ...sections,
      ),
    ),
  );
}

/** the mode the search ran in, and why: asked for, or chosen because the case's photos are years old */
function modeLine(result: Result): HTMLElement {
  const text = t(`search.mode.${result.mode}.${result.modeReason}`, {}, t(`search.mode.${result.mode}.asked`));
  return h(
    "p",
    { class: `mode ${result.mode}`, "data-mode": result.mode, "data-mode-reason": result.modeReason },
    text,
  );
}

/** which cases were searched ("among Rwanda's cases"), and the case the search was for */
function searchedAmong(result: Result): HTMLElement {
  const scope = result.searchedCountry
    ? t("search.searchedCountry", { country: t(`country.${result.searchedCountry}`) })
    : t("search.searchedEverywhere");
  const forCase = result.purposeCaseId
    ? [" · ", h("a", { href: `#/cases/${result.purposeCaseId}` }, t("search.purposeCaseLink"))]
    : [];
  return h("p", { class: "muted", "data-searched": result.searchedCountry ?? "" }, scope, ...forCase);
}

export async function historyScreen(main: HTMLElement): Promise<void> {
  const out = h("div");
  main.replaceChildren(h("p", {}, t("common.loading")));
  const history = await run(undefined, out, () => call("listSearchHistory", { limit: 50 }), {
    retry: () => void historyScreen(main),
  });
  if (!history) return void main.replaceChildren(out);
  const rows = history.entries.map((e) => [
    formatDateTime(e.createdAt),
    h(
      "span",
      {},
      "caseId" in e.purpose
        ? h(
            "a",
            { href: `#/cases/${e.purpose.caseId}`, "data-case-ref": "" },
            history.caseRefs[e.purpose.caseId] ?? t("search.openCase"),
          )
        : e.purpose.reason,
      // a comparison with one case, or a video clip: said beside the purpose
      e.kind ? h("span", { class: "muted", "data-kind": e.kind }, ` · ${t(`history.kind.${e.kind}`)}`) : null,
    ),
    formatNumber(e.faces.length),
    formatNumber(e.faces.reduce((n, f) => n + f.candidates.length, 0)),
    e.outcomes.map((o) => t(`outcome.${o.outcome}`)).join(", "),
  ]);
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "history" },
      h("h1", {}, t("history.title")),
      rows.length
        ? table(
            t("history.title"),
            ["history.when", "history.purpose", "history.faces", "history.candidates", "history.outcomes"].map((k) =>
              t(k),
            ),
            rows,
          )
        : h("p", {}, t("history.empty")),
    ),
  );
}
