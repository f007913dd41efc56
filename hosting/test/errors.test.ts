import { ClientValidationError, ERROR_REASONS } from "@tora-face/client";
import { afterEach, describe, expect, it } from "vitest";
import { humanError } from "../src/api/errors";
import { setLanguage, t } from "../src/i18n";
import type { FormFields } from "../src/i18n/messages";
import fr from "../src/i18n/fr.json";
import rn from "../src/i18n/rn.json";

/** a form control as issueText reads it: its label, value and type */
const control = (label: string, value = "", type = "text") =>
  ({ labels: [{ textContent: label }], value, type }) as unknown as HTMLInputElement;
const refused = (reason: string, details: Record<string, unknown> = {}, code = "permission-denied") => ({
  code: `functions/${code}`,
  message: `${ERROR_REASONS[reason as keyof typeof ERROR_REASONS]?.message ?? "a sentence from a newer backend"} [403]`,
  details: { ...details, reason },
});

afterEach(() => setLanguage("en"));

describe("errors for people", () => {
  it("no network, a server fault and a wrong password are three different messages", async () => {
    const noAnswer = { code: "functions/internal", message: "internal [0]" };
    expect(humanError(noAnswer, false)).toBe(t("error.offline"));
    expect(humanError(noAnswer, false, "load")).toBe(t("error.offlineLoad"));
    expect(
      humanError(
        { code: "auth/network-request-failed", message: "Firebase: Error (auth/network-request-failed)." },
        true,
      ),
    ).toBe(t("error.offline"));
    expect(humanError(noAnswer, true)).toBe(t("error.unavailable"));
    expect(
      humanError(
        {
          code: "functions/internal",
          message: "Something went wrong on our side. [500]",
          details: { reason: "internal" },
        },
        true,
      ),
    ).toBe(t("error.internal"));
    expect(
      humanError({ code: "auth/invalid-credential", message: "Firebase: Error (auth/invalid-credential)." }, true),
    ).toBe(t("error.auth.invalid-credential"));
  });

  it("says a refusal by its reason key in the officer's language, with its parameters in that language's form", async () => {
    await setLanguage("fr");
    expect(humanError(refused("other_country"), true)).toBe(fr["reason.other_country"]);
    expect(
      humanError(refused("searches_exhausted", { limit: 20, retryAfterSeconds: 42 }, "resource-exhausted"), true),
    ).toBe("Trop de recherches : au plus 20 par minute. Réessayez dans 42 secondes.");
    expect(humanError(refused("approve_needs_pending", { status: "approved" }, "failed-precondition"), true)).toBe(
      "Seules les inscriptions en attente peuvent être approuvées (celle-ci : Approuvé).",
    );
  });

  it("in English, reads the catalogue's sentence (no copy in en.json)", async () => {
    expect(
      humanError(refused("searches_exhausted", { limit: 20, retryAfterSeconds: 42 }, "resource-exhausted"), true),
    ).toBe("Too many searches: at most 20 per minute. Try again in 42 seconds.");
  });

  it("a reason this portal does not know yet shows the backend's own sentence; no reason at all, a sentence of its kind", async () => {
    expect(humanError(refused("reason_from_a_newer_backend"), true)).toBe("a sentence from a newer backend");
    expect(humanError({ code: "functions/permission-denied", message: "permission-denied [403]" }, true)).toBe(
      t("error.permissionDenied"),
    );
    await setLanguage("fr");
    expect(humanError({ code: "functions/failed-precondition", message: "Something English [400]" }, true)).toBe(
      fr["error.conflict"],
    );
  });

  it("tells a suspended officer so at sign-in, in their language", async () => {
    await setLanguage("rn");
    const emulator =
      'Firebase: ((HTTP request to http://127.0.0.1:5001/demo-tora-face/europe-west1/beforeSignedIn returned HTTP error 403: {"error":{"details":{"reason":"account_suspended"},"message":"Your account is suspended. Contact your administrator.","status":"PERMISSION_DENIED"}})) (auth/internal-error).';
    expect(humanError({ code: "auth/internal-error", message: emulator }, true)).toBe(rn["reason.account_suspended"]);
  });

  it("names each refused field by its own label, with the problem in the officer's language", async () => {
    const fields: FormFields = {
      "familyContact.phone": control("Contact phone", "+123", "tel"),
      station: control("Station"),
      "subject.ageRange": control("Age from", "200", "number"),
    };
    const server = {
      code: "functions/invalid-argument",
      message: "Please check the form: … [400]",
      details: {
        reason: "invalid_input",
        issues: [
          {
            path: "familyContact.phone",
            code: "invalid_format",
            message: "phone: international format, e.g. +25779123456",
          },
          { path: "station", code: "too_small", message: "is required" },
          { path: "subject.ageRange.min", code: "too_big", message: "Too big: expected number to be <=120" },
        ],
      },
    };
    expect(humanError(server, true, "action", fields)).toBe(
      "Please check the form: Contact phone: international format, e.g. +25779123456; Station: is required; Age from: is too large",
    );
    await setLanguage("fr");
    const frFields: FormFields = { "familyContact.phone": control("Téléphone du contact", "+123", "tel") };
    const issue = {
      path: "familyContact.phone",
      code: "invalid_format",
      message: "phone: international format, e.g. +25779123456",
    };
    expect(humanError(new ClientValidationError("createCase", [issue]), true, "action", frFields)).toBe(
      "Vérifiez le formulaire : Téléphone du contact : format international, p. ex. +25779123456",
    );
  });

  it("an empty date and an empty note are required, not malformed nor too short, in the officer's language", async () => {
    await setLanguage("rn");
    const fields: FormFields = {
      "found.dateFound": control("Itariki yatoruweko", "", "date"),
      note: control("Icibutso"),
    };
    const issues = [
      { path: "found.dateFound", code: "invalid_format", message: "Invalid ISO date" },
      { path: "note", code: "too_small", message: "Too small: expected string to have >=1 characters" },
    ];
    expect(humanError(new ClientValidationError("updateCase", issues), true, "action", fields)).toBe(
      t("error.form", {
        detail: `Itariki yatoruweko: ${rn["issue.required"]}; Icibutso: ${rn["issue.required"]}`,
      }),
    );
  });

  it("an unreadable photo is said by its image code", async () => {
    const heic = {
      reason: "image_refused",
      image: "heic_unsupported",
      message: "HEIC/HEIF photos (iPhone default) cannot be read here; export the photo as JPEG.",
    };
    expect(
      humanError({ code: "functions/invalid-argument", message: `${heic.message} [400]`, details: heic }, true),
    ).toBe(heic.message);
    await setLanguage("fr");
    expect(
      humanError({ code: "functions/invalid-argument", message: `${heic.message} [400]`, details: heic }, true),
    ).toBe(fr["photo.reason.heic_unsupported"]);
  });

  it("a cancelled upload says so, and is no fault", async () => {
    expect(
      humanError(
        {
          code: "storage/canceled",
          message: "Firebase Storage: User canceled the upload/download. (storage/canceled)",
        },
        true,
      ),
    ).toBe(t("error.cancelled"));
  });
});
