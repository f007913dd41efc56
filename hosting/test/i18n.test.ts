import {
  agreementClassSchema,
  auditActionSchema,
  auditTargetTypeSchema,
  callables,
  candidateBandSchema,
  caseKindSchema,
  caseOutcomeSchema,
  caseStatusSchema,
  conditionSchema,
  confirmRefusalSchema,
  countrySchema,
  crossBorderLegalBasisSchema,
  crossBorderPurposeSchema,
  ERROR_REASONS,
  factorCodeSchema,
  heldAtKindSchema,
  legalBasisSchema,
  matchEventSchema,
  matchKindSchema,
  matchStateSchema,
  notificationKindSchema,
  officerStatusSchema,
  outcomeSchema,
  photoReasonCodes,
  reviewReasonSchema,
  roleSchema,
  searchHistoryKindSchema,
  sexSchema,
} from "@tora-face/client";
import { describe, expect, it } from "vitest";
import { initLanguage, setLanguage, t } from "../src/i18n";
import screensEn from "../src/i18n/en.json";
import screensFr from "../src/i18n/fr.json";
import screensRn from "../src/i18n/rn.json";
import screensRw from "../src/i18n/rw.json";
import screensSw from "../src/i18n/sw.json";
import wordsEn from "../../functions/src/words/en.json";
import wordsFr from "../../functions/src/words/fr.json";
import wordsRn from "../../functions/src/words/rn.json";
import wordsRw from "../../functions/src/words/rw.json";
import wordsSw from "../../functions/src/words/sw.json";

/** a language as the portal shows it: the words records share (functions/src/words) and its own screen words */
const en: Record<string, string> = { ...wordsEn, ...screensEn };
const fr: Record<string, string> = { ...wordsFr, ...screensFr };
const rn: Record<string, string> = { ...wordsRn, ...screensRn };
const rw: Record<string, string> = { ...wordsRw, ...screensRw };
const sw: Record<string, string> = { ...wordsSw, ...screensSw };
const homes = {
  en: [wordsEn, screensEn],
  fr: [wordsFr, screensFr],
  rn: [wordsRn, screensRn],
  rw: [wordsRw, screensRw],
  sw: [wordsSw, screensSw],
} as Record<string, [Record<string, string>, Record<string, string>]>;

/** a handful: more than this means a dictionary was copied, not translated */
const MAX_SHARED_WITH_KIRUNDI = 6;
/** reasons no portal screen shows: the command line's own, and an unreadable photo (said by its image code) */
const UNSHOWN_REASONS = new Set(["import_folder_empty", "image_refused"]);
const reasonKeys = Object.keys(ERROR_REASONS)
  .filter((r) => !UNSHOWN_REASONS.has(r))
  .map((r) => `reason.${r}`);
const photoKeys = Object.keys(photoReasonCodes).map((c) => `photo.reason.${c}`);
const placeholders = (text: string | undefined) => (text?.match(/\{\w+\}/g) ?? []).sort();
const translated = { fr, rn, rw, sw } as Record<string, Record<string, string>>;

