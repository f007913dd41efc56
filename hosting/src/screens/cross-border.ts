// Cross-border search in the portal: on a case page, the request to the other country's police
// (purpose, legal basis, note) and the case's requests with their answers in words; the supervisors'
// inbox of requests received (approve or decline, with a reason) with the standing agreements
// (administrators propose, accept, end them); and a cross-border pair's page,
// where officers of both countries review and confirm before the contacts cross. What crosses and
// what never does: docs/cross-border.md.
import {
  agreementClassSchema,
  countrySchema,
  crossBorderLegalBasisSchema,
  crossBorderPurposeSchema,
  type CallableOutput,
  type Country,
  type Factor,
} from "@tora-face/client";
import { call } from "../firebase";
import { isAdmin, type Session } from "../session";
import { t } from "../i18n";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { factorText, reasonText } from "../i18n/messages";
import { run } from "../ui/busy";
import { append, enumSelect, field, h, message } from "../ui/dom";
import { contactText } from "./case-detail";
import { reviewForm } from "./matches";

type CaseView = CallableOutput<"getCase">["case"];
type Sent = NonNullable<CallableOutput<"listCrossBorderRequests">["sent"]>[number];
type Received = NonNullable<CallableOutput<"listCrossBorderRequests">["received"]>[number];
type Candidate = NonNullable<Sent["results"]>[number];
type PairView = CallableOutput<"listCrossBorderPairs">["pairs"][number];
type LoadedPair = CallableOutput<"getCrossBorderPair">;
type Agreement = CallableOutput<"listCrossBorderAgreements">["agreements"][number];

const otherCountry = (country: Country): Country => countrySchema.options.find((c) => c !== country)!;
const countryName = (country: Country): string => t(`country.${country}`);

/** a case of either country as officers name it: file number (or its id's start), kind, station */
function caseRef(ref: { id: string; externalRef?: string; kind: "missing" | "found"; station?: string }): string {
  return [ref.externalRef || ref.id.slice(0, 8), t(`kind.${ref.kind}`), ref.station].filter(Boolean).join(" · ");
}

function officerLine(officer: { name: string; rank?: string; station: string; phone?: string }): string {
  const who = officer.rank ? `${officer.rank} ${officer.name}` : officer.name;
  return [who, officer.station, officer.phone].filter(Boolean).join(", ");
}

const LEAN_MARK = { plus: "✓", minus: "✗", even: "·" } as const;
const leaning = (f: Factor) => (f.llr > 0.05 ? "plus" : f.llr < -0.05 ? "minus" : "even");

/** the evidence in words: band first, then each factor with its direction, the photo age gap */
function evidence(
  e: { band: string; score: number; similarity: number; factors: Factor[]; photoAgeGapYears?: number },
  country: Country,
): (HTMLElement | null)[] {
  // the warning that children's faces mislead is said first, not weighed among the reasons
  const child = e.factors.find((f) => f.code === "child_photo");
  return [
    h(
      "p",
      {},
      h("span", { class: `band ${e.band}` }, t(`band.${e.band}`)),
      " ",
      h(
        "span",
        { class: "muted" },
        t("candidates.scores", { score: formatNumber(e.score, 2), similarity: formatNumber(e.similarity, 2) }),
      ),
    ),
    e.photoAgeGapYears !== undefined && e.photoAgeGapYears >= 2
      ? h(
          "p",
          { class: "age-gap", "data-age-gap": e.photoAgeGapYears },
          t("search.ageGap", { years: formatNumber(e.photoAgeGapYears) }),
        )
      : null,
    child ? h("p", { class: "child-warning", "data-child-photo": "" }, factorText(child, country)) : null,
    h(
      "ul",
      { class: "factors" },
      ...e.factors
        .filter((f) => f.code !== "child_photo")
        .map((f) =>
          h(
            "li",
            { "data-factor": f.code, class: leaning(f) },
            h("span", { class: "lean", "aria-hidden": "true" }, LEAN_MARK[leaning(f)]),
            " ",
            factorText(f, country),
          ),
        ),
    ),
  ];
}

// ---------------------------------------------------------------------------- the case page

