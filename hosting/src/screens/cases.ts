// Case list, new case, case detail with photo uploads and their verdicts.
import type { CallableOutput } from "@tora-face/client";
import { call } from "../firebase";
import { t } from "../i18n";
import { formatBytes } from "../i18n/format";
import type { Session } from "../session";
import { run } from "../ui/busy";
import { field, fileToBase64, h, message, select } from "../ui/dom";
import { preparePhoto } from "../ui/prepare-photo";

type CaseView = CallableOutput<"getCase">["case"];
type Photo = CallableOutput<"listCasePhotos">["photos"][number];

export async function casesScreen(main: HTMLElement): Promise<void> {
  const status = select("status", [["", t("cases.all")], ["open", t("status.open")], ["resolved", t("status.resolved")], ["closed", t("status.closed")]]);
  const kind = select("kind", [["", t("cases.all")], ["missing", t("kind.missing")], ["found", t("kind.found")]]);
  const list = h("ul", { class: "cards", "aria-live": "polite" });
  const out = h("div");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("cases.more"));
  let cursor: string | undefined;
  async function load(reset: boolean) {
    if (reset) {
      list.replaceChildren();
      cursor = undefined;
    }
    const page = await run(more, out, () =>
      call("listCases", { limit: 20, ...(status.value ? { status: status.value as "open" } : {}), ...(kind.value ? { kind: kind.value as "missing" } : {}), ...(cursor ? { cursor } : {}) }),
      { during: "load", retry: () => void load(reset) },
    );
    if (!page) return;
    for (const c of page.cases) list.append(h("li", {}, caseCard(c)));
    if (list.children.length === 0) list.append(h("li", { class: "muted" }, t("cases.empty")));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
  status.addEventListener("change", () => void load(true));
  kind.addEventListener("change", () => void load(true));
  more.addEventListener("click", () => void load(false));
  main.replaceChildren(
    h("section", { "data-screen": "cases" }, h("div", { class: "row between" }, h("h1", {}, t("cases.title")), h("a", { class: "button", href: "#/cases/new" }, t("cases.new"))),
      h("div", { class: "row" }, field(t("cases.filterStatus"), status), field(t("cases.filterKind"), kind)),
      out, list, more),
  );
  await load(true);
}

function caseCard(c: CaseView): HTMLElement {
  const title = c.externalRef || c.subject.names.join(", ") || c.id.slice(0, 8);
  return h("a", { class: "card case", href: `#/cases/${c.id}` },
    h("strong", {}, title),
    h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)),
    h("span", { class: "muted" }, `${t(`status.${c.status}`)} · ${t(`country.${c.country}`)} · ${c.station}`));
}

export function newCaseScreen(main: HTMLElement, session: Session): void {
  const officer = session.profile.officer!;
  const kind = select("kind", [["missing", t("kind.missing")], ["found", t("kind.found")]]);
  const country = select("country", [["BI", t("country.BI")], ["RW", t("country.RW")]], officer.country);
  country.disabled = officer.role !== "admin";
  const station = h("input", { name: "station", value: officer.station, required: true });
  const externalRef = h("input", { name: "externalRef" });
  const names = h("input", { name: "names" });
  const sex = select("sex", [["unknown", t("sex.unknown")], ["female", t("sex.female")], ["male", t("sex.male")]]);
  const ageMin = h("input", { name: "ageMin", type: "number", min: "0", max: "120" });
  const ageMax = h("input", { name: "ageMax", type: "number", min: "0", max: "120" });
  const place = h("input", { name: "lastSeenPlace" });
  const date = h("input", { name: "lastSeenDate", type: "date" });
  const description = h("textarea", { name: "description", rows: 3 });
  const familyName = h("input", { name: "familyName" });
  const familyRelationship = h("input", { name: "familyRelationship" });
  const familyPhone = h("input", { name: "familyPhone", type: "tel", placeholder: "+257…" });
  const out = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t("case.create"));
  const form = h("form", {
    class: "card", "data-screen": "new-case",
    on: {
      submit: (e) => {
        e.preventDefault();
        void run(submit, out, async () => {
          const { case: created } = await call("createCase", {
            kind: kind.value as "missing" | "found",
            country: country.value as "BI" | "RW",
            station: station.value,
            ...(externalRef.value ? { externalRef: externalRef.value } : {}),
            subject: {
              names: names.value.split(",").map((n) => n.trim()).filter(Boolean),
              sex: sex.value as "unknown",
              ...(ageMin.value && ageMax.value ? { ageRange: { min: Number(ageMin.value), max: Number(ageMax.value) } } : {}),
              ...(place.value ? { lastSeenPlace: place.value } : {}),
              ...(date.value ? { lastSeenDate: date.value } : {}),
              ...(description.value ? { description: description.value } : {}),
            },
            ...(familyName.value || familyPhone.value ? { familyContact: { name: familyName.value, phone: familyPhone.value, ...(familyRelationship.value ? { relationship: familyRelationship.value } : {}) } } : {}),
          });
          location.hash = `#/cases/${created.id}`;
        });
      },
    },
  },
    h("h1", {}, t("cases.new")),
    h("div", { class: "grid" }, field(t("case.kind"), kind), field(t("register.country"), country), field(t("case.station"), station), field(t("case.externalRef"), externalRef),
      field(t("case.names"), names), field(t("case.sex"), sex), field(t("case.ageMin"), ageMin), field(t("case.ageMax"), ageMax),
      field(t("case.lastSeenPlace"), place), field(t("case.lastSeenDate"), date)),
    field(t("case.description"), description),
    h("fieldset", {}, h("legend", {}, t("case.family")), h("div", { class: "grid" }, field(t("case.familyName"), familyName), field(t("case.familyRelationship"), familyRelationship), field(t("case.familyPhone"), familyPhone))),
    submit, out);
  main.replaceChildren(form);
  kind.focus();
}

