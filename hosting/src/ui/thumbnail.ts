// A case photo's thumbnail: asked for at once, a grey placeholder holding its place until it
// arrives (search results, match pairs).
import { call } from "../firebase";
import { t } from "../i18n";
import { h } from "./dom";

export function thumbnail(photo: { caseId: string; photoId: string }, alt: string, size: number): HTMLImageElement {
  // no alt text until the thumbnail arrives: the placeholder would show it as a broken image
  const img = h("img", { alt: "", width: size, height: size, class: "thumb loading" });
  void call("getPhotoThumbnail", { caseId: photo.caseId, photoId: photo.photoId })
    .then((r) => {
      img.src = r.dataUrl;
      img.alt = alt;
      img.classList.remove("loading");
    })
    .catch(() => {
      img.classList.replace("loading", "missing");
      img.alt = t("search.thumbMissing");
    });
  return img;
}
