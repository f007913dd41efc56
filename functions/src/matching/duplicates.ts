// A possible duplicate: two cases of one kind (two missing reports, or two found persons) that may
// be the same person. A fused decision like a missing ↔ found pair — the face as a likelihood
// ratio plus sex, ages at a common date, the dates of the event, places and names, each a factor
// with a code, its parameters and a sentence — proposed only at an edge calibrated on strangers.
// The face alone proposed far too many: strangers' child faces cross the adults' face threshold
// many times more often than 1 in 1,000, and one case meets every case of its own kind.
import { bandFor } from "../engine/index.js";
import type { Factor, FoundFacts, FusedBand, FusedScore, MissingFacts } from "../schemas/reunification.js";
import { ageGap, formatAgeInterval, foundAgeAt, missingAgeAt, type AgeInterval } from "./ages.js";
import { daysBetween, yearsBetween, DAYS_PER_MONTH, DAYS_PER_YEAR } from "./dates.js";
import { round } from "./rounding.js";
import { FACE_EVIDENCE } from "./face-evidence.js";
import {
  childPhotoFactors,
  describeInterval,
  FACT_MODEL,
  faceEvidenceFactors,
  nameFactor,
  penaltyBound,
  placeFactorBetween,
  sexFactor,
  type SamePersonPlaces,
} from "./fusion.js";

/** duplicate-1: the first fused duplicate rule (before it, the face threshold alone) */
export const DUPLICATE_VERSION = `${FACE_EVIDENCE.modelVersion}+duplicate-1`;

/**
 * What two reports of one person look like, against two reports of different people. Assumptions
 * stated before any measurement, like FACT_MODEL: a person reported twice (by two relatives, at
 * two stations; or a found person registered by the hospital and again by the shelter) is
 * reported for one event, so the dates are close, the places mostly the same, the ages told agree.
 */
export const DUPLICATE_MODEL = {
  /** the two reports' dates (last seen, or found) within this many days: the same event */
  sameEventDays: 30,
  /** of one person's two reports, the share whose dates fall within sameEventDays */
  sameEventShare: 0.9,
  /** the years over which unrelated reports' dates spread (a registry's active cases) */
  reportSpanYears: 5,
  /** where one person's two reports place the event */
  places: { level2: 0.6, level1Only: 0.25, elsewhere: 0.13, otherCountry: 0.02 } satisfies SamePersonPlaces,
  /** one person's two age statements do not meet this often (a wrong birth year, a wild estimate) */
  ageMismatchRate: 0.05,
} as const;

/**
 * The edge a duplicate is proposed at, set like the fused bands: the fused duplicate LLR that
 * pairs of different people exceed at the edge's false-match rate, measured on every pair of
 * different people's reports of the LFW development half (adults) with generated facts. The rate,
 * 1e-6 per pair, is a hundred times stricter than the reunification's "weak" (1e-3): a case meets
 * every case of its own kind, and between two children's photos strangers' faces cross the face
 * bands 28–227× more often than between adults' (measured on the Large Age-Gap set, docs/reunification.md). At
 * 1e-5 (edge 5.188) a third of a false duplicate came up per missing child on that set's development
 * half; the rate was chosen there, the edge itself is LFW's. Re-derive with
 * `npm run eval -- --reunification calibrate`.
 */
export const DUPLICATE_BANDS = {
  source:
    "npm run eval -- --reunification calibrate --images ../shared/faces/lfw-dev (2026-12-06, seed 1): 14,372,620 pairs of reports of different " +
    "people (every photo a missing report with generated facts); 14 pairs lie above the 1e-6 edge (rough), 143 above the 1e-5 edge (5.188)",
  /** a duplicate is proposed from this band; there is no other */
  falseMatchRate: { possible: 1e-6 },
  minLlr: { possible: 7.838 },
} as const;

/** a duplicate's band: "possible" from the edge, "below_threshold" under it */
export function duplicateBandFor(llr: number): FusedBand {
  return llr >= DUPLICATE_BANDS.minLlr.possible ? "possible" : "below_threshold";
}

/** the LLR from which a duplicate is proposed */
export function duplicateEdge(): number {
  return DUPLICATE_BANDS.minLlr.possible;
}

export interface DuplicateFace {
  similarity: number;
  /** the dates the two photos were taken, in the order of the cases */
  photoDates: [string | undefined, string | undefined];
}

export type DuplicateFacts =
  | { kind: "missing"; face: DuplicateFace; cases: [MissingFacts, MissingFacts] }
  | { kind: "found"; face: DuplicateFace; cases: [FoundFacts, FoundFacts] };

