// Administrators: approve registrations after checking the badge, roles, suspension, an officer's
// search budget, the audit log, and simple statistics drawn as SVG bars.
import { auditActionSchema, roleSchema, type CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import type { Session } from "../session";
import { t } from "../i18n";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { photoReasonText, type FormFields } from "../i18n/messages";
import { run } from "../ui/busy";
import { enumSelect, field, h, message, table } from "../ui/dom";

type Officer = CallableOutput<"listOfficers">["officers"][number];

export async function officersScreen(main: HTMLElement, session: Session): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  const pendingList = h("ul", { class: "cards" });
  const approvedList = h("ul", { class: "cards" });
  async function load() {
    const lists = await run(
      undefined,
      out,
      () =>
        Promise.all((["pending", "approved", "suspended"] as const).map((status) => call("listOfficers", { status }))),
      { retry: () => void load() },
    );
    if (!lists) return;
    const [pending, approved, suspended] = lists;
    pendingList.replaceChildren(
      ...(pending?.officers.length
        ? pending.officers.map(pendingCard)
        : [h("li", { class: "muted" }, t("admin.noPending"))]),
    );
    approvedList.replaceChildren(...[...(approved?.officers ?? []), ...(suspended?.officers ?? [])].map(officerCard));
  }
  function pendingCard(o: Officer): HTMLElement {
    const note = h("input", { name: "note", required: true });
    const status = h("div", { "aria-live": "polite" });
    // the note's own label names it when it is refused (an empty note: "Note: is required")
    const act = (kind: "approveOfficer" | "rejectOfficer") => (e: Event) =>
      void run(
        e.target as HTMLButtonElement,
        status,
        async () => {
          await call(kind, { uid: o.uid, note: note.value });
          await load();
        },
        { fields: { note } },
      );
    return h(
      "li",
      { class: "card", "data-officer": o.uid },
      h("strong", {}, o.name),
      h("p", {}, `${o.rank} · ${o.badgeNumber} · ${o.station} · ${t(`country.${o.country}`)} · ${o.phone}`),
      o.email ? h("p", { class: "muted" }, o.email) : null,
      field(t("admin.note"), note),
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", on: { click: act("approveOfficer") } }, t("admin.approve")),
        h("button", { type: "button", class: "danger", on: { click: act("rejectOfficer") } }, t("admin.reject")),
      ),
      status,
    );
  }
  function officerCard(o: Officer): HTMLElement {
    const role = enumSelect("role", roleSchema, (r) => t(`role.${r}`), { value: o.role });
    const status = h("div", { "aria-live": "polite" });
    const done: Done = async (action, button, fields) =>
      run(
        button,
        status,
        async () => {
          await action();
          status.replaceChildren(message("success", t("admin.done")));
          await load();
        },
        fields ? { fields } : {},
      );
    const setRole = h("button", { type: "button", class: "secondary" }, t("admin.setRole"));
    setRole.addEventListener(
      "click",
      () => void done(() => call("setOfficerRole", { uid: o.uid, role: role.value() }), setRole),
    );
    const budget =
      o.searchesPerDay === undefined
        ? t("admin.budgetIsDefault")
        : t("admin.budgetIs", { n: formatNumber(o.searchesPerDay) });
    const summary = [
      h("strong", {}, o.name),
      h(
        "p",
        {},
        `${t(`role.${o.role}`)} · ${t(`officerStatus.${o.status}`)} · ${o.badgeNumber} · ${t(`country.${o.country}`)}`,
      ),
      h("p", { class: "muted", "data-budget": "" }, budget),
    ];
    // an administrator neither demotes nor suspends their own account (the backend must refuse it too)
    if (o.uid === session.uid)
      return h(
        "li",
        { class: "card", "data-officer": o.uid, "data-self": "" },
        ...summary,
        h("p", { class: "muted" }, t("admin.self")),
      );
    return h(
      "li",
      { class: "card", "data-officer": o.uid },
      ...summary,
      h("div", { class: "row" }, field(t("admin.role"), role.element), setRole),
      budgetForm(o, done),
      o.status === "suspended" ? reinstateForm(o, done) : suspendForm(o, done),
      status,
    );
  }
  type Done = (action: () => Promise<unknown>, button: HTMLButtonElement, fields?: FormFields) => Promise<unknown>;
  /** the officer's own 24-hour search budget (a shelter intake week); empty returns them to the deployment's default */
  function budgetForm(o: Officer, done: Done): HTMLElement {
    const perDay = h("input", {
      name: "searchesPerDay",
      type: "number",
      inputMode: "numeric",
      value: o.searchesPerDay === undefined ? "" : String(o.searchesPerDay),
    });
    const note = h("input", { name: "budgetNote" });
    const save = h("button", { type: "submit", class: "secondary" }, t("admin.setBudget"));
    const submit = (e: Event) => {
      e.preventDefault();
      const searchesPerDay = perDay.value.trim() ? Number(perDay.value) : null;
      void done(() => call("setOfficerSearchBudget", { uid: o.uid, searchesPerDay, note: note.value }), save, {
        searchesPerDay: perDay,
        note,
      });
    };
    return h(
      "form",
      { class: "row budget", noValidate: true, on: { submit } },
      field(t("admin.budget"), perDay, t("admin.budgetHint")),
      field(t("admin.budgetNote"), note),
      save,
    );
  }
  function suspendForm(o: Officer, done: Done): HTMLElement {
    const reason = h("input", { name: "suspendReason" });
    const suspend = h("button", { type: "submit", class: "danger" }, t("admin.suspend"));
    return h(
      "form",
      {
        class: "row suspend",
        noValidate: true,
        on: {
          submit: (e) => {
            e.preventDefault();
            void done(() => call("suspendOfficer", { uid: o.uid, note: reason.value }), suspend, { note: reason });
          },
        },
      },
      field(t("admin.suspendReason"), reason),
      suspend,
    );
  }
  function reinstateForm(o: Officer, done: Done): HTMLElement {
    const reinstate = h("button", { type: "button", class: "secondary" }, t("admin.reinstate"));
    reinstate.addEventListener("click", () => void done(() => call("reinstateOfficer", { uid: o.uid }), reinstate));
    return h("div", { class: "row" }, reinstate);
  }
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "officers" },
      h("h1", {}, t("nav.officers")),
      out,
      h("h2", {}, t("admin.pending")),
      pendingList,
      h("h2", {}, t("admin.officers")),
      approvedList,
    ),
  );
  await load();
}

