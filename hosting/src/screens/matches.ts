// Possible matches: the queue of pairs the cross-match opened in the officer's country (fused
// score first), and a pair's page — both faces side by side, both cases' facts, every factor as a
// sentence, the history, the three outcomes with a reason, the second officer's confirmation, and
// after it the contacts. A pair of two cases of one kind reads as a possible duplicate.
import {
  countrySchema,
  matchKindSchema,
  matchStateSchema,
  reviewReasonSchema,
  type CallableOutput,
  type Factor,
  type MatchState,
  type CallableInput,
} from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { factorText, reasonText } from "../i18n/messages";
import { isAdmin, type Session } from "../session";
import { run } from "../ui/busy";
import { enumSelect, field, h, message, select } from "../ui/dom";
import { pagedList } from "../ui/paged-list";
import { refreshMenuCounts } from "../ui/shell";
import { thumbnail } from "../ui/thumbnail";
import { contactText } from "./case-detail";

type Entry = CallableOutput<"listMatches">["matches"][number];
type Summary = Entry["cases"][number];
type Loaded = CallableOutput<"getMatch">;
type Match = Loaded["match"];
type CaseView = Loaded["cases"][number];

const refOf = (c: { externalRef?: string; names?: string[]; subject?: { names: string[] }; id: string }): string =>
  c.externalRef || (c.names ?? c.subject?.names ?? []).join(", ") || c.id.slice(0, 8);

/** "+2.21" / "−0.69": what a factor adds to the score */
const signed = (value: number): string => `${value < 0 ? "−" : "+"}${formatNumber(Math.abs(value), 2)}`;

function scoreLine(match: Match): HTMLElement {
  return h(
    "p",
    { class: "score" },
    // a possible duplicate is a fused decision too; a pair from before it was one carries the face score alone
    t(match.fused ? "match.score" : "match.faceScore", { score: formatNumber(match.score, 2) }),
    " · ",
    t("search.similarity", { value: formatNumber(match.face.similarity, 2) }),
  );
}

/** the band in words, first: what the numbers mean for a reader who will not open the details */
function bandLine(match: Match): HTMLElement {
  return h("p", { class: "band-line" }, h("span", { class: `band ${match.band}` }, t(`band.${match.band}`)));
}

/** one pair as a card: its kind, band and state, both cases (or, on a case's page, the other one) */
export function pairLine(entry: Entry, fromCaseId?: string): HTMLElement {
  const { match, cases } = entry;
  const shown = fromCaseId ? cases.filter((c) => c.id !== fromCaseId) : cases;
  const caseLine = (c: Summary) =>
    h(
      "span",
      { class: "pair-case" },
      h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
      " ",
      h("strong", {}, refOf(c)),
      c.mine ? h("span", { class: "muted" }, ` · ${t("matches.yours")}`) : null,
    );
  return h(
    "a",
    { class: `card pair state-${match.state}`, href: `#/matches/${match.id}`, "data-match": match.id },
    h(
      "span",
      { class: "row" },
      h("span", { class: `tag match-${match.kind}` }, t(`match.kind.${match.kind}`)),
      h("span", { class: `tag state-${match.state}` }, t(`match.state.${match.state}`)),
    ),
    ...shown.map(caseLine),
    bandLine(match),
  );
}

export async function matchesScreen(main: HTMLElement, session: Session): Promise<void> {
  // "waiting" is the queue's default: new, potential and inconclusive pairs of open cases
  const state = select("state", [
    ["", t("matches.waiting")],
    ...matchStateSchema.options.map((s): [string, string] => [s, t(`match.state.${s}`)]),
  ]);
  const kind = enumSelect("kind", matchKindSchema, (k) => t(`match.kind.${k}`), { any: t("cases.all") });
  const country = isAdmin(session)
    ? enumSelect("country", countrySchema, (c) => t(`country.${c}`), { any: t("cases.all") })
    : undefined;
  const { list, out, more, reload } = pagedList({
    load: async (cursor) => {
      const [chosenState, chosenKind, chosenCountry] = [
        matchStateSchema.options.find((s) => s === state.value),
        kind.value(),
        country?.value(),
      ];
      const page = await call("listMatches", {
        limit: 20,
        ...(chosenState ? { states: [chosenState as MatchState] } : {}),
        ...(chosenKind ? { kind: chosenKind } : {}),
        ...(chosenCountry ? { country: chosenCountry } : {}),
        ...(cursor ? { cursor } : {}),
      });
      return { items: page.matches, nextCursor: page.nextCursor };
    },
    render: pairLine,
    empty: t("matches.empty"),
  });
  for (const control of [state, kind.element, country?.element])
    control?.addEventListener("change", () => void reload());
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "matches" },
      h("h1", {}, t("matches.title")),
      h("p", { class: "muted" }, t("matches.intro")),
      h(
        "div",
        { class: "row" },
        field(t("matches.filterState"), state),
        field(t("cases.filterKind"), kind.element),
        country ? field(t("register.country"), country.element) : null,
      ),
      out,
      list,
      more,
    ),
  );
  await reload();
}

