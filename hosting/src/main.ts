// The portal: who is signed in decides the screen; the hash decides the page.
import { onAuthStateChanged, signOut, type User } from "firebase/auth";
import { tokenClaimsStale } from "@tora-face/client";
import { auth, call } from "./firebase";
import { initLanguage, language, t } from "./i18n";
import { authScreen, verifyScreen } from "./screens/auth";
import { auditScreen, officersScreen, statsScreen } from "./screens/admin";
import { appealScreen } from "./screens/appeals";
import { caseDetailScreen } from "./screens/case-detail";
import { casesScreen, editCaseScreen, newCaseScreen } from "./screens/cases";
import { matchesScreen, matchScreen } from "./screens/matches";
import { notificationsScreen } from "./screens/notifications";
import { evidenceScreen } from "./screens/evidence";
import { erasureScreen, modelScreen } from "./screens/operations";
import { registrationScreen, waitingScreen } from "./screens/registration";
import { historyScreen, searchScreen } from "./screens/search";
import { clipSearchScreen } from "./screens/clip-search";
import { crossBorderInboxScreen, crossBorderPairScreen } from "./screens/cross-border";
import { draftScreen, draftsScreen } from "./screens/drafts";
import { endDrafts, offlineProfile, setBackendUnreachable, startDrafts } from "./offline/drafts";
import { offlineScreen, registerServiceWorker } from "./offline/offline-shell";
import {
  frameOf,
  isAdmin,
  isApproved,
  isSupervisor,
  rememberedFrame,
  rememberFrame,
  markSessionEnded,
  sessionEndedElsewhere,
  sessionStarted,
  type Frame,
  type Session,
} from "./session";
import { failureMessage } from "./ui/busy";
import { h, message } from "./ui/dom";
import { renderHeader, unreachableScreen } from "./ui/shell";

const header = document.getElementById("top")!;
const main = document.getElementById("main")!;
let user: User | null = null;
let session: Session | undefined;
/** the profile could not be loaded: the frame is drawn from the token's claims until a retry succeeds */
let unreachable: { error: unknown; frame: Frame } | undefined;
/** signed out without pressing "Sign out": the sign-in screen says the session ended */
let sessionEnded = false;
/** the portal opened without network: the session remembered with this officer's drafts (drafting only) */
let offline: Session | undefined;
/** drafts deleted because the session ended: said once on the next screen */
let wipedDrafts = 0;

const languageReady = initLanguage(localStorage, navigator.languages);

function applyLanguage(): void {
  document.documentElement.lang = language();
  document.title = t("app.title");
  const skip = document.querySelector<HTMLAnchorElement>("a.skip");
  if (skip) skip.textContent = t("common.skip");
}

/** without a remembered frame, the token's claims (a cache too, possibly older); the server decides every right */
async function claimsFrame(current: User): Promise<Frame> {
  const claims = (await current.getIdTokenResult().catch(() => undefined))?.claims ?? {};
  const frame: Frame = { signedIn: true };
  if (
    claims.status === "approved" ||
    claims.status === "pending" ||
    claims.status === "rejected" ||
    claims.status === "suspended"
  )
    frame.status = claims.status;
  if (claims.role === "officer" || claims.role === "supervisor" || claims.role === "admin") frame.role = claims.role;
  return frame;
}

/** the account was suspended while drafts were being sent: the profile says so, and the drafts go */
const suspendedNow = (): void => void reload();

async function loadSession(): Promise<void> {
  unreachable = undefined;
  session = undefined;
  offline = undefined;
  if (!user) {
    sessionEnded = sessionEndedElsewhere();
    // a draft belongs to the session that made it
    wipedDrafts += await endDrafts().catch(() => 0);
    return;
  }
  sessionEnded = false;
  sessionStarted();
  // an unverified address has nothing to load: the verification screen is all it may see
  if (!user.emailVerified) return;
  try {
    const profile = await call("getMyProfile", {});
    if (profile.officer?.status === "suspended") return await endSuspendedSession();
    // claims changed by an approval or a role change reach the token now, not within the hour (storage.rules read them)
    if (tokenClaimsStale((await user.getIdTokenResult()).claims, profile)) await user.getIdToken(true);
    session = { uid: user.uid, email: user.email ?? "", profile };
    rememberFrame(user.uid, frameOf(session));
  } catch (error) {
    unreachable = { error, frame: rememberedFrame(user.uid) ?? (await claimsFrame(user)) };
    const profile = unreachable.frame.status === "approved" ? await offlineProfile(user.uid) : undefined;
    if (profile) offline = { uid: user.uid, email: user.email ?? "", profile };
  }
  setBackendUnreachable(!!unreachable);
  const status = (session ?? offline)?.profile.officer?.status;
  if (status === "approved") await startDrafts(user.uid, session?.profile, suspendedNow).catch(() => undefined);
  else if (session) wipedDrafts += await endDrafts().catch(() => 0);
}