function candidateCard(request: Sent, candidate: Candidate): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const open = h("button", { type: "button", class: "secondary", "data-xb-open": candidate.case.id }, t("xb.openPair"));
  open.addEventListener("click", () => {
    void run(open, status, async () => {
      const { pair } = await call("openCrossBorderPair", {
        requestId: request.id,
        candidateCaseId: candidate.case.id,
      });
      location.hash = `#/cross-border/pairs/${pair.pairId}`;
    });
  });
  return h(
    "li",
    { class: `card candidate-card band-${candidate.band}`, "data-xb-candidate": candidate.case.id },
    h("p", {}, h("strong", {}, `${formatNumber(candidate.rank)}. ${caseRef(candidate.case)}`)),
    ...evidence(candidate, candidate.case.country),
    candidate.officer
      ? h("p", { "data-xb-officer": "" }, t("xb.officerToCall", { officer: officerLine(candidate.officer) }))
      : null,
    request.state === "approved" && Date.parse(request.expiresAt) > Date.now()
      ? h("div", { class: "row" }, open)
      : null,
    status,
  );
}

function decisionLine(request: Sent): HTMLElement | null {
  const d = request.decision;
  if (!d) return null;
  const by = d.by ? t("xb.decidedBy", { name: d.by.name, role: t(`role.${d.by.role}`) }) : t("xb.decidedByAgreement");
  return h("p", { class: "muted", "data-xb-decision": d.outcome }, `${by}: ${d.reason}`);
}

function requestCard(request: Sent): HTMLElement {
  const results = request.results ?? [];
  return h(
    "li",
    { class: "card", "data-xb-request": request.id, "data-state": request.state },
    h(
      "p",
      { class: "row between" },
      h("strong", {}, t("xb.requestTo", { country: countryName(request.to) })),
      h("span", { class: `tag xb-${request.state}` }, t(`xb.state.${request.state}`)),
    ),
    h(
      "p",
      { class: "muted" },
      `${t(`xb.purpose.${request.purpose}`)} · ${t(`xb.legalBasis.${request.legalBasis}`)}`,
      h("br"),
      t("xb.sentOn", { date: formatDateTime(request.requestedAt), until: formatDate(request.expiresAt.slice(0, 10)) }),
    ),
    decisionLine(request),
    request.state === "approved" && request.scope
      ? h(
          "p",
          { class: "muted", "data-xb-scope": "" },
          t("xb.scope", {
            cases: formatNumber(request.scope.openCases),
            withFaces: formatNumber(request.scope.withFaces),
          }),
        )
      : null,
    request.state === "approved" && !results.length ? message("info", t("xb.noCandidates")) : null,
    results.length
      ? h("ol", { class: "cards candidates" }, ...results.map((candidate) => candidateCard(request, candidate)))
      : null,
  );
}

function pairCard(pair: PairView): HTMLElement {
  return h(
    "li",
    { "data-xb-pair": pair.pairId },
    h(
      "a",
      { href: `#/cross-border/pairs/${pair.pairId}`, class: "card pair" },
      h("strong", {}, `${countryName(pair.peerCountry)}: ${caseRef(pair.peerCase)}`),
      h("br"),
      h("span", { class: `band ${pair.evidence.band}` }, t(`band.${pair.evidence.band}`)),
      " · ",
      t(`match.state.${pair.state}`),
    ),
  );
}

