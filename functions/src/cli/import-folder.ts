// `tora-face import <folder> --kind missing|found`: one sub-folder per person → one case per
// person (external reference = folder name), every photo through the same checks as an upload.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Deps } from "../ports/index.js";
import type { Case, CaseKind, Country } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { createCase } from "../services/cases.js";
import { addCasePhoto } from "../services/photos.js";
import { ServiceError } from "../services/errors.js";
import { createProgress } from "../terminal/progress.js";

const IMAGE = /\.(jpe?g|png|webp|tiff?|heic|heif|gif|bmp)$/i;

export interface ImportSummary {
  cases: number;
  photos: number;
  accepted: number;
  rejected: number;
  /** photos with several comparable faces: an officer chooses the person (portal or callable) */
  needsChoice: number;
  /** "person/file" of each photo that waits for a choice */
  choices: string[];
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

/** a stable photo id from the file name, so that importing again finds the photos already there */
const photoIdOf = (file: string): string => file.replace(/\.[^.]+$/, "").replaceAll(/[^A-Za-z0-9_-]/g, "_").slice(0, 100) || "photo";

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
  const summary: ImportSummary = { cases: 0, photos: 0, accepted: 0, rejected: 0, needsChoice: 0, choices: [], reasons: {} };
  const actor = { ...SYSTEM_ACTOR, claims: { ...SYSTEM_ACTOR.claims, country: options.country } };
  const progress = createProgress("importing photos", work.reduce((n, w) => n + w.files.length, 0));
  const reject = (...reasons: string[]) => {
    summary.rejected++;
    for (const reason of reasons) summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
  };
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
    const record = (await deps.cases.get(caseRecord.id))!;
    summary.cases++;
    for (const file of files) {
      summary.photos++;
      try {
        const bytes = await readFile(join(options.folder, person, file));
        const photo = await addCasePhoto(deps, actor, record, { photoId: photoIdOf(file), bytes, fileName: file });
        if (photo.status === "indexed") summary.accepted++;
        else if (photo.status === "needs_choice") {
          summary.needsChoice++;
          summary.choices.push(`${person}/${file}`);
        } else reject(...photo.reasons.map((r) => r.message));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        reject(error.message);
      }
      progress.tick();
    }
  }
  progress.done();
  return summary;
}