type AuditResult = CallableOutput<"listAuditLogs">;

/** who acted: the officer's name and e-mail; the command line and triggers act as "system" */
function actorCell(uid: string, actors: AuditResult["actors"]): HTMLElement | string {
  const known = actors[uid];
  if (known)
    return h(
      "span",
      { class: "actor" },
      h("span", {}, known.name),
      known.email ? h("span", { class: "muted" }, known.email) : null,
    );
  return uid === "system" ? t("audit.system") : uid;
}

/** what the entry concerns, as people know it (a file number, a name); the id stays behind, for a search */
function targetCell(target: AuditResult["entries"][number]["target"], names: AuditResult["targets"]): HTMLElement {
  const name = names[`${target.type}:${target.id}`];
  return h(
    "span",
    { class: "target", title: target.id },
    `${t(`audit.targetType.${target.type}`)} `,
    name ? h("strong", {}, name) : h("span", { class: "muted id" }, target.id),
  );
}

export async function auditScreen(main: HTMLElement): Promise<void> {
  const email = h("input", { name: "actorEmail", type: "email", autocomplete: "off" });
  const action = enumSelect("action", auditActionSchema, (a) => t(`audit.action.${a}`), { any: t("cases.all") });
  const from = h("input", { name: "from", type: "date" });
  const to = h("input", { name: "to", type: "date" });
  const out = h("div", { "aria-live": "polite" });
  const entries = h("div");
  const submit = h("button", { type: "submit" }, t("audit.filter"));
  async function load() {
    const chosen = action.value();
    const result = await run(
      submit,
      out,
      () =>
        call("listAuditLogs", {
          ...(email.value.trim() ? { actorEmail: email.value.trim() } : {}),
          ...(chosen ? { action: chosen } : {}),
          ...(from.value ? { from: `${from.value}T00:00:00.000Z` } : {}),
          ...(to.value ? { to: `${to.value}T23:59:59.999Z` } : {}),
          limit: 100,
        }),
      { during: "load", retry: () => void load(), fields: { actorEmail: email, action: action.element, from, to } },
    );
    if (!result) return;
    const headers = ["audit.when", "audit.actor", "audit.action", "audit.target"].map((k) => t(k));
    entries.replaceChildren(
      result.entries.length
        ? table(
            t("audit.title"),
            headers,
            result.entries.map((e) => [
              formatDateTime(e.at),
              actorCell(e.actor, result.actors),
              t(`audit.action.${e.action}`),
              targetCell(e.target, result.targets),
            ]),
          )
        : h("p", {}, t("audit.empty")),
    );
  }
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "audit" },
      h("h1", {}, t("audit.title")),
      h(
        "form",
        {
          class: "row",
          noValidate: true,
          on: {
            submit: (e) => {
              e.preventDefault();
              void load();
            },
          },
        },
        field(t("audit.actorEmail"), email),
        field(t("audit.action"), action.element),
        field(t("audit.from"), from),
        field(t("audit.to"), to),
        submit,
      ),
      out,
      entries,
    ),
  );
  await load();
}

/** one bar per row: the label above it wraps on a phone, whatever the language's length */
function bars(title: string, rows: [string, number][]): HTMLElement {
  if (rows.length === 0) return h("section", {}, h("h2", {}, title), h("p", { class: "muted" }, t("stats.none")));
  const max = Math.max(...rows.map((r) => r[1]), 1);
  return h(
    "section",
    { class: "card" },
    h("h2", {}, title),
    h(
      "ul",
      { class: "bars" },
      ...rows.map(([label, value]) =>
        h(
          "li",
          {},
          h("span", { class: "bar-label" }, label),
          h(
            "span",
            { class: "bar-row" },
            h("progress", { max, value, "aria-label": label }),
            h("span", { class: "bar-count" }, formatNumber(value)),
          ),
        ),
      ),
    ),
  );
}

export async function statsScreen(main: HTMLElement): Promise<void> {
  const out = h("div");
  const stats = await run(undefined, out, () => call("getStats", { days: 14 }), {
    retry: () => void statsScreen(main),
  });
  if (!stats) return void main.replaceChildren(out);
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "stats" },
      h("h1", {}, t("stats.title")),
      bars(
        t("stats.cases"),
        stats.casesByStatusAndCountry.map((r) => [
          `${t(`country.${r.country}`)} · ${t(`status.${r.status}`)}`,
          r.count,
        ]),
      ),
      bars(
        t("stats.searches"),
        stats.searchesPerDay.map((r) => [formatDate(r.day, "short"), r.count]),
      ),
      bars(
        t("stats.rejected"),
        stats.photosRejectedByReason.map((r) => [photoReasonText({ code: r.code }), r.count]),
      ),
    ),
  );
}