/** the request form: purpose and legal basis chosen on purpose (no default), a short note */
function requestForm(c: CaseView, done: () => void): HTMLElement {
  const to = otherCountry(c.country);
  const purpose = enumSelect("purpose", crossBorderPurposeSchema, (p) => t(`xb.purpose.${p}`), {
    any: t("common.choose"),
  });
  const legalBasis = enumSelect("legalBasis", crossBorderLegalBasisSchema, (b) => t(`xb.legalBasis.${b}`), {
    any: t("common.choose"),
  });
  const note = h("textarea", { name: "note", rows: 2, maxLength: 500 });
  const out = h("div", { "aria-live": "polite" });
  const send = h("button", { type: "submit" }, t("xb.send"));
  const form = h(
    "form",
    { class: "card", "data-xb-form": "" },
    h("h3", {}, t("xb.ask", { country: countryName(to) })),
    h("p", { class: "muted" }, t("xb.whatCrosses")),
    field(t("xb.purpose"), purpose.element),
    field(t("xb.legalBasis"), legalBasis.element),
    field(t("xb.note"), note),
    send,
    out,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run(
      send,
      out,
      async () => {
        await call("requestCrossBorderSearch", {
          caseId: c.id,
          to,
          purpose: purpose.value()!,
          legalBasis: legalBasis.value()!,
          ...(note.value.trim() ? { note: note.value.trim() } : {}),
        });
        done();
      },
      { fields: { purpose: purpose.element, legalBasis: legalBasis.element, note } },
    );
  });
  return form;
}

/** the case page's section: the request to the other country, this case's requests and cross-border pairs */
export function caseCrossBorder(c: CaseView, mayAct: boolean): HTMLElement {
  const section = h("section", { class: "case-cross-border", "data-xb-case": "" });
  const out = h("div", { "aria-live": "polite" });
  const load = async (): Promise<void> => {
    const loaded = await run(
      undefined,
      out,
      () =>
        Promise.all([
          mayAct
            ? call("listCrossBorderRequests", { direction: "sent", caseId: c.id, limit: 20 })
            : Promise.resolve({ sent: [] }),
          call("listCrossBorderPairs", { caseId: c.id, limit: 20 }),
        ]),
      { retry: () => void load() },
    );
    if (!loaded) return section.replaceChildren(h("h2", {}, t("xb.title")), out);
    const [{ sent = [] }, { pairs }] = loaded;
    const open = c.status === "open" && c.crossMatch?.allowed !== false;
    if (!open && !sent.length && !pairs.length) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    section.replaceChildren();
    append(
      section,
      h("h2", {}, t("xb.title")),
      pairs.length ? h("h3", {}, t("xb.pairs")) : null,
      pairs.length ? h("ul", { class: "cards" }, ...pairs.map(pairCard)) : null,
      sent.length ? h("h3", {}, t("xb.requests")) : null,
      sent.length ? h("ul", { class: "xb-requests" }, ...sent.map(requestCard)) : null,
      open && mayAct ? requestForm(c, () => void load()) : null,
      out,
    );
  };
  section.append(h("h2", {}, t("xb.title")), h("p", { class: "muted" }, t("common.loading")), out);
  void load();
  return section;
}

// ---------------------------------------------------------------------------- the supervisors' inbox

function receivedCard(request: Received, done: () => void): HTMLElement {
  const reason = h("textarea", { name: "reason", rows: 2, maxLength: 500 });
  const out = h("div", { "aria-live": "polite" });
  const buttons = (["approve", "decline"] as const).map((decision) => {
    const b = h(
      "button",
      { type: "button", class: decision === "approve" ? "" : "secondary", "data-xb-decide": decision },
      t(`xb.${decision}`),
    );
    b.addEventListener("click", () => {
      void run(
        b,
        out,
        async () => {
          const answer = await call("decideCrossBorderRequest", {
            requestId: request.id,
            decision,
            reason: reason.value.trim(),
          });
          const sent = answer.request?.results?.length ?? 0;
          said =
            decision === "approve"
              ? t("xb.approvedSent", { n: formatNumber(sent), country: countryName(request.from) })
              : t("xb.declinedDeleted");
          done();
        },
        { fields: { reason } },
      );
    });
    return b;
  });
  const pending = request.state === "pending";
  return h(
    "li",
    { class: "card", "data-xb-received": request.id, "data-state": request.state },
    h(
      "p",
      { class: "row between" },
      h("strong", {}, t("xb.requestFrom", { country: countryName(request.from) })),
      h("span", { class: `tag xb-${request.state}` }, t(`xb.state.${request.state}`)),
    ),
    h("p", {}, caseRef(request.case)),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("xb.purpose")),
      h("dd", {}, t(`xb.purpose.${request.purpose}`)),
      h("dt", {}, t("xb.legalBasis")),
      h("dd", {}, t(`xb.legalBasis.${request.legalBasis}`)),
      h("dt", {}, t("xb.askedBy")),
      h("dd", {}, officerLine(request.requester)),
      request.note ? h("dt", {}, t("xb.note")) : null,
      request.note ? h("dd", { "data-xb-note": "" }, request.note) : null,
      h("dt", {}, t("xb.faces")),
      h("dd", {}, formatNumber(request.faceCount)),
      h("dt", {}, t("xb.validUntil")),
      h("dd", {}, formatDateTime(request.expiresAt)),
    ),
    request.decision
      ? h(
          "p",
          { class: "muted" },
          `${request.decision.by ? t("xb.decidedBy", { name: request.decision.by.name, role: t(`role.${request.decision.by.role}`) }) : t("xb.decidedByAgreement")}: ${request.decision.reason}`,
        )
      : null,
    pending ? field(t("xb.reason"), reason) : null,
    pending ? h("div", { class: "row", role: "group" }, ...buttons) : null,
    out,
  );
}

