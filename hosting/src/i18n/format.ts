// Dates, times, numbers and sizes in the chosen language's format (Intl). Where a browser lacks a
// language's locale data (Kirundi or Kinyarwanda on some builds), the numeric forms of French,
// the other official language of both countries, keep the screen free of English month names.
import { language } from "./index";

function locale(): string {
  const lang = language();
  return Intl.DateTimeFormat.supportedLocalesOf([lang]).length ? lang : "fr";
}

/** month names only where the locale is the chosen language itself */
const hasOwnNames = (): boolean => locale() === language();

/** an instant (ISO date-time): date and time, in the device's time zone */
export function formatDateTime(iso: string): string {
  const options: Intl.DateTimeFormatOptions = hasOwnNames()
    ? { dateStyle: "medium", timeStyle: "short" }
    : { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(iso));
}

/** a calendar day (ISO date, no time): shown as that day wherever the device is */
export function formatDate(isoDate: string, style: "medium" | "short" = "medium"): string {
  const options: Intl.DateTimeFormatOptions = !hasOwnNames()
    ? { day: "2-digit", month: "2-digit", ...(style === "medium" ? { year: "numeric" } : {}), timeZone: "UTC" }
    : style === "medium"
      ? { dateStyle: "medium", timeZone: "UTC" }
      : { day: "numeric", month: "short", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** a file size in kilobytes or megabytes */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "megabyte"] : [Math.max(1, bytes / 1024), "kilobyte"];
  return new Intl.NumberFormat(locale(), { style: "unit", unit, maximumFractionDigits: unit === "megabyte" ? 1 : 0 }).format(value);
}
