// The reunification evidence file as a page to print (A4, the print stylesheet in styles.css) and
// to read on a phone: the same blocks, in the same words, as the PDF the backend makes
// (buildEvidenceDocument in the client kit). Opening it is audited, like the PDF.
import {
  buildEvidenceDocument,
  formatsFor,
  type EvidenceBlock,
  type EvidenceFile,
  type EvidenceRow,
  type WordLanguage,
} from "@tora-face/client";
import { call } from "../firebase";
import { language, t } from "../i18n";
import { formatDate, formatNumber } from "../i18n/format";
import { run } from "../ui/busy";
import { checkbox, h } from "../ui/dom";

const facts = (section: string, rows: EvidenceRow[]): HTMLElement =>
  h(
    "dl",
    { class: "facts", "data-section": section },
    ...rows.flatMap((r) => [h("dt", {}, r.label), h("dd", { "data-fact": r.key }, r.value)]),
  );

function draw(block: EvidenceBlock): HTMLElement {
  switch (block.kind) {
    case "heading":
      return h("h2", { "data-section": block.section }, block.text);
    case "paragraph":
      return h(
        "p",
        { class: `evidence-${block.tone}`, ...(block.tone === "warning" ? { role: "note" } : {}) },
        block.text,
      );
    case "facts":
      return facts(block.section, block.rows);
    case "faces":
      return h(
        "div",
        { class: "pair-faces evidence-faces" },
        ...block.faces.map((f) =>
          h(
            "figure",
            { class: "pair-face", "data-case": f.caseId },
            f.image
              ? h("img", { src: f.image, alt: f.caption, width: 240, height: 240 })
              : h("p", { class: "thumb missing" }, f.missing),
            h("figcaption", {}, h("strong", {}, f.caption), h("span", { class: "muted" }, f.detail)),
          ),
        ),
      );
    case "factors":
      return h(
        "ul",
        { class: "factors evidence-factors" },
        ...block.factors.map((f) =>
          h(
            "li",
            { "data-factor": f.code },
            h("span", { class: `llr ${f.llr.startsWith("−") ? "minus" : "plus"}` }, f.llr),
            " ",
            h("span", {}, f.sentence),
          ),
        ),
      );
    case "cases":
      return h(
        "div",
        { class: "evidence-cases" },
        ...block.cases.map((c) =>
          h("section", { "data-case": c.caseId }, h("h3", {}, c.heading), facts("case", c.rows)),
        ),
      );
    case "events":
      return h(
        "ol",
        { class: "events" },
        ...block.events.map((e) =>
          h(
            "li",
            { "data-event": e.event },
            h("strong", {}, e.title),
            e.who ? ` · ${e.who}` : "",
            ` · ${e.when}`,
            ...e.lines.map((line) => h("p", { class: "muted" }, line)),
          ),
        ),
      );
  }
}

/** the PDF of the same record, in the language shown, saved by the browser */
async function downloadPdf(file: EvidenceFile, includeContacts: boolean): Promise<void> {
  const pdf = await call("getEvidenceFilePdf", {
    matchId: file.match.id,
    includeContacts,
    language: language() as WordLanguage,
  });
  const bytes = Uint8Array.from(atob(pdf.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
  const link = h("a", { href: url, download: pdf.fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function evidenceScreen(main: HTMLElement, matchId: string, includeContacts = false): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  const back = h("a", { href: `#/matches/${matchId}`, class: "no-print" }, `← ${t("evidenceScreen.back")}`);
  main.replaceChildren(h("p", {}, t("common.loading")));
  const file = await run(undefined, out, () => call("getEvidenceFile", { matchId, includeContacts }), {
    retry: () => void evidenceScreen(main, matchId, includeContacts),
  });
  if (!file) return void main.replaceChildren(h("section", { "data-screen": "evidence-refused" }, back, out));
  // the record's times in its country's zone, as the PDF writes them; dates and numbers as the portal does
  const document_ = buildEvidenceDocument(file, {
    language: language(),
    t,
    number: formatNumber,
    date: formatDate,
    dateTime: formatsFor(language(), file.timeZone).dateTime,
  });
  const print = h("button", { type: "button", on: { click: () => window.print() } }, t("evidenceScreen.print"));
  const pdf = h("button", { type: "button", class: "secondary", "data-pdf": "" }, t("evidenceScreen.pdf"));
  pdf.addEventListener("click", () => void run(pdf, out, () => downloadPdf(file, includeContacts)));
  const contacts = file.mayReadContacts
    ? checkbox("includeContacts", t("evidenceScreen.includeContacts"), includeContacts)
    : undefined;
  contacts?.input.addEventListener("change", () => void evidenceScreen(main, matchId, contacts.input.checked));
  main.replaceChildren(
    h(
      "article",
      { class: "evidence", "data-screen": "evidence", "data-state": file.match.state, lang: document_.language },
      h(
        "div",
        { class: "no-print evidence-tools" },
        back,
        h("div", { class: "row" }, print, pdf),
        contacts?.element,
        out,
      ),
      h("h1", {}, document_.title),
      ...document_.blocks.map(draw),
      h("p", { class: "evidence-footer" }, document_.footer),
    ),
  );
}