/** both faces of the best pair, each with its case's reference and facts */
function sideBySide(loaded: Loaded): HTMLElement {
  const { match, cases } = loaded;
  const figure = (i: 0 | 1) => {
    const c = cases[i];
    const face = match.face.faces[i];
    return h(
      "figure",
      { class: "pair-face", "data-case": c.id },
      thumbnail(face, refOf(c), 240),
      h(
        "figcaption",
        {},
        h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
        " ",
        h("a", { href: `#/cases/${c.id}` }, refOf(c)),
        keyFacts(c),
      ),
    );
  };
  return h("div", { class: "pair-faces" }, figure(0), figure(1));
}

/** the facts a reviewer compares, in a few words */
function keyFacts(c: CaseView): HTMLElement {
  const s = c.subject;
  const parts = [
    s.names.join(", "),
    s.sex !== "unknown" && t(`sex.${s.sex}`),
    s.ageRange && t("facts.ageRangeValue", { min: formatNumber(s.ageRange.min), max: formatNumber(s.ageRange.max) }),
    s.birthYear !== undefined && t("facts.bornValue", { year: String(s.birthYear) }),
    s.ageAtDisappearance !== undefined && t("facts.ageWhenLastSeen", { age: formatNumber(s.ageAtDisappearance) }),
    c.station,
    t(`status.${c.status}`),
  ].filter((p): p is string => !!p);
  return h("span", { class: "muted key-facts" }, parts.join(" · "));
}

/** each reason in words, with a sign of its direction (its weight is in the details) */
function factorList(match: Match): HTMLElement | null {
  const factors: Factor[] = match.fused?.factors ?? [];
  if (!factors.length) return null;
  return h(
    "section",
    { class: "factors" },
    h("h2", {}, t("match.factors")),
    h(
      "ul",
      {},
      ...factors.map((f) =>
        h(
          "li",
          { "data-factor": f.code, class: leaning(f) },
          h("span", { class: "lean", "aria-hidden": "true" }, LEAN_MARK[leaning(f)]),
          " ",
          factorText(f, match.country),
        ),
      ),
    ),
  );
}

const leaning = (f: Factor) => (f.llr > 0.05 ? "plus" : f.llr < -0.05 ? "minus" : "even");
const LEAN_MARK = { plus: "✓", minus: "✗", even: "·" } as const;

/** the engineers' numbers, behind "details": scores, each reason's weight, the scores at each step, the versions */
function numbers(match: Match): HTMLElement {
  const factors: Factor[] = match.fused?.factors ?? [];
  return h(
    "details",
    { class: "numbers", "data-numbers": "" },
    h("summary", {}, t("match.details")),
    scoreLine(match),
    factors.length
      ? h(
          "ul",
          { class: "weights" },
          ...factors.map((f) =>
            h(
              "li",
              { "data-factor": f.code },
              h("span", { class: `llr ${f.llr < 0 ? "minus" : "plus"}` }, signed(f.llr)),
              " ",
              factorText(f, match.country),
            ),
          ),
        )
      : null,
    h(
      "ol",
      { class: "step-scores" },
      ...[...match.history].reverse().map((e) =>
        h(
          "li",
          {},
          `${t(`match.event.${e.event}`)}, ${formatDateTime(e.at)}: `,
          t("match.historyScores", {
            score: formatNumber(e.score, 2),
            band: t(`band.${e.band}`),
            similarity: formatNumber(e.similarity, 2),
          }),
        ),
      ),
    ),
    h(
      "p",
      { class: "muted versions" },
      t("match.versions", { model: match.modelVersion, calibration: match.calibrationVersion }),
    ),
  );
}

