// ROC and DET curves as an SVG, rendered to PNG by sharp: something a person can look at.
import sharp from "sharp";
import type { RocPoint } from "./roc.js";

const W = 520,
  H = 400,
  M = { left: 64, right: 16, top: 36, bottom: 52 };
const LOG_MIN = -5;

const xLog = (far: number): number =>
  M.left + ((Math.log10(Math.max(far, 10 ** LOG_MIN)) - LOG_MIN) / -LOG_MIN) * (W - M.left - M.right);
const y01 = (v: number, lo: number, hi: number): number =>
  H - M.bottom - ((v - lo) / (hi - lo)) * (H - M.top - M.bottom);

function panel(
  title: string,
  yLabel: string,
  path: string,
  yTicks: number[],
  lo: number,
  hi: number,
  offsetX: number,
): string {
  const xTicks = [-5, -4, -3, -2, -1, 0].map(
    (e) =>
      `<line x1="${xLog(10 ** e)}" y1="${M.top}" x2="${xLog(10 ** e)}" y2="${H - M.bottom}" stroke="#ddd"/><text x="${xLog(10 ** e)}" y="${H - M.bottom + 16}" text-anchor="middle">1e${e}</text>`,
  );
  const yT = yTicks.map(
    (v) =>
      `<line x1="${M.left}" y1="${y01(v, lo, hi)}" x2="${W - M.right}" y2="${y01(v, lo, hi)}" stroke="#ddd"/><text x="${M.left - 6}" y="${y01(v, lo, hi) + 4}" text-anchor="end">${v}</text>`,
  );
  return `<g transform="translate(${offsetX},0)"><text x="${W / 2}" y="22" text-anchor="middle" font-weight="bold">${title}</text>${xTicks.join("")}${yT.join("")}
<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>
<path d="${path}" fill="none" stroke="#1565c0" stroke-width="2"/>
<text x="${W / 2}" y="${H - 12}" text-anchor="middle">false match rate (log)</text>
<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text></g>`;
}

function rocSvg(points: RocPoint[], caption: string): string {
  const visible = points.filter((p) => p.far > 0);
  const roc = visible
    .map((p, i) => `${i ? "L" : "M"}${xLog(p.far).toFixed(1)},${y01(p.tar, 0.9, 1).toFixed(1)}`)
    .join("");
  const det = visible
    .map((p, i) => `${i ? "L" : "M"}${xLog(p.far).toFixed(1)},${y01(Math.max(1 - p.tar, 1e-4), 0, 0.1).toFixed(1)}`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 24}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${panel("ROC", "true match rate", roc, [0.9, 0.92, 0.94, 0.96, 0.98, 1], 0.9, 1, 0)}
${panel("DET", "false non-match rate", det, [0, 0.02, 0.04, 0.06, 0.08, 0.1], 0, 0.1, W)}
<text x="${W}" y="${H + 16}" text-anchor="middle" fill="#555">${escapeXml(caption)}</text></svg>`;
}

export async function writePlot(points: RocPoint[], caption: string, pngPath: string): Promise<void> {
  await sharp(Buffer.from(rocSvg(points, caption)))
    .png()
    .toFile(pngPath);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);
}
