// The fused score of a missing ↔ found pair: the face similarity as a likelihood ratio, plus
// each fact of the two cases as its own log-likelihood ratio (evidence, never a filter), summed
// into one absolute score. Absolute: a pair's score depends on that pair alone, never on the
// other candidates (normalising by the best hit shows 1.0 for the best of poor candidates).
// Every term is a factor with a stable code, its parameters and an English sentence.
import { bandFor, CALIBRATION } from "../engine/index.js";
import type {
  Factor,
  FacePairEvidence,
  FoundFacts,
  FusedBand,
  FusedScore,
  MissingFacts,
  Place,
  Sex,
} from "../schemas/reunification.js";
import { ageGap, estimateSpread, formatAgeInterval, foundAgeAt, missingAgeAt, type AgeInterval } from "./ages.js";
import { daysBetween, yearsBetween, spokenInterval } from "./dates.js";
import { round } from "./rounding.js";
import { FACE_EVIDENCE, faceBandEdges, faceLlr, gapBeyondCalibration } from "./face-evidence.js";
import { compareNames, type NamedSubject, type NameGrade } from "./names.js";
import { chanceOfSharing, comparePlaces, resolvePlace, type PlaceComparison } from "./places.js";

/** fusion-2: the face evidence at full weight across photo age gaps (fusion-1 tempered it), one set of band edges */
export const FUSION_VERSION = `${FACE_EVIDENCE.modelVersion}+fusion-2`;

/**
 * What the facts are worth, as probabilities under "same person" and "two different people".
 * Assumptions stated before any measurement (set, not fitted: no labelled case data exist), so
 * that each factor's LLR is log(P_same / P_different) of something a person can check.
 */
export const FACT_MODEL = {
  /** a sex box is wrong this often (entry errors, an infant's sex misread) */
  sexErrorRate: 0.05,
  /** officers' age estimates: this share are wildly off (wrong box, wrong person photographed) */
  ageOutlierRate: 0.05,
  /** ages of the people in a gallery, for the chance that a stranger's age fits: uniform over 0–80 */
  ageSpanYears: 80,
  /** a person is found where lost: same second-level unit, same first level only, elsewhere in the country */
  samePersonPlace: { level2: 0.35, level1Only: 0.4, elsewhere: 0.25 },
  /** found in another country than where last seen (cross-border moves happen) */
  samePersonOtherCountry: 0.05,
  /** dates: "found" more than this many days before "last seen" is a conflict, not a slip */
  dateToleranceDays: 30,
  /** a found date before the last-seen date happens by error this often for the same person */
  foundBeforeLastSeenError: 0.02,
  /** of two unrelated cases, the share found after the other was last seen */
  differentPersonsFoundAfter: 0.8,
  /** names of both cases known: LLR per grade of the name comparison */
  nameLlr: { exact: 3.5, strong: 3.0, partial: 0.5, none: -1.5 } satisfies Record<NameGrade, number>,
} as const;

export interface PairFacts {
  face: FacePairEvidence;
  missing: MissingFacts;
  found: FoundFacts;
}

/**
 * Bands of the fused score, set like the face bands (engine/calibration.ts): each edge is the
 * fused LLR that pairs of different people exceed at the band's false-match rate, measured on
 * every such pair of the LFW development half with facts generated as in the eval. The photo age
 * gap does not move them: nothing in a stranger's fused score depends on it.
 * Re-derive with `npm run eval -- --reunification calibrate`.
 */
export const FUSED_BANDS = {
  source:
    "npm run eval -- --reunification calibrate --images ../shared/faces/lfw-dev (2026-11-26, seed 1): 1,197,378 pairs of " +
    "different people (774 missing × 1,548 found cases); 11 pairs lie above the 1e-5 edge, so the strong edge is rough",
  falseMatchRate: { strong: 1e-5, possible: 1e-4, weak: 1e-3 },
  minLlr: { strong: 6.421, possible: 3.66, weak: 0.634 },
} as const;

type ShownBand = keyof typeof FUSED_BANDS.minLlr;
const SHOWN_BANDS: ShownBand[] = ["strong", "possible", "weak"];

/** the fused band edges, strongest first */
export function fusedBandEdges(): { band: ShownBand; minLlr: number }[] {
  return SHOWN_BANDS.map((band) => ({ band, minLlr: FUSED_BANDS.minLlr[band] }));
}

