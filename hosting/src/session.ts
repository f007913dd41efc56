// Who is using the portal, and what they may see.
import type { CallableOutput, OfficerStatus, Role } from "@tora-face/client";

export type Profile = CallableOutput<"getMyProfile">;

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
export const frameOf = (s: Session | undefined): Frame =>
  s ? { signedIn: true, ...(s.profile.officer ? { status: s.profile.officer.status, role: s.profile.officer.role } : {}) } : { signedIn: false };

/** the menu this device last showed the user: role and status only, to draw the frame while the backend is unreachable */
const FRAME_KEY = "tora-face-frame";

export function rememberFrame(uid: string, frame: Frame): void {
  localStorage.setItem(FRAME_KEY, JSON.stringify({ uid, ...frame }));
}

export function rememberedFrame(uid: string): Frame | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(FRAME_KEY) ?? "null") as (Frame & { uid: string }) | null;
    return saved?.uid === uid ? { signedIn: true, ...(saved.status ? { status: saved.status } : {}), ...(saved.role ? { role: saved.role } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Forgets the frame; true when one was remembered. Signing out forgets it first, so a remembered
 * frame without a signed-in user means the session was ended elsewhere (suspension or a role
 * change signs the officer out on every device).
 */
export function forgetFrame(): boolean {
  const remembered = localStorage.getItem(FRAME_KEY) !== null;
  localStorage.removeItem(FRAME_KEY);
  return remembered;
}
