// A case's photos: each with its thumbnail, file name and verdict; a group photo waits for the
// officer to choose the person of the case on it (numbered boxes); a photo can be retracted with a
// reason (it stays as evidence). New photos are prepared on the phone and sent one after the other,
// each with its own progress bar and cancel button; a failed one says which file it was.
import { describeFailure, type CallableOutput, type Photo } from "@tora-face/client";
import type { PhotoUploader, UploadEvent } from "../api/photo-upload";
import { call, photoUploader } from "../firebase";
import { t } from "../i18n";
import { formatBytes, formatDate, formatDateTime } from "../i18n/format";
import { photoReasonText } from "../i18n/messages";
import { failureMessage, run } from "../ui/busy";
import { field, h } from "../ui/dom";
import { faceBoxes } from "../ui/face-boxes";
import { preparePhoto } from "../ui/prepare-photo";

type Loaded = CallableOutput<"getCase">;

/** while a photo is being checked, the list looks again this often */
const PROCESSING_REFRESH_MS = 5_000;

function photoVerdict(p: Photo): string {
  switch (p.status) {
    case "indexed":
      return t("photo.accepted", { faces: p.facesIndexed });
    case "rejected":
      return t("photo.rejected", { reasons: p.reasons.map((r) => photoReasonText(r, p.facesFound)).join("; ") });
    case "needs_choice":
      return p.reasons.map((r) => photoReasonText(r, p.facesFound)).join("; ");
    case "retracted":
      return t("photo.retracted", {
        reason: p.retraction?.reason ?? "",
        date: p.retraction ? formatDateTime(p.retraction.at) : "",
      });
    case "processing":
      return t("photo.processing");
  }
}

