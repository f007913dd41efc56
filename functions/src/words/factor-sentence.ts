// One factor of a pair's fused score as a sentence in the reader's language (factor.<code> with
// its parameters): the pair page, the evidence file's print page and its PDF all say it this way.
import type { Country, Factor } from "../schemas/index.js";
// the dates module alone, not the matcher: the portal bundles this file
import { spokenInterval } from "../matching/dates.js";
import type { Wording } from "./wording.js";

/** days between two events as people say them: days, then months, then years (as the backend's English sentence) */
function interval(w: Wording, days: number): string {
  const { unit, n } = spokenInterval(days);
  if (unit === "days") return w.t(n === 1 ? "interval.day" : "interval.days", { n: w.number(n) });
  if (unit === "months") return w.t("interval.months", { n: w.number(n) });
  return years(w, n);
}

const years = (w: Wording, n: number): string => w.t(n === 1 ? "interval.year" : "interval.years", { n: w.number(n) });

/**
 * The place factors name the country's own levels (commune in Burundi, district in Rwanda); a
 * former place name the matcher read is said too, and the words of a name it read as one though
 * spelled differently. The backend's English sentence is the fallback
 * for a code this build has no words for.
 */
export function factorSentence(factor: Factor, country: Country, w: Wording): string {
  const p = factor.params;
  const text = (name: string) => String(p[name] ?? "");
  const number = (name: string, digits = 0) => (typeof p[name] === "number" ? w.number(p[name], digits) : text(name));
  let key = `factor.${factor.code}`;
  let vars: Record<string, string> = {};
  switch (factor.code) {
    case "face_similarity":
      vars = { similarity: number("similarity", 3), band: w.t(`band.${text("band")}`) };
      break;
    case "photo_age_gap":
      vars = { years: number("years") };
      break;
    case "sex_same":
      vars = { sex: w.t(`sex.${text("sex")}`) };
      break;
    case "sex_different":
      vars = { missing: w.t(`sex.${text("missing")}`), found: w.t(`sex.${text("found")}`) };
      break;
    case "age_overlap":
    case "age_edge":
    case "age_close":
    case "age_apart":
      // ranges apart by less than a year say so, not "about 0 years"
      if ((factor.code === "age_close" || factor.code === "age_apart") && Number(p.years) === 0)
        key = `factor.${factor.code}.underAYear`;
      vars = { missing: text("missing"), found: text("found"), span: years(w, Number(p.years)) };
      break;
    case "child_photo":
      vars = { age: text("age") };
      break;
    case "reports_sex_different":
      vars = { first: w.t(`sex.${text("first")}`), second: w.t(`sex.${text("second")}`) };
      break;
    case "reports_age_fit":
    case "reports_age_apart":
      if (factor.code === "reports_age_apart" && Number(p.years) === 0) key = "factor.reports_age_apart.underAYear";
      vars = { first: text("first"), second: text("second"), span: years(w, Number(p.years)) };
      break;
    case "reports_dates_close":
    case "reports_dates_apart":
      key = `factor.${factor.code}${p.event === "found" ? ".found" : ""}${p.days === 0 ? ".sameDay" : ""}`;
      vars = { interval: interval(w, Number(p.days)) };
      break;
    case "reports_place_different_country":
      vars = { first: w.t(`country.${text("first")}`), second: w.t(`country.${text("second")}`) };
      break;
    case "found_after_last_seen":
    case "found_before_last_seen":
      if (p.days === 0) key = "factor.found_after_last_seen.sameDay";
      vars = { interval: interval(w, Number(p.days)) };
      break;
    case "place_same_level2":
      key = `factor.place_same_level2.${country}`;
      vars = { level1: text("level1"), missing: text("missing") };
      break;
    case "place_same_level1":
      key = p.missing === undefined ? "factor.place_same_level1.only" : `factor.place_same_level1.${country}`;
      vars = { level1: text("level1"), missing: text("missing"), found: text("found") };
      break;
    case "place_different_level1":
      vars = { level1: text("level1") };
      break;
    case "place_different_country":
      vars = { missing: w.t(`country.${text("missing")}`), found: w.t(`country.${text("found")}`) };
      break;
    case "names_exact":
    case "names_strong":
    case "names_partial":
      vars = { missing: text("missing"), found: text("found") };
      break;
    case "facts_penalty_bounded":
      vars = { bound: number("bound", 1) };
      break;
    default:
      break;
  }
  const sentence = w.t(key, vars, factor.sentence);
  // a note the matcher adds: a former place name it read, the spellings of a name it read as one
  if (p.former !== undefined) return `${sentence} ${w.t("factor.former", { names: text("former") })}`;
  if (p.spellings !== undefined)
    return `${sentence} ${w.t("factor.names_spellings", { spellings: text("spellings") })}`;
  return sentence;
}

/** "+2.21" / "−0.69": what a factor adds to the score */
export const signedLlr = (w: Wording, value: number): string =>
  `${value < 0 ? "−" : "+"}${w.number(Math.abs(value), 2)}`;
