// Who is using the portal, and what they may see.
import type { CallableOutput, OfficerStatus, Role } from "@tora-face/client";

type Profile = CallableOutput<"getMyProfile">;

export interface Session {
  uid: string;
  email: string;
  profile: Profile;
}

/** what the frame (menu, language, sign-out) needs: from the profile, or from the token's claims while the backend is unreachable */
export interface Frame {
  signedIn: boolean;
  status?: OfficerStatus;
  role?: Role;
}

export const isApproved = (s: Session): boolean => s.profile.officer?.status === "approved";
export const isAdmin = (s: Session): boolean => isApproved(s) && s.profile.officer?.role === "admin";
/** a supervisor or an administrator: who decides the other country's requests */
export const isSupervisor = (s: Session): boolean =>
  isApproved(s) && (s.profile.officer?.role === "supervisor" || s.profile.officer?.role === "admin");
export const frameOf = (s: Session | undefined): Frame =>
  s
    ? {
        signedIn: true,
        ...(s.profile.officer ? { status: s.profile.officer.status, role: s.profile.officer.role } : {}),
      }
    : { signedIn: false };

/** the menu this device last showed the user: role and status only, to draw the frame while the backend is unreachable */
const FRAME_KEY = "tora-face-frame";

export function rememberFrame(uid: string, frame: Frame): void {
  localStorage.setItem(FRAME_KEY, JSON.stringify({ uid, ...frame }));
}

export function rememberedFrame(uid: string): Frame | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(FRAME_KEY) ?? "null") as (Frame & { uid: string }) | null;
    return saved?.uid === uid
      ? {
          signedIn: true,
          ...(saved.status ? { status: saved.status } : {}),
          ...(saved.role ? { role: saved.role } : {}),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** kept until the next sign-in, so that a reload still says why the officer is on the sign-in screen */
const ENDED_KEY = "tora-face-session-ended";

/** signing out on purpose: the frame goes, and the next sign-in screen says nothing about an ended session */
export function forgetFrame(): void {
  localStorage.removeItem(FRAME_KEY);
  localStorage.removeItem(ENDED_KEY);
}

/**
 * No signed-in user: true when the session was ended elsewhere (suspension or a role change signs
 * the officer out on every device). Signing out forgets the frame first, so a frame still
 * remembered means it was not the officer's own doing; that stays known across reloads until the
 * next sign-in.
 */
export function sessionEndedElsewhere(): boolean {
  if (localStorage.getItem(FRAME_KEY) !== null) localStorage.setItem(ENDED_KEY, "1");
  localStorage.removeItem(FRAME_KEY);
  return localStorage.getItem(ENDED_KEY) !== null;
}

/** the session is ended by what the officer record says (a suspension): the next sign-in screen says so */
export function markSessionEnded(): void {
  localStorage.setItem(ENDED_KEY, "1");
}

/** a user is signed in again: an ended session is no longer news */
export function sessionStarted(): void {
  localStorage.removeItem(ENDED_KEY);
}