/** who did it, as the reader can know them: themselves, the cross-match, an officer of either case, or a supervisor or administrator */
function byWhom(by: string, session: Session, loaded: Loaded): string {
  if (by === session.uid) return t("match.by.you");
  if (by === "system") return t("match.by.system");
  const [first, second] = loaded.cases;
  if (loaded.match.kind === "reunification") {
    if (first.officerUids.includes(by)) return t("match.by.missingOfficer");
    if (second.officerUids.includes(by)) return t("match.by.foundOfficer");
  } else if (first.officerUids.includes(by) || second.officerUids.includes(by)) return t("match.by.caseOfficer");
  return t("match.by.other");
}

function historyList(session: Session, loaded: Loaded): HTMLElement {
  const entries = [...loaded.match.history].reverse();
  return h(
    "section",
    { class: "history" },
    h("h2", {}, t("match.history")),
    h(
      "ol",
      { class: "events" },
      ...entries.map((e) =>
        h(
          "li",
          { "data-event": e.event },
          h("strong", {}, t(`match.event.${e.event}`)),
          " · ",
          byWhom(e.by, session, loaded),
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

/** an outcome as the review form records it: outcome, reason, note */
type Review = Omit<CallableInput<"reviewMatch">, "matchId">;

/** the three outcomes, each with the chosen reason and the note; `record` sends it (a pair here, or a cross-border pair) */
export function reviewForm(record: (review: Review) => Promise<unknown>, done: () => void): HTMLElement {
  // no reason chosen in advance: an outcome without one is refused, the field named
  const reason = enumSelect("reason", reviewReasonSchema, (r) => t(`review.reason.${r}`), { any: t("common.choose") });
  const note = h("textarea", { name: "note", rows: 2 });
  const out = h("div", { "aria-live": "polite" });
  const buttons = (["potential_candidate", "no_candidate", "inconclusive"] as const).map((outcome) => {
    const b = h(
      "button",
      { type: "button", class: outcome === "potential_candidate" ? "" : "secondary", "data-outcome": outcome },
      t(`outcome.${outcome}`),
    );
    b.addEventListener("click", () => {
      void run(
        b,
        out,
        async () => {
          await record({ outcome, reason: reason.value()!, ...(note.value.trim() ? { note: note.value } : {}) });
          done();
        },
        { fields: { reason: reason.element, note } },
      );
    });
    return b;
  });
  return h(
    "section",
    { class: "card review", "data-review": "" },
    h("h2", {}, t("match.review")),
    h("p", { class: "muted" }, t("match.reviewHint")),
    field(t("match.reason"), reason.element),
    field(t("match.note"), note),
    h("div", { class: "row", role: "group", "aria-label": t("match.review") }, ...buttons),
    out,
  );
}

/** the second officer's step; others are told why they may not take it */
function confirmation(loaded: Loaded, done: () => void): HTMLElement | null {
  const { match, access } = loaded;
  if (match.kind !== "reunification" || match.state !== "potential") return null;
  if (!access.mayConfirm) {
    const why = access.confirmRefusal
      ? reasonText(access.confirmRefusal, { state: t(`match.state.${match.state}`) })
      : undefined;
    return h(
      "section",
      { class: "card confirm", "data-confirm": "refused" },
      h("h2", {}, t("match.confirm")),
      h("p", {}, t("match.confirmWaiting")),
      why ? h("p", { class: "muted", "data-refusal": access.confirmRefusal }, why) : null,
    );
  }
  const note = h("textarea", { name: "confirmNote", rows: 2 });
  const out = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "button", "data-confirm-button": "" }, t("match.confirmButton"));
  // the first press shows both cases once more and asks again: a reunification resolves both cases
  const check = h("div", { class: "confirm-check", hidden: true, "data-confirm-check": "" });
  button.addEventListener("click", () => {
    const final = h("button", { type: "button", "data-confirm-final": "" }, t("match.confirmFinal"));
    const cancel = h("button", { type: "button", class: "secondary" }, t("match.confirmCancel"));
    cancel.addEventListener("click", () => {
      check.hidden = true;
      button.hidden = false;
      button.focus();
    });
    final.addEventListener("click", () => {
      void run(
        final,
        out,
        async () => {
          await call("confirmReunification", { matchId: match.id, ...(note.value.trim() ? { note: note.value } : {}) });
          done();
        },
        { fields: { note } },
      );
    });
    check.replaceChildren(
      h("h3", {}, t("match.confirmCheck")),
      h(
        "ul",
        { class: "confirm-cases" },
        ...loaded.cases.map((c) =>
          h(
            "li",
            { "data-case": c.id },
            h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
            " ",
            h("strong", {}, refOf(c)),
            " ",
            keyFacts(c),
          ),
        ),
      ),
      h("p", {}, t("match.confirmAgain", { band: t(`band.${match.band}`) })),
      h("div", { class: "row" }, final, cancel),
    );
    check.hidden = false;
    button.hidden = true;
    final.focus();
  });
  return h(
    "section",
    { class: "card confirm", "data-confirm": "allowed" },
    h("h2", {}, t("match.confirm")),
    h("p", {}, t("match.confirmText")),
    field(t("match.confirmNote"), note),
    button,
    check,
    out,
  );
}

/** after a confirmed reunification: the family's and the custody's contacts, read on request (audited) */
function contacts(loaded: Loaded): HTMLElement | null {
  if (!loaded.access.mayReadContacts) return null;
  const out = h("div", { "aria-live": "polite" });
  const show = h("button", { type: "button", class: "secondary" }, t("match.showContacts"));
  show.addEventListener("click", () => {
    void run(show, out, async () => {
      const opened = await call("getMatch", { matchId: loaded.match.id, includeContacts: true });
      const lines = [
        opened.familyContact && contactText("family", opened.familyContact),
        opened.custodyContact && contactText("custody", opened.custodyContact),
      ].filter((l): l is string => !!l);
      out.replaceChildren(
        ...(lines.length ? lines.map((l) => message("info", l)) : [message("info", t("match.noContacts"))]),
      );
    });
  });
  return h(
    "section",
    { class: "card contacts" },
    h("h2", {}, t("match.contacts")),
    h("p", { class: "muted" }, t("match.contactsHint")),
    show,
    out,
  );
}

/** the pair's evidence file (print, PDF): a confirmed reunification's, or on request one under review */
function evidenceLink(match: Match): HTMLElement | null {
  if (match.kind !== "reunification" || match.state === "no_candidate") return null;
  const key = match.state === "confirmed" ? "evidenceScreen.open" : "evidenceScreen.openUnderReview";
  return h(
    "p",
    { class: "evidence-link" },
    h("a", { href: `#/matches/${match.id}/evidence`, "data-evidence-link": match.state }, t(key)),
  );
}

export async function matchScreen(main: HTMLElement, session: Session, matchId: string): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  main.replaceChildren(h("p", {}, t("common.loading")));
  const loaded = await run(undefined, out, () => call("getMatch", { matchId, includeContacts: false }), {
    retry: () => void matchScreen(main, session, matchId),
  });
  const back = h("a", { href: "#/matches" }, `← ${t("matches.title")}`);
  if (!loaded) return void main.replaceChildren(h("section", { "data-screen": "match-refused" }, back, out));
  const { match, access } = loaded;
  const reload = () => {
    refreshMenuCounts(true);
    void matchScreen(main, session, matchId);
  };
  const closed = match.state !== "confirmed" && !loaded.cases.every((c) => c.status === "open");
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "match", "data-state": match.state, "data-kind": match.kind },
      back,
      h("h1", {}, t(`match.title.${match.kind}`)),
      h("p", { class: "row" }, h("span", { class: `tag state-${match.state}` }, t(`match.state.${match.state}`))),
      match.kind === "duplicate"
        ? h("p", { class: "notice" }, t("match.duplicateNote"))
        : h("p", { class: "notice" }, t("app.notice")),
      bandLine(match),
      sideBySide(loaded),
      factorList(match),
      closed ? message("info", t("match.closed")) : null,
      access.mayReview
        ? reviewForm((review) => call("reviewMatch", { matchId: loaded.match.id, ...review }), reload)
        : null,
      confirmation(loaded, reload),
      match.state === "confirmed" ? message("success", t("match.confirmedText")) : null,
      contacts(loaded),
      evidenceLink(match),
      historyList(session, loaded),
      numbers(match),
    ),
  );
}
