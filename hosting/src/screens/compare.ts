// "Is this the person?" on the case page: a photo (a child at a shelter, a picture a family sends)
// compared with this case's photos. Every face of the photo gets its similarity and band — below
// the threshold too — with the years between the photos; a lead, never an identification, and
// the officer records a conclusion for it like for a search's candidate.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";
import { photoReasonText } from "../i18n/messages";
import { run } from "../ui/busy";
import { field, fileToBase64, h, message } from "../ui/dom";
import { faceBoxes } from "../ui/face-boxes";
import { needsNetworkNote } from "../ui/network-note";
import { preparePhoto } from "../ui/prepare-photo";
import { thumbnail } from "../ui/thumbnail";
import { outcomeControls } from "./search";

type Result = CallableOutput<"verifyFaces">;
type Face = Result["faces"][number];

export function compareSection(caseId: string): HTMLElement {
  const photo = h("input", { type: "file", accept: "image/*", name: "probe" });
  photo.setAttribute("capture", "environment");
  const photoDate = h("input", { type: "date", name: "probePhotoDate" });
  const submit = h("button", { type: "submit" }, t("compare.submit"));
  const out = h("div", { "aria-live": "polite" });
  const results = h("div", { class: "compare-results" });
  const form = h(
    "form",
    {
      class: "compare",
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
          results.replaceChildren(message("info", t("compare.running")));
          void run(
            submit,
            out,
            async () => {
              const prepared = await preparePhoto(file);
              const probe = prepared?.blob ?? file;
              const result = await call("verifyFaces", {
                caseId,
                probe: { contentBase64: await fileToBase64(probe) },
                ...(photoDate.value ? { probePhotoDate: photoDate.value } : {}),
              });
              renderComparison(results, result, URL.createObjectURL(probe));
              return true;
            },
            { fields: { probe: photo, probePhotoDate: photoDate } },
          ).then((done) => done || results.replaceChildren());
        },
      },
    },
    needsNetworkNote(),
    h(
      "div",
      { class: "grid" },
      field(t("compare.photo"), photo, t("compare.photoHint")),
      field(t("search.photoDate"), photoDate, t("search.photoDateHint")),
    ),
    submit,
    out,
  );
  return h(
    "section",
    { class: "case-compare", "data-compare": caseId },
    h("h2", {}, t("compare.title")),
    form,
    results,
  );
}

function faceItem(result: Result, face: Face): HTMLElement {
  const n = face.index + 1;
  // beside each face, the case's photo it resembles most
  return h(
    "li",
    { class: `candidate band-${face.band}`, "data-face": n, "data-band": face.band },
    thumbnail(face.photo, result.externalRef ?? result.caseId.slice(0, 8), 160),
    h(
      "div",
      {},
      h("strong", {}, t("search.face", { n })),
      h(
        "p",
        {},
        h("span", { class: `band ${face.band}` }, t(`band.${face.band}`)),
        " · ",
        t("search.similarity", { value: formatNumber(face.similarity, 2) }),
      ),
      face.photoAgeGapYears !== undefined
        ? h(
            "p",
            { class: "age-gap", "data-age-gap": face.photoAgeGapYears },
            t("search.ageGap", { years: formatNumber(face.photoAgeGapYears) }),
          )
        : null,
      face.issues.length ? h("p", { class: "muted" }, face.issues.map((i) => photoReasonText(i)).join("; ")) : null,
      ...outcomeControls({ searchId: result.searchId, faceIndex: face.index, caseId: result.caseId }),
    ),
  );
}

function renderComparison(container: HTMLElement, result: Result, url: string): void {
  const img = h("img", { src: url, alt: t("search.probe"), class: "probe" });
  const frame = h(
    "div",
    { class: "probe-frame" },
    img,
    faceBoxes(
      result,
      result.faces.map((f) => ({ n: f.index + 1, box: f.box })),
      () => undefined,
    ),
  );
  container.replaceChildren(
    h(
      "div",
      { class: "side-by-side" },
      h("figure", {}, frame, h("figcaption", {}, t("search.probe"))),
      h(
        "div",
        {},
        h("p", { class: "notice" }, t("search.notice")),
        h("p", { class: "muted" }, t("compare.against", { faces: formatNumber(result.caseFaces) })),
        ...result.probeReasons
          .filter((r) => r.code !== "several_faces")
          .map((r) => message("info", photoReasonText(r, result.faces.length))),
        result.faces.length
          ? h("ol", { class: "candidates" }, ...result.faces.map((f) => faceItem(result, f)))
          : h("p", {}, t("compare.noFace")),
      ),
    ),
  );
}
