// Administrators' operations: erasure of a case on request (one asks, a second approves, the case
// is purged at once) and the face model migration's progress.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import type { Session } from "../session";
import { run } from "../ui/busy";
import { field, h, message, select } from "../ui/dom";

type ErasureRequest = CallableOutput<"listErasureRequests">["requests"][number];

export async function erasureScreen(main: HTMLElement, session: Session): Promise<void> {
  // the file number officers know the case by, or its id (the backend reads either)
  const caseRef = h("input", { name: "caseRef", required: true, maxLength: 120, autocomplete: "off" });
  const reason = h("textarea", { name: "reason", rows: 2, required: true, maxLength: 500 });
  const ask = h("button", { type: "submit", class: "danger" }, t("erasure.request"));
  const askOut = h("div", { "aria-live": "polite" });
  const pending = h("ul", { class: "cards", "aria-live": "polite" });
  const decided = h("ul", { class: "cards" });
  const out = h("div", { "aria-live": "polite" });

  let names: Record<string, string> = {};
  /** an administrator by name; "you" for the reader */
  const who = (uid: string | undefined) =>
    !uid ? "" : uid === session.uid ? t("erasure.you") : (names[uid] ?? t("appeal.unknownOfficer"));

  async function load() {
    const list = await run(undefined, out, () => call("listErasureRequests", { limit: 50 }), {
      retry: () => void load(),
    });
    if (!list) return;
    names = list.officerNames;
    const open = list.requests.filter((r) => r.status === "pending");
    pending.replaceChildren(
      ...(open.length ? open.map(pendingCard) : [h("li", { class: "muted" }, t("erasure.nonePending"))]),
    );
    decided.replaceChildren(...list.requests.filter((r) => r.status !== "pending").map(decidedCard));
  }

  function summary(r: ErasureRequest): HTMLElement[] {
    const c = r.case;
    return [
      h("strong", {}, c?.externalRef || r.externalRef || t("erasure.noFileNumber", { id: r.caseId })),
      c
        ? h(
            "p",
            {},
            h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
            " ",
            `${t(`status.${c.status}`)} · ${t(`country.${c.country}`)} · ${c.station}`,
          )
        : null,
      h("p", {}, t("erasure.reasonShown", { reason: r.reason })),
      h(
        "p",
        { class: "muted" },
        t("erasure.requestedBy", {
          who: who(r.requestedBy),
          when: formatDateTime(r.requestedAt),
        }),
      ),
    ].filter((e): e is HTMLElement => e !== null);
  }

  function pendingCard(r: ErasureRequest): HTMLElement {
    const status = h("div", { "aria-live": "polite" });
    const note = h("input", { name: "declineNote", required: true });
    const decline = h(
      "button",
      { type: "button", class: "secondary" },
      r.requestedBy === session.uid ? t("erasure.withdraw") : t("erasure.decline"),
    );
    decline.addEventListener("click", () => {
      if (!note.value.trim()) return note.reportValidity();
      void run(decline, status, async () => {
        await call("declineCaseErasure", { requestId: r.id, note: note.value });
        await load();
      });
    });
    const controls: HTMLElement[] = [field(t("erasure.declineNote"), note), decline];
    // four-eyes: the administrator who asked cannot approve; the backend refuses it too
    if (r.requestedBy === session.uid) controls.unshift(message("info", t("erasure.waitingSecond")));
    else {
      const approve = h("button", { type: "button", class: "danger" }, t("erasure.approve"));
      approve.addEventListener("click", () => {
        if (!confirm(t("erasure.confirm"))) return;
        void run(approve, status, async () => {
          const { request } = await call("approveCaseErasure", { requestId: r.id });
          status.replaceChildren(
            message(
              "success",
              t("erasure.done", {
                photos: formatNumber(request.deleted?.photos ?? 0),
                faces: formatNumber(request.deleted?.faces ?? 0),
              }),
            ),
          );
          await load();
        });
      });
      controls.unshift(approve);
    }
    return h(
      "li",
      { class: "card", "data-erasure": r.id },
      ...summary(r),
      h("div", { class: "row" }, ...controls),
      status,
    );
  }

  function decidedCard(r: ErasureRequest): HTMLElement {
    const outcome =
      r.status === "executed"
        ? t("erasure.executed", {
            photos: formatNumber(r.deleted?.photos ?? 0),
            faces: formatNumber(r.deleted?.faces ?? 0),
            files: formatNumber(r.deleted?.blobs ?? 0),
          })
        : t("erasure.declined", { note: r.declineNote ?? "" });
    return h(
      "li",
      { class: "card", "data-erasure": r.id, "data-status": r.status },
      ...summary(r),
      h("p", {}, outcome),
      h(
        "p",
        { class: "muted" },
        t("erasure.decidedBy", { who: who(r.decidedBy), when: r.decidedAt ? formatDateTime(r.decidedAt) : "" }),
      ),
    );
  }

  const form = h(
    "form",
    {
      class: "card",
      on: {
        submit: (e) => {
          e.preventDefault();
          void run(
            ask,
            askOut,
            async () => {
              await call("requestCaseErasure", { caseRef: caseRef.value.trim(), reason: reason.value });
              caseRef.value = "";
              reason.value = "";
              askOut.replaceChildren(message("success", t("erasure.requested")));
              await load();
            },
            { fields: { caseRef, reason } },
          );
        },
      },
    },
    h("p", {}, t("erasure.intro")),
    field(t("erasure.caseRef"), caseRef, t("erasure.caseRefHint")),
    field(t("erasure.reason"), reason, t("erasure.reasonHint")),
    ask,
    askOut,
  );
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "erasure" },
      h("h1", {}, t("erasure.title")),
      form,
      out,
      h("h2", {}, t("erasure.pending")),
      pending,
      h("h2", {}, t("erasure.history")),
      decided,
    ),
  );
  await load();
}

