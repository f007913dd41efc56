// Every new account starts as a pending officer; an admin approves it after checking the badge.
import { beforeUserCreated } from "firebase-functions/identity";
import { startingClaims } from "./sign-in-rules.js";

export const beforeCreated = beforeUserCreated(() => ({ customClaims: startingClaims() }));
