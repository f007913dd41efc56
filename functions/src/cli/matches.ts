// The command line's side of reunification: cross-match after an import (with a progress bar),
// and `tora-face matches`, the pairs with both cases' references, scores, band, state and factors.
import type { Deps } from "../ports/index.js";
import type { Case, Match, MatchKind, MatchState } from "../schemas/index.js";
import { crossMatchPhoto, type CrossMatchSummary } from "../services/cross-match.js";
import { createProgress } from "../terminal/progress.js";
import { caseReference } from "../words/case-reference.js";

/** cross-matches the photos an import indexed, one by one, with a progress bar on stderr */
export async function crossMatchPhotos(
  deps: Deps,
  photos: { caseId: string; photoId: string }[],
): Promise<CrossMatchSummary> {
  const total: CrossMatchSummary = { neighbours: 0, opened: 0, updated: 0, reopened: 0, duplicates: 0 };
  const progress = createProgress("cross-matching", photos.length);
  for (const photo of photos) {
    const s = await crossMatchPhoto(deps, photo);
    for (const k of Object.keys(total) as (keyof CrossMatchSummary)[]) total[k] += s[k];
    progress.tick();
  }
  progress.done();
  return total;
}

/** every indexed photo of every case (or of one case), cross-matched again */
export async function crossMatchStore(deps: Deps, caseId?: string): Promise<CrossMatchSummary> {
  const caseIds: string[] = [];
  if (caseId) caseIds.push(caseId);
  else {
    let cursor: string | undefined;
    do {
      const page = await deps.cases.list({ status: "open" }, { limit: 100, ...(cursor ? { cursor } : {}) });
      caseIds.push(...page.cases.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
  }
  const photos: { caseId: string; photoId: string }[] = [];
  for (const id of caseIds)
    for (const p of await deps.photos.list(id))
      if (p.status === "indexed") photos.push({ caseId: id, photoId: p.photoId });
  return crossMatchPhotos(deps, photos);
}

interface MatchesOptions {
  state?: MatchState;
  kind?: MatchKind;
  /** a case id, or the reference officers know it by */
  caseRef?: string;
  /** pairs per page */
  limit: number;
  /** where the previous page ended (its nextCursor) */
  cursor?: string;
  /** every page, one after the other */
  all?: boolean;
}

type Listed = { match: Match; cases: [Case | undefined, Case | undefined] };

/** the pairs asked for, highest score first, each with its two cases; nextCursor when more follow */
export async function listPairs(
  deps: Deps,
  options: MatchesOptions,
): Promise<{ pairs: Listed[]; nextCursor?: string }> {
  let pairs: Match[];
  let nextCursor: string | undefined;
  const wanted = (m: Match) =>
    (!options.state || m.state === options.state) && (!options.kind || m.kind === options.kind);
  if (options.caseRef) {
    const byId = await deps.cases.get(options.caseRef);
    const ids = byId
      ? [byId.id]
      : (await deps.cases.findByExternalRef(options.caseRef, undefined, 10)).map((c) => c.id);
    const all = new Map<string, Match>();
    for (const id of ids) for (const m of await deps.matches.listForCase(id)) all.set(m.id, m);
    const sorted = [...all.values()].filter(wanted).sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1));
    pairs = options.all ? sorted : sorted.slice(0, options.limit);
  } else {
    const filter = {
      ...(options.state ? { states: [options.state] } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
    };
    pairs = [];
    let cursor = options.cursor;
    do {
      const page = await deps.matches.list(filter, { limit: options.limit, ...(cursor ? { cursor } : {}) });
      pairs.push(...page.matches);
      cursor = page.nextCursor;
    } while (options.all && cursor);
    nextCursor = options.all ? undefined : cursor;
  }
  const cases = new Map<string, Promise<Case | undefined>>();
  const read = (id: string) => cases.get(id) ?? cases.set(id, deps.cases.get(id)).get(id)!;
  const out: Listed[] = [];
  for (const match of pairs) out.push({ match, cases: [await read(match.caseIds[0]), await read(match.caseIds[1])] });
  return { pairs: out, ...(nextCursor ? { nextCursor } : {}) };
}

const refOf = (id: string, c: Case | undefined): string => caseReference(c?.externalRef, id);

export function pairJson({ match, cases }: { match: Match; cases: [Case | undefined, Case | undefined] }) {
  return {
    id: match.id,
    kind: match.kind,
    state: match.state,
    cases: match.caseIds.map((id, i) => ({
      case_id: id,
      kind: cases[i]?.kind,
      external_ref: cases[i]?.externalRef,
      status: cases[i]?.status,
    })),
    face_similarity: match.face.similarity,
    face_band: match.face.band,
    fused_score: match.fused?.llr,
    band: match.band,
    factors: (match.fused?.factors ?? []).map((f) => ({
      code: f.code,
      params: f.params,
      llr: f.llr,
      sentence: f.sentence,
    })),
    photos: match.face.faces.map((f) => ({ case_id: f.caseId, photo_id: f.photoId, photo_date: f.photoDate })),
    model_version: match.modelVersion,
    calibration_version: match.calibrationVersion,
    reviews: match.history.filter((h) => h.event === "reviewed" || h.event === "confirmed" || h.event === "reopened")
      .length,
    updated_at: match.updatedAt,
  };
}

export function pairText(
  { match, cases }: { match: Match; cases: [Case | undefined, Case | undefined] },
  rank: number,
): string[] {
  const [a, b] = match.caseIds.map((id, i) => `${cases[i]?.kind ?? "?"} ${refOf(id, cases[i])}`);
  const score = match.fused
    ? `${match.kind === "duplicate" ? "possible duplicate, " : ""}fused ${match.fused.llr.toFixed(2)} (${match.band})`
    : `possible duplicate (face alone), face band ${match.band}`;
  const lines = [
    `${rank}. ${a} ↔ ${b}  [${match.state}]  ${score}  face ${match.face.similarity.toFixed(3)} (${match.face.band.replace("_", " ")})`,
  ];
  for (const f of match.fused?.factors ?? [])
    lines.push(`     ${f.llr >= 0 ? "+" : "−"}${Math.abs(f.llr).toFixed(2)}  ${f.sentence}`);
  return lines;
}
