// No sign-in without a verified email; none for suspended officers.
import { beforeUserSignedIn } from "firebase-functions/identity";
import { HttpsError } from "firebase-functions/https";
import { signInRefusal } from "./sign-in-rules.js";

export const beforeSignedIn = beforeUserSignedIn((event) => {
  const refusal = signInRefusal({ emailVerified: event.data?.emailVerified ?? false, claims: event.data?.customClaims ?? {} });
  if (refusal) throw new HttpsError("permission-denied", refusal);
});
