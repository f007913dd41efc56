// Sign in, sign up, and verifying the e-mail address. An account with an unverified address signs
// in to the verification screen and nothing else: every callable but getMyProfile and the security
// rules refuse a token without a verified address. The link comes from Firebase Auth's own e-mail
// (sendEmailVerification needs the signed-in user), so no mail extension or server mailer is needed.
import {
  createUserWithEmailAndPassword,
  reload,
  sendEmailVerification,
  signInWithEmailAndPassword,
  signOut,
  type User,
} from "firebase/auth";
import { appCheckStarted, auth } from "../firebase";
import { t } from "../i18n";
import { forgetFrame } from "../session";
import { run } from "../ui/busy";
import { field, h, message } from "../ui/dom";

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
            await appCheckStarted();
            // the signed-in user is shown the next screen by main.ts: the verification screen while the address is unverified
            if (mode === "signUp") await createUserWithEmailAndPassword(auth, email.value, password.value);
            else await signInWithEmailAndPassword(auth, email.value, password.value);
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

/** the link in the e-mail brings the officer back to the portal */
const sendLink = (user: User) => sendEmailVerification(user, { url: `${location.origin}/` });

/** the first link goes out when this browser first shows the screen for the account (at sign-up); later ones on request */
const SENT_KEY = (uid: string) => `tora-face-verification-sent:${uid}`;

/** `verified`: called once the address is verified and the token says so */
export function verifyScreen(main: HTMLElement, user: User, verified: () => Promise<void>): void {
  const email = user.email ?? "";
  const out = h("div", { "aria-live": "polite" });
  const send = async () => {
    await appCheckStarted();
    await sendLink(user);
    localStorage.setItem(SENT_KEY(user.uid), new Date().toISOString());
    out.replaceChildren(message("success", t("auth.verifySent", { email })));
  };
  const resend = h("button", { type: "button", class: "secondary" }, t("auth.verifyResend"));
  resend.addEventListener("click", () => void run(resend, out, send));
  const done = h("button", { type: "button" }, t("auth.verifyDone"));
  done.addEventListener("click", () => {
    void run(done, out, async () => {
      await appCheckStarted();
      await reload(user);
      if (!user.emailVerified) return out.replaceChildren(message("info", t("auth.verifyNotYet")));
      // a new token carries email_verified: the callables and the rules read it there
      await user.getIdToken(true);
      await verified();
    });
  });
  const back = h("button", { type: "button", class: "link" }, t("auth.verifyBack"));
  back.addEventListener("click", () => {
    forgetFrame();
    void signOut(auth);
  });
  main.replaceChildren(
    h(
      "section",
      { class: "card narrow", "data-screen": "verify" },
      h("h1", {}, t("auth.verifyTitle")),
      h("p", {}, t("auth.verifyText", { email })),
      h("div", { class: "row" }, done, resend),
      out,
      back,
    ),
  );
  main.focus();
  if (!localStorage.getItem(SENT_KEY(user.uid))) void run(undefined, out, send);
}
