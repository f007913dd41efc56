// The case page's candidate list: the closest cases of the other kind in the country by fused
// score whatever the band (listCaseCandidates), with the notice that most of it is not the person,
// each candidate's band, face, photo age gap and factors in words. Shown at once for a person
// missing for years; one click away otherwise. Reviewing a candidate opens it as a pair
// (openCandidatePair) on the pair page, where the three outcomes are recorded.
import { LONG_MISSING_YEARS, type CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";
import { factorText } from "../i18n/messages";
import { run } from "../ui/busy";
import { h, message } from "../ui/dom";
import { thumbnail } from "../ui/thumbnail";

type CaseView = CallableOutput<"getCase">["case"];
type List = CallableOutput<"listCaseCandidates">;
type Candidate = List["candidates"][number];

const signed = (value: number): string => `${value < 0 ? "−" : "+"}${formatNumber(Math.abs(value), 2)}`;

/** a person missing for years: the list is what the officer came for */
function isLongMissing(c: CaseView, today = new Date()): boolean {
  if (c.kind !== "missing" || !c.subject.lastSeenDate) return false;
  return (today.getTime() - Date.parse(c.subject.lastSeenDate)) / (365.2425 * 86_400_000) >= LONG_MISSING_YEARS;
}

function candidateCard(c: CaseView, candidate: Candidate): HTMLElement {
  const other = candidate.case;
  const ref = other.externalRef || other.names.join(", ") || other.id.slice(0, 8);
  const status = h("div", { "aria-live": "polite" });
  const open = candidate.pair
    ? h(
        "a",
        { href: `#/matches/${candidate.matchId}`, class: "button secondary", "data-open-pair": candidate.matchId },
        t("candidates.openPair"),
      )
    : h("button", { type: "button", class: "secondary", "data-review-candidate": other.id }, t("candidates.review"));
  if (!candidate.pair)
    open.addEventListener("click", () => {
      void run(open as HTMLButtonElement, status, async () => {
        const { match } = await call("openCandidatePair", { caseId: c.id, candidateCaseId: other.id });
        location.hash = `#/matches/${match.id}`;
      });
    });
  const child = candidate.factors.find((f) => f.code === "child_photo");
  return h(
    "li",
    { class: `card candidate-card band-${candidate.band}`, "data-candidate": other.id, "data-rank": candidate.rank },
    h(
      "div",
      { class: "candidate-head" },
      thumbnail(candidate.faces[1], ref, 72),
      h(
        "div",
        {},
        h(
          "p",
          { class: "row" },
          h("strong", {}, `${formatNumber(candidate.rank)}. ${ref}`),
          h("span", { class: `tag ${other.kind}` }, t(`kind.${other.kind}`)),
        ),
        h("p", {}, h("span", { class: `band ${candidate.band}` }, t(`band.${candidate.band}`))),
        h(
          "p",
          { class: "muted" },
          t("candidates.scores", {
            score: formatNumber(candidate.score, 2),
            similarity: formatNumber(candidate.similarity, 2),
          }),
          candidate.pair ? ` · ${t(`match.state.${candidate.pair.state}`)}` : "",
        ),
      ),
    ),
    candidate.photoAgeGapYears !== undefined && candidate.photoAgeGapYears >= 2
      ? h(
          "p",
          { class: "age-gap", "data-age-gap": candidate.photoAgeGapYears },
          t("search.ageGap", { years: formatNumber(candidate.photoAgeGapYears) }),
        )
      : null,
    child ? h("p", { class: "child-warning", "data-child-photo": "" }, factorText(child, c.country)) : null,
    h(
      "details",
      { class: "factors" },
      h("summary", {}, t("candidates.why")),
      h(
        "ul",
        {},
        ...candidate.factors
          .filter((f) => f.code !== "child_photo")
          .map((f) =>
            h(
              "li",
              { "data-factor": f.code },
              h("span", { class: `llr ${f.llr < 0 ? "minus" : "plus"}` }, signed(f.llr)),
              " ",
              factorText(f, c.country),
            ),
          ),
      ),
    ),
    h("div", { class: "row" }, open, h("a", { href: `#/cases/${other.id}` }, t("search.openCase"))),
    status,
  );
}

function render(section: HTMLElement, c: CaseView, list: List): void {
  const body: HTMLElement[] = [];
  if (list.faces === 0) body.push(message("info", t("candidates.noFace")));
  else if (!list.candidates.length)
    body.push(message("info", t("candidates.empty", { kind: t(`kind.${list.scope.kind}`) })));
  else {
    body.push(
      h(
        "p",
        { class: "notice", "data-candidates-notice": "" },
        t("candidates.notice", { below: formatNumber(list.belowWeak), total: formatNumber(list.candidates.length) }),
      ),
      h("ol", { class: "cards candidates" }, ...list.candidates.map((candidate) => candidateCard(c, candidate))),
    );
  }
  body.push(
    h(
      "p",
      { class: "muted", "data-candidates-scope": "" },
      t("candidates.scope", {
        cases: formatNumber(list.scope.openCases),
        withFaces: formatNumber(list.scope.withFaces),
        kind: t(`kind.${list.scope.kind}`),
      }),
      list.excluded ? ` ${t("candidates.excluded", { n: formatNumber(list.excluded) })}` : "",
    ),
  );
  section.replaceChildren(
    h("h2", {}, t("candidates.title")),
    h("p", { class: "muted" }, t(`candidates.intro.${c.kind}`)),
    ...body,
  );
}

/** the section of the case page; loads at once for a long-missing person, on a click otherwise */
export function caseCandidates(c: CaseView): HTMLElement {
  const section = h("section", { class: "case-candidates", "data-candidates": "" });
  if (c.status !== "open" || c.crossMatch?.allowed === false) return h("span", { hidden: true });
  const out = h("div", { "aria-live": "polite" });
  const load = async (button?: HTMLButtonElement) => {
    const list = await run(button, out, () => call("listCaseCandidates", { caseId: c.id, limit: 20 }), {
      retry: () => void load(),
    });
    if (list) render(section, c, list);
  };
  const show = h("button", { type: "button", class: "secondary", "data-candidates-show": "" }, t("candidates.show"));
  show.addEventListener("click", () => void load(show));
  section.append(h("h2", {}, t("candidates.title")), h("p", { class: "muted" }, t(`candidates.intro.${c.kind}`)), out);
  if (isLongMissing(c)) {
    section.append(h("p", { class: "muted" }, t("common.loading")));
    void load();
  } else section.append(show);
  return section;
}