export async function modelScreen(main: HTMLElement): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  const body = h("div", { "aria-live": "polite" });
  let timer: number | undefined;
  async function load() {
    const status = await run(undefined, out, () => call("getModelMigration", {}), { retry: () => void load() });
    if (!status) return;
    const m = status.migration;
    const running = m !== null && m.status !== "done";
    const done = m ? m.reembedded + m.rekeyed + m.notEnrolled + m.missingBytes : 0;
    const others = status.available.filter((v) => v !== status.activeVersion);
    const target = select(
      "toVersion",
      others.map((v) => [v, v]),
    );
    const start = h("button", { type: "button" }, t("model.start"));
    const startOut = h("div", { "aria-live": "polite" });
    start.addEventListener("click", () => {
      if (!confirm(t("model.confirm", { version: target.value }))) return;
      void run(start, startOut, async () => {
        await call("startModelMigration", { toVersion: target.value });
        await load();
      });
    });
    // template keys (ids only, never a key): a rotation re-keys the stored vectors, no photo read
    const otherKeys = status.templateKeys.filter((k) => k !== status.activeTemplateKey);
    const keyTarget = select(
      "toKeyId",
      otherKeys.map((k) => [k, k]),
    );
    const rotate = h("button", { type: "button" }, t("model.rotate"));
    rotate.addEventListener("click", () => {
      if (!confirm(t("model.rotateConfirm", { key: keyTarget.value }))) return;
      void run(rotate, startOut, async () => {
        await call("startTemplateKeyRotation", { toKeyId: keyTarget.value });
        await load();
      });
    });
    // a rotation keeps the model: its sentences name the keys
    const rotation = m !== null && m.from === m.to && m.fromTemplateKey !== m.toTemplateKey;
    body.replaceChildren(
      h("p", {}, t("model.active", { version: status.activeVersion })),
      h("p", { class: "muted" }, t("model.key", { key: status.activeTemplateKey })),
      m
        ? h(
            "div",
            { class: "card", "data-migration": m.status },
            h(
              "p",
              {},
              rotation
                ? t(`model.rotation.${m.status}`, { from: m.fromTemplateKey, to: m.toTemplateKey })
                : t(`model.status.${m.status}`, { from: m.from, to: m.to }),
            ),
            h("progress", { max: Math.max(m.total, 1), value: Math.min(done, m.total) }),
            h(
              "p",
              { class: "muted" },
              t("model.progress", {
                done: formatNumber(done),
                total: formatNumber(m.total),
                notEnrolled: formatNumber(m.notEnrolled),
                missing: formatNumber(m.missingBytes),
                deleted: formatNumber(m.oldFacesDeleted),
              }),
            ),
            h("p", { class: "muted" }, t("model.started", { when: formatDateTime(m.startedAt), who: m.startedBy })),
          )
        : h("p", { class: "muted" }, t("model.none")),
      !running && others.length
        ? h("div", { class: "row" }, field(t("model.target"), target), start)
        : h("p", { class: "muted" }, running ? t("model.running") : t("model.noOther")),
      !running && otherKeys.length ? h("div", { class: "row" }, field(t("model.rotateTarget"), keyTarget), rotate) : "",
      startOut,
    );
    // while a migration runs, the page follows it
    window.clearTimeout(timer);
    if (running && document.body.contains(body)) timer = window.setTimeout(() => void load(), 5000);
  }
  main.replaceChildren(
    h("section", { "data-screen": "model" }, h("h1", {}, t("model.title")), h("p", {}, t("model.intro")), out, body),
  );
  await load();
}
