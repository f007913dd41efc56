// `tora-face search <photo|folder>`: the search service as the command line's operator, printed
// for a person or as JSON (a folder: one JSON line per photo, a progress bar on stderr).
import { isPhotoName } from "../image-files.js";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Deps } from "../ports/index.js";
import type { CaseKind, Country, SearchFacesOutput } from "../schemas/index.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { ServiceError } from "../services/errors.js";
import { searchFaces } from "../services/search.js";
import { createProgress } from "../terminal/progress.js";
import { caseReference } from "../words/case-reference.js";

type SearchOptions = {
  kind?: CaseKind;
  country?: Country;
  limit: number | undefined;
  reason: string;
  mode: "identify" | "investigate";
  /** when the searched photo was taken: the photo age gaps are measured from it (unknown: none claimed) */
  photoDate?: string;
};

export async function searchPhoto(deps: Deps, options: SearchOptions & { photo: string }): Promise<SearchFacesOutput> {
  const bytes = await readFile(options.photo);
  return searchFaces(deps, SYSTEM_ACTOR, {
    probe: { contentBase64: bytes.toString("base64") },
    purpose: { reason: options.reason },
    filters: {
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.country ? { country: options.country } : {}),
    },
    mode: options.mode,
    ...(options.limit ? { limit: options.limit } : {}),
    ...(options.photoDate ? { probePhotoDate: options.photoDate } : {}),
  });
}

/** the --json shape: per probe face, candidates with case id, external reference and similarity */
export function searchJson(photo: string, result: SearchFacesOutput) {
  return {
    probe: photo,
    search_id: result.searchId,
    model_version: result.modelVersion,
    threshold: result.threshold,
    mode: result.mode,
    notice: result.notice,
    probe_reasons: result.probeReasons.map((r) => r.message),
    faces: result.faces.map((f) => ({
      index: f.index,
      box: {
        x: Math.round(f.box.x),
        y: Math.round(f.box.y),
        width: Math.round(f.box.width),
        height: Math.round(f.box.height),
      },
      issues: f.issues.map((i) => i.message),
      candidates: f.candidates.map((c) => ({
        case_id: c.caseId,
        external_ref: c.externalRef ?? null,
        similarity: c.similarity,
        band: c.band,
        kind: c.kind,
        country: c.country,
        photo_id: c.photo.photoId,
        photo_age_gap_years: c.photoAgeGapYears ?? null,
      })),
    })),
  };
}

export function searchText(result: SearchFacesOutput): string[] {
  const mode = result.mode === "investigate" ? "investigative list" : `threshold ${result.threshold}`;
  const lines = [`${result.faces.length} face(s) in the probe; ${mode} (${result.notice})`];
  for (const r of result.probeReasons) lines.push(`  probe: ${r.message}`);
  for (const f of result.faces) {
    const where = `at x=${Math.round(f.box.x)}, y=${Math.round(f.box.y)}`;
    lines.push(
      `face ${f.index + 1} ${where}${f.issues.length ? ` (${f.issues.map((i) => i.message).join("; ")})` : ""}:`,
    );
    if (f.candidates.length === 0)
      lines.push(result.mode === "investigate" ? "  no case to compare with" : "  no candidate above the threshold");
    f.candidates.forEach((c, i) => {
      const gap = c.photoAgeGapYears
        ? `  photos about ${c.photoAgeGapYears} years apart: the face score is less reliable`
        : "";
      lines.push(
        `  ${i + 1}. ${caseReference(c.externalRef, c.caseId)}  similarity ${c.similarity.toFixed(3)}  ${c.band.replace("_", " ")}  (${c.kind}, ${c.country}, case ${c.caseId})${gap}`,
      );
    });
  }
  return lines;
}

/** one line per photo of a folder search: its result, or why it was refused */
type FolderLine = ReturnType<typeof searchJson> | { probe: string; refused: { reason: string; message: string } };

export async function searchFolder(
  deps: Deps,
  options: SearchOptions & { folder: string },
  onLine: (line: FolderLine) => void,
): Promise<{ photos: number; withCandidates: number; refused: number }> {
  const files = (await readdir(options.folder)).filter(isPhotoName).sort();
  const progress = createProgress("searching photos", files.length);
  const summary = { photos: files.length, withCandidates: 0, refused: 0 };
  for (const file of files) {
    const photo = join(options.folder, file);
    try {
      const line = searchJson(photo, await searchPhoto(deps, { ...options, photo }));
      if (line.faces.some((f) => f.candidates.length > 0)) summary.withCandidates++;
      onLine(line);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      summary.refused++;
      onLine({ probe: photo, refused: { reason: error.reason, message: error.message } });
    }
    progress.tick();
  }
  progress.done();
  return summary;
}

export function folderLineText(line: FolderLine): string {
  if ("refused" in line) return `${line.probe}: refused — ${line.refused.message}`;
  const best = line.faces.flatMap((f) =>
    f.candidates.slice(0, 1).map((c) => `${c.external_ref ?? c.case_id} ${c.similarity.toFixed(3)} ${c.band}`),
  );
  return `${line.probe}: ${line.faces.length} face(s)${best.length ? `; best: ${best.join(", ")}` : "; no candidate above the threshold"}`;
}