export function casePhotos(
  c: Loaded["case"],
  access: Loaded["access"],
): { element: HTMLElement; refresh: () => Promise<void> } {
  const mayChange = access.mayChange && c.status !== "closed";
  const out = h("div", { "aria-live": "polite" });
  const list = h("ul", { class: "photos" });
  const thumbnails = new Map<string, Promise<string>>();
  let again: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    clearTimeout(again);
    const loaded = await run(undefined, out, () => call("listCasePhotos", { caseId: c.id }), {
      retry: () => void refresh(),
    });
    if (!loaded) return;
    list.replaceChildren(
      ...(loaded.photos.length
        ? loaded.photos.map((p, i) => photoItem(p, i + 1))
        : [h("li", { class: "muted" }, t("case.noPhotos"))]),
    );
    if (loaded.photos.some((p) => p.status === "processing"))
      again = setTimeout(() => void (list.isConnected && refresh()), PROCESSING_REFRESH_MS);
  }

  function thumbnail(p: Photo): Promise<string> {
    let url = thumbnails.get(p.photoId);
    if (!url) {
      url = call("getPhotoThumbnail", { caseId: c.id, photoId: p.photoId }).then((r) => r.dataUrl);
      url.catch(() => thumbnails.delete(p.photoId));
      thumbnails.set(p.photoId, url);
    }
    return url;
  }

  function photoItem(p: Photo, n: number): HTMLElement {
    const name = p.fileName || t("case.photoN", { n });
    const choosing = p.status === "needs_choice" && mayChange && !!p.width && !!p.height;
    // a photo waiting for a choice is shown at its own proportions, so the boxes sit on the faces
    // no alt text until the thumbnail arrives: the placeholder would show it as a broken image
    const img = h("img", {
      alt: "",
      class: `thumb loading${choosing ? " whole" : ""}`,
      ...(choosing ? { width: p.width, height: p.height } : { width: 96, height: 96 }),
    });
    thumbnail(p)
      .then((url) => {
        img.src = url;
        img.alt = name;
        img.classList.remove("loading");
      })
      .catch(() => {
        img.classList.replace("loading", "missing");
        img.alt = t("search.thumbMissing");
      });
    const frame = h("div", { class: "photo-frame" }, img);
    const status = h("div", { "aria-live": "polite" });
    const item = h("li", { class: `photo verdict ${p.status}`, "data-photo": p.photoId });
    const replace = (updated: Photo) => item.replaceWith(photoItem(updated, n));
    const chooser = choosing ? faceChooser(p, frame, status, replace) : null;
    item.append(
      frame,
      h(
        "div",
        { class: "photo-text" },
        h("strong", { class: "file-name" }, name),
        p.photoDate
          ? h(
              "p",
              { class: "muted", "data-photo-date": p.photoDate },
              t("photo.takenOn", { date: formatDate(p.photoDate) }),
            )
          : null,
        h("p", { class: "verdict-text" }, photoVerdict(p)),
        chooser,
        mayChange && p.status !== "retracted" && p.status !== "processing" ? retraction(p, status, replace) : null,
        status,
      ),
    );
    return item;
  }

  /** tap the person on the photo (or their number), then confirm: the choice is recorded and the verdict follows */
  function faceChooser(
    p: Photo,
    frame: HTMLElement,
    status: HTMLElement,
    replace: (updated: Photo) => void,
  ): HTMLElement {
    let chosen: number | undefined;
    const confirm = h("button", { type: "button", disabled: true, "data-confirm-face": "" }, t("photo.confirmChoice"));
    const buttons = p.faces.map((f) =>
      h(
        "button",
        {
          type: "button",
          class: "secondary face-number",
          "aria-pressed": "false",
          "data-choose": f.index + 1,
          on: { click: () => pick(f.index + 1) },
        },
        t("photo.person", { n: f.index + 1 }),
      ),
    );
    const boxes = faceBoxes(
      { width: p.width!, height: p.height! },
      p.faces.map((f) => ({ n: f.index + 1, box: f.box, faint: !f.accepted })),
      (n) => pick(n),
    );
    frame.append(boxes);
    function pick(n: number): void {
      chosen = n;
      for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.choose === String(n)));
      for (const g of boxes.querySelectorAll("[data-face-box]"))
        g.classList.toggle("picked", g.getAttribute("data-face-box") === String(n));
      confirm.disabled = false;
      confirm.textContent = t("photo.confirmPerson", { n });
    }
    confirm.addEventListener("click", () => {
      if (chosen === undefined) return;
      const faceIndex = chosen - 1;
      void run(confirm, status, () =>
        call("chooseCasePhotoFace", { caseId: c.id, photoId: p.photoId, faceIndex }),
      ).then((done) => done && replace(done.photo));
    });
    return h(
      "div",
      { class: "chooser" },
      h("p", {}, t("photo.chooseHint")),
      h("div", { class: "row", role: "group", "aria-label": t("photo.chooseHint") }, ...buttons),
      confirm,
    );
  }

  function retraction(p: Photo, status: HTMLElement, replace: (updated: Photo) => void): HTMLElement {
    const reason = h("input", { name: "retractReason" });
    const submit = h("button", { type: "submit", class: "danger" }, t("photo.retractConfirm"));
    const open = h("button", { type: "button", class: "link", "aria-expanded": "false" }, t("photo.retract"));
    const form = h(
      "form",
      {
        class: "retract",
        hidden: true,
        noValidate: true,
        on: {
          submit: (e) => {
            e.preventDefault();
            void run(
              submit,
              status,
              () => call("retractCasePhoto", { caseId: c.id, photoId: p.photoId, reason: reason.value }),
              { fields: { reason } },
            ).then((done) => done && replace(done.photo));
          },
        },
      },
      field(t("photo.retractReason"), reason, t("photo.retractHint")),
      submit,
    );
    open.addEventListener("click", () => {
      form.hidden = !form.hidden;
      open.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) reason.focus();
    });
    return h("div", {}, open, form);
  }

  // a resolved case's person is found: new photos would only feed searches it can no longer be part of
  const upload =
    mayChange && c.status === "open"
      ? uploadQueue(c.id, refresh)
      : mayChange
        ? h("p", { class: "muted", "data-no-upload": c.status }, t("case.resolvedNoPhotos"))
        : null;
  const element = h("div", { class: "case-photos" }, upload, out, list);
  return { element, refresh };
}

