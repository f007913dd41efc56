import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { isReadableImageName } from "../image-files.js";
import type { Identity } from "./identification.js";

/** <dir>/<identity>/<image files>, sorted so runs are reproducible */
export async function readIdentityFolders(dir: string): Promise<Identity<string>[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const identities: Identity<string>[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const files = (await readdir(join(dir, entry.name))).filter(isReadableImageName).sort();
    if (files.length > 0) identities.push({ name: entry.name, items: files.map((f) => join(dir, entry.name, f)) });
  }
  return identities;
}
