// Drafts on this phone: cases drafted without network, waiting to be sent (offline/drafts.ts sends
// them). The list says what each is doing — waiting for network, sending its photos byte by byte,
// refused and why — and a draft's page takes its photos. The new-case form saves into a draft.
import { callables, ClientValidationError, type CallableInput } from "@tora-face/client";
import { t } from "../i18n";
import { formatBytes, formatDateTime, formatNumber } from "../i18n/format";
import { reasonText } from "../i18n/messages";
import {
  backendUnreachable,
  currentDrafts,
  draftActivity,
  onDraftsChange,
  sendNow,
  sentDrafts,
} from "../offline/drafts";
import type { DraftSummary } from "../offline/draft-store";
import { run } from "../ui/busy";
import type { FormFields } from "../i18n/messages";
import { field, h, message } from "../ui/dom";
import { preparePhoto } from "../ui/prepare-photo";

/** redraws `render` into `main` whenever the drafts change, while `main` is on the page */
function live(main: HTMLElement, render: () => Promise<void>): Promise<void> {
  const stop = onDraftsChange(() => (main.isConnected ? void render() : stop()));
  return render();
}

function statusOf(d: DraftSummary): string {
  if (d.refused) return t("drafts.refused", { reason: reasonText(d.refused) ?? d.refused });
  const now = draftActivity(d.id);
  if (now?.phase === "case") return t("drafts.sendingCase");
  if (now?.phase === "photo") {
    const n = now.n + 1;
    if (now.upload?.phase === "sending")
      return t("drafts.sendingPhotoBytes", {
        n,
        total: now.total,
        sent: formatBytes(now.upload.sent),
        size: formatBytes(now.upload.total),
      });
    if (now.upload?.phase === "checking") return t("drafts.checkingPhoto", { n, total: now.total });
    return t("drafts.sendingPhoto", { n, total: now.total });
  }
  return t(navigator.onLine ? "drafts.waitingOnline" : "drafts.waiting");
}

function photoCount(d: DraftSummary): string {
  const sentPhotos = d.photos.filter((p) => p.sent).length;
  return sentPhotos
    ? t("drafts.photosSent", { sent: formatNumber(sentPhotos), count: formatNumber(d.photos.length) })
    : t("drafts.photos", { count: formatNumber(d.photos.length) });
}

function progressOf(d: DraftSummary): HTMLElement | null {
  const now = draftActivity(d.id);
  if (now?.phase !== "photo") return null;
  return now.upload?.phase === "sending"
    ? h("progress", { max: now.upload.total, value: now.upload.sent, "aria-label": d.title })
    : h("progress", { "aria-label": d.title });
}

export async function draftsScreen(main: HTMLElement): Promise<void> {
  const list = h("ul", { class: "cards drafts" });
  const sentList = h("div", { "aria-live": "polite" });
  const render = async () => {
    // the session's drafts now: none once the session has ended
    const store = currentDrafts();
    const drafts = store ? await store.list() : [];
    list.replaceChildren(
      ...(drafts.length
        ? drafts.map((d) =>
            h(
              "li",
              { class: `card draft${d.refused ? " refused" : ""}`, "data-draft": d.id },
              h("a", { href: `#/drafts/${d.id}` }, h("strong", {}, d.title)),
              h("span", { class: `tag ${d.kind}` }, t(`kind.${d.kind}`)),
              h("p", { class: "muted" }, `${formatDateTime(new Date(d.at).toISOString())} · ${photoCount(d)}`),
              h(
                "p",
                {
                  class: "draft-status",
                  "data-status": draftActivity(d.id)?.phase ?? (d.refused ? "refused" : "waiting"),
                },
                statusOf(d),
              ),
              progressOf(d),
            ),
          )
        : [h("li", { class: "muted" }, t("drafts.empty"))]),
    );
    sentList.replaceChildren(
      ...sentDrafts().map((s) =>
        h(
          "p",
          { class: "msg msg-success", "data-sent-case": s.caseId },
          s.refusedPhotos
            ? t("drafts.sentPhotosRefused", { title: s.title, count: formatNumber(s.refusedPhotos) })
            : t("drafts.sent", { title: s.title }),
          " ",
          h("a", { href: `#/cases/${s.caseId}` }, t("drafts.openCase")),
        ),
      ),
    );
  };
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "drafts" },
      h(
        "div",
        { class: "row between" },
        h("h1", {}, t("drafts.title")),
        h("a", { class: "button", href: "#/cases/new" }, t("drafts.newDraft")),
      ),
      h("p", { class: "muted" }, t("drafts.explain")),
      sentList,
      list,
    ),
  );
  await live(main, render);
  void sendNow();
}

