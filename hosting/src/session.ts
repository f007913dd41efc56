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
export const frameOf = (s: Session | undefined): Frame => (s ? { signedIn: true, ...(s.profile.officer ? { status: s.profile.officer.status, role: s.profile.officer.role } : {}) } : { signedIn: false });
