// Days, months and years between dates: the one home of the year's length. A year is the Gregorian
// mean, 365.2425 days (the calendar every date here is written in), a month a twelfth of it.
export const MS_PER_DAY = 24 * 3600 * 1000;
export const DAYS_PER_YEAR = 365.2425;
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;
const MS_PER_YEAR = DAYS_PER_YEAR * MS_PER_DAY;

/** b − a in years (negative when b is earlier); ISO dates or date-times */
export function yearsBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / MS_PER_YEAR;
}

/** b − a in whole days (negative when b is earlier) */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / MS_PER_DAY);
}

/** a number of days as people say it: days under two months, months under two years, then years */
export function spokenInterval(days: number): { unit: "days" | "months" | "years"; n: number } {
  if (days < 60) return { unit: "days", n: days };
  if (days < 730) return { unit: "months", n: Math.round(days / DAYS_PER_MONTH) };
  return { unit: "years", n: Math.round(days / DAYS_PER_YEAR) };
}