/** what the last decision did, said once on the redrawn inbox */
let said: string | undefined;

// ---------------------------------------------------------------------------- standing agreements

function agreementCard(a: Agreement, session: Session, done: () => void): HTMLElement {
  const own = session.profile.officer!.country;
  const out = h("div", { "aria-live": "polite" });
  const party = (p: { name: string; country: Country }) => `${p.name}, ${countryName(p.country)}`;
  const controls: HTMLElement[] = [];
  if (isAdmin(session) && a.state === "proposed" && a.proposedBy.country !== own) {
    const accept = h("button", { type: "button", "data-xb-accept": "" }, t("xb.accept"));
    accept.addEventListener("click", () => {
      void run(accept, out, async () => {
        await call("acceptCrossBorderAgreement", { agreementId: a.id });
        done();
      });
    });
    controls.push(h("div", { class: "row" }, accept));
  }
  if (isAdmin(session) && a.state !== "revoked") {
    const reason = h("textarea", { name: "reason", rows: 2, maxLength: 500 });
    const revoke = h("button", { type: "button", class: "secondary", "data-xb-revoke": "" }, t("xb.revoke"));
    revoke.addEventListener("click", () => {
      void run(
        revoke,
        out,
        async () => {
          await call("revokeCrossBorderAgreement", { agreementId: a.id, reason: reason.value.trim() });
          done();
        },
        { fields: { reason } },
      );
    });
    controls.push(field(t("xb.revokeReason"), reason), h("div", { class: "row" }, revoke));
  }
  return h(
    "li",
    { class: "card", "data-xb-agreement": a.id, "data-state": a.state },
    h(
      "p",
      { class: "row between" },
      h("strong", {}, t(`xb.class.${a.class}`)),
      h("span", { class: "tag" }, t(`xb.agreementState.${a.state}`)),
    ),
    h("p", { class: "muted" }, t("xb.agreementUntil", { date: formatDate(a.validUntil) })),
    a.note ? h("p", { class: "note" }, a.note) : null,
    h("p", {}, t("xb.proposedBy", { who: party(a.proposedBy) })),
    a.acceptedBy ? h("p", {}, t("xb.acceptedBy", { who: party(a.acceptedBy) })) : null,
    a.state === "proposed" && a.proposedBy.country === own
      ? h("p", { class: "muted" }, t("xb.waitingOther", { country: countryName(otherCountry(own)) }))
      : null,
    a.revoked
      ? h("p", { "data-xb-revoked": "" }, t("xb.revokedBy", { who: party(a.revoked.by), reason: a.revoked.reason }))
      : null,
    ...controls,
    out,
  );
}

