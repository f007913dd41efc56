import { humanError, type During } from "../api/errors";
import { t } from "../i18n";
import { h, message } from "./dom";

export interface RunOptions {
  /** an action keeps its form ("your form is kept"); a load offers `retry`. Default: action when a button started it */
  during?: During;
  /** shown as a "Try again" button next to the error */
  retry?: () => void;
}

/** runs an action, disabling the button and showing the outcome in `out` as a sentence */
export async function run<T>(button: HTMLButtonElement | undefined, out: HTMLElement, action: () => Promise<T>, options: RunOptions = {}): Promise<T | undefined> {
  if (button) button.disabled = true;
  out.replaceChildren();
  try {
    return await action();
  } catch (error) {
    out.replaceChildren(failureMessage(error, options.during ?? (button ? "action" : "load"), options.retry));
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

export function failureMessage(error: unknown, during: During, retry?: () => void): HTMLElement {
  const text = message("error", humanError(error, t, navigator.onLine, during));
  if (!retry) return text;
  return h("div", { class: "failure" }, text, h("button", { type: "button", class: "secondary", "data-retry": "", on: { click: retry } }, t("common.retry")));
}