describe("translations", () => {
  it("keeps each key in one home: the records' words or the portal's screen words, never both", () => {
    for (const [language, [words, screens]] of Object.entries(homes))
      expect(
        Object.keys(words).filter((k) => !k.startsWith("_") && k in screens),
        language,
      ).toEqual([]);
    // every language has the record words English has, in the records' home (the backend renders them without the portal)
    const wordKeys = Object.keys(wordsEn).sort();
    for (const [language, [words]] of Object.entries(homes))
      expect(
        Object.keys(words)
          .filter((k) => !k.startsWith("_"))
          .sort(),
        language,
      ).toEqual(wordKeys);
  });

  it("every language has every English key, and each translation language every backend reason and photo verdict code", () => {
    const keysOf = (d: Record<string, string>) =>
      Object.keys(d)
        .filter((k) => !k.startsWith("_"))
        .sort();
    const backend = [...reasonKeys, ...photoKeys];
    for (const [language, d] of Object.entries(translated))
      expect(keysOf(d), language).toEqual([...keysOf(en), ...backend].sort());
  });

  it("every value of the schemas' enums the portal shows has its words (a value added to a schema fails here)", () => {
    const shown: [string, { options: readonly string[] }][] = [
      ["audit.action", auditActionSchema],
      ["audit.targetType", auditTargetTypeSchema],
      ["band", candidateBandSchema],
      ["kind", caseKindSchema],
      ["caseOutcome", caseOutcomeSchema],
      ["legalBasis", legalBasisSchema],
      ["heldAt", heldAtKindSchema],
      ["condition", conditionSchema],
      ["match.kind", matchKindSchema],
      ["match.title", matchKindSchema],
      ["match.state", matchStateSchema],
      ["match.event", matchEventSchema],
      ["review.reason", reviewReasonSchema],
      ["notification", notificationKindSchema],
      ["status", caseStatusSchema],
      ["country", countrySchema],
      ["xb.purpose", crossBorderPurposeSchema],
      ["xb.legalBasis", crossBorderLegalBasisSchema],
      ["xb.class", agreementClassSchema],
      ["officerStatus", officerStatusSchema],
      ["outcome", outcomeSchema],
      ["role", roleSchema],
      ["sex", sexSchema],
      ["history.kind", searchHistoryKindSchema],
    ];
    const missing = shown
      .flatMap(([prefix, schema]) => schema.options.map((v) => `${prefix}.${v}`))
      .filter((key) => !(key in en));
    expect(missing).toEqual([]);
    // why a reunification may not be confirmed: a reason of the catalogue, so every language says it (the first test)
    expect(confirmRefusalSchema.options.filter((r) => !Object.hasOwn(ERROR_REASONS, r))).toEqual([]);
  });

  it("every factor code of the fused score has its sentence, the place factors one per country (commune in Burundi, district in Rwanda)", () => {
    const perCountry = new Set(["place_same_level2", "place_same_level1"]);
    const wanted = factorCodeSchema.options.flatMap((code) =>
      perCountry.has(code) ? countrySchema.options.map((c) => `factor.${code}.${c}`) : [`factor.${code}`],
    );
    expect(wanted.filter((key) => !(key in en))).toEqual([]);
  });

  it("every mode a search runs in, for every reason, says so", () => {
    const output = callables.searchFaces.output.shape;
    // the default is identification, and old photos are why a search switches to investigative; any other reason goes with either mode
    const only: Record<string, string> = { default: "identify", old_photos: "investigate" };
    const wanted = output.modeReason.options.flatMap((reason) =>
      output.mode.options
        .filter((mode) => (only[reason] ?? mode) === mode)
        .map((mode) => `search.mode.${mode}.${reason}`),
    );
    expect(wanted.filter((key) => !(key in en))).toEqual([]);
  });

  it("English has no copy of the backend's sentences: the catalogue and the verdicts say them", () => {
    expect(Object.keys(en).filter((k) => k.startsWith("reason.") || k.startsWith("photo.reason."))).toEqual([]);
  });

  it("machine-drafted languages are marked for review", () => {
    for (const d of Object.values(translated)) expect(d._review).toMatch(/\w/);
    expect(en._review).toBeUndefined();
  });

  it("keeps placeholders in every language: the English key's, the catalogue sentence's, {faces} for several faces", () => {
    for (const [language, d] of Object.entries(translated)) {
      for (const [key, text] of Object.entries(en))
        expect(placeholders(d[key]), `${language} ${key}`).toEqual(placeholders(text));
      for (const key of reasonKeys)
        expect(placeholders(d[key]), `${language} ${key}`).toEqual(
          placeholders(ERROR_REASONS[key.slice("reason.".length) as keyof typeof ERROR_REASONS].message),
        );
      for (const key of photoKeys)
        expect(placeholders(d[key]), `${language} ${key}`).toEqual(
          key === "photo.reason.several_faces" ? ["{faces}"] : [],
        );
    }
  });

  it("Kinyarwanda is its own language, not Kirundi under another name", () => {
    // names and punctuation are the same in every language; anything else shared must stay rare
    // (words such as "Gore"/"Gabo" are genuinely the same in both)
    const same = new Set(["app.title", "issue.line", "facts.statusOutcome", "facts.heldAtValue"]);
    // a template of placeholders and punctuation ("{officer}, {date}") is the same in every language
    const template = (text: string | undefined) => !/\p{L}/u.test((text ?? "").replace(/\{\w+\}/g, ""));
    const shared = Object.keys(rw).filter(
      (k) => !k.startsWith("_") && !same.has(k) && !template(rw[k]) && rw[k] === rn[k],
    );
    expect(shared.length, `Kinyarwanda strings equal to Kirundi: ${shared.join(", ")}`).toBeLessThanOrEqual(
      MAX_SHARED_WITH_KIRUNDI,
    );
  });

  it("switches language, remembers it, falls back to English, then to the backend's sentence", async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    expect(await initLanguage(storage, ["sw-TZ"])).toBe("sw");
    expect(t("nav.search")).toBe("Tafuta");
    await setLanguage("fr", storage);
    expect(await initLanguage(storage, ["en"])).toBe("fr");
    expect(t("case.uploading", { n: 2, total: 5 })).toBe("Envoi de la photo 2 sur 5");
    expect(t("no.such.key")).toBe("no.such.key");
    expect(t("no.such.key", {}, "the backend's sentence")).toBe("the backend's sentence");
    await setLanguage("en");
    expect(t("reason.other_country", {}, ERROR_REASONS.other_country.message)).toBe(
      "This record belongs to another country's police.",
    );
  });
});
