// LFW pairs.txt: optional header "FOLDS<ws>N", then per fold N same-person lines "name n1 n2"
// and N different-person lines "name1 n1 name2 n2". Headerless files have no folds.
import { join } from "node:path";

interface ImageRef {
  name: string;
  number: number;
}

interface Pair {
  a: ImageRef;
  b: ImageRef;
  same: boolean;
  /** 0-based fold, or undefined for headerless files */
  fold?: number;
}

interface PairsFile {
  folds: number;
  pairs: Pair[];
}

export class PairsFileError extends Error {}

export function parsePairsFile(text: string): PairsFile {
  const lines = text.split(/\r?\n/).map((l, i) => ({ fields: l.trim().split(/\s+/).filter(Boolean), line: i + 1 }));
  const content = lines.filter((l) => l.fields.length > 0);
  let folds = 0;
  let perFold = 0;
  let body = content;
  if (content[0]?.fields.length === 2 && content[0].fields.every((f) => /^\d+$/.test(f))) {
    [folds, perFold] = content[0].fields.map(Number) as [number, number];
    body = content.slice(1);
    if (folds < 1 || perFold < 1)
      throw new PairsFileError(`line ${content[0].line}: header needs folds >= 1 and pairs per fold >= 1`);
    if (body.length !== folds * perFold * 2)
      throw new PairsFileError(
        `header says ${folds} folds x ${perFold} same + ${perFold} different = ${folds * perFold * 2} pairs, file has ${body.length}`,
      );
  }
  const pairs = body.map(({ fields, line }, i): Pair => {
    const fold = folds > 0 ? Math.floor(i / (2 * perFold)) : undefined;
    const number = (s: string): number => {
      if (!/^\d+$/.test(s)) throw new PairsFileError(`line ${line}: "${s}" is not an image number`);
      return Number(s);
    };
    if (fields.length === 3)
      return {
        a: { name: fields[0]!, number: number(fields[1]!) },
        b: { name: fields[0]!, number: number(fields[2]!) },
        same: true,
        fold,
      };
    if (fields.length === 4)
      return {
        a: { name: fields[0]!, number: number(fields[1]!) },
        b: { name: fields[2]!, number: number(fields[3]!) },
        same: false,
        fold,
      };
    throw new PairsFileError(`line ${line}: expected "name n1 n2" or "name1 n1 name2 n2", got ${fields.length} fields`);
  });
  return { folds, pairs };
}

/** <dir>/<Name>/<Name>_NNNN.jpg */
export function imagePath(dir: string, ref: ImageRef): string {
  return join(dir, ref.name, `${ref.name}_${String(ref.number).padStart(4, "0")}.jpg`);
}
