// Which store a command writes to. An officer record must land where the functions read it —
// claims in Auth with the record elsewhere would leave an account whose token claims a role that
// no record stands behind. The functions read the local store only in local mode (Auth emulator,
// no Firestore emulator) and Firestore everywhere else; the default follows the same rule, and a
// combination that would split Auth from the record is refused.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../paths.js";

export type StoreTarget = "local" | "firebase";

export class TargetError extends Error {}

export function storeTarget(env: NodeJS.ProcessEnv, flags: { local?: boolean; firebase?: boolean }): StoreTarget {
  if (flags.local && flags.firebase) throw new TargetError("choose one of --local and --firebase");
  const authEmulated = Boolean(env.FIREBASE_AUTH_EMULATOR_HOST);
  const firestoreEmulated = Boolean(env.FIRESTORE_EMULATOR_HOST);
  if (flags.local) {
    if (!authEmulated)
      throw new TargetError(
        "--local writes the local store, which only the emulated functions read; with the real project's Auth that would set claims no record stands behind. Set FIREBASE_AUTH_EMULATOR_HOST (local mode), or use --firebase for a real project",
      );
    return "local";
  }
  if (!authEmulated && firestoreEmulated)
    throw new TargetError(
      "FIRESTORE_EMULATOR_HOST is set but FIREBASE_AUTH_EMULATOR_HOST is not: Auth and the officer record would live in different projects",
    );
  if (flags.firebase) {
    if (authEmulated && !firestoreEmulated)
      throw new TargetError(
        "--firebase with the Auth emulator but without the Firestore emulator would write the record to the real project: set FIRESTORE_EMULATOR_HOST too, or drop --firebase for local mode",
      );
    return "firebase";
  }
  return authEmulated && !firestoreEmulated ? "local" : "firebase";
}

/** the Admin SDK needs a project id for the emulators; the repo's .firebaserc names it */
export function defaultProjectForEmulators(env: NodeJS.ProcessEnv): void {
  if (env.GCLOUD_PROJECT || !(env.FIREBASE_AUTH_EMULATOR_HOST || env.FIRESTORE_EMULATOR_HOST)) return;
  try {
    const project = (
      JSON.parse(readFileSync(join(repoRoot, ".firebaserc"), "utf8")) as { projects?: { default?: string } }
    ).projects?.default;
    if (project) env.GCLOUD_PROJECT = project;
  } catch {
    // no .firebaserc: the Admin SDK explains what is missing
  }
}
