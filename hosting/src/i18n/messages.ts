// What the backend says, in the officer's language: refusals by their reason key (+ parameters),
// photo verdicts by their code, refused form fields by zod issue code and the field's own label.
// A translation exists for each in fr, sw, rn and rw; English — and any key a language lacks —
// reads the backend's own sentence (the reason catalogue, a verdict's message), never a copy of it.
import {
  ERROR_REASONS,
  factorSentence,
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
import { formatDate, formatDateTime, formatNumber } from "./format";
import { language, t } from "./index";

const isReason = (reason: string): reason is ErrorReason => Object.hasOwn(ERROR_REASONS, reason);

/** parameters as the sentence shows them: numbers in the language's format, statuses and roles translated */
function localised(params: ErrorParams): Record<string, string | number> {
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "number") shown[name] = formatNumber(value);
    else if (name === "status") shown[name] = t(`officerStatus.${String(value)}`);
    else if (name === "role") shown[name] = t(`role.${String(value)}`);
    else if (name === "at" && typeof value === "string") shown[name] = formatDate(value);
    else shown[name] = String(value);
  }
  return shown;
}

/** a refusal's sentence, or undefined for a reason this portal does not know (a newer backend) */
export function reasonText(reason: string, params: ErrorParams = {}): string | undefined {
  if (!isReason(reason)) return undefined;
  // an unreadable photo: the image error code says what is wrong with it
  if (reason === "image_refused" && typeof params.image === "string")
    return photoReasonText({ code: params.image, message: String(params.message ?? "") });
  return t(`reason.${reason}`, localised(params), reasonMessage(reason, params));
}

/**
 * A photo verdict or face issue. `faces` fills "{faces} faces found"; without the backend's message
 * (the statistics give codes only) English reads the kit's meaning of the code.
 */
export function photoReasonText(reason: { code: string; message?: string }, faces?: number): string {
  const english =
    reason.message ||
    (Object.hasOwn(photoReasonCodes, reason.code)
      ? photoReasonCodes[reason.code as PhotoReasonCode]
      : reason.code.replaceAll("_", " "));
  return t(`photo.reason.${reason.code}`, faces === undefined ? {} : { faces: formatNumber(faces) }, english);
}

type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
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
  // an empty field or an unchosen select: whatever zod calls it (an empty date is "not a date"), it is required
  const empty =
    control !== undefined &&
    control.value.trim() === "" &&
    ["too_small", "invalid_type", "invalid_value", "invalid_format"].includes(issue.code);
  const code = empty ? "required" : issue.code;
  const generic = t(`issue.${code}`, {}, issue.message);
  const ofKind = control?.type === "number" ? t(`issue.${code}.number`, {}, generic) : generic;
  // a phone's example is of the form's country (its control carries it: ui/country-hints.ts)
  const example = control?.dataset?.example ?? "+25779123456";
  return t("issue.line", { label, problem: t(`issue.${code}.${field}`, { example }, ofKind) });
}

/**
 * One factor of a pair's fused score as a sentence (factor.<code> with its parameters), as the
 * records say it (factorSentence in the client kit); the backend's English sentence is the fallback.
 */
export function factorText(factor: Factor, country: Country): string {
  return factorSentence(factor, country, {
    language: language(),
    t,
    number: formatNumber,
    date: formatDate,
    dateTime: formatDateTime,
  });
}

/** a notification in the officer's language; its English message is the fallback */
export function notificationText(n: Notification): string {
  const [a, b] = n.cases.map((c) => c.externalRef ?? c.id.slice(0, 8));
  return t(`notification.${n.kind}`, { a: a ?? "", b: b ?? "", months: Number(n.params?.months ?? 0) }, n.message);
}
