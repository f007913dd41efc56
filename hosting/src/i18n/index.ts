// Five languages; English is the reference and the fallback for any missing key.
import en from "./en.json";
import fr from "./fr.json";
import rn from "./rn.json";
import rw from "./rw.json";
import sw from "./sw.json";

export const LANGUAGES = { rn: "Ikirundi", rw: "Ikinyarwanda", fr: "Français", en: "English", sw: "Kiswahili" } as const;
export type Language = keyof typeof LANGUAGES;
type Dictionary = Record<string, string>;

const dictionaries: Record<Language, Dictionary> = { en, fr, rn, rw, sw };
const STORAGE_KEY = "tora-face-language";

let current: Language = "en";

export function initLanguage(storage: Pick<Storage, "getItem"> | undefined, preferred: readonly string[]): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  const wanted = [saved, ...preferred.map((p) => p.slice(0, 2))].find((l): l is Language => !!l && l in dictionaries);
  current = wanted ?? "en";
  return current;
}

export function setLanguage(language: Language, storage?: Pick<Storage, "setItem">): void {
  current = language;
  storage?.setItem(STORAGE_KEY, language);
}

export function language(): Language {
  return current;
}

export function t(key: string, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? (en as Dictionary)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** every key of every dictionary, for the completeness test */
export function dictionaryKeys(): Record<Language, string[]> {
  return Object.fromEntries(Object.entries(dictionaries).map(([l, d]) => [l, Object.keys(d).filter((k) => !k.startsWith("_"))])) as Record<Language, string[]>;
}
