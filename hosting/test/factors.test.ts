// The factors of a pair's fused score, as the matcher writes them, read in every language from the
// words records share with the portal (functions/src/words: factor.<code> with the parameters), never from the backend's English sentence.
import { factorCodeSchema, type Factor } from "@tora-face/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  ageFactorOf,
  fuseDuplicate,
  fuseEvidence,
  type DuplicateFacts,
  type PairFacts,
} from "../../functions/src/matching/index.js";
import { setLanguage } from "../src/i18n";
import { factorText, notificationText } from "../src/i18n/messages";
import fr from "../../functions/src/words/fr.json";
import rn from "../../functions/src/words/rn.json";
import rnScreens from "../src/i18n/rn.json";

afterEach(() => setLanguage("en"));

const child = {
  names: ["NDAYISHIMIYE Jean-Claude"],
  sex: "male" as const,
  birthYear: 2009,
  lastSeenDate: "2025-11-20",
  lastSeenPlace: { country: "BI" as const, level1: "Butanyerera", level2: "Ngozi" },
};
const found = {
  names: ["Ndayishimye Jean Claude"],
  sex: "male" as const,
  estimatedAgeRange: { min: 15, max: 20 },
  dateFound: "2025-11-23",
  foundPlace: { country: "BI" as const, level1: "Butanyerera", level2: "Kiremba" },
};
const dated = { missingPhotoDate: "2025-06-01", foundPhotoDate: "2025-11-23" };

/** pairs whose factors, together, carry every code the matcher writes today */
const pairs: PairFacts[] = [
  { face: { similarity: 0.36, ...dated }, missing: child, found },
  {
    face: { similarity: 0.36, ...dated },
    missing: { ...child, lastSeenPlace: { country: "BI", level1: "Ngozi" } },
    found: { ...found, foundPlace: { country: "BI", level1: "Butanyerera", level2: "Ngozi" }, dateFound: "2025-11-20" },
  },
  {
    face: { similarity: 0.46 },
    missing: { ...child, names: ["Hakizimana Eric"] },
    found: {
      names: ["Niyonsaba Marie"],
      sex: "female",
      estimatedAgeRange: { min: 40, max: 50 },
      dateFound: "2025-01-05",
      foundPlace: { country: "BI", text: "Rumonge" },
    },
  },
  {
    face: { similarity: 0.4, missingPhotoDate: "2010-01-01", foundPhotoDate: "2026-01-01" },
    missing: {
      names: ["Irakoze Jean"],
      sex: "female",
      birthYear: 2004,
      lastSeenDate: "2010-04-01",
      lastSeenPlace: { country: "RW", level1: "Northern Province", level2: "Musanze" },
    },
    found: {
      names: ["Jean"],
      sex: "female",
      estimatedAgeRange: { min: 19, max: 24 },
      dateFound: "2026-01-01",
      foundPlace: { country: "RW", level1: "Northern Province", level2: "Musanze" },
    },
  },
  {
    face: { similarity: 0.4 },
    missing: { names: ["Uwase Diane"], lastSeenPlace: { country: "RW", text: "Huye" } },
    found: { names: ["Uwase Diane"], foundPlace: { country: "BI", text: "Ngozi" } },
  },
  {
    face: { similarity: 0.4 },
    missing: { names: [], lastSeenPlace: { country: "RW", level1: "Northern Province", level2: "Musanze" } },
    found: { names: [], foundPlace: { country: "RW", level1: "Northern Province", level2: "Burera" } },
  },
];
/** the only code no pair can produce with today's constants (fusion.ts: the bound already keeps a strong face in a band) */
const strongFaceKept: Factor = {
  code: "strong_face_kept",
  params: {},
  llr: 0.1,
  sentence: "a strong face match stays on the list whatever the facts say",
};
/** possible duplicates: two missing reports of one child (and of two different children), two found persons */
const report = {
  names: [],
  sex: "female" as const,
  birthYear: 2015,
  lastSeenDate: "2025-02-10",
  lastSeenPlace: { country: "BI" as const, level1: "Butanyerera", level2: "Ngozi" },
};
const duplicates: DuplicateFacts[] = [
  {
    kind: "missing",
    face: { similarity: 0.3, photoDates: ["2024-12-01", "2023-06-01"] },
    cases: [report, { ...report, birthYear: 2016, lastSeenDate: "2025-02-12" }],
  },
  {
    kind: "missing",
    face: { similarity: 0.3, photoDates: [undefined, undefined] },
    cases: [report, { ...report, lastSeenDate: "2025-02-10" }],
  },
  {
    kind: "missing",
    face: { similarity: 0.4, photoDates: [undefined, undefined] },
    cases: [
      report,
      {
        ...report,
        sex: "male",
        birthYear: 2005,
        lastSeenDate: "2021-01-01",
        lastSeenPlace: { country: "RW", level1: "Northern Province", level2: "Musanze" },
      },
    ],
  },
  {
    kind: "found",
    face: { similarity: 0.4, photoDates: [undefined, undefined] },
    cases: [
      { sex: "male", estimatedAgeRange: { min: 30, max: 40 }, dateFound: "2025-01-01" },
      { sex: "male", estimatedAgeRange: { min: 30, max: 40 }, dateFound: "2025-05-01" },
    ],
  },
];
const written = [
  ...pairs.flatMap((p) =>
    fuseEvidence(p).factors.map((f) => ({ f, country: p.missing.lastSeenPlace?.country ?? "BI" })),
  ),
  ...duplicates.flatMap((d) => fuseDuplicate(d).factors.map((f) => ({ f, country: "BI" as const }))),
  // the age factor's four codes: overlapping, close, at the edge of a wide estimate, apart (less than a year and years)
  ...[
    ageFactorOf({ min: 27.2, max: 30.7 }, { min: 31, max: 37 }, "2026-01-01"),
    ageFactorOf({ min: 7, max: 8 }, { min: 9, max: 9 }, "2026-01-01"),
    ageFactorOf({ min: 10, max: 13 }, { min: 10, max: 50 }, "2026-01-01"),
    ageFactorOf({ min: 20, max: 23 }, { min: 30, max: 36 }, "2026-01-01"),
    ageFactorOf({ min: 20, max: 22 }, { min: 22.6, max: 23 }, "2026-01-01"),
  ].map((f) => ({ f, country: "BI" as const })),
  { f: strongFaceKept, country: "BI" as const },
];