export function photoVerdict(p: Photo): string {
  if (p.status === "indexed") return t("photo.accepted", { faces: p.facesIndexed });
  if (p.status === "rejected") return t("photo.rejected", { reasons: p.reasons.map((r) => r.message).join("; ") });
  return t("photo.processing");
}

export async function caseDetailScreen(main: HTMLElement, caseId: string): Promise<void> {
  const out = h("div", { "aria-live": "polite" });
  main.replaceChildren(h("p", {}, t("common.loading")));
  const loaded = await run(undefined, out, () => call("getCase", { caseId }), { retry: () => void caseDetailScreen(main, caseId) });
  if (!loaded) return void main.replaceChildren(out);
  const c = loaded.case;
  const photos = h("ul", { class: "photos", "aria-live": "polite" });
  const progress = h("progress", { max: 1, value: 0, hidden: true });
  const progressText = h("p", { class: "muted", "aria-live": "polite" });
  const uploads = h("ol", { class: "uploads" });
  const files = h("input", { type: "file", accept: "image/*", multiple: true, name: "photos" });
  // an attribute, not a property: only the attribute makes a phone offer its camera
  files.setAttribute("capture", "environment");
  async function refresh() {
    const list = await run(undefined, out, () => call("listCasePhotos", { caseId }), { retry: () => void refresh() });
    if (!list) return;
    photos.replaceChildren(...(list.photos.length ? list.photos.map((p, i) => h("li", { class: `verdict ${p.status}`, "data-photo": p.photoId }, h("strong", {}, t("case.photoN", { n: i + 1 })), " — ", photoVerdict(p))) : [h("li", { class: "muted" }, t("case.noPhotos"))]));
  }
  /** one photo: prepared on the phone, sent, and its row kept only if it failed (saying which file) */
  async function upload(file: File, row: HTMLElement): Promise<void> {
    const bar = h("progress", { max: 1, value: 0 });
    const state = h("span", { "aria-live": "polite" }, t("upload.preparing"));
    const failure = h("div");
    row.replaceChildren(h("strong", {}, file.name), bar, state, failure);
    const prepared = await preparePhoto(file);
    const bytes = prepared?.blob ?? file;
    state.textContent = t("upload.sending", { size: formatBytes(bytes.size), original: formatBytes(file.size) });
    bar.removeAttribute("value"); // indeterminate while the photo travels and is checked
    const sent = await run(undefined, failure, async () => call("uploadCasePhoto", { caseId, contentBase64: await fileToBase64(bytes) }), { during: "action" });
    if (sent) row.remove();
    else {
      bar.remove();
      state.textContent = t("upload.failed", { name: file.name });
      row.classList.add("failed");
    }
  }
  files.addEventListener("change", () => {
    const chosen = [...(files.files ?? [])];
    const rows = chosen.map((file) => h("li", { class: "upload", "data-file": file.name }, h("strong", {}, file.name), h("span", { class: "muted" }, t("upload.waiting"))));
    uploads.replaceChildren(...rows);
    void (async () => {
      progress.hidden = false;
      progress.max = chosen.length;
      for (const [i, file] of chosen.entries()) {
        progress.value = i;
        progressText.textContent = t("case.uploading", { n: i + 1, total: chosen.length });
        await upload(file, rows[i]!);
        await refresh();
      }
      progress.value = chosen.length;
      progress.hidden = true;
      progressText.textContent = "";
      files.value = "";
    })();
  });
  const familyOut = h("div", { "aria-live": "polite" });
  const showFamily = h("button", { type: "button", class: "secondary" }, t("case.showFamily"));
  showFamily.addEventListener("click", () => {
    void run(showFamily, familyOut, async () => {
      const { familyContact } = await call("getCase", { caseId, includeFamilyContact: true });
      if (familyContact) familyOut.replaceChildren(message("info", t("case.familyShown", { name: familyContact.name, phone: familyContact.phone })));
    });
  });
  main.replaceChildren(
    h("section", { "data-screen": "case" },
      h("a", { href: "#/cases" }, `← ${t("common.back")}`),
      h("h1", {}, c.externalRef || c.subject.names.join(", ") || t(`kind.${c.kind}`)),
      h("p", {}, h("span", { class: `tag ${c.kind}` }, t(`kind.${c.kind}`)), " ", `${t(`status.${c.status}`)} · ${t(`country.${c.country}`)} · ${c.station}`),
      c.subject.description ? h("p", {}, c.subject.description) : null,
      c.hasFamilyContact ? h("div", {}, showFamily, familyOut) : null,
      c.status === "open" ? h("p", {}, h("a", { href: `#/cases/${c.id}/appeal` }, t("appeal.open"))) : null,
      h("h2", {}, t("case.photos")),
      c.status !== "closed" ? field(t("case.upload"), files) : null,
      progress, progressText, uploads, out, photos),
  );
  await refresh();
}
