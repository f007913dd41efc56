// Ages compared at the date a photo was taken, not today: a child missing since 2012 at 6 is
// about 20 in a photo of 2026. Every age here is an interval in years: families give birth years
// or ages from memory, officers estimate the age of someone who cannot say it.
import type { AgeRange, FoundFacts, MissingFacts } from "../schemas/reunification.js";
import { yearsBetween } from "./dates.js";

export interface AgeInterval {
  min: number;
  max: number;
}

/** a birth year or an age told by a family may be a year off either way */
export const FAMILY_AGE_SLACK_YEARS = 1;

/** the missing person's age on `date`, from the birth year or the age on the day last seen */
export function missingAgeAt(
  facts: Pick<MissingFacts, "birthYear" | "ageAtDisappearance" | "lastSeenDate">,
  date: string,
): AgeInterval | undefined {
  if (facts.birthYear !== undefined) {
    // the birthday is unknown: between (year − birth year − 1) and (year − birth year)
    const years = new Date(date).getUTCFullYear() - facts.birthYear;
    return { min: Math.max(0, years - 1 - FAMILY_AGE_SLACK_YEARS), max: years + FAMILY_AGE_SLACK_YEARS };
  }
  if (facts.ageAtDisappearance !== undefined && facts.lastSeenDate) {
    const age = facts.ageAtDisappearance + yearsBetween(facts.lastSeenDate, date);
    return { min: Math.max(0, age - FAMILY_AGE_SLACK_YEARS), max: age + 1 + FAMILY_AGE_SLACK_YEARS };
  }
  return undefined;
}

/**
 * How far an officer's estimate of a stranger's age may be off (one standard deviation):
 * at least a quarter of the stated range, and never less than 1 year plus 5 % of the age —
 * a child's age is guessed closer than an adult's.
 */
export function estimateSpread(range: AgeRange | AgeInterval): number {
  const centre = (range.min + range.max) / 2;
  return Math.max((range.max - range.min) / 4, 1 + 0.05 * centre);
}

/** the found person's estimated age on `date` (the estimate was made on dateFound) */
export function foundAgeAt(
  facts: Pick<FoundFacts, "estimatedAgeRange" | "dateFound">,
  date: string,
): AgeInterval | undefined {
  const range = facts.estimatedAgeRange;
  if (!range) return undefined;
  const shift = facts.dateFound ? yearsBetween(facts.dateFound, date) : 0;
  return { min: Math.max(0, range.min + shift), max: range.max + shift };
}

/** years between two intervals; 0 when they overlap */
export function ageGap(a: AgeInterval, b: AgeInterval): number {
  return Math.max(0, a.min - b.max, b.min - a.max);
}

/** an interval as a person reads it: "14–17" */
export function formatAgeInterval(i: AgeInterval): string {
  const lo = Math.floor(i.min + 1e-9);
  const hi = Math.ceil(i.max - 1e-9);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}
