import { describe, expect, it, afterEach } from "vitest";
import { setLanguage } from "../src/i18n";
import { controlFor, photoReasonText, reasonText, type FormFields } from "../src/i18n/messages";
import rw from "../src/i18n/rw.json";

afterEach(() => setLanguage("en"));

describe("the backend's words in the officer's language", () => {
  it("a photo verdict: English is the backend's own sentence, other languages their key with the number of faces", async () => {
    const several = { code: "several_faces", message: "3 faces found: choose the person of this case" };
    expect(photoReasonText(several, 3)).toBe("3 faces found: choose the person of this case");
    await setLanguage("rw");
    expect(photoReasonText(several, 3)).toBe(rw["photo.reason.several_faces"].replace("{faces}", "3"));
    expect(photoReasonText({ code: "face_too_small", message: "face too small (28 px, need 40)" })).toBe(
      rw["photo.reason.face_too_small"],
    );
  });

  it("a code without its sentence (the statistics) reads the kit's meaning in English", async () => {
    expect(photoReasonText({ code: "no_face" })).toBe("No face was found in the photo.");
    expect(photoReasonText({ code: "a_code_from_a_newer_engine" })).toBe("a code from a newer engine");
  });

  it("a reason the portal does not know is left to the caller", async () => {
    expect(reasonText("reason_from_a_newer_backend")).toBeUndefined();
    expect(reasonText("toString")).toBeUndefined();
  });

  it("finds the control of a refused path, its parent's when the path goes deeper", async () => {
    const names = { id: "names" } as unknown as HTMLInputElement;
    const range = { id: "ageMin" } as unknown as HTMLInputElement;
    const max = { id: "ageMax" } as unknown as HTMLInputElement;
    const fields: FormFields = { "subject.names": names, "subject.ageRange": range, "subject.ageRange.max": max };
    expect(controlFor("subject.names.0", fields)).toBe(names);
    expect(controlFor("subject.ageRange", fields)).toBe(range);
    expect(controlFor("subject.ageRange.min", fields)).toBe(range);
    expect(controlFor("subject.ageRange.max", fields)).toBe(max);
    expect(controlFor("subject.namesake", fields)).toBeUndefined();
  });
});