/**
 * A suspension ends the session on every device. Production refuses the token's refresh once the
 * refresh tokens are revoked, but a token already issued is honoured for up to an hour: the record
 * says so first, and this phone does not wait. Drafts go with the session; the sign-in screen says
 * why, and signing in again tells the officer they are suspended.
 */
async function endSuspendedSession(): Promise<void> {
  wipedDrafts += await endDrafts().catch(() => 0);
  markSessionEnded();
  sessionEnded = true;
  await signOut(auth);
}

const reload = async (): Promise<void> => {
  await Promise.all([loadSession(), languageReady]);
  await route();
};

async function route(): Promise<void> {
  applyLanguage();
  const unverified = user !== null && !user.emailVerified;
  renderHeader(header, unreachable?.frame ?? (unverified ? { signedIn: true } : frameOf(session)), () => void route());
  await routeTo(unverified);
  if (wipedDrafts) main.prepend(message("info", t("drafts.wiped", { count: wipedDrafts })));
  wipedDrafts = 0;
}

async function routeTo(unverified: boolean): Promise<void> {
  if (unreachable && offline) return offlineScreen(main, offline, unreachable.error, () => void reload());
  if (unreachable) return unreachableScreen(main, unreachable.error, () => void reload());
  if (user && unverified) return verifyScreen(main, user, reload);
  if (!user || !session) return authScreen(main, "signIn", sessionEnded);
  const officer = session.profile.officer;
  if (!officer) return registrationScreen(main, () => void reload());
  if (!isApproved(session)) return waitingScreen(main, officer.status, reload);
  const [, section, id, part] = location.hash.split("/");
  // each page draws into its own view: a page that answers after the officer has moved on (a slow
  // network) draws into a view no longer shown, never over the page they went to
  const view = h("div", { class: "view" });
  main.replaceChildren(view);
  try {
    if (section === "cases" && id === "new") return await newCaseScreen(view, session);
    if (section === "cases" && id && part === "appeal") return await appealScreen(view, id);
    if (section === "cases" && id && part === "edit") return await editCaseScreen(view, session, id);
    if (section === "cases" && id) return await caseDetailScreen(view, id);
    if (section === "matches" && id && part === "evidence") return await evidenceScreen(view, id);
    if (section === "matches" && id) return await matchScreen(view, session, id);
    if (section === "matches") return await matchesScreen(view, session);
    if (section === "notifications") return await notificationsScreen(view);
    if (section === "search" && id === "clip") return await clipSearchScreen(view);
    if (section === "search") return searchScreen(view);
    if (section === "drafts" && id) return await draftScreen(view, id);
    if (section === "drafts") return await draftsScreen(view);
    if (section === "history") return await historyScreen(view);
    if (section === "cross-border" && id === "pairs" && part) return await crossBorderPairScreen(view, part);
    if (section === "cross-border" && isSupervisor(session)) return await crossBorderInboxScreen(view, session);
    if (section === "admin" && isAdmin(session)) {
      if (id === "officers") return await officersScreen(view, session);
      if (id === "audit") return await auditScreen(view);
      if (id === "stats") return await statsScreen(view);
      if (id === "erasure") return await erasureScreen(view, session);
      if (id === "model") return await modelScreen(view);
    }
    if (section !== "cases") {
      location.hash = "#/cases";
      return;
    }
    await casesScreen(view, session);
  } finally {
    main.focus({ preventScroll: true });
  }
}

window.addEventListener("hashchange", () => void route());
// back online after a failed load: try again without waiting for a tap
window.addEventListener("online", () => {
  if (!unreachable) return;
  // a form being typed stays as it is (its own buttons work again); any other page is drawn anew
  if (offline && location.hash.startsWith("#/cases/new"))
    void loadSession().then(() => renderHeader(header, unreachable?.frame ?? frameOf(session), () => void route()));
  else void reload();
});
registerServiceWorker();
onAuthStateChanged(auth, (next) => {
  user = next;
  void reload().catch((error: unknown) => main.replaceChildren(failureMessage(error, "load", () => void reload())));
});
