// `tora-face import <folder> --kind missing|found`: one sub-folder per person → one case per
// person (external reference = folder name), every photo through the same ingest service.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Deps } from "../ports/index.js";
import { casePhotoPath, type Case, type CaseKind, type Country } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { createCase } from "../services/cases.js";
import { ingestPhoto } from "../services/photos.js";
import { ServiceError } from "../services/errors.js";
import { createProgress } from "../terminal/progress.js";

const IMAGE = /\.(jpe?g|png|webp|tiff?|heic|heif|gif|bmp)$/i;

export interface ImportSummary {
  cases: number;
  photos: number;
  accepted: number;
  rejected: number;
  reasons: Record<string, number>;
}

async function existingCase(deps: Deps, kind: CaseKind, country: Country, externalRef: string): Promise<Case | undefined> {
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list({ kind, country }, { limit: 100, ...(cursor ? { cursor } : {}) });
    const found = page.cases.find((c) => c.externalRef === externalRef && c.status !== "closed");
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}

export async function importFolder(
  deps: Deps,
  options: { folder: string; kind: CaseKind; country: Country; station: string },
): Promise<ImportSummary> {
  const people = (await readdir(options.folder, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (people.length === 0) throw new ServiceError("import_folder_empty", { folder: options.folder });
  const work: { person: string; files: string[] }[] = [];
  for (const person of people) {
    const files = (await readdir(join(options.folder, person))).filter((f) => IMAGE.test(f)).sort();
    work.push({ person, files });
  }
  const summary: ImportSummary = { cases: 0, photos: 0, accepted: 0, rejected: 0, reasons: {} };
  const actor = { ...SYSTEM_ACTOR, claims: { ...SYSTEM_ACTOR.claims, country: options.country } };
  const progress = createProgress("importing photos", work.reduce((n, w) => n + w.files.length, 0));
  for (const { person, files } of work) {
    const caseRecord =
      (await existingCase(deps, options.kind, options.country, person)) ??
      (
        await createCase(deps, actor, {
          kind: options.kind,
          country: options.country,
          station: options.station,
          externalRef: person,
          subject: { names: [person.replaceAll(/[_-]+/g, " ")], aliases: [], sex: "unknown" },
        })
      ).case;
    summary.cases++;
    for (const file of files) {
      const photoId = file.replace(/\.[^.]+$/, "").replaceAll(/[^A-Za-z0-9_-]/g, "_").slice(0, 100) || "photo";
      const bytes = await readFile(join(options.folder, person, file));
      await deps.blobs.put(casePhotoPath(caseRecord.id, photoId), bytes, "application/octet-stream");
      const photo = await ingestPhoto(deps, { caseId: caseRecord.id, photoId, bytes, uploadedBy: "system" });
      summary.photos++;
      if (photo.status === "indexed") summary.accepted++;
      else {
        summary.rejected++;
        for (const r of photo.reasons) summary.reasons[r.message] = (summary.reasons[r.message] ?? 0) + 1;
      }
      progress.tick();
    }
  }
  progress.done();
  return summary;
}
