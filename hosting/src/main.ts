// The portal: who is signed in decides the screen; the hash decides the page.
import { onAuthStateChanged, type User } from "firebase/auth";
import { humanError } from "./api/errors";
import { auth, call } from "./firebase";
import { initLanguage, language, t } from "./i18n";
import { authScreen } from "./screens/auth";
import { auditScreen, officersScreen, statsScreen } from "./screens/admin";
import { caseDetailScreen, casesScreen, newCaseScreen } from "./screens/cases";
import { registrationScreen, waitingScreen } from "./screens/registration";
import { historyScreen, searchScreen } from "./screens/search";
import { isAdmin, isApproved, type Session } from "./session";
import { message } from "./ui/dom";
import { renderHeader } from "./ui/shell";

const header = document.getElementById("top")!;
const main = document.getElementById("main")!;
let user: User | null = null;
let session: Session | undefined;

initLanguage(localStorage, navigator.languages);

function applyLanguage(): void {
  document.documentElement.lang = language();
  document.title = t("app.title");
  const skip = document.querySelector<HTMLAnchorElement>("a.skip");
  if (skip) skip.textContent = t("common.skip");
}

async function loadSession(): Promise<void> {
  session = user ? { email: user.email ?? "", profile: await call("getMyProfile", {}) } : undefined;
}

async function route(): Promise<void> {
  applyLanguage();
  renderHeader(header, session, () => void route());
  if (!user || !session) return authScreen(main);
  const officer = session.profile.officer;
  if (!officer) return registrationScreen(main, () => void loadSession().then(route));
  if (!isApproved(session)) return waitingScreen(main, officer.status);
  const [, section, id] = location.hash.split("/");
  try {
    if (section === "cases" && id === "new") return newCaseScreen(main, session);
    if (section === "cases" && id) return await caseDetailScreen(main, id);
    if (section === "search") return searchScreen(main);
    if (section === "history") return await historyScreen(main);
    if (section === "admin" && isAdmin(session)) {
      if (id === "officers") return await officersScreen(main);
      if (id === "audit") return await auditScreen(main);
      if (id === "stats") return await statsScreen(main);
    }
    if (section !== "cases") {
      location.hash = "#/cases";
      return;
    }
    await casesScreen(main, session);
  } finally {
    main.focus({ preventScroll: true });
  }
}

window.addEventListener("hashchange", () => void route());
onAuthStateChanged(auth, (next) => {
  user = next;
  void loadSession()
    .then(route)
    .catch((error: unknown) => main.replaceChildren(message("error", humanError(error, t))));
});
