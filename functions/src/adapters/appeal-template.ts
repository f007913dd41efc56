// The appeal writer of local mode and tests: the same port as Gemini, answering deterministically
// from the facts alone with a fixed sentence pattern per language (drafts for an officer to edit).
import type { AppealWriter } from "../ports/index.js";
import type { AppealFacts, AppealLanguage, AppealTexts } from "../schemas/index.js";

interface Words {
  missing: string;
  found: string;
  sex: Record<AppealFacts["sex"], string>;
  age: (min: number, max: number) => string;
  lastSeen: (place: string | undefined, date: string | undefined) => string;
  contact: (station: string) => string;
  unknownName: string;
}

const WORDS: Record<AppealLanguage, Words> = {
  en: {
    missing: "MISSING PERSON",
    found: "DO YOU KNOW THIS PERSON?",
    sex: { female: "female", male: "male", unknown: "" },
    age: (a, b) => (a === b ? `about ${a} years old` : `${a} to ${b} years old`),
    lastSeen: (p, d) => `Last seen${p ? ` in ${p}` : ""}${d ? ` on ${d}` : ""}.`,
    contact: (s) => `Any information: ${s} police station or the nearest police post.`,
    unknownName: "Name unknown",
  },
  fr: {
    missing: "PERSONNE DISPARUE",
    found: "CONNAISSEZ-VOUS CETTE PERSONNE ?",
    sex: { female: "femme", male: "homme", unknown: "" },
    age: (a, b) => (a === b ? `environ ${a} ans` : `de ${a} à ${b} ans`),
    lastSeen: (p, d) => `Vue pour la dernière fois${p ? ` à ${p}` : ""}${d ? ` le ${d}` : ""}.`,
    contact: (s) => `Toute information : poste de police de ${s} ou le poste de police le plus proche.`,
    unknownName: "Nom inconnu",
  },
  sw: {
    missing: "MTU ALIYEPOTEA",
    found: "UNAMFAHAMU MTU HUYU?",
    sex: { female: "mwanamke", male: "mwanamume", unknown: "" },
    age: (a, b) => (a === b ? `takriban miaka ${a}` : `miaka ${a} hadi ${b}`),
    lastSeen: (p, d) => `Alionekana mara ya mwisho${p ? ` ${p}` : ""}${d ? ` tarehe ${d}` : ""}.`,
    contact: (s) => `Taarifa yoyote: kituo cha polisi cha ${s} au kituo cha polisi kilicho karibu.`,
    unknownName: "Jina halijulikani",
  },
  rn: {
    missing: "UMUNTU YAZIMIYE",
    found: "WOBA UZI UYU MUNTU?",
    sex: { female: "umugore", male: "umugabo", unknown: "" },
    age: (a, b) => (a === b ? `afise nk'imyaka ${a}` : `afise imyaka ${a} gushika ${b}`),
    lastSeen: (p, d) => `Aheruka kubonwa${p ? ` i ${p}` : ""}${d ? ` ku wa ${d}` : ""}.`,
    contact: (s) => `Uwoba afise amakuru: ibiro vya polisi vya ${s} canke ibiri hafi.`,
    unknownName: "Izina ntirizwi",
  },
  rw: {
    missing: "UMUNTU WABUZE",
    found: "URAMUZI UYU MUNTU?",
    sex: { female: "umugore", male: "umugabo", unknown: "" },
    age: (a, b) => (a === b ? `ufite nk'imyaka ${a}` : `ufite imyaka ${a} kugeza ${b}`),
    lastSeen: (p, d) => `Yaherukaga kugaragara${p ? ` i ${p}` : ""}${d ? ` ku itariki ${d}` : ""}.`,
    contact: (s) => `Ufite amakuru: sitasiyo ya polisi ya ${s} cyangwa iyo hafi yawe.`,
    unknownName: "Izina ntirizwi",
  },
};

function appealIn(language: AppealLanguage, facts: AppealFacts): string {
  const w = WORDS[language];
  const who = [facts.names.join(", ") || w.unknownName, ...facts.aliases.map((a) => `(${a})`)].join(" ");
  const traits = [w.sex[facts.sex], facts.age ? w.age(facts.age.min, facts.age.max) : ""].filter(Boolean).join(", ");
  return [
    facts.kind === "missing" ? w.missing : w.found,
    `${who}${traits ? `, ${traits}` : ""}.`,
    facts.kind === "missing" || facts.lastSeenPlace || facts.lastSeenDate
      ? w.lastSeen(facts.lastSeenPlace, facts.lastSeenDate)
      : "",
    facts.description ?? "",
    w.contact(facts.station),
  ]
    .filter(Boolean)
    .join("\n");
}

export function templateAppealWriter(): AppealWriter {
  return {
    generator: "local-template",
    async draft({ facts }) {
      const texts = Object.fromEntries(
        (["en", "fr", "sw", "rn", "rw"] as const).map((l) => [l, appealIn(l, facts)]),
      ) as AppealTexts;
      return JSON.stringify(texts);
    },
  };
}