/** the fused, explained score of two cases of one kind; `proposed` when it reaches the duplicate edge */
export function fuseDuplicate(pair: DuplicateFacts): FusedScore & { proposed: boolean } {
  const eventDates =
    pair.kind === "missing" ? pair.cases.map((c) => c.lastSeenDate) : pair.cases.map((c) => c.dateFound);
  const photoDate = (i: 0 | 1) => pair.face.photoDates[i] ?? eventDates[i];
  const [da, db] = [photoDate(0), photoDate(1)];
  const gapYears = da && db ? Math.abs(yearsBetween(da, db)) : undefined;
  const photoAges = [0, 1].map((i) => {
    const date = photoDate(i as 0 | 1);
    if (!date) return undefined;
    return pair.kind === "missing" ? missingAgeAt(pair.cases[i]!, date) : foundAgeAt(pair.cases[i]!, date);
  });
  const faceFactors = [...faceEvidenceFactors(pair.face.similarity, gapYears), ...childPhotoFactors(photoAges)];
  const facts = [
    sexFactor(pair.cases[0].sex, pair.cases[1].sex, true),
    agesFactor(pair, eventDates),
    datesFactor(eventDates[0], eventDates[1], pair.kind === "missing" ? "last_seen" : "found"),
    placesFactor(pair),
    nameFactor(pair.cases[0], pair.cases[1]),
  ].filter((f): f is Factor => f !== undefined);
  const factors = [...faceFactors, ...facts];
  const bounded = penaltyBound(facts);
  if (bounded) factors.push(bounded);
  const llr = factors.reduce((sum, f) => sum + f.llr, 0);
  return {
    llr: round(llr, 4),
    band: duplicateBandFor(llr),
    faceBand: bandFor(pair.face.similarity) ?? "below_threshold",
    factors: factors.map((f) => ({ ...f, llr: round(f.llr, 4) })),
    calibrationVersion: DUPLICATE_VERSION,
    proposed: llr >= duplicateEdge(),
  };
}

/**
 * The two reports' ages on one date (the later of their event dates): ranges that meet are evidence for, ranges apart against, weighed by how often a
 * stranger's range would meet this one by chance (ages spread over FACT_MODEL.ageSpanYears).
 */
function agesFactor(pair: DuplicateFacts, eventDates: (string | undefined)[]): Factor | undefined {
  const date = eventDates
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  if (!date) return undefined;
  const ages: (AgeInterval | undefined)[] =
    pair.kind === "missing" ? pair.cases.map((c) => missingAgeAt(c, date)) : pair.cases.map((c) => foundAgeAt(c, date));
  const [x, y] = ages;
  if (!x || !y) return undefined;
  const gap = ageGap(x, y);
  const chance = Math.min(0.95, (Math.max(1, x.max - x.min) + Math.max(1, y.max - y.min)) / FACT_MODEL.ageSpanYears);
  const e = DUPLICATE_MODEL.ageMismatchRate;
  const params = { first: formatAgeInterval(x), second: formatAgeInterval(y), date, years: Math.round(gap) };
  if (gap === 0)
    return {
      code: "reports_age_fit",
      params,
      llr: Math.log((1 - e) / chance),
      sentence: `ages fit: ${params.first} and ${params.second}`,
    };
  const years = Math.round(gap);
  return {
    code: "reports_age_apart",
    params,
    llr: Math.log(e / (1 - chance)),
    sentence: `ages do not fit: ${params.first} and ${params.second}, ${years === 0 ? "less than a year" : `about ${years} year${years === 1 ? "" : "s"}`} apart`,
  };
}

/** the two reports' events (last seen, or found) close in time: one event reported twice */
function datesFactor(a: string | undefined, b: string | undefined, event: "last_seen" | "found"): Factor | undefined {
  if (!a || !b) return undefined;
  const days = Math.abs(daysBetween(a, b));
  const m = DUPLICATE_MODEL;
  const chance = Math.min(1, (2 * m.sameEventDays + 1) / (m.reportSpanYears * DAYS_PER_YEAR));
  const what = event === "last_seen" ? "last seen" : "found";
  if (days <= m.sameEventDays)
    return {
      code: "reports_dates_close",
      params: { days, event },
      llr: Math.log(m.sameEventShare / chance),
      sentence: days === 0 ? `${what} on the same day` : `${what} ${describeInterval(days)} apart`,
    };
  return {
    code: "reports_dates_apart",
    params: { days, event },
    llr: Math.log((1 - m.sameEventShare) / (1 - chance)),
    sentence: `${what} ${describeDays(days)} apart`,
  };
}

function describeDays(days: number): string {
  if (days < 730) return `${Math.round(days / DAYS_PER_MONTH)} months`;
  return `${Math.round(days / DAYS_PER_YEAR)} years`;
}

function placesFactor(pair: DuplicateFacts): Factor | undefined {
  const [a, b] = pair.kind === "missing" ? pair.cases.map((c) => c.lastSeenPlace) : pair.cases.map((c) => c.foundPlace);
  if (!a || !b) return undefined;
  return placeFactorBetween(a, b, DUPLICATE_MODEL.places, true);
}
