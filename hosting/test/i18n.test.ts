import { describe, expect, it } from "vitest";
import { dictionaryKeys, initLanguage, setLanguage, t } from "../src/i18n";
import en from "../src/i18n/en.json";
import fr from "../src/i18n/fr.json";
import rn from "../src/i18n/rn.json";
import rw from "../src/i18n/rw.json";
import sw from "../src/i18n/sw.json";

/** a handful: more than this means a dictionary was copied, not translated */
const MAX_SHARED_WITH_KIRUNDI = 6;

describe("translations", () => {
  it("every language has every English key, and no extra key", () => {
    const keys = dictionaryKeys();
    const reference = [...keys.en].sort();
    for (const [language, list] of Object.entries(keys)) expect([...list].sort(), language).toEqual(reference);
  });

  it("machine-drafted languages are marked for review", () => {
    for (const d of [fr, rn, rw, sw]) expect((d as Record<string, string>)._review).toMatch(/\w/);
    expect((en as Record<string, string>)._review).toBeUndefined();
  });

  it("keeps placeholders in every language", () => {
    for (const d of [fr, rn, rw, sw] as Record<string, string>[])
      for (const [key, text] of Object.entries(en as Record<string, string>)) {
        const wanted = (text.match(/\{\w+\}/g) ?? []).sort();
        expect((d[key]!.match(/\{\w+\}/g) ?? []).sort(), key).toEqual(wanted);
      }
  });

  it("Kinyarwanda is its own language, not Kirundi under another name", () => {
    // names are the same in every language; anything else shared must stay rare (words such as
    // "Gore"/"Gabo" are genuinely the same in both)
    const names = new Set(["app.title"]);
    const shared = Object.keys(en).filter((k) => !k.startsWith("_") && !names.has(k) && (rw as Record<string, string>)[k] === (rn as Record<string, string>)[k]);
    expect(shared.length, `Kinyarwanda strings equal to Kirundi: ${shared.join(", ")}`).toBeLessThanOrEqual(MAX_SHARED_WITH_KIRUNDI);
  });

  it("switches language, remembers it, falls back to English", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(initLanguage(storage, ["sw-TZ"])).toBe("sw");
    expect(t("nav.search")).toBe("Tafuta");
    setLanguage("fr", storage);
    expect(initLanguage(storage, ["en"])).toBe("fr");
    expect(t("case.uploading", { n: 2, total: 5 })).toBe("Envoi de la photo 2 sur 5");
    expect(t("no.such.key")).toBe("no.such.key");
  });
});
