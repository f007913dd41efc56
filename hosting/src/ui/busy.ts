import { humanError } from "../api/errors";
import { t } from "../i18n";
import { message } from "./dom";

/** runs an action, disabling the button and showing the outcome in `out` as a sentence */
export async function run<T>(button: HTMLButtonElement | undefined, out: HTMLElement, action: () => Promise<T>): Promise<T | undefined> {
  if (button) button.disabled = true;
  out.replaceChildren();
  try {
    return await action();
  } catch (error) {
    out.replaceChildren(message("error", humanError(error, t)));
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}
