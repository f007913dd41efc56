// The evidence file as an A4 PDF (pdfkit). Text is set in Noto Sans (SIL Open Font License 1.1,
// from the @fontsource packages), which carries every letter of Kirundi, Kinyarwanda, Swahili and
// French and the names families give; each character is drawn with the first face that has it
// (Latin, Latin Extended, Vietnamese, Greek, Cyrillic, then Noto Sans Math for arrows and ≈), as
// a browser falls back through a font's subsets. Only the glyphs used are embedded.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import type { EvidenceBlock, EvidenceDocument, EvidenceRow } from "./evidence-document.js";

const require = createRequire(import.meta.url);

type Weight = "regular" | "bold";
interface Face {
  name: string;
  file: string;
  font: fontkit.Font;
}

const SUBSETS = ["latin", "latin-ext", "vietnamese", "greek", "cyrillic", "cyrillic-ext"] as const;

function face(name: string, packageFile: string): Face {
  const file = require.resolve(packageFile);
  return { name, file, font: fontkit.create(readFileSync(file)) };
}

let faces: Record<Weight, Face[]> | undefined;
/** the faces in the order a character looks for its glyph; read once per instance */
function fontFaces(): Record<Weight, Face[]> {
  if (faces) return faces;
  const math = face("math", "@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff");
  const of = (weight: Weight) => [
    ...SUBSETS.map((s) =>
      face(`${s}-${weight}`, `@fontsource/noto-sans/files/noto-sans-${s}-${weight === "bold" ? 700 : 400}-normal.woff`),
    ),
    math,
  ];
  faces = { regular: of("regular"), bold: of("bold") };
  return faces;
}

/** the text cut where the face that draws it changes (a character no face has stays with the first) */
function runs(text: string, weight: Weight): { face: string; text: string }[] {
  const list = fontFaces()[weight];
  const out: { face: string; text: string }[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    // spaces and joiners follow the text around them
    const chosen =
      /\s/.test(char) && out.length
        ? out.at(-1)!.face
        : (list.find((f) => f.font.hasGlyphForCodePoint(cp)) ?? list[0]!).name;
    const last = out.at(-1);
    if (last?.face === chosen) last.text += char;
    else out.push({ face: chosen, text: char });
  }
  return out;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, left: 50, right: 50 };
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
const COLOR = { text: "#1a1a1a", muted: "#555555", warning: "#8a1c1c", rule: "#999999" };

type Doc = PDFKit.PDFDocument;

/** writes text at (x, y) or where the last text ended, falling back through the faces */
function write(
  doc: Doc,
  text: string,
  options: {
    x?: number;
    y?: number;
    width: number;
    size: number;
    weight?: Weight;
    color?: string;
    align?: "left" | "right";
  },
) {
  const parts = runs(text, options.weight ?? "regular");
  doc.fontSize(options.size).fillColor(options.color ?? COLOR.text);
  parts.forEach((part, i) => {
    const opts = {
      width: options.width,
      align: options.align ?? "left",
      continued: i < parts.length - 1,
      lineGap: 1.5,
    };
    doc.font(part.face);
    if (i === 0 && options.x !== undefined) doc.text(part.text, options.x, options.y ?? doc.y, opts);
    else doc.text(part.text, opts);
  });
}

/** the height a text will take (set in the first face: close enough to decide a page break) */
function heightOf(doc: Doc, text: string, width: number, size: number, weight: Weight = "regular"): number {
  doc.font(`latin-${weight}`).fontSize(size);
  return doc.heightOfString(text, { width, lineGap: 1.5 });
}

