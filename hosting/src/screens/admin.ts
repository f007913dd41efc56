// Administrators: approve registrations after checking the badge, roles, suspension, the audit
// log, and simple statistics drawn as SVG bars.
import { auditActionSchema, type AuditAction, type CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import type { Session } from "../session";
import { t } from "../i18n";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { run } from "../ui/busy";
import { field, h, message, select, table } from "../ui/dom";

type Officer = CallableOutput<"listOfficers">["officers"][number];

export async function officersScreen(main: HTMLElement, session: Session): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  const pendingList = h("ul", { class: "cards" });
  const approvedList = h("ul", { class: "cards" });
  async function load() {
    const lists = await run(undefined, out, () => Promise.all((["pending", "approved", "suspended"] as const).map((status) => call("listOfficers", { status }))), { retry: () => void load() });
    if (!lists) return;
    const [pending, approved, suspended] = lists;
    pendingList.replaceChildren(...(pending?.officers.length ? pending.officers.map(pendingCard) : [h("li", { class: "muted" }, t("admin.noPending"))]));
    approvedList.replaceChildren(...[...(approved?.officers ?? []), ...(suspended?.officers ?? [])].map(officerCard));
  }
  function pendingCard(o: Officer): HTMLElement {
    const note = h("input", { name: "note", required: true });
    const status = h("div", { "aria-live": "polite" });
    const act = (kind: "approveOfficer" | "rejectOfficer") => (e: Event) =>
      void run(e.target as HTMLButtonElement, status, async () => {
        await call(kind, { uid: o.uid, note: note.value });
        await load();
      });
    return h("li", { class: "card", "data-officer": o.uid },
      h("strong", {}, o.name), h("p", {}, `${o.rank} · ${o.badgeNumber} · ${o.station} · ${t(`country.${o.country}`)} · ${o.phone}`), o.email ? h("p", { class: "muted" }, o.email) : null,
      field(t("admin.note"), note),
      h("div", { class: "row" }, h("button", { type: "button", on: { click: act("approveOfficer") } }, t("admin.approve")), h("button", { type: "button", class: "danger", on: { click: act("rejectOfficer") } }, t("admin.reject"))),
      status);
  }
  function officerCard(o: Officer): HTMLElement {
    const role = select("role", [["officer", t("role.officer")], ["supervisor", t("role.supervisor")], ["admin", t("role.admin")]], o.role);
    const status = h("div", { "aria-live": "polite" });
    const done = async (action: () => Promise<unknown>, button: HTMLButtonElement) =>
      run(button, status, async () => {
        await action();
        status.replaceChildren(message("success", t("admin.done")));
        await load();
      });
    const setRole = h("button", { type: "button", class: "secondary" }, t("admin.setRole"));
    setRole.addEventListener("click", () => void done(() => call("setOfficerRole", { uid: o.uid, role: role.value as "officer" }), setRole));
    const summary = [h("strong", {}, o.name), h("p", {}, `${t(`role.${o.role}`)} · ${t(`officerStatus.${o.status}`)} · ${o.badgeNumber} · ${t(`country.${o.country}`)}`)];
    // an administrator neither demotes nor suspends their own account (the backend must refuse it too)
    if (o.uid === session.uid) return h("li", { class: "card", "data-officer": o.uid, "data-self": "" }, ...summary, h("p", { class: "muted" }, t("admin.self")));
    return h("li", { class: "card", "data-officer": o.uid },
      ...summary,
      h("div", { class: "row" }, field(t("admin.role"), role), setRole),
      o.status === "suspended" ? reinstateForm(o, done) : suspendForm(o, done),
      status);
  }
  type Done = (action: () => Promise<unknown>, button: HTMLButtonElement) => Promise<unknown>;
  function suspendForm(o: Officer, done: Done): HTMLElement {
    const reason = h("input", { name: "suspendReason", required: true });
    const suspend = h("button", { type: "submit", class: "danger" }, t("admin.suspend"));
    return h("form", { class: "row suspend", on: { submit: (e) => { e.preventDefault(); void done(() => call("suspendOfficer", { uid: o.uid, note: reason.value }), suspend); } } },
      field(t("admin.suspendReason"), reason), suspend);
  }
  function reinstateForm(o: Officer, done: Done): HTMLElement {
    const reinstate = h("button", { type: "button", class: "secondary" }, t("admin.reinstate"));
    reinstate.addEventListener("click", () => void done(() => call("reinstateOfficer", { uid: o.uid }), reinstate));
    return h("div", { class: "row" }, reinstate);
  }
  main.replaceChildren(h("section", { "data-screen": "officers" }, h("h1", {}, t("nav.officers")), out, h("h2", {}, t("admin.pending")), pendingList, h("h2", {}, t("admin.officers")), approvedList));
  await load();
}

