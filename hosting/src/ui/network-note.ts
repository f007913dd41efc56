// A search needs the network (the face engine and the cases are on the server): the page says so
// while the device is offline, instead of letting the officer prepare a search that cannot leave.
import { t } from "../i18n";
import { h } from "./dom";

export function needsNetworkNote(): HTMLElement {
  const note = h("p", { class: "msg msg-info", role: "status", "data-needs-network": "" }, t("net.searchNeedsNetwork"));
  const sync = () => (note.hidden = navigator.onLine);
  sync();
  window.addEventListener("online", sync);
  window.addEventListener("offline", sync);
  return note;
}
