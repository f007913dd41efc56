// The words of TORA FACE's records in five languages (the JSON files beside this one), and what
// turns them into sentences: placeholders filled, numbers and dates in the language's format.
// One home for the portal (through the client kit), the callables and the command line: the
// portal's own screen words stay in hosting/src/i18n, these are the words a record needs too.
// Pure: no Node, no DOM.

export const WORD_LANGUAGES = ["en", "fr", "rn", "rw", "sw"] as const;
export type WordLanguage = (typeof WORD_LANGUAGES)[number];
export type Dictionary = Record<string, string>;
export type Vars = Record<string, string | number>;

/** a template's {placeholders} filled; one without a value stays as it is */
export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** numbers and dates as a language writes them */
export interface Formats {
  number(value: number, fractionDigits?: number): string;
  /** a calendar day (ISO date, no time): that day wherever the reader is */
  date(isoDate: string, style?: "medium" | "short"): string;
  /** an instant (ISO date-time): date and time in the formats' time zone */
  dateTime(iso: string): string;
}

/**
 * Intl in the language; where the runtime lacks its locale data (Kirundi or Kinyarwanda on some
 * browsers), the numeric forms of French, the other official language of both countries, so no
 * English month name appears. `timeZone` undefined: the device's own.
 */
export function formatsFor(language: string, timeZone?: string): Formats {
  const locale = Intl.DateTimeFormat.supportedLocalesOf([language]).length ? language : "fr";
  const ownNames = locale === language;
  const zone = timeZone ? { timeZone } : {};
  return {
    number: (value, fractionDigits = 0) =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }).format(value),
    date: (isoDate, style = "medium") => {
      const options: Intl.DateTimeFormatOptions = !ownNames
        ? { day: "2-digit", month: "2-digit", ...(style === "medium" ? { year: "numeric" } : {}), timeZone: "UTC" }
        : style === "medium"
          ? { dateStyle: "medium", timeZone: "UTC" }
          : { day: "numeric", month: "short", timeZone: "UTC" };
      return new Intl.DateTimeFormat(locale, options).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
    },
    dateTime: (iso) => {
      const options: Intl.DateTimeFormatOptions = ownNames
        ? { dateStyle: "medium", timeStyle: "short", ...zone }
        : {
            day: "2-digit",
            month: "2-digit",
            year: "numeric",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
            ...zone,
          };
      return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
    },
  };
}

/** what a sentence builder needs: the words of one language and its formats */
export interface Wording extends Formats {
  language: string;
  /** the key's words with their placeholders filled; else the fallback; else the key */
  t(key: string, vars?: Vars, fallback?: string): string;
}

/** a wording from a language's dictionary, English's for any key it lacks */
export function wordingOf(language: string, dictionary: Dictionary, english: Dictionary, timeZone?: string): Wording {
  return {
    language,
    t: (key, vars = {}, fallback) => fill(dictionary[key] ?? english[key] ?? fallback ?? key, vars),
    ...formatsFor(language, timeZone),
  };
}