export async function auditScreen(main: HTMLElement): Promise<void> {
  // FALLBACK until listAuditLogs returns officers' names and e-mails: the actor is filtered and shown by uid
  const actor = h("input", { name: "actor" });
  const action = select("action", [["", t("cases.all")], ...auditActionSchema.options.map((a): [string, string] => [a, a])]);
  const from = h("input", { name: "from", type: "date" });
  const to = h("input", { name: "to", type: "date" });
  const out = h("div", { "aria-live": "polite" });
  const entries = h("div");
  const submit = h("button", { type: "submit" }, t("audit.filter"));
  async function load() {
    const result = await run(submit, out, () =>
      call("listAuditLogs", {
        ...(actor.value ? { actor: actor.value } : {}),
        ...(action.value ? { action: action.value as AuditAction } : {}),
        ...(from.value ? { from: `${from.value}T00:00:00.000Z` } : {}),
        ...(to.value ? { to: `${to.value}T23:59:59.999Z` } : {}),
        limit: 100,
      }), { during: "load", retry: () => void load() },
    );
    if (!result) return;
    const headers = ["audit.when", "audit.actor", "audit.action", "audit.target"].map((k) => t(k));
    entries.replaceChildren(result.entries.length ? table(t("audit.title"), headers, result.entries.map((e) => [formatDateTime(e.at), e.actor, e.action, `${e.target.type} ${e.target.id}`])) : h("p", {}, t("audit.empty")));
  }
  main.replaceChildren(h("section", { "data-screen": "audit" }, h("h1", {}, t("audit.title")),
    h("form", { class: "row", on: { submit: (e) => { e.preventDefault(); void load(); } } }, field(t("audit.actor"), actor), field(t("audit.action"), action), field(t("audit.from"), from), field(t("audit.to"), to), submit),
    out, entries));
  await load();
}

function bars(title: string, rows: [string, number][]): HTMLElement {
  if (rows.length === 0) return h("section", {}, h("h2", {}, title), h("p", { class: "muted" }, t("stats.none")));
  const max = Math.max(...rows.map((r) => r[1]), 1);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 320 ${rows.length * 28}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("class", "bars");
  svg.setAttribute("aria-label", `${title}: ${rows.map(([l, v]) => `${l} ${formatNumber(v)}`).join(", ")}`);
  rows.forEach(([label, value], i) => {
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", "0");
    text.setAttribute("y", String(i * 28 + 18));
    text.textContent = label;
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", "150");
    rect.setAttribute("y", String(i * 28 + 4));
    rect.setAttribute("height", "18");
    rect.setAttribute("width", String(Math.max(2, (value / max) * 130)));
    rect.setAttribute("class", "bar");
    const count = document.createElementNS(ns, "text");
    count.setAttribute("x", String(155 + (value / max) * 130));
    count.setAttribute("y", String(i * 28 + 18));
    count.textContent = formatNumber(value);
    svg.append(text, rect, count);
  });
  return h("section", { class: "card" }, h("h2", {}, title), svg);
}

export async function statsScreen(main: HTMLElement): Promise<void> {
  const out = h("div");
  const stats = await run(undefined, out, () => call("getStats", { days: 14 }), { retry: () => void statsScreen(main) });
  if (!stats) return void main.replaceChildren(out);
  main.replaceChildren(h("section", { "data-screen": "stats" }, h("h1", {}, t("stats.title")),
    bars(t("stats.cases"), stats.casesByStatusAndCountry.map((r) => [`${t(`country.${r.country}`)} · ${t(`status.${r.status}`)}`, r.count])),
    bars(t("stats.searches"), stats.searchesPerDay.map((r) => [formatDate(r.day, "short"), r.count])),
    bars(t("stats.rejected"), stats.photosRejectedByReason.map((r) => [r.code.replaceAll("_", " "), r.count]))));
}
