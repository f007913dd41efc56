// Officers' accounts: registration, approval, roles, suspension; the Auth blocking functions that
// give new accounts their starting claims and refuse sign-in to unverified or suspended users.
import { HttpsError } from "firebase-functions/https";
import { beforeUserCreated, beforeUserSignedIn } from "firebase-functions/identity";
import { signInRefusal, startingClaims } from "../services/actor.js";
import {
  approveOfficer as approve,
  getMyProfile as myProfile,
  listOfficers as list,
  registerOfficer as register,
  reinstateOfficer as reinstate,
  rejectOfficer as reject,
  setOfficerRole as setRole,
  setOfficerSearchBudget as setSearchBudget,
  suspendOfficer as suspend,
} from "../services/officers.js";
import { callable } from "./callable.js";
import { SIGN_IN_FUNCTION_OPTIONS } from "./function-options.js";

export const registerOfficer = callable("registerOfficer", register);
export const getMyProfile = callable("getMyProfile", myProfile);
export const listOfficers = callable("listOfficers", list);
export const approveOfficer = callable("approveOfficer", approve);
export const rejectOfficer = callable("rejectOfficer", reject);
export const setOfficerRole = callable("setOfficerRole", setRole);
export const setOfficerSearchBudget = callable("setOfficerSearchBudget", setSearchBudget);
export const suspendOfficer = callable("suspendOfficer", suspend);
export const reinstateOfficer = callable("reinstateOfficer", reinstate);

export const beforeCreated = beforeUserCreated(SIGN_IN_FUNCTION_OPTIONS, () => ({ customClaims: startingClaims() }));

export const beforeSignedIn = beforeUserSignedIn(SIGN_IN_FUNCTION_OPTIONS, (event) => {
  const refusal = signInRefusal({ claims: event.data?.customClaims ?? {} });
  if (refusal) throw new HttpsError(refusal.code, refusal.message, refusal.details);
});