export function fusedBandFor(llr: number): FusedBand {
  return fusedBandEdges().find((e) => llr >= e.minLlr)?.band ?? "below_threshold";
}

/** how much conflicting facts may lower a pair at most: the step from a strong face match to the threshold, face alone */
export function maxFactPenalty(): number {
  const edges = faceBandEdges();
  return edges.find((e) => e.band === "strong")!.minLlr - edges.find((e) => e.band === "weak")!.minLlr;
}

/** the fused, explained score of one missing ↔ found pair */
export function fuseEvidence(pair: PairFacts): FusedScore {
  const { face, missing, found } = pair;
  const dates = photoDates(face, missing, found);
  const gapYears = dates.missing && dates.found ? Math.abs(yearsBetween(dates.missing, dates.found)) : undefined;
  const faceFactors = [
    ...faceEvidenceFactors(face.similarity, gapYears),
    ...childPhotoFactors([
      dates.missing && missingAgeAt(missing, dates.missing),
      dates.found && foundAgeAt(found, dates.found),
    ]),
  ];
  const facts = [
    sexFactor(missing.sex, found.sex),
    ageFactor(pair),
    dateFactor(missing, found),
    placeFactor(missing, found),
    nameFactor(missing, found),
  ].filter((f): f is Factor => f !== undefined);
  const factors = [...faceFactors, ...facts];
  const bounded = penaltyBound(facts);
  if (bounded) factors.push(bounded);
  let llr = factors.reduce((sum, f) => sum + f.llr, 0);
  const weakEdge = fusedBandEdges().find((e) => e.band === "weak")!.minLlr;
  // with today's constants the bound already keeps a strong face in a band (its LLR less the bound
  // is 0.88, the weak edge 0.634); this holds the promise should a re-derivation raise the edge
  if (bandFor(face.similarity) === "strong" && llr < weakEdge) {
    // a hair above the edge, so that the rounded score still reads as "weak"
    const lift = weakEdge + 1e-4 - llr;
    factors.push({
      code: "strong_face_kept",
      params: {},
      llr: lift,
      sentence: "a strong face match stays on the list whatever the facts say",
    });
    llr += lift;
  }
  return {
    llr: round(llr, 4),
    band: fusedBandFor(llr),
    faceBand: bandFor(face.similarity) ?? "below_threshold",
    factors: factors.map((f) => ({ ...f, llr: round(f.llr, 4) })),
    calibrationVersion: FUSION_VERSION,
  };
}

/** conflicting facts take away at most maxFactPenalty(): the note that gives the rest back, when they would take more */
export function penaltyBound(facts: Factor[]): Factor | undefined {
  const penalty = facts.reduce((sum, f) => sum + Math.min(0, f.llr), 0);
  const bound = maxFactPenalty();
  if (penalty >= -bound) return undefined;
  return {
    code: "facts_penalty_bounded",
    params: { bound: round(bound, 2) },
    llr: -bound - penalty,
    sentence: `conflicting facts lower the score by at most ${round(bound, 1)}: entry errors happen`,
  };
}

/** below this age at the photo a face is a child's: the face bands were set on adults' photos */
export const CHILD_PHOTO_MAX_AGE = 18;
/** the age groups the evaluation reports false-match rates for */
export type PhotoAgeGroup = "under_12" | "12_17" | "adult";
export function photoAgeGroup(age: AgeInterval): PhotoAgeGroup {
  const centre = (age.min + age.max) / 2;
  return centre < 12 ? "under_12" : centre < CHILD_PHOTO_MAX_AGE ? "12_17" : "adult";
}

/**
 * A child's photo is never judged silently on the adults' calibration: the pair says how its band
 * differs. The face bands (and the fused bands built on them) were set on photos of adults. Measured
 * on the Large Age-Gap set (`npm run eval -- --reunification bands`, docs/reunification.md), strangers' faces cross
 * the bands many times more often between two children's photos (28× at "weak", 76× at
 * "possible", 227× at "strong" on its development half), while a child's photo against an adult's
 * crosses them as often as two adults' (0.9×): the note goes on pairs whose two photos are
 * children's. No age-aware edge is shipped and no factor is set from those figures: the set's
 * licence allows academic, non-commercial use without redistribution, not building the product on it.
 */
