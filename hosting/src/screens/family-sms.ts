// "Send SMS to the family" on the case page: for the case's team, when the family contact is
// recorded. The officer picks why (a confirmed reunification, or the family is needed — only what
// the case's state allows), reads the exact words the family will get, approves them, and sends.
// The case's messages are listed with their delivery status; never a number.
import { caseReference, smsReasonSchema, type CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { run } from "../ui/busy";
import { checkbox, field, h, message, select } from "../ui/dom";

type Loaded = CallableOutput<"getCase">;
type SmsMessage = CallableOutput<"listFamilySms">["messages"][number];

function messageLine(m: SmsMessage): HTMLElement {
  return h(
    "li",
    { "data-sms-status": m.status },
    t("sms.line", {
      date: formatDateTime(m.createdAt),
      reason: t(`sms.reason.${m.reason}`),
      status: t(`sms.status.${m.status}`),
    }),
  );
}

export function familySms(loaded: Loaded): HTMLElement | null {
  const c = loaded.case;
  if (!loaded.case.hasFamilyContact || !loaded.access.mayChange) return null;
  const allowed = smsReasonSchema.options.filter((r) =>
    r === "reunification_confirmed" ? c.status === "resolved" && c.outcome === "reunified" : c.status === "open",
  );
  const list = h("ul", { class: "sms-list" });
  const refresh = () =>
    call("listFamilySms", { caseId: c.id })
      .then(({ messages }) => list.replaceChildren(...messages.map(messageLine)))
      // the list is an extra: the action stands without it
      .catch(() => undefined);
  void refresh();
  if (!allowed.length) return h("section", { class: "family-sms" }, h("h2", {}, t("sms.title")), list);

  const reason = select(
    "smsReason",
    allowed.map((r) => [r, t(`sms.reason.${r}`)]),
  );
  const approve = checkbox("smsApproved", t("sms.approve"));
  const send = h("button", { type: "button", disabled: true }, t("sms.send"));
  approve.input.addEventListener("change", () => (send.disabled = !approve.input.checked));
  const out = h("div", { "aria-live": "polite" });
  send.addEventListener("click", () => {
    // sent or not, a next message needs its own approval
    const approvedAgain = () => void (send.disabled = !approve.input.checked);
    void run(send, out, async () => {
      const { message: sent } = await call("sendFamilySms", {
        caseId: c.id,
        reason: smsReasonSchema.parse(reason.value),
        approved: true,
      });
      approve.input.checked = false;
      out.replaceChildren(
        message(
          sent.status === "sent" ? "success" : "error",
          t(`sms.result.${sent.status === "sent" ? "sent" : "not"}`),
        ),
      );
      await refresh();
    }).then(approvedAgain);
  });
  return h(
    "section",
    { class: "family-sms", "data-family-sms": "" },
    h("h2", {}, t("sms.title")),
    h("p", { class: "muted" }, t("sms.explain")),
    h(
      "blockquote",
      { "data-sms-text": "" },
      t("sms.family", { station: c.station, reference: caseReference(c.externalRef, c.id) }),
    ),
    field(t("sms.reason"), reason),
    approve.element,
    send,
    out,
    list,
  );
}
