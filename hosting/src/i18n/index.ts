// Five languages; English is the reference and the fallback for any missing key. Messages that
// translate the backend's reasons and verdict codes have no English entry: their English is the
// backend's own sentence (the catalogue of schemas/errors.ts, a verdict's message), passed as the
// fallback. Only English travels with the portal; a phone loads the one other language it shows.
// A language is the portal's screen words (here) and the words records share with the backend
// (factors, facts, states: functions/src/words, through the client kit), each key in one of them.
import { englishWords, loadWords } from "@tora-face/client";
import portalEnglish from "./en.json";

export const LANGUAGES = {
  rn: "Ikirundi",
  rw: "Ikinyarwanda",
  fr: "Français",
  en: "English",
  sw: "Kiswahili",
} as const;
export type Language = keyof typeof LANGUAGES;
type Dictionary = Record<string, string>;

const loaders: Record<Exclude<Language, "en">, () => Promise<{ default: Dictionary }>> = {
  fr: () => import("./fr.json"),
  rn: () => import("./rn.json"),
  rw: () => import("./rw.json"),
  sw: () => import("./sw.json"),
};
const en: Dictionary = { ...englishWords, ...portalEnglish };
const dictionaries: Partial<Record<Language, Dictionary>> = { en };
const STORAGE_KEY = "tora-face-language";

let current: Language = "en";

const isLanguage = (l: string | null | undefined): l is Language => !!l && Object.hasOwn(LANGUAGES, l);

/** the language's dictionary, loaded once; false when it cannot be loaded (offline on first use) */
async function load(language: Language): Promise<boolean> {
  if (dictionaries[language]) return true;
  try {
    const [screens, words] = await Promise.all([loaders[language as Exclude<Language, "en">](), loadWords(language)]);
    dictionaries[language] = { ...words, ...screens.default };
    return true;
  } catch {
    return false;
  }
}

/** the saved choice, else the browser's first language we have, else English */
export async function initLanguage(
  storage: Pick<Storage, "getItem"> | undefined,
  preferred: readonly string[],
): Promise<Language> {
  const wanted = [storage?.getItem(STORAGE_KEY), ...preferred.map((p) => p.slice(0, 2))].find(isLanguage) ?? "en";
  current = (await load(wanted)) ? wanted : "en";
  return current;
}

/** remembers the choice at once; switches once the language's words are there (offline on first use, the current language stays) */
export async function setLanguage(language: Language, storage?: Pick<Storage, "setItem">): Promise<void> {
  storage?.setItem(STORAGE_KEY, language);
  if (await load(language)) current = language;
}

export function language(): Language {
  return current;
}

export function t(key: string, vars: Record<string, string | number> = {}, fallback?: string): string {
  const text = dictionaries[current]?.[key] ?? en[key] ?? fallback ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