export function childPhotoFactors(ages: (AgeInterval | undefined | "")[]): Factor[] {
  const known = ages.filter((a): a is AgeInterval => !!a);
  const children = known.filter((a) => photoAgeGroup(a) !== "adult");
  if (children.length < 2 || children.length !== ages.length) return [];
  const youngest = children.reduce((a, b) => (a.min + a.max <= b.min + b.max ? a : b));
  const age = formatAgeInterval(youngest);
  return [
    {
      code: "child_photo",
      params: { age, group: photoAgeGroup(youngest) },
      llr: 0,
      sentence: `children's photos on both sides (the younger about ${age} years old): the bands were set on adults' photos, and false matches between two children's faces are far more frequent at the same band`,
    },
  ];
}

/** the dates the two photos were taken, or the nearest dates the cases know */
function photoDates(face: FacePairEvidence, missing: MissingFacts, found: FoundFacts) {
  return { missing: face.missingPhotoDate ?? missing.lastSeenDate, found: face.foundPhotoDate ?? found.dateFound };
}

export function faceEvidenceFactors(similarity: number, gapYears: number | undefined): Factor[] {
  const raw = faceLlr(similarity);
  const band = bandFor(similarity) ?? "below_threshold";
  const factors: Factor[] = [
    {
      code: "face_similarity",
      params: { similarity: round(similarity, 3), band },
      llr: raw,
      sentence: `face similarity ${similarity.toFixed(3)} (${band.replace("_", " ")})`,
    },
  ];
  if (gapYears === undefined) {
    factors.push({
      code: "photo_age_gap_unknown",
      params: {},
      llr: 0,
      sentence: "photo dates unknown: the time between the photos is not taken into account",
    });
    return factors;
  }
  const years = gapBeyondCalibration(gapYears);
  if (years !== undefined) {
    // a warning, not a weight: see FACE_CALIBRATED_GAP_YEARS
    factors.push({
      code: "photo_age_gap",
      params: { years },
      llr: 0,
      sentence: `photos about ${years} years apart: the face score is less reliable`,
    });
  }
  return factors;
}

/** sex of the two cases; `reports`: two reports of one kind (a possible duplicate), neither side "missing" nor "found" */
export function sexFactor(a: Sex | undefined, b: Sex | undefined, reports = false): Factor | undefined {
  if (!a || !b || a === "unknown" || b === "unknown") return undefined;
  const e = FACT_MODEL.sexErrorRate;
  if (a === b)
    return { code: "sex_same", params: { sex: a }, llr: Math.log((1 - e) / 0.5), sentence: `same sex (${a})` };
  if (reports)
    return {
      code: "reports_sex_different",
      params: { first: a, second: b },
      llr: Math.log(e / 0.5),
      sentence: `sex differs: ${a} and ${b}`,
    };
  return {
    code: "sex_different",
    params: { missing: a, found: b },
    llr: Math.log(e / 0.5),
    sentence: `sex differs: ${a} (missing) and ${b} (found)`,
  };
}

