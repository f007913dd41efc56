// The appeal writer of local mode and tests: the same port as Gemini, answering deterministically
// from the facts alone with a fixed sentence pattern per language (drafts for an officer to edit).
import type { AppealWriter } from "../ports/index.js";
import type { AppealFacts, AppealLanguage, AppealTexts } from "../schemas/index.js";
import { formatsFor } from "../words/wording.js";

interface Words {
  missing: string;
  found: string;
  sex: Record<AppealFacts["sex"], string>;
  age: (min: number, max: number) => string;
  /** a missing person's age when last seen ("7 or 8"), with their age today after it */
  since: (then: string, now: string) => string;
  or: string;
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
    since: (then, now) => `missing since the age of ${then}, now ${now}`,
    or: "or",
    lastSeen: (p, d) => `Last seen${p ? ` in ${p}` : ""}${d ? ` on ${d}` : ""}.`,
    contact: (s) => `Any information: ${s} police station or the nearest police post.`,
    unknownName: "Name unknown",
  },
  fr: {
    missing: "PERSONNE DISPARUE",
    found: "CONNAISSEZ-VOUS CETTE PERSONNE ?",
    sex: { female: "femme", male: "homme", unknown: "" },
    age: (a, b) => (a === b ? `environ ${a} ans` : `de ${a} à ${b} ans`),
    since: (then, now) => `disparu(e) à l'âge de ${then} ans, aujourd'hui ${now}`,
    or: "ou",
    lastSeen: (p, d) => `Vue pour la dernière fois${p ? ` à ${p}` : ""}${d ? ` le ${d}` : ""}.`,
    contact: (s) => `Toute information : poste de police de ${s} ou le poste de police le plus proche.`,
    unknownName: "Nom inconnu",
  },
  sw: {
    missing: "MTU ALIYEPOTEA",
    found: "UNAMFAHAMU MTU HUYU?",
    sex: { female: "mwanamke", male: "mwanamume", unknown: "" },
    age: (a, b) => (a === b ? `takriban miaka ${a}` : `miaka ${a} hadi ${b}`),
    since: (then, now) => `alipotea akiwa na miaka ${then}, sasa ${now}`,
    or: "au",
    lastSeen: (p, d) => `Alionekana mara ya mwisho${p ? ` ${p}` : ""}${d ? ` tarehe ${d}` : ""}.`,
    contact: (s) => `Taarifa yoyote: kituo cha polisi cha ${s} au kituo cha polisi kilicho karibu.`,
    unknownName: "Jina halijulikani",
  },
  rn: {
    missing: "UMUNTU YAZIMIYE",
    found: "WOBA UZI UYU MUNTU?",
    sex: { female: "umugore", male: "umugabo", unknown: "" },
    age: (a, b) => (a === b ? `afise nk'imyaka ${a}` : `afise imyaka ${a} gushika ${b}`),
    since: (then, now) => `yazimiye afise imyaka ${then}, ubu ${now}`,
    or: "canke",
    lastSeen: (p, d) => `Aheruka kubonwa${p ? ` i ${p}` : ""}${d ? ` ku wa ${d}` : ""}.`,
    contact: (s) => `Uwoba afise amakuru: ibiro vya polisi vya ${s} canke ibiri hafi.`,
    unknownName: "Izina ntirizwi",
  },
  rw: {
    missing: "UMUNTU WABUZE",
    found: "URAMUZI UYU MUNTU?",
    sex: { female: "umugore", male: "umugabo", unknown: "" },
    age: (a, b) => (a === b ? `ufite nk'imyaka ${a}` : `ufite imyaka ${a} kugeza ${b}`),
    since: (then, now) => `yabuze afite imyaka ${then}, ubu ${now}`,
    or: "cyangwa",
    lastSeen: (p, d) => `Yaherukaga kugaragara${p ? ` i ${p}` : ""}${d ? ` ku itariki ${d}` : ""}.`,
    contact: (s) => `Ufite amakuru: sitasiyo ya polisi ya ${s} cyangwa iyo hafi yawe.`,
    unknownName: "Izina ntirizwi",
  },
};

function appealIn(language: AppealLanguage, facts: AppealFacts): string {
  const w = WORDS[language];
  const who = [facts.names.join(", ") || w.unknownName, ...facts.aliases.map((a) => `(${a})`)].join(" ");
  const today = facts.age ? w.age(facts.age.min, facts.age.max) : "";
  const then = facts.ageWhenLastSeen;
  // a person missing for a year or more is described at the age they were lost, and today's age after it
  const ages =
    then && facts.age && facts.age.max > then.max
      ? w.since(then.min === then.max ? `${then.min}` : `${then.min} ${w.or} ${then.max}`, today)
      : today;
  const traits = [w.sex[facts.sex], ages].filter(Boolean).join(", ");
  const date = facts.lastSeenDate ? formatsFor(language).date(facts.lastSeenDate) : undefined;
  return [
    facts.kind === "missing" ? w.missing : w.found,
    `${who}${traits ? `, ${traits}` : ""}.`,
    facts.kind === "missing" || facts.lastSeenPlace || facts.lastSeenDate ? w.lastSeen(facts.lastSeenPlace, date) : "",
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
