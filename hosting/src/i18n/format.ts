// Dates, times, numbers and sizes in the chosen language's format. The rules (Intl, and French's
// numeric forms where a browser lacks Kirundi or Kinyarwanda locale data) are the records' own
// (formatsFor in the client kit), so a page and a printed record write a date the same way.
import { formatsFor } from "@tora-face/client";
import { language } from "./index";

/** an instant (ISO date-time): date and time, in the device's time zone */
export function formatDateTime(iso: string): string {
  return formatsFor(language()).dateTime(iso);
}

/** a calendar day (ISO date, no time): shown as that day wherever the device is */
export function formatDate(isoDate: string, style: "medium" | "short" = "medium"): string {
  return formatsFor(language()).date(isoDate, style);
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return formatsFor(language()).number(value, fractionDigits);
}

/** a file size in kilobytes or megabytes */
export function formatBytes(bytes: number): string {
  const lang = language();
  const locale = Intl.DateTimeFormat.supportedLocalesOf([lang]).length ? lang : "fr";
  const [value, unit] =
    bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "megabyte"] : [Math.max(1, bytes / 1024), "kilobyte"];
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    maximumFractionDigits: unit === "megabyte" ? 1 : 0,
  }).format(value);
}
