// What the preflight knows about a deployment: facts of the Google Cloud project (read with the
// caller's credentials; ProjectFacts) and facts of this checkout (LocalFacts). The checks are pure
// functions of both, so a test gives them a project that lacks one prerequisite at a time.

/** a fact the caller's credentials (or the network) could not read: the check says so, and what to look at */
export class FactUnavailable extends Error {}

export interface IamBinding {
  role: string;
  members: string[];
}

interface AuthConfig {
  /** upgraded to Firebase Authentication with Identity Platform (blocking functions need it) */
  identityPlatform: boolean;
  emailPasswordEnabled: boolean;
  authorizedDomains: string[];
}

export interface ProjectFacts {
  projectNumber(): Promise<string>;
  /** the (default) Firestore database's location, or undefined when there is none */
  firestoreLocation(): Promise<string | undefined>;
  /** a bucket's location, or undefined when the bucket does not exist */
  bucketLocation(bucket: string): Promise<string | undefined>;
  authConfig(): Promise<AuthConfig>;
  /** the secret exists with an enabled version */
  secretHasVersion(name: string): Promise<boolean>;
  serviceAccountExists(email: string): Promise<boolean>;
  projectPolicy(): Promise<IamBinding[]>;
  bucketPolicy(bucket: string): Promise<IamBinding[]>;
  serviceAccountPolicy(email: string): Promise<IamBinding[]>;
  /** the reCAPTCHA Enterprise site key App Check knows for this web app, or undefined */
  appCheckSiteKey(appId: string): Promise<string | undefined>;
  /** App Check enforced on Cloud Storage (direct uploads from the portal and the apps) */
  storageAppCheckEnforced(): Promise<boolean>;
  /** the installed extensions' references, e.g. "firebase/firestore-send-email" */
  installedExtensions(): Promise<string[]>;
}

export interface DeclaredParam {
  name: string;
  secret: boolean;
  /** the default as the deploy sees it: a value, or an expression such as "{{ params.STORAGE_BUCKET }}" */
  default?: string | number | boolean | string[];
}

/** what the portal in hosting/dist was built for (scripts/portal-build.mjs) */
interface PortalBuildFacts {
  /** why hosting/dist must not be deployed to this project, or undefined */
  refusal?: string;
  storageBucket?: string;
  functionsRegion?: string;
  appId?: string;
  recaptchaSiteKey?: string | null;
}

export interface LocalFacts {
  /** each model file missing or not the manifest's */
  modelProblems: string[];
  /** what is wrong with functions/package-lock.json */
  lockProblems: string[];
  /** the parameters and secrets the functions declare (config.ts) */
  params: DeclaredParam[];
  /** functions/.env and functions/.env.<project>, as the deploy reads them */
  env: Record<string, string>;
  portal: PortalBuildFacts;
  /** the buckets of the Storage deploy target "photos" for this project (.firebaserc) */
  photoTarget: string[];
}
