// The five dictionaries at once, for the backend and the command line (a record in any language);
// the portal loads only the language it shows (client/src/words.ts).
import en from "./en.json" with { type: "json" };
import fr from "./fr.json" with { type: "json" };
import rn from "./rn.json" with { type: "json" };
import rw from "./rw.json" with { type: "json" };
import sw from "./sw.json" with { type: "json" };
import { wordingOf, type Dictionary, type WordLanguage, type Wording } from "./wording.js";

const DICTIONARIES: Record<WordLanguage, Dictionary> = { en, fr, rn, rw, sw };

export function wordingFor(language: WordLanguage, timeZone?: string): Wording {
  return wordingOf(language, DICTIONARIES[language], en, timeZone);
}