/** standard normal distribution function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7) */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * P(the missing person's age on that date is what the found person's estimate allows) against
 * P(a stranger's age falls there): the estimate as a normal around its centre with
 * estimateSpread(), mixed with a few wild estimates so that no age conflict is ever final.
 */
export function ageLlr(missingAge: AgeInterval, foundAge: AgeInterval): number {
  const centre = (foundAge.min + foundAge.max) / 2;
  const spread = estimateSpread(foundAge);
  const pSame = normalCdf((missingAge.max - centre) / spread) - normalCdf((missingAge.min - centre) / spread);
  const pStranger = Math.min(1, Math.max(1, missingAge.max - missingAge.min) / FACT_MODEL.ageSpanYears);
  const e = FACT_MODEL.ageOutlierRate;
  return Math.log(((1 - e) * pSame + e * pStranger) / pStranger);
}

/**
 * The age factor. Its code and sentence follow the sign of its evidence, never the ranges alone:
 * two ranges that overlap only at the edge of a wide estimate speak (a little) against the pair,
 * and a point estimate a year beside a family's range can still speak for it.
 *   age_overlap: for, the ranges overlap;     age_close: for, the ranges are apart by less than the estimate's error;
 *   age_edge: against, the ranges overlap only at the edge of the estimate;  age_apart: against, the ranges are apart.
 */
export function ageFactorOf(missingAge: AgeInterval, foundAge: AgeInterval, date: string): Factor {
  const gap = ageGap(missingAge, foundAge);
  const llr = ageLlr(missingAge, foundAge);
  const years = Math.round(gap);
  const params = { missing: formatAgeInterval(missingAge), found: formatAgeInterval(foundAge), date, years };
  const apart = years === 0 ? "less than a year apart" : `about ${years} year${years === 1 ? "" : "s"} apart`;
  if (llr >= 0) {
    if (gap === 0)
      return {
        code: "age_overlap",
        params,
        llr,
        sentence: `age ranges overlap: ${params.missing} and ${params.found}`,
      };
    return {
      code: "age_close",
      params,
      llr,
      sentence: `ages fit within the estimate's error: ${params.missing} and ${params.found}, ${apart}`,
    };
  }
  if (gap === 0)
    return {
      code: "age_edge",
      params,
      llr,
      sentence: `ages fit only at the edge of the estimate: ${params.missing} (missing) and ${params.found} (found)`,
    };
  return {
    code: "age_apart",
    params,
    llr,
    sentence: `ages do not fit: ${params.missing} (missing) and ${params.found} (found), ${apart}`,
  };
}

function ageFactor({ face, missing, found }: PairFacts): Factor | undefined {
  // compared on the date of the found person's photo (or the day found): the estimate was made then
  const date = face.foundPhotoDate ?? found.dateFound;
  if (!date) return undefined;
  const m = missingAgeAt(missing, date);
  const f = foundAgeAt(found, date);
  if (!m || !f) return undefined;
  return ageFactorOf(m, f, date);
}

/** days between two events as people say them: days, then months, then years (the portal says it the same way) */
export function describeInterval(days: number): string {
  if (days === 0) return "on the day";
  const { unit, n } = spokenInterval(days);
  return unit === "days" ? `${n} day${n === 1 ? "" : "s"}` : `${n} ${unit}`;
}

function dateFactor(missing: MissingFacts, found: FoundFacts): Factor | undefined {
  if (!missing.lastSeenDate || !found.dateFound) return undefined;
  const days = daysBetween(missing.lastSeenDate, found.dateFound);
  const m = FACT_MODEL;
  if (days >= -m.dateToleranceDays) {
    const after = Math.max(0, days);
    return {
      code: "found_after_last_seen",
      params: { days: after },
      llr: Math.log((1 - m.foundBeforeLastSeenError) / m.differentPersonsFoundAfter),
      sentence: after === 0 ? "found on the day last seen" : `found ${describeInterval(after)} after last seen`,
    };
  }
  return {
    code: "found_before_last_seen",
    params: { days: -days },
    llr: Math.log(m.foundBeforeLastSeenError / (1 - m.differentPersonsFoundAfter)),
    sentence: `found ${describeInterval(-days)} before last seen`,
  };
}

const LEVEL_NAMES = { BI: ["province", "commune"], RW: ["province", "district"] } as const;

/** where one person's two places fall: the same second-level unit, the same first level only, elsewhere, another country */
export interface SamePersonPlaces {
  level2: number;
  level1Only: number;
  elsewhere: number;
  otherCountry: number;
}
const REUNIFICATION_PLACES: SamePersonPlaces = {
  ...FACT_MODEL.samePersonPlace,
  otherCountry: FACT_MODEL.samePersonOtherCountry,
};

function placeLlr(
  c: PlaceComparison,
  country: keyof typeof LEVEL_NAMES,
  level2Known: boolean,
  p: SamePersonPlaces,
): number {
  const chance = chanceOfSharing(country);
  switch (c.relation) {
    case "same_level2":
      return Math.log(p.level2 / chance.level2);
    case "same_level1":
      return level2Known
        ? Math.log(p.level1Only / (chance.level1 - chance.level2))
        : Math.log((p.level2 + p.level1Only) / chance.level1);
    case "different_level1":
      return Math.log(p.elsewhere / (1 - chance.level1));
    case "different_country":
      return Math.log(p.otherCountry / 0.5);
    default:
      return 0;
  }
}

function placeFactor(missing: MissingFacts, found: FoundFacts): Factor | undefined {
  if (!missing.lastSeenPlace || !found.foundPlace) return undefined;
  return placeFactorBetween(missing.lastSeenPlace, found.foundPlace, REUNIFICATION_PLACES, false);
}

/**
 * Places as the lists read them, remembered: a case's candidate list and the calibration compare
 * the same few thousand places millions of times. Bounded, and emptied when full.
 */
const placeMemo = new Map<string, ReturnType<typeof resolvePlace>>();
function resolvedPlace(place: Place): ReturnType<typeof resolvePlace> {
  const key = `${place.country}|${place.level1 ?? ""}|${place.level2 ?? ""}|${place.text ?? ""}`;
  let resolved = placeMemo.get(key);
  if (!resolved) {
    if (placeMemo.size >= 20_000) placeMemo.clear();
    placeMemo.set(key, (resolved = resolvePlace(place)));
  }
  return resolved;
}

/** two places of one person's cases compared; `reports`: two reports of one kind (a possible duplicate) */
export function placeFactorBetween(
  first: Place,
  second: Place,
  model: SamePersonPlaces,
  reports: boolean,
): Factor | undefined {
  const a = resolvedPlace(first);
  const b = resolvedPlace(second);
  const c = comparePlaces(a, b);
  if (c.relation === "unknown") return undefined;
  const [l1, l2] = LEVEL_NAMES[a.country];
  const former = c.viaFormer?.length
    ? ` (read from the former name${c.viaFormer.length > 1 ? "s" : ""} ${c.viaFormer.join(", ")})`
    : "";
  const params: Factor["params"] = {
    relation: c.relation,
    ...(c.level1 ? { level1: c.level1 } : {}),
    ...(c.level2 ? { missing: c.level2[0], found: c.level2[1] } : {}),
    // translated sentences say it too: a former name was read as the units it became
    ...(c.viaFormer?.length ? { former: c.viaFormer.join(", ") } : {}),
  };
  const llr = placeLlr(c, a.country, !!(a.level2 && b.level2), model);
  switch (c.relation) {
    case "same_level2":
      return { code: "place_same_level2", params, llr, sentence: `same ${l2} (${c.level2![0]}, ${c.level1})${former}` };
    case "same_level1":
      return {
        code: "place_same_level1",
        params,
        llr,
        sentence: c.level2
          ? `same ${l1} (${c.level1}), different ${l2} (${c.level2[0]} / ${c.level2[1]})${former}`
          : `same ${l1} (${c.level1})${former}`,
      };
    case "different_level1":
      return { code: "place_different_level1", params, llr, sentence: `different ${l1}s (${c.level1})${former}` };
    default:
      return reports
        ? {
            code: "reports_place_different_country",
            params: { first: a.country, second: b.country },
            llr,
            sentence: `places in ${a.country} and ${b.country}`,
          }
        : {
            code: "place_different_country",
            params: { missing: a.country, found: b.country },
            llr,
            sentence: `last seen in ${a.country}, found in ${b.country}`,
          };
  }
}

/** names of the two cases (either side's names and aliases) */
export function nameFactor(missing: NamedSubject, found: NamedSubject): Factor | undefined {
  const c = compareNames(missing, found);
  if (!c) return undefined;
  const llr = FACT_MODEL.nameLlr[c.grade];
  if (c.grade === "none" || !c.pair) return { code: "names_none", params: {}, llr, sentence: "names differ" };
  const code = `names_${c.grade}` as const;
  const sign = c.grade === "partial" ? "≈" : "~";
  // the words read as one though written differently (Jeannine ~ Jeanine, Umutesi ~ Mutesi): the portal says them too
  const spellings = c.words?.map((w) => `${w.a} ~ ${w.b}`).join(", ");
  return {
    code,
    params: { missing: c.pair[0], found: c.pair[1], ...(spellings ? { spellings } : {}) },
    llr,
    sentence:
      `names: '${c.pair[0]}' ${sign} '${c.pair[1]}'${c.grade === "partial" ? " (in part)" : ""}` +
      (spellings ? ` (read as the same name: ${spellings})` : ""),
  };
}

/** the calibration the face part rests on, for match documents */
export const FUSION_CALIBRATION = { face: FACE_EVIDENCE, engine: CALIBRATION.modelVersion, facts: FACT_MODEL } as const;