describe("a pair's factors in the officer's language", () => {
  it("the pairs cover every factor code", () => {
    expect(new Set(written.map(({ f }) => f.code))).toEqual(new Set(factorCodeSchema.options));
  });

  it("reads every factor from the translation files in every language, placeholders filled", async () => {
    for (const language of ["en", "fr", "sw", "rn", "rw"] as const) {
      await setLanguage(language);
      for (const { f, country } of written) {
        const text = factorText(f, country);
        expect(text, `${language} ${f.code}`).not.toMatch(/\{\w+\}/);
        if (language !== "en") expect(text, `${language} ${f.code}`).not.toBe(f.sentence);
      }
    }
  });

  it("English says what the backend's sentence says, with the country's own levels and the portal's words for sexes and bands", async () => {
    // names, the bound and the countries (by name) read differently on purpose; face_similarity's numbers are in the language's format
    const english = written.filter(
      ({ f }) =>
        ![
          "facts_penalty_bounded",
          "names_exact",
          "names_strong",
          "names_partial",
          "face_similarity",
          "place_different_country",
          "reports_place_different_country",
        ].includes(f.code),
    );
    for (const { f, country } of english)
      expect(factorText(f, country).toLowerCase(), f.code).toBe(f.sentence.toLowerCase());
  });

  it("names a former place name the matcher read, the intervals in days, months or years, and the sexes in the language", async () => {
    await setLanguage("fr");
    const [first, formerPair] = pairs.map((p) => fuseEvidence(p).factors);
    const place = formerPair!.find((f) => f.code === "place_same_level1")!;
    expect(factorText(place, "BI")).toBe(
      `${fr["factor.place_same_level1.only"].replace("{level1}", "Butanyerera")} ${fr["factor.former"].replace("{names}", "Ngozi")}`,
    );
    expect(
      factorText(
        first!.find((f) => f.code === "found_after_last_seen")!,
        "BI",
      ),
    ).toBe(fr["factor.found_after_last_seen"].replace("{interval}", fr["interval.days"].replace("{n}", "3")));
    expect(
      factorText(
        formerPair!.find((f) => f.code === "found_after_last_seen")!,
        "BI",
      ),
    ).toBe(fr["factor.found_after_last_seen.sameDay"]);
    await setLanguage("rn");
    expect(
      factorText(
        first!.find((f) => f.code === "sex_same")!,
        "BI",
      ),
    ).toBe(rn["factor.sex_same"].replace("{sex}", rn["sex.male"]));
    expect(
      factorText(
        first!.find((f) => f.code === "place_same_level1")!,
        "BI",
      ),
    ).toBe(
      rn["factor.place_same_level1.BI"]
        .replace("{level1}", "Butanyerera")
        .replace("{missing}", "Ngozi")
        .replace("{found}", "Kiremba"),
    );
  });

  it("says which spellings of a name were read as one, in the language, and nothing when the words are the same", async () => {
    await setLanguage("fr");
    const names = fuseEvidence(pairs[0]!).factors.find((f) => f.code === "names_strong")!;
    expect(factorText(names, "BI")).toBe(
      `${fr["factor.names_strong"].replace("{missing}", "NDAYISHIMIYE Jean-Claude").replace("{found}", "Ndayishimye Jean Claude")} ${fr["factor.names_spellings"].replace("{spellings}", "NDAYISHIMIYE ~ Ndayishimye")}`,
    );
    const same = fuseEvidence(pairs[4]!).factors.find((f) => f.code === "names_exact")!;
    expect(same.params.spellings).toBeUndefined();
    expect(factorText(same, "RW")).toBe(
      fr["factor.names_exact"].replace("{missing}", "Uwase Diane").replace("{found}", "Uwase Diane"),
    );
  });

  it("a notification names both cases by the reference officers know", async () => {
    const n = {
      id: "m.0.u",
      uid: "u",
      kind: "new_candidate" as const,
      matchId: "a_b",
      cases: [
        { id: "aaaaaaaaaaaa", kind: "missing" as const, externalRef: "NGO-2025-001" },
        { id: "bbbbbbbbbbbb", kind: "found" as const },
      ] as const,
      message: "Possible match to review: missing case NGO-2025-001 and found case bbbbbbbb.",
      createdAt: "2026-11-26T10:00:00.000Z",
    };
    expect(notificationText({ ...n, cases: [...n.cases] })).toBe(n.message);
    await setLanguage("rn");
    expect(notificationText({ ...n, cases: [...n.cases] })).toBe(
      rnScreens["notification.new_candidate"].replace("{a}", "NGO-2025-001").replace("{b}", "bbbbbbbb"),
    );
  });
});