/** a new page when `height` does not fit below the current position */
function keep(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function rows(doc: Doc, list: EvidenceRow[], labelWidth = 150): void {
  const valueX = MARGIN.left + labelWidth + 10;
  const valueWidth = WIDTH - labelWidth - 10;
  for (const row of list) {
    const height = Math.max(heightOf(doc, row.label, labelWidth, 9, "bold"), heightOf(doc, row.value, valueWidth, 9.5));
    keep(doc, height + 4);
    const top = doc.y;
    write(doc, row.label, { x: MARGIN.left, y: top, width: labelWidth, size: 9, weight: "bold", color: COLOR.muted });
    const labelEnd = doc.y;
    write(doc, row.value, { x: valueX, y: top, width: valueWidth, size: 9.5 });
    doc.x = MARGIN.left;
    doc.y = Math.max(labelEnd, doc.y) + 4;
  }
}

function paragraph(doc: Doc, block: Extract<EvidenceBlock, { kind: "paragraph" }>): void {
  const size = block.tone === "note" ? 8.5 : 10;
  const weight: Weight = block.tone === "note" ? "regular" : "bold";
  const indent = block.tone === "note" ? 0 : 10;
  keep(doc, heightOf(doc, block.text, WIDTH - indent, size, weight) + 8);
  const top = doc.y;
  write(doc, block.text, {
    x: MARGIN.left + indent,
    y: top,
    width: WIDTH - indent,
    size,
    weight,
    color: block.tone === "warning" ? COLOR.warning : block.tone === "note" ? COLOR.muted : COLOR.text,
  });
  // the statement and a warning stand out by a rule in the margin, which prints on any printer
  if (block.tone !== "note")
    doc
      .moveTo(MARGIN.left + 2, top)
      .lineTo(MARGIN.left + 2, doc.y)
      .lineWidth(3)
      .strokeColor(block.tone === "warning" ? COLOR.warning : COLOR.rule)
      .stroke();
  doc.x = MARGIN.left;
  doc.moveDown(0.6);
}

function faceImages(doc: Doc, block: Extract<EvidenceBlock, { kind: "faces" }>): void {
  const gap = 20;
  const column = (WIDTH - gap) / 2;
  const box = { width: column, height: 210 };
  keep(doc, box.height + 50);
  const top = doc.y;
  let bottom = top;
  block.faces.forEach((f, i) => {
    const x = MARGIN.left + i * (column + gap);
    if (f.image) {
      const bytes = Buffer.from(f.image.slice(f.image.indexOf(",") + 1), "base64");
      doc.image(bytes, x, top, { fit: [box.width, box.height], align: "center", valign: "center" });
    } else {
      doc.rect(x, top, box.width, box.height).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
      write(doc, f.missing ?? "", {
        x: x + 10,
        y: top + box.height / 2 - 6,
        width: box.width - 20,
        size: 9,
        color: COLOR.muted,
      });
    }
    write(doc, f.caption, { x, y: top + box.height + 6, width: column, size: 9.5, weight: "bold" });
    write(doc, f.detail, { width: column, size: 8.5, color: COLOR.muted });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = MARGIN.left;
  doc.y = bottom + 8;
}

function factors(doc: Doc, block: Extract<EvidenceBlock, { kind: "factors" }>): void {
  const llrWidth = 44;
  for (const f of block.factors) {
    keep(doc, heightOf(doc, f.sentence, WIDTH - llrWidth - 10, 9.5) + 4);
    const top = doc.y;
    write(doc, f.llr, { x: MARGIN.left, y: top, width: llrWidth, size: 9.5, weight: "bold", align: "right" });
    write(doc, f.sentence, { x: MARGIN.left + llrWidth + 10, y: top, width: WIDTH - llrWidth - 10, size: 9.5 });
    doc.x = MARGIN.left;
    doc.y += 3;
  }
  doc.moveDown(0.4);
}

function events(doc: Doc, block: Extract<EvidenceBlock, { kind: "events" }>): void {
  for (const e of block.events) {
    const head = [e.title, e.who, e.when].filter(Boolean).join(" · ");
    keep(doc, heightOf(doc, head, WIDTH, 9.5, "bold") + 14 * e.lines.length);
    write(doc, head, { x: MARGIN.left, y: doc.y, width: WIDTH, size: 9.5, weight: "bold" });
    for (const line of e.lines)
      write(doc, line, { x: MARGIN.left + 12, y: doc.y, width: WIDTH - 12, size: 9, color: COLOR.muted });
    doc.x = MARGIN.left;
    doc.y += 6;
  }
}

function draw(doc: Doc, block: EvidenceBlock): void {
  switch (block.kind) {
    case "heading":
      keep(doc, 60);
      doc.moveDown(0.5);
      write(doc, block.text, { x: MARGIN.left, y: doc.y, width: WIDTH, size: 12.5, weight: "bold" });
      doc.moveDown(0.3);
      return;
    case "paragraph":
      return paragraph(doc, block);
    case "facts":
      rows(doc, block.rows);
      return;
    case "faces":
      return faceImages(doc, block);
    case "factors":
      return factors(doc, block);
    case "cases":
      for (const c of block.cases) {
        keep(doc, 60);
        write(doc, c.heading, { x: MARGIN.left, y: doc.y + 4, width: WIDTH, size: 10.5, weight: "bold" });
        doc.moveDown(0.3);
        rows(doc, c.rows);
      }
      return;
    case "events":
      return events(doc, block);
  }
}

/** every page's foot: the record, the pair, the page number (drawn once the number of pages is known) */
function footers(doc: Doc, document: EvidenceDocument): number {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // writing inside the bottom margin must not open a new page
    doc.page.margins.bottom = 0;
    const page = document.pageTemplate.replace("{page}", String(i - start + 1)).replace("{pages}", String(count));
    doc
      .moveTo(MARGIN.left, BOTTOM + 14)
      .lineTo(A4.width - MARGIN.right, BOTTOM + 14)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    write(doc, `${document.footer} · ${page}`, {
      x: MARGIN.left,
      y: BOTTOM + 20,
      width: WIDTH,
      size: 8,
      color: COLOR.muted,
    });
  }
  return count;
}

/** the evidence file as PDF bytes, with its number of pages */
export async function renderEvidencePdf(document: EvidenceDocument): Promise<{ bytes: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    lang: document.language,
    displayTitle: true,
    info: { Title: document.title, Author: "TORA FACE", Subject: document.footer, Creator: "TORA FACE" },
  });
  for (const f of [...fontFaces().regular, ...fontFaces().bold]) doc.registerFont(f.name, f.file);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  write(doc, document.title, { x: MARGIN.left, y: MARGIN.top, width: WIDTH, size: 18, weight: "bold" });
  doc.moveDown(0.6);
  for (const block of document.blocks) draw(doc, block);
  const pages = footers(doc, document);
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages };
}
