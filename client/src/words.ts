// The words of TORA FACE's records (functions/src/words: what the evidence file, the pair page and
// the backend's PDF share), English at once and another language on demand, so a phone loads only
// the language it shows. The portal merges them with its own screen words.
import english from "../../functions/src/words/en.json" with { type: "json" };
import type { Dictionary, WordLanguage } from "../../functions/src/words/wording.js";

export const englishWords: Dictionary = english;

const loaders: Record<Exclude<WordLanguage, "en">, () => Promise<{ default: Dictionary }>> = {
  fr: () => import("../../functions/src/words/fr.json"),
  rn: () => import("../../functions/src/words/rn.json"),
  rw: () => import("../../functions/src/words/rw.json"),
  sw: () => import("../../functions/src/words/sw.json"),
};

/** a language's record words (English's are englishWords) */
export async function loadWords(language: WordLanguage): Promise<Dictionary> {
  return language === "en" ? englishWords : (await loaders[language]()).default;
}