/** one file of a batch: its row, and how it is sent */
function uploadRow(caseId: string, file: File, photoDate: string | undefined) {
  const controller = new AbortController();
  const bar = h("progress", { max: 1, value: 0, "aria-label": file.name });
  const state = h("span", {}, t("upload.waiting"));
  const cancel = h("button", { type: "button", class: "secondary", "data-cancel": "" }, t("upload.cancel"));
  const failure = h("div");
  const element = h(
    "li",
    { class: "upload", "data-file": file.name },
    h("strong", {}, file.name),
    bar,
    h("div", { class: "row between" }, h("span", { "aria-live": "polite" }, state), cancel),
    failure,
  );
  let started = false;
  const ended = (kind: "failed" | "cancelled", text: string) => {
    bar.remove();
    cancel.remove();
    state.textContent = text;
    element.classList.add(kind);
  };
  cancel.addEventListener("click", () => {
    controller.abort();
    // a file still waiting its turn is simply left out
    if (!started) ended("cancelled", t("upload.cancelled", { name: file.name }));
  });
  const onEvent = (event: UploadEvent) => {
    if (event.phase === "sending") {
      bar.max = event.total;
      bar.value = event.sent;
      state.textContent = t("upload.sent", { sent: formatBytes(event.sent), size: formatBytes(event.total) });
    } else {
      bar.removeAttribute("value"); // indeterminate while the photo is checked
      cancel.hidden = true; // stored: a correction is a retraction now
      state.textContent = t("upload.checking");
    }
  };
  async function send(uploader: PhotoUploader): Promise<void> {
    if (controller.signal.aborted) return;
    started = true;
    state.textContent = t("upload.preparing");
    const prepared = await preparePhoto(file);
    const blob = prepared?.blob ?? file;
    state.textContent = t("upload.sending", { size: formatBytes(blob.size), original: formatBytes(file.size) });
    bar.removeAttribute("value"); // indeterminate until bytes are measured (the callable measures none)
    try {
      await uploader(
        { caseId, blob, fileName: file.name, ...(photoDate ? { photoDate } : {}) },
        onEvent,
        controller.signal,
      );
      element.remove();
    } catch (error) {
      if (describeFailure(error, navigator.onLine).kind === "cancelled")
        return ended("cancelled", t("upload.cancelled", { name: file.name }));
      ended("failed", t("upload.failed", { name: file.name }));
      failure.replaceChildren(failureMessage(error, "action"));
    }
  }
  return { element, send };
}

/** the file input and the batch's rows; `done` refreshes the list after each photo */
function uploadQueue(caseId: string, done: () => Promise<void>): HTMLElement {
  const files = h("input", { type: "file", accept: "image/*", multiple: true, name: "photos" });
  // an attribute, not a property: only the attribute makes a phone offer its camera
  files.setAttribute("capture", "environment");
  // the day the photos were taken: ages are compared at that date, and years between photos are reported
  const photoDate = h("input", { type: "date", name: "photoDate" });
  const overall = h("progress", { max: 1, value: 0, hidden: true });
  const overallText = h("p", { class: "muted", "aria-live": "polite" });
  const rows = h("ol", { class: "uploads" });
  const out = h("div", { "aria-live": "polite" });
  files.addEventListener("change", () => {
    const batch = [...(files.files ?? [])].map((file) => uploadRow(caseId, file, photoDate.value || undefined));
    if (!batch.length) return;
    rows.replaceChildren(...batch.map((r) => r.element));
    void (async () => {
      files.disabled = true;
      overall.hidden = false;
      overall.max = batch.length;
      try {
        const uploader = await photoUploader();
        for (const [i, row] of batch.entries()) {
          overall.value = i;
          overallText.textContent = t("case.uploading", { n: i + 1, total: batch.length });
          await row.send(uploader);
          await done();
        }
      } catch (error) {
        // the Storage SDK could not be loaded (no network)
        out.replaceChildren(failureMessage(error, "action"));
      } finally {
        overall.hidden = true;
        overallText.textContent = "";
        files.value = "";
        files.disabled = false;
      }
    })();
  });
  return h(
    "div",
    { class: "upload-queue" },
    h(
      "div",
      { class: "grid" },
      field(t("case.photoDate"), photoDate, t("case.photoDateHint")),
      field(t("case.upload"), files),
    ),
    overall,
    overallText,
    out,
    rows,
  );
}
