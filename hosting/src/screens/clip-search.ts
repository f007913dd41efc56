// Search with a video clip: the phone samples the clip (ui/sample-clip.ts) and sends only its
// frames; the backend links the faces into one track per person and searches each track's best
// face. Each person is shown on the frame their searched face comes from, with their candidates.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatBytes, formatNumber } from "../i18n/format";
import { run } from "../ui/busy";
import { field, fileToBase64, h, message } from "../ui/dom";
import { faceBoxes } from "../ui/face-boxes";
import { needsNetworkNote } from "../ui/network-note";
import { ClipUnreadable, sampleClip, type SampledFrame } from "../ui/sample-clip";
import { candidateItem } from "./search";

type Result = CallableOutput<"searchClip">;
type Track = Result["tracks"][number];

const seconds = (ms: number) => formatNumber(ms / 1000, 1);

export async function clipSearchScreen(main: HTMLElement): Promise<void> {
  const clip = h("input", { type: "file", accept: "video/*", name: "clip" });
  clip.setAttribute("capture", "environment");
  const caseRef = h("input", { name: "caseRef", autocomplete: "off" });
  const reason = h("input", { name: "reason" });
  const clipDate = h("input", { name: "clipDate", type: "date" });
  const progress = h("progress", { hidden: true });
  const state = h("p", { class: "muted", "aria-live": "polite" });
  const out = h("div", { "aria-live": "polite" });
  const results = h("div", { class: "results" });
  const submit = h("button", { type: "submit" }, t("clip.submit"));
  const fields = { frames: clip, "purpose.caseRef": caseRef, "purpose.reason": reason, clipDate };
  const form = h(
    "form",
    {
      class: "card",
      "data-screen": "clip-search",
      noValidate: true,
      on: {
        submit: (e) => {
          e.preventDefault();
          const file = clip.files?.[0];
          if (!file) {
            out.replaceChildren(message("error", t("clip.missing")));
            clip.focus();
            return;
          }
          results.replaceChildren();
          void run(
            submit,
            out,
            async () => {
              let frames: SampledFrame[];
              progress.hidden = false;
              try {
                frames = await sampleClip(file, (done, total) => {
                  progress.max = total;
                  progress.value = done;
                  state.textContent = t("clip.sampling", { n: done, total });
                });
              } catch (error) {
                if (error instanceof ClipUnreadable)
                  return void out.replaceChildren(message("error", t("clip.unreadable")));
                throw error;
              } finally {
                progress.hidden = true;
              }
              const bytes = frames.reduce((n, f) => n + f.blob.size, 0);
              state.textContent = t("clip.sending", {
                frames: formatNumber(frames.length),
                size: formatBytes(bytes),
                original: formatBytes(file.size),
              });
              const result = await call("searchClip", {
                frames: await Promise.all(
                  frames.map(async (f) => ({ contentBase64: await fileToBase64(f.blob), atMs: f.atMs })),
                ),
                purpose: caseRef.value.trim() ? { caseRef: caseRef.value } : { reason: reason.value },
                ...(clipDate.value ? { clipDate: clipDate.value } : {}),
              });
              state.textContent = "";
              renderClip(results, result, frames);
            },
            { fields },
          );
        },
      },
    },
    h("a", { href: "#/search" }, `← ${t("search.title")}`),
    h("h1", {}, t("clip.title")),
    h("p", { class: "notice" }, t("app.notice")),
    needsNetworkNote(),
    field(t("clip.file"), clip, t("clip.fileHint")),
    field(t("clip.date"), clipDate),
    h(
      "fieldset",
      {},
      h("legend", {}, t("search.purpose")),
      field(t("search.purposeCase"), caseRef, t("search.caseRefHint")),
      field(t("search.purposeReason"), reason),
    ),
    submit,
    progress,
    state,
    out,
  );
  main.replaceChildren(form, results);
  clip.focus();
}

/** the frame the person's searched face comes from, with their box on it */
function trackFigure(track: Track, frames: SampledFrame[], result: Result): HTMLElement {
  const frame = frames[track.best.frame];
  const info = result.frames[track.best.frame];
  const n = track.index + 1;
  const img = h("img", { alt: t("clip.personOnFrame", { n, at: seconds(info?.atMs ?? 0) }), class: "probe" });
  if (frame) img.src = URL.createObjectURL(frame.blob);
  const box = h("div", { class: "probe-frame" }, img);
  if (info)
    box.append(faceBoxes({ width: info.width, height: info.height }, [{ n, box: track.best.box }], () => undefined));
  return h("figure", {}, box, h("figcaption", {}, t("clip.bestFace", { at: seconds(info?.atMs ?? 0) })));
}

function renderClip(container: HTMLElement, result: Result, frames: SampledFrame[]): void {
  const people = result.tracks.map((track) => {
    const n = track.index + 1;
    const times = track.appearances.map((a) => result.frames[a.frame]?.atMs ?? 0);
    const candidates = track.candidates.map((c) => candidateItem(result, track, c));
    return h(
      "section",
      { class: "track", "data-track": n, "data-faces": track.appearances.length },
      h("h2", {}, t("clip.person", { n })),
      h(
        "p",
        { class: "muted" },
        t("clip.seen", {
          count: formatNumber(track.appearances.length),
          from: seconds(Math.min(...times)),
          to: seconds(Math.max(...times)),
        }),
      ),
      h(
        "div",
        { class: "side-by-side" },
        trackFigure(track, frames, result),
        !track.searched
          ? h("p", { "data-not-searched": "" }, t("clip.notSearched"))
          : candidates.length
            ? h("ol", { class: "candidates" }, ...candidates)
            : h("p", {}, t("search.noCandidate")),
      ),
    );
  });
  const notSearched = result.notSearched
    ? message(
        "info",
        result.notSearched.reason === "search_limit"
          ? t("clip.limitReached", {
              count: formatNumber(result.notSearched.tracks),
              seconds: formatNumber(result.notSearched.retryAfterSeconds ?? 60),
            })
          : t("clip.tooManyPeople", { count: formatNumber(result.notSearched.tracks) }),
      )
    : null;
  const parts: (HTMLElement | null)[] = [
    h("p", { class: "notice" }, t("search.notice")),
    h(
      "p",
      { "data-clip-summary": "", "data-tracks": result.tracks.length },
      t("clip.summary", {
        frames: formatNumber(result.frames.length),
        faces: formatNumber(result.frames.reduce((n, f) => n + f.faces, 0)),
        people: formatNumber(result.tracks.length),
      }),
    ),
    result.tracks.length ? null : h("p", {}, t("clip.noFace")),
    notSearched,
    ...people,
  ];
  container.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