function proposeForm(session: Session, done: () => void): HTMLElement {
  const other = otherCountry(session.profile.officer!.country);
  const kind = enumSelect("class", agreementClassSchema, (c) => t(`xb.class.${c}`), { any: t("common.choose") });
  const until = h("input", { type: "date", name: "validUntil", required: true });
  const note = h("textarea", { name: "note", rows: 2, maxLength: 500 });
  const out = h("div", { "aria-live": "polite" });
  const send = h("button", { type: "submit" }, t("xb.propose", { country: countryName(other) }));
  const form = h(
    "form",
    { class: "card", "data-xb-propose": "" },
    field(t("xb.agreementClass"), kind.element),
    field(t("xb.agreementLastDay"), until),
    field(t("xb.note"), note),
    send,
    out,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run(
      send,
      out,
      async () => {
        await call("proposeCrossBorderAgreement", {
          with: other,
          class: kind.value()!,
          validUntil: until.value,
          ...(note.value.trim() ? { note: note.value.trim() } : {}),
        });
        done();
      },
      { fields: { class: kind.element, validUntil: until, note } },
    );
  });
  return form;
}

function agreementsSection(agreements: Agreement[], session: Session, done: () => void): HTMLElement {
  return h(
    "section",
    { "data-xb-agreements": "" },
    h("h2", {}, t("xb.agreements")),
    h("p", { class: "muted" }, t("xb.agreementsHint")),
    agreements.length
      ? h("ul", { class: "xb-requests" }, ...agreements.map((a) => agreementCard(a, session, done)))
      : message("info", t("xb.agreementsEmpty")),
    isAdmin(session) ? proposeForm(session, done) : null,
  );
}

export async function crossBorderInboxScreen(main: HTMLElement, session: Session): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  main.replaceChildren(h("p", {}, t("common.loading")));
  const loaded = await run(
    undefined,
    out,
    () =>
      Promise.all([
        call("listCrossBorderRequests", { direction: "received", limit: 50 }),
        call("listCrossBorderPairs", { limit: 50 }),
        call("listCrossBorderAgreements", {}),
      ]),
    { retry: () => void crossBorderInboxScreen(main, session) },
  );
  if (!loaded) return void main.replaceChildren(out);
  const [{ received = [] }, { pairs }, { agreements }] = loaded;
  const outcome = h("div", { "data-xb-said": "", "aria-live": "polite" }, said ? message("success", said) : null);
  said = undefined;
  const redraw = () => void crossBorderInboxScreen(main, session);
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "xb-inbox" },
      h("h1", {}, t("xb.inbox")),
      h("p", { class: "muted" }, t("xb.inboxHint")),
      outcome,
      received.length
        ? h("ul", { class: "xb-requests" }, ...received.map((r) => receivedCard(r, redraw)))
        : message("info", t("xb.inboxEmpty")),
      pairs.length ? h("h2", {}, t("xb.pairs")) : null,
      pairs.length ? h("ul", { class: "cards" }, ...pairs.map(pairCard)) : null,
      agreementsSection(agreements, session, redraw),
    ),
  );
}

// ---------------------------------------------------------------------------- the pair page

function historyList(loaded: LoadedPair): HTMLElement {
  return h(
    "section",
    { class: "history" },
    h("h2", {}, t("match.history")),
    h(
      "ol",
      { class: "events" },
      ...[...loaded.pair.history]
        .reverse()
        .map((e) =>
          h(
            "li",
            { "data-event": e.event },
            h("strong", {}, t(`xb.event.${e.event}`)),
            " · ",
            t("xb.actor", { name: e.by.name, role: t(`role.${e.by.role}`), country: countryName(e.by.country) }),
            " · ",
            h("span", { class: "muted" }, formatDateTime(e.at)),
            e.outcome
              ? h("p", {}, t(`outcome.${e.outcome}`), e.reason ? ` — ${t(`review.reason.${e.reason}`)}` : "")
              : null,
            e.note ? h("p", { class: "note" }, e.note) : null,
          ),
        ),
    ),
  );
}