export async function draftScreen(main: HTMLElement, id: string): Promise<void> {
  const store = currentDrafts();
  const draft = store && (await store.list()).find((d) => d.id === id);
  if (!store || !draft) return void (location.hash = "#/drafts");
  const out = h("div", { "aria-live": "polite" });
  const photos = h("ol", { class: "draft-photos" });
  const status = h("p", { class: "draft-status" });
  const files = h("input", { type: "file", accept: "image/*", multiple: true, name: "photos" });
  files.setAttribute("capture", "environment");
  const photoDate = h("input", { type: "date", name: "photoDate" });
  const remove = h("button", { type: "button", class: "danger" }, t("drafts.delete"));
  const urls: string[] = [];
  const render = async () => {
    const now = currentDrafts() === store ? (await store.list()).find((d) => d.id === id) : undefined;
    if (!now) {
      // sent (or deleted in another tab): the list says where it went; a session that ended redraws the page itself
      if (currentDrafts() === store && main.isConnected && location.hash === `#/drafts/${id}`)
        location.hash = "#/drafts";
      return;
    }
    status.replaceChildren(statusOf(now), " ", progressOf(now) ?? "");
    const items = await Promise.all(
      now.photos.map(async (p) => {
        if (p.sent)
          return h("li", { class: "muted" }, t(p.refused ? "drafts.photoRefused" : "drafts.photoSent", { n: p.n + 1 }));
        const photo = await store.readPhoto(id, p.n).catch(() => undefined);
        if (!photo) return h("li", {}, t("case.photoN", { n: p.n + 1 }));
        const url = URL.createObjectURL(photo.blob);
        urls.push(url);
        return h(
          "li",
          { class: "draft-photo" },
          h("img", { src: url, alt: photo.fileName, class: "thumb", width: 96, height: 96 }),
          h("span", {}, photo.fileName),
        );
      }),
    );
    photos.replaceChildren(...items);
    files.disabled = !!now.caseId;
  };
  files.addEventListener("change", () => {
    const chosen = [...(files.files ?? [])];
    void run(undefined, out, async () => {
      files.disabled = true;
      try {
        for (const file of chosen) {
          // kept as it will travel: turned upright, resized, re-encoded without its metadata
          const prepared = await preparePhoto(file);
          await store.addPhoto(id, prepared?.blob ?? file, {
            fileName: file.name.slice(0, 200),
            ...(photoDate.value ? { photoDate: photoDate.value } : {}),
          });
          out.replaceChildren(message("success", t("drafts.photoAdded", { name: file.name })));
        }
      } finally {
        files.value = "";
        files.disabled = false;
      }
      await render();
      void sendNow();
    });
  });
  remove.addEventListener("click", () => {
    if (!confirm(t("drafts.deleteConfirm"))) return;
    void run(remove, out, async () => {
      await store.remove(id);
      location.hash = "#/drafts";
    });
  });
  main.replaceChildren(
    h(
      "section",
      { "data-screen": "draft", "data-draft": id },
      h("a", { href: "#/drafts" }, `← ${t("drafts.title")}`),
      h("h1", {}, draft.title),
      h("p", {}, h("span", { class: `tag ${draft.kind}` }, t(`kind.${draft.kind}`))),
      status,
      h("p", { class: "muted" }, t("drafts.saved")),
      h("h2", {}, t("case.photos")),
      photos,
      h(
        "div",
        { class: "grid" },
        field(t("case.photoDate"), photoDate, t("case.photoDateHint")),
        field(t("drafts.addPhotos"), files),
      ),
      out,
      remove,
    ),
  );
  await live(main, render);
  window.addEventListener("hashchange", () => urls.forEach((u) => URL.revokeObjectURL(u)), { once: true });
}

/**
 * The new-case form's "save as a draft": shown while TORA FACE cannot be reached (no network, or
 * no answer); the form is checked as the backend would check it, then kept encrypted.
 */
export function saveAsDraftButton(
  input: () => CallableInput<"createCase">,
  fields: FormFields,
  out: HTMLElement,
): HTMLElement {
  const button = h("button", { type: "button", class: "secondary", "data-save-draft": "" }, t("drafts.saveDraft"));
  const sync = () => (button.hidden = !backendUnreachable() || !currentDrafts());
  sync();
  window.addEventListener("online", sync);
  window.addEventListener("offline", sync);
  const stop = onDraftsChange(() => (button.isConnected ? sync() : stop()));
  button.addEventListener("click", () => {
    void run(
      button,
      out,
      async () => {
        const store = currentDrafts();
        if (!store) return;
        const value = input();
        const parsed = callables.createCase.input.safeParse(value);
        if (!parsed.success)
          throw new ClientValidationError(
            "createCase",
            parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })),
          );
        const title =
          value.externalRef?.trim() ||
          value.subject.names?.join(", ") ||
          t("drafts.untitled", { date: formatDateTime(new Date().toISOString()) });
        const id = await store.create(value, title);
        location.hash = `#/drafts/${id}`;
      },
      { fields },
    );
  });
  return button;
}
