// What the backend says, in the officer's language: refusals by their reason key (+ parameters),
// photo verdicts by their code, refused form fields by zod issue code and the field's own label.
// A translation exists for each in fr, sw, rn and rw; English — and any key a language lacks —
// reads the backend's own sentence (the reason catalogue, a verdict's message), never a copy of it.
import {
  ERROR_REASONS,
  photoReasonCodes,
  reasonMessage,
  type Country,
  type ErrorParams,
  type ErrorReason,
  type Factor,
  type InputIssue,
  type Notification,
  type PhotoReasonCode,
} from "@tora-face/client";
import { formatNumber } from "./format";
import { t } from "./index";

const isReason = (reason: string): reason is ErrorReason => Object.hasOwn(ERROR_REASONS, reason);

/** parameters as the sentence shows them: numbers in the language's format, statuses and roles translated */
function localised(params: ErrorParams): Record<string, string | number> {
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "number") shown[name] = formatNumber(value);
    else if (name === "status") shown[name] = t(`officerStatus.${String(value)}`);
    else if (name === "role") shown[name] = t(`role.${String(value)}`);
    else shown[name] = String(value);
  }
  return shown;
}

/** a refusal's sentence, or undefined for a reason this portal does not know (a newer backend) */
export function reasonText(reason: string, params: ErrorParams = {}): string | undefined {
  if (!isReason(reason)) return undefined;
  // an unreadable photo: the image error code says what is wrong with it
  if (reason === "image_refused" && typeof params.image === "string") return photoReasonText({ code: params.image, message: String(params.message ?? "") });
  return t(`reason.${reason}`, localised(params), reasonMessage(reason, params));
}

/**
 * A photo verdict or face issue. `faces` fills "{faces} faces found"; without the backend's message
 * (the statistics give codes only) English reads the kit's meaning of the code.
 */
export function photoReasonText(reason: { code: string; message?: string }, faces?: number): string {
  const english =
    reason.message || (Object.hasOwn(photoReasonCodes, reason.code) ? photoReasonCodes[reason.code as PhotoReasonCode] : reason.code.replaceAll("_", " "));
  return t(`photo.reason.${reason.code}`, faces === undefined ? {} : { faces: formatNumber(faces) }, english);
}

export type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
/** a form's controls by the schema path of the value they hold ("familyContact.phone") */
export type FormFields = Record<string, FormControl>;

/** the control holding a path's value: the longest field path that is the path or its parent ("subject.names" for "subject.names.0") */
export function controlFor(path: string, fields: FormFields): FormControl | undefined {
  const match = Object.keys(fields)
    .filter((p) => path === p || path.startsWith(`${p}.`))
    .sort((a, b) => b.length - a.length)[0];
  return match === undefined ? undefined : fields[match];
}

/**
 * One refused field as "Label: what is wrong". The problem is looked up as issue.<code>.<field>
 * (e.g. issue.invalid_format.phone), then issue.<code>.number for a number field, then
 * issue.<code>; an empty required field is issue.required; zod's English message comes last.
 */
export function issueText(issue: InputIssue, fields: FormFields = {}): string {
  const control = controlFor(issue.path, fields);
  const label = control?.labels?.[0]?.textContent?.trim() || issue.path || t("issue.request");
  const field =
    issue.path
      .split(".")
      .filter((s) => !/^\d+$/.test(s))
      .at(-1) ?? "";
  // an empty field or an unchosen select: whatever zod calls it, it is required
  const empty = control !== undefined && control.value.trim() === "" && ["too_small", "invalid_type", "invalid_value"].includes(issue.code);
  const code = empty ? "required" : issue.code;
  const generic = t(`issue.${code}`, {}, issue.message);
  const ofKind = control?.type === "number" ? t(`issue.${code}.number`, {}, generic) : generic;
  return t("issue.line", { label, problem: t(`issue.${code}.${field}`, {}, ofKind) });
}

/** days between two events as people say them: days, then months, then years (as the backend's sentence) */
function interval(days: number): string {
  if (days < 60) return t(days === 1 ? "interval.day" : "interval.days", { n: formatNumber(days) });
  if (days < 730) return t("interval.months", { n: formatNumber(Math.round(days / 30.44)) });
  return years(Math.round(days / 365.2425));
}

const years = (n: number): string => t(n === 1 ? "interval.year" : "interval.years", { n: formatNumber(n) });

/**
 * One factor of a pair's fused score as a sentence (factor.<code> with its parameters); the
 * place factors name the country's own levels (commune in Burundi, district in Rwanda). A former
 * place name the matcher read is said too. The backend's English sentence is the fallback.
 */
export function factorText(factor: Factor, country: Country): string {
  const p = factor.params;
  const text = (name: string) => String(p[name] ?? "");
  const number = (name: string, digits = 0) => (typeof p[name] === "number" ? formatNumber(p[name], digits) : text(name));
  let key = `factor.${factor.code}`;
  let vars: Record<string, string> = {};
  switch (factor.code) {
    case "face_similarity":
      vars = { similarity: number("similarity", 3), band: t(`band.${text("band")}`) };
      break;
    case "photo_age_gap":
      vars = { years: number("years") };
      break;
    case "sex_same":
      vars = { sex: t(`sex.${text("sex")}`) };
      break;
    case "sex_different":
      vars = { missing: t(`sex.${text("missing")}`), found: t(`sex.${text("found")}`) };
      break;
    case "age_overlap":
    case "age_edge":
    case "age_close":
    case "age_apart":
      // ranges apart by less than a year say so, not "about 0 years"
      if ((factor.code === "age_close" || factor.code === "age_apart") && Number(p.years) === 0) key = `factor.${factor.code}.underAYear`;
      vars = { missing: text("missing"), found: text("found"), span: years(Number(p.years)) };
      break;
    case "child_photo":
      vars = { age: text("age") };
      break;
    case "reports_sex_different":
      vars = { first: t(`sex.${text("first")}`), second: t(`sex.${text("second")}`) };
      break;
    case "reports_age_fit":
    case "reports_age_apart":
      if (factor.code === "reports_age_apart" && Number(p.years) === 0) key = "factor.reports_age_apart.underAYear";
      vars = { first: text("first"), second: text("second"), span: years(Number(p.years)) };
      break;
    case "reports_dates_close":
    case "reports_dates_apart":
      key = `factor.${factor.code}${p.event === "found" ? ".found" : ""}${p.days === 0 ? ".sameDay" : ""}`;
      vars = { interval: interval(Number(p.days)) };
      break;
    case "reports_place_different_country":
      vars = { first: t(`country.${text("first")}`), second: t(`country.${text("second")}`) };
      break;
    case "found_after_last_seen":
    case "found_before_last_seen":
      if (p.days === 0) key = "factor.found_after_last_seen.sameDay";
      vars = { interval: interval(Number(p.days)) };
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
      vars = { missing: t(`country.${text("missing")}`), found: t(`country.${text("found")}`) };
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
  const sentence = t(key, vars, factor.sentence);
  return p.former === undefined ? sentence : `${sentence} ${t("factor.former", { names: text("former") })}`;
}

/** a notification in the officer's language; its English message is the fallback */
export function notificationText(n: Notification): string {
  const [a, b] = n.cases.map((c) => c.externalRef ?? c.id.slice(0, 8));
  return t(`notification.${n.kind}`, { a: a ?? "", b: b ?? "", months: Number(n.params?.months ?? 0) }, n.message);
}
