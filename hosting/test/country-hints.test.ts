import type { InputIssue } from "@tora-face/client";
import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "../src/i18n";
import { issueText } from "../src/i18n/messages";
import { likelyCountry } from "../src/ui/country-hints";

afterEach(() => setLanguage("en"));

describe("a country's own hints", () => {
  it("a phone in Kigali's time zone, or reading Kinyarwanda, is likely in Rwanda; Bujumbura's time zone wins over the language", () => {
    expect(likelyCountry("Africa/Kigali", "en")).toBe("RW");
    expect(likelyCountry(undefined, "rw")).toBe("RW");
    expect(likelyCountry("Africa/Bujumbura", "rw")).toBe("BI");
    expect(likelyCountry("Europe/Paris", "fr")).toBe("BI");
  });

  it("a refused phone is shown an example of its form's country", async () => {
    await setLanguage("rw");
    const phone = {
      labels: [{ textContent: "Telefoni" }],
      value: "0788123456",
      type: "tel",
      dataset: { example: "+250788123456" },
    } as unknown as HTMLInputElement;
    const issue: InputIssue = { path: "familyContact.phone", code: "invalid_format", message: "phone" };
    expect(issueText(issue, { "familyContact.phone": phone })).toBe(
      "Telefoni: nimero mpuzamahanga, urugero +250788123456",
    );
  });
});
