// Sign in, sign up, and the state between sign-up and a verified email (sign-in is refused until
// the address is verified, so no session exists yet: the resend goes through a public callable).
import { describeFailure } from "@tora-face/client";
import { createUserWithEmailAndPassword, signInWithEmailAndPassword } from "firebase/auth";
import { auth, call } from "../firebase";
import { t } from "../i18n";
import { run } from "../ui/busy";
import { field, h, message } from "../ui/dom";

/** the blocking function refused the sign-in until the address is verified */
const needsVerification = (error: unknown): boolean => describeFailure(error, navigator.onLine).reason === "sign_in_unverified";

/** `sessionEnded`: the officer was signed out elsewhere (suspended, role changed): say so, signing in tells the rest */
export function authScreen(main: HTMLElement, mode: "signIn" | "signUp" = "signIn", sessionEnded = false): void {
  const email = h("input", { type: "email", name: "email", autocomplete: "email", required: true });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: mode === "signUp" ? "new-password" : "current-password",
    required: true,
    minLength: 8,
  });
  const out = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t(mode === "signIn" ? "auth.signIn" : "auth.signUp"));
  const form = h(
    "form",
    {
      class: "card narrow",
      on: {
        submit: (e) => {
          e.preventDefault();
          void run(submit, out, async () => {
            try {
              if (mode === "signUp") await createUserWithEmailAndPassword(auth, email.value, password.value);
              else await signInWithEmailAndPassword(auth, email.value, password.value);
            } catch (error) {
              if (!needsVerification(error)) throw error;
              // the account now exists but cannot sign in: send the first link at once
              if (mode === "signUp") await call("requestEmailVerification", { email: email.value }).catch(() => undefined);
              return verifyScreen(main, email.value);
            }
          });
        },
      },
    },
    h("h1", {}, t(mode === "signIn" ? "auth.signIn" : "auth.signUp")),
    h("p", { class: "muted" }, t("app.tagline")),
    sessionEnded ? message("info", t("auth.sessionEnded")) : null,
    field(t("auth.email"), email),
    field(t("auth.password"), password, t("auth.passwordHint")),
    submit,
    out,
    h(
      "button",
      { type: "button", class: "link", on: { click: () => authScreen(main, mode === "signIn" ? "signUp" : "signIn") } },
      t(mode === "signIn" ? "auth.noAccount" : "auth.haveAccount"),
    ),
  );
  main.replaceChildren(form, h("p", { class: "notice" }, t("app.notice")));
  email.focus();
}

export function verifyScreen(main: HTMLElement, email: string): void {
  const out = h("div", { "aria-live": "polite" });
  const resend = h("button", { type: "button" }, t("auth.verifyResend"));
  resend.addEventListener("click", () => {
    void run(resend, out, async () => {
      // the answer's sentence is the same for every address (it never tells whether an account exists): the portal says it in the officer's language
      await call("requestEmailVerification", { email });
      out.replaceChildren(message("success", t("auth.verifySent")));
    });
  });
  main.replaceChildren(
    h(
      "section",
      { class: "card narrow", "data-screen": "verify" },
      h("h1", {}, t("auth.verifyTitle")),
      h("p", {}, t("auth.verifyText", { email })),
      resend,
      out,
      h("button", { type: "button", class: "link", on: { click: () => authScreen(main) } }, t("auth.verifyBack")),
    ),
  );
  main.focus();
}
