// Who is using the portal, and what they may see.
import type { CallableOutput } from "@schemas";

export type Profile = CallableOutput<"getMyProfile">;

export interface Session {
  email: string;
  profile: Profile;
}

export const isApproved = (s: Session): boolean => s.profile.officer?.status === "approved";
export const isAdmin = (s: Session): boolean => isApproved(s) && s.profile.officer?.role === "admin";
