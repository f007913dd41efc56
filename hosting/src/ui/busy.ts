import { humanError, type During } from "../api/errors";
import { t } from "../i18n";
import { controlFor, type FormFields } from "../i18n/messages";
import { describeFailure } from "@tora-face/client";
import { h, message } from "./dom";

interface RunOptions {
  /** an action keeps its form ("your form is kept"); a load offers `retry`. Default: action when a button started it */
  during?: During;
  /** shown as a "Try again" button next to the error */
  retry?: () => void;
  /** the form's controls by schema path: refused fields are named by their label, marked invalid, the first focused */
  fields?: FormFields;
}

/** runs an action, disabling the button and showing the outcome in `out` as a sentence */
export async function run<T>(
  button: HTMLButtonElement | undefined,
  out: HTMLElement,
  action: () => Promise<T>,
  options: RunOptions = {},
): Promise<T | undefined> {
  if (button) button.disabled = true;
  out.replaceChildren();
  if (options.fields) for (const control of Object.values(options.fields)) control.removeAttribute("aria-invalid");
  try {
    return await action();
  } catch (error) {
    out.replaceChildren(
      failureMessage(error, options.during ?? (button ? "action" : "load"), options.retry, options.fields),
    );
    if (options.fields) markRefused(error, options.fields);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

function markRefused(error: unknown, fields: FormFields): void {
  const refused = (describeFailure(error, navigator.onLine).issues ?? [])
    .map((issue) => controlFor(issue.path, fields))
    .filter((c) => c !== undefined);
  for (const control of refused) control.setAttribute("aria-invalid", "true");
  refused[0]?.focus();
}

/** the sentence for a failure; "Try again" only where trying again can help (no network, a server fault), not after a refusal */
export function failureMessage(error: unknown, during: During, retry?: () => void, fields?: FormFields): HTMLElement {
  const text = message("error", humanError(error, navigator.onLine, during, fields));
  const passing = ["offline", "server"].includes(describeFailure(error, navigator.onLine).kind);
  if (!retry || !passing) return text;
  return h(
    "div",
    { class: "failure" },
    text,
    h("button", { type: "button", class: "secondary", "data-retry": "", on: { click: retry } }, t("common.retry")),
  );
}
