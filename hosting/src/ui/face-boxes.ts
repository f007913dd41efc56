// Numbered boxes over a photo's faces, drawn in the pixels of the photo that was analysed (the SVG's
// viewBox), so they sit right on any displayed size of it — the searched photo, a thumbnail.
const SVG = "http://www.w3.org/2000/svg";

interface NumberedFace {
  /** the number people see: face index + 1 */
  n: number;
  box: { x: number; y: number; width: number; height: number };
  /** a face the quality rules did not accept: drawn fainter */
  faint?: boolean;
}

/** an SVG to lay over the photo (CSS .face-boxes); a tap on a box calls onTap with its number */
export function faceBoxes(
  size: { width: number; height: number },
  faces: NumberedFace[],
  onTap: (n: number) => void,
): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size.width} ${size.height}`);
  svg.setAttribute("class", "face-boxes");
  // the numbered buttons or sections next to the photo carry the same choice for keyboards and screen readers
  svg.setAttribute("aria-hidden", "true");
  const unit = Math.max(size.width, size.height) / 100;
  for (const { n, box, faint } of faces) {
    const g = document.createElementNS(SVG, "g");
    g.setAttribute("data-face-box", String(n));
    if (faint) g.setAttribute("class", "faint");
    g.addEventListener("click", () => onTap(n));
    const frame = document.createElementNS(SVG, "rect");
    for (const [k, v] of Object.entries({
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      "stroke-width": unit * 0.5,
    }))
      frame.setAttribute(k, String(v));
    frame.setAttribute("class", "face-box");
    const labelSize = unit * 4.5;
    const tag = document.createElementNS(SVG, "rect");
    for (const [k, v] of Object.entries({
      x: box.x,
      y: Math.max(0, box.y - labelSize),
      width: labelSize * (String(n).length * 0.62 + 0.5),
      height: labelSize,
    }))
      tag.setAttribute(k, String(v));
    tag.setAttribute("class", "face-tag");
    const label = document.createElementNS(SVG, "text");
    for (const [k, v] of Object.entries({
      x: box.x + labelSize * 0.25,
      y: Math.max(0, box.y - labelSize) + labelSize * 0.82,
      "font-size": labelSize * 0.9,
    }))
      label.setAttribute(k, String(v));
    label.textContent = String(n);
    g.append(frame, tag, label);
    svg.append(g);
  }
  return svg;
}
