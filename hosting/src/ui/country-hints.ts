// What a form suggests for a country: its calling code and an example number of its own (a
// Rwandan officer reads "+250…", not Burundi's), and the country a phone is likely in before anyone
// has said (its time zone, else its language). Suggestions only: the officer record decides.
import type { Country } from "@tora-face/client";
import type { Language } from "../i18n";

const PHONE: Record<Country, { prefix: string; example: string }> = {
  BI: { prefix: "+257", example: "+25779123456" },
  RW: { prefix: "+250", example: "+250788123456" },
};

/** Kigali's and Bujumbura's time zones name the country; a language spoken in one country only, too */
export function likelyCountry(timeZone: string | undefined, language: Language): Country {
  if (timeZone === "Africa/Kigali") return "RW";
  if (timeZone === "Africa/Bujumbura") return "BI";
  return language === "rw" ? "RW" : "BI";
}

/** a phone field's hints for a country: the placeholder, and the example a refusal names (issueText reads it) */
export function setPhoneHints(input: HTMLInputElement, country: Country): void {
  input.placeholder = `${PHONE[country].prefix}…`;
  input.dataset.example = PHONE[country].example;
}