function confirmation(loaded: LoadedPair, done: () => void): HTMLElement | null {
  const { pair, access } = loaded;
  if (pair.state !== "potential") return null;
  if (!access.mayConfirm)
    return h(
      "section",
      { class: "card", "data-confirm": "refused" },
      h("h2", {}, t("xb.confirmTitle")),
      h(
        "p",
        { class: "muted", "data-refusal": access.confirmRefusal ?? "" },
        (access.confirmRefusal && reasonText(access.confirmRefusal)) || t("xb.confirmOther"),
      ),
    );
  const note = h("textarea", { name: "note", rows: 2 });
  const out = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "button" }, t("xb.confirm"));
  button.addEventListener("click", () => {
    void run(
      button,
      out,
      async () => {
        await call("confirmCrossBorderPair", {
          pairId: pair.pairId,
          ...(note.value.trim() ? { note: note.value.trim() } : {}),
        });
        done();
      },
      { fields: { note } },
    );
  });
  return h(
    "section",
    { class: "card", "data-confirm": "allowed" },
    h("h2", {}, t("xb.confirmTitle")),
    h("p", { class: "muted" }, t("xb.confirmHint")),
    field(t("xb.confirmNote"), note),
    button,
    out,
  );
}

function contacts(loaded: LoadedPair): HTMLElement {
  const { pair, access } = loaded;
  if (pair.state !== "confirmed" || !access.mayReadContacts)
    return h(
      "p",
      { class: "muted", "data-xb-contacts": "later" },
      pair.state === "confirmed" ? t("xb.contactsOnTheirWay") : t("xb.contactsLater"),
    );
  const out = h("div", { "aria-live": "polite" });
  const show = h("button", { type: "button", class: "secondary" }, t("xb.showContact"));
  show.addEventListener("click", () => {
    void run(show, out, async () => {
      const opened = await call("getCrossBorderPair", { pairId: pair.pairId, includeContacts: true });
      if (opened.peerContact)
        out.replaceChildren(
          h(
            "p",
            { class: "msg msg-info", "data-xb-contact": opened.peerContact.kind },
            contactText(opened.peerContact.kind, opened.peerContact.contact),
          ),
        );
    });
  });
  return h("section", { class: "family", "data-xb-contacts": "ready" }, show, out);
}

export async function crossBorderPairScreen(main: HTMLElement, pairId: string): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  const reload = () => void crossBorderPairScreen(main, pairId);
  main.replaceChildren(h("p", {}, t("common.loading")));
  const loaded = await run(undefined, out, () => call("getCrossBorderPair", { pairId }), { retry: reload });
  // the own case's file number: the pair keeps only its id (a supervisor's page stands without it)
  const own = loaded
    ? await call("getCase", { caseId: loaded.pair.ownCase.id }).then(
        ({ case: c }) => c,
        () => undefined,
      )
    : undefined;
  if (!loaded)
    return void main.replaceChildren(
      h("section", { "data-screen": "xb-refused" }, h("a", { href: "#/cases" }, `← ${t("common.back")}`), out),
    );
  const { pair, access } = loaded;
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "xb-pair", "data-state": pair.state },
      h("a", { href: `#/cases/${pair.ownCase.id}` }, `← ${t("xb.ourCase")}`),
      h("h1", {}, t("xb.pairTitle")),
      h("p", {}, h("span", { class: "tag" }, t(`match.state.${pair.state}`))),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("xb.ourCase")),
        h(
          "dd",
          { "data-xb-own": "" },
          h(
            "a",
            { href: `#/cases/${pair.ownCase.id}` },
            caseRef({ ...pair.ownCase, externalRef: own?.externalRef, station: own?.station }),
          ),
        ),
        h("dt", {}, t("xb.theirCase", { country: countryName(pair.peerCountry) })),
        h("dd", { "data-xb-peer": "" }, caseRef(pair.peerCase)),
        pair.peerOfficer ? h("dt", {}, t("xb.officerTitle")) : null,
        pair.peerOfficer ? h("dd", { "data-xb-officer": "" }, officerLine(pair.peerOfficer)) : null,
      ),
      h("section", { class: "evidence" }, h("h2", {}, t("xb.evidence")), ...evidence(pair.evidence, pair.peerCountry)),
      // the second country's officer came to confirm: that comes first
      confirmation(loaded, reload),
      access.mayReview && pair.state !== "confirmed"
        ? reviewForm((review) => call("reviewCrossBorderPair", { pairId: pair.pairId, ...review }), reload)
        : null,
      contacts(loaded),
      historyList(loaded),
    ),
  );
}
