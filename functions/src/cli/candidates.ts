// `tora-face candidates`: a case's candidate list (services/candidates.ts) as the command line's
// operator, printed for a person or as JSON; --all lists every open case of a kind, one per line.
import type { Deps } from "../ports/index.js";
import type { Case, CaseKind, Country, ListCaseCandidatesOutput } from "../schemas/index.js";
import { rankCandidates, scopeCases } from "../services/candidates.js";
import { isMatchable } from "../services/cross-match.js";

/** an open case by its id or the reference officers know it by */
export async function findOpenCase(deps: Deps, ref: string): Promise<Case | undefined> {
  const byId = await deps.cases.get(ref);
  if (byId) return byId.status === "open" ? byId : undefined;
  return (await deps.cases.findByExternalRef(ref, undefined, 10)).find((c) => c.status === "open");
}

type CandidatesJson = ReturnType<typeof candidatesJson>;

/** the --json shape, in the command line's snake_case */
function candidatesJson(record: Case, list: ListCaseCandidatesOutput, ms: number) {
  return {
    case_id: record.id,
    external_ref: record.externalRef ?? null,
    kind: record.kind,
    scope: {
      kind: list.scope.kind,
      country: list.scope.country,
      open_cases: list.scope.openCases,
      with_faces: list.scope.withFaces,
    },
    faces: list.faces,
    notice: list.notice,
    below_weak: list.belowWeak,
    excluded: list.excluded,
    candidates: list.candidates.map((c) => ({
      rank: c.rank,
      case_id: c.case.id,
      external_ref: c.case.externalRef ?? null,
      kind: c.case.kind,
      similarity: c.similarity,
      face_band: c.faceBand,
      fused_score: c.score,
      band: c.band,
      photo_age_gap_years: c.photoAgeGapYears ?? null,
      factors: c.factors.map((f) => ({ code: f.code, params: f.params, llr: f.llr, sentence: f.sentence })),
      photos: c.faces.map((f) => ({ case_id: f.caseId, photo_id: f.photoId, photo_date: f.photoDate ?? null })),
      match_id: c.matchId,
      pair_state: c.pair?.state ?? null,
    })),
    model_version: list.modelVersion,
    calibration_version: list.calibrationVersion,
    ms: Math.round(ms * 10) / 10,
  };
}

export async function caseCandidatesJson(
  deps: Deps,
  record: Case,
  limit: number,
  scope?: Map<string, Case>,
): Promise<CandidatesJson> {
  const started = performance.now();
  const list = await rankCandidates(deps, record, limit, scope);
  return candidatesJson(record, list, performance.now() - started);
}

/** the list of every open, cross-matched case of a kind (one country, or each in turn), the scope read once per country */
export async function eachCaseCandidates(
  deps: Deps,
  options: { kind: CaseKind; country?: Country; limit: number },
  onList: (list: CandidatesJson) => void,
): Promise<void> {
  const scopes = new Map<Country, Map<string, Case>>();
  let cursor: string | undefined;
  const cases: Case[] = [];
  do {
    const page = await deps.cases.list(
      { kind: options.kind, status: "open", ...(options.country ? { country: options.country } : {}) },
      { limit: 500, ...(cursor ? { cursor } : {}) },
    );
    cases.push(...page.cases.filter(isMatchable));
    cursor = page.nextCursor;
  } while (cursor);
  for (const record of cases.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    let scope = scopes.get(record.country);
    if (!scope)
      scopes.set(
        record.country,
        (scope = await scopeCases(deps, options.kind === "missing" ? "found" : "missing", record.country)),
      );
    onList(await caseCandidatesJson(deps, record, options.limit, scope));
  }
}

export function candidatesText(list: CandidatesJson): string[] {
  const lines = [
    `${list.kind} ${list.external_ref ?? list.case_id}: ${list.candidates.length} candidate(s) of ${list.scope.open_cases} open ${list.scope.kind} case(s) in ${list.scope.country} (${list.scope.with_faces} with a face); ` +
      `${list.below_weak} below the weak band${list.excluded ? `; ${list.excluded} reviewed "no candidate" left out` : ""}`,
    `  ${list.notice}`,
  ];
  if (list.faces === 0) lines.push("  this case has no searchable face: no list");
  for (const c of list.candidates) {
    const gap = c.photo_age_gap_years !== null ? `  photos ${c.photo_age_gap_years} years apart` : "";
    const pair = c.pair_state ? `  [pair: ${c.pair_state}]` : "";
    lines.push(
      `${String(c.rank).padStart(3)}. ${c.kind} ${c.external_ref ?? c.case_id}  fused ${c.fused_score.toFixed(2)} (${c.band.replace("_", " ")})  face ${c.similarity.toFixed(3)} (${c.face_band.replace("_", " ")})${gap}${pair}`,
    );
    for (const f of c.factors)
      lines.push(`       ${f.llr >= 0 ? "+" : "−"}${Math.abs(f.llr).toFixed(2)}  ${f.sentence}`);
  }
  return lines;
}
