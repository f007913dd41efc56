// `tora-face import <folder> --kind missing|found`: one sub-folder per person → one case per
// person (external reference = folder name), every photo through the same checks as an upload.
// A person folder may hold `case.json`, the case's facts as the createCase callable takes them
// (validated by the same schema) plus the dates its photos were taken; a bad file is reported with
// its folder and field, and the import goes on with the other folders.
import { isPhotoName } from "../image-files.js";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Deps } from "../ports/index.js";
import { createCaseInput, type Case, type CaseKind, type Country, type CreateCaseInput } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { createCase } from "../services/cases.js";
import { addCasePhoto } from "../services/photo-ingest.js";
import { ServiceError } from "../services/errors.js";
import { createProgress } from "../terminal/progress.js";

export const CASE_FILE = "case.json";

/** what case.json may add to the case's facts: when each photo (by file name) was taken */
const photoDatesSchema = z.record(z.string().max(200), z.iso.date()).optional();

interface ImportSummary {
  cases: number;
  photos: number;
  accepted: number;
  rejected: number;
  /** photos with several comparable faces: an officer chooses the person (portal or callable) */
  needsChoice: number;
  /** "person/file" of each photo that waits for a choice */
  choices: string[];
  reasons: Record<string, number>;
  /** person folders left out because their case.json is not valid: the field and what is wrong */
  invalidCaseFiles: { folder: string; issues: { path: string; message: string }[] }[];
  /** photos whose face became searchable in this import: the command line cross-matches them */
  indexed: { caseId: string; photoId: string }[];
}

type Issue = { path: string; message: string };

/**
 * The person's case as the createCase callable would take it: the command's kind, country and
 * station, the folder's name as external reference, and what case.json says (it may set the
 * country, station and reference, never the kind).
 */
async function caseFileOf(
  folder: string,
  defaults: Pick<CreateCaseInput, "kind" | "country" | "station"> & { externalRef: string },
): Promise<{ input: CreateCaseInput; photoDates: Record<string, string> } | { issues: Issue[] }> {
  const file = join(folder, CASE_FILE);
  const fallback = {
    kind: defaults.kind,
    country: defaults.country,
    station: defaults.station,
    externalRef: defaults.externalRef,
    subject: { names: [defaults.externalRef.replaceAll(/[_-]+/g, " ")] },
  };
  if (!existsSync(file)) return { input: createCaseInput.parse(fallback), photoDates: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    return { issues: [{ path: "", message: `not JSON (${(error as Error).message})` }] };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    return { issues: [{ path: "", message: "must be a JSON object" }] };
  const { photoDates, kind, ...facts } = raw as Record<string, unknown>;
  const issues: Issue[] = [];
  if (kind !== undefined && kind !== defaults.kind)
    issues.push({ path: "kind", message: `this folder is imported as ${defaults.kind} (--kind)` });
  const dates = photoDatesSchema.safeParse(photoDates);
  if (!dates.success)
    issues.push(...dates.error.issues.map((i) => ({ path: ["photoDates", ...i.path].join("."), message: i.message })));
  const { kind: _kind, ...base } = fallback;
  const input = createCaseInput.safeParse({ ...base, ...facts, kind: defaults.kind });
  if (!input.success)
    issues.push(...input.error.issues.map((i) => ({ path: i.path.join(".") || "(file)", message: i.message })));
  if (issues.length || !input.success || !dates.success) return { issues };
  return { input: input.data, photoDates: dates.data ?? {} };
}

/** the open or resolved cases of one kind and country by external reference, read once per import (a folder of thousands of people) */
async function existingCases(deps: Deps, kind: CaseKind, country: Country): Promise<Map<string, Case>> {
  const byRef = new Map<string, Case>();
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list({ kind, country }, { limit: 500, ...(cursor ? { cursor } : {}) });
    // newest first: the first case seen under a reference is the newest
    for (const c of page.cases)
      if (c.externalRef && c.status !== "closed" && !byRef.has(c.externalRef)) byRef.set(c.externalRef, c);
    cursor = page.nextCursor;
  } while (cursor);
  return byRef;
}

/** a stable photo id from the file name, so that importing again finds the photos already there */
const photoIdOf = (file: string): string =>
  file
    .replace(/\.[^.]+$/, "")
    .replaceAll(/[^A-Za-z0-9_-]/g, "_")
    .slice(0, 100) || "photo";

export async function importFolder(
  deps: Deps,
  options: { folder: string; kind: CaseKind; country: Country; station: string },
): Promise<ImportSummary> {
  const people = (await readdir(options.folder, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (people.length === 0) throw new ServiceError("import_folder_empty", { folder: options.folder });
  const work: { person: string; files: string[] }[] = [];
  for (const person of people) {
    const files = (await readdir(join(options.folder, person))).filter(isPhotoName).sort();
    work.push({ person, files });
  }
  const summary: ImportSummary = {
    cases: 0,
    photos: 0,
    accepted: 0,
    rejected: 0,
    needsChoice: 0,
    choices: [],
    reasons: {},
    invalidCaseFiles: [],
    indexed: [],
  };
  const progress = createProgress(
    "importing photos",
    work.reduce((n, w) => n + w.files.length, 0),
  );
  const reject = (...reasons: string[]) => {
    summary.rejected++;
    for (const reason of reasons) summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
  };
  const known = new Map<Country, Map<string, Case>>();
  const existingCase = async (kind: CaseKind, country: Country, ref: string): Promise<Case | undefined> => {
    if (!known.has(country)) known.set(country, await existingCases(deps, kind, country));
    return known.get(country)!.get(ref);
  };
  for (const { person, files } of work) {
    const caseFile = await caseFileOf(join(options.folder, person), {
      kind: options.kind,
      country: options.country,
      station: options.station,
      externalRef: person,
    });
    if ("issues" in caseFile) {
      summary.invalidCaseFiles.push({ folder: person, issues: caseFile.issues });
      progress.tick(files.length);
      continue;
    }
    const { input, photoDates } = caseFile;
    const actor = { ...SYSTEM_ACTOR, claims: { ...SYSTEM_ACTOR.claims, country: input.country } };
    const ref = input.externalRef ?? person;
    const caseRecord =
      (await existingCase(input.kind, input.country, ref)) ?? (await createCase(deps, actor, input)).case;
    known.get(input.country)!.set(ref, caseRecord);
    const record = (await deps.cases.get(caseRecord.id))!;
    summary.cases++;
    for (const file of files) {
      summary.photos++;
      try {
        const bytes = await readFile(join(options.folder, person, file));
        const photoDate = photoDates[file];
        const photo = await addCasePhoto(deps, actor, record, {
          photoId: photoIdOf(file),
          bytes,
          fileName: file,
          ...(photoDate ? { photoDate } : {}),
        });
        if (photo.status === "indexed") {
          summary.accepted++;
          summary.indexed.push({ caseId: photo.caseId, photoId: photo.photoId });
        } else if (photo.status === "needs_choice") {
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
