// The identities a deployment runs as and the roles each needs: the one home of this list (the
// preflight checks it, the deploy steps of docs/deploy.md grant it). The functions run as a dedicated
// account (RUNTIME_SERVICE_ACCOUNT), never as the default compute account, which new
// organisations no longer make an Editor — a deployment that worked only through Editor breaks there.

export const RUNTIME_SERVICE_ACCOUNT_ID = "tora-face-functions";

/** where a role is granted: on the project, on one bucket, or on the runtime account itself */
type RoleScope = "project" | "photo-bucket" | "runtime-account";

interface RoleNeed {
  role: string;
  on: RoleScope;
  why: string;
}

/** the runtime account's roles (a role granted on the project also serves a bucket or the account) */
export const RUNTIME_ROLES: readonly RoleNeed[] = [
  {
    role: "roles/datastore.user",
    on: "project",
    why: "reads and writes Firestore: officers, cases, faces, matches, audit",
  },
  {
    role: "roles/storage.objectAdmin",
    on: "photo-bucket",
    why: "reads, writes and deletes case photos and search photos",
  },
  {
    role: "roles/firebaseauth.admin",
    on: "project",
    why: "sets officers' custom claims, revokes their sessions, finds accounts",
  },
  { role: "roles/cloudtasks.enqueuer", on: "project", why: "enqueues the steps of a face model migration" },
  {
    role: "roles/iam.serviceAccountUser",
    on: "runtime-account",
    why: "Cloud Tasks calls each migration step as this account (actAs)",
  },
  {
    role: "roles/run.invoker",
    on: "project",
    why: "Cloud Tasks, Cloud Scheduler and Eventarc call the functions as this account",
  },
  {
    role: "roles/eventarc.eventReceiver",
    on: "project",
    why: "receives the Storage and Firestore events (a photo uploaded, a photo record written)",
  },
  {
    role: "roles/datastore.importExportAdmin",
    on: "project",
    why: "starts the nightly Firestore export and reads its state",
  },
  { role: "roles/aiplatform.user", on: "project", why: "drafts missing-person appeals with Gemini on Vertex AI" },
];

/** Google's own agents that need a role the deploy does not always grant */
export const SERVICE_AGENT_ROLES = [
  {
    agent: (projectNumber: string) => `service-${projectNumber}@gcp-sa-firebasestorage.iam.gserviceaccount.com`,
    name: "Cloud Storage for Firebase service agent",
    role: "roles/firebaserules.firestoreServiceAgent",
    why: "storage.rules read the case (firestore.get) before accepting a photo; an interactive deploy offers this grant, a non-interactive one skips it and every upload is refused",
  },
] as const;

/** NAME@ (the functions' parameter form) or a full address → the account's e-mail address */
export function serviceAccountEmail(value: string, projectId: string): string {
  return value.endsWith("@") ? `${value}${projectId}.iam.gserviceaccount.com` : value;
}

/** the gcloud command that grants a role, for the preflight's advice and docs/deploy.md */
export function grantCommand(need: RoleNeed, account: string, projectId: string, photoBucket: string): string {
  const member = `serviceAccount:${account}`;
  switch (need.on) {
    case "project":
      return `gcloud projects add-iam-policy-binding ${projectId} --member=${member} --role=${need.role}`;
    case "photo-bucket":
      return `gcloud storage buckets add-iam-policy-binding gs://${photoBucket} --member=${member} --role=${need.role}`;
    case "runtime-account":
      return `gcloud iam service-accounts add-iam-policy-binding ${account} --member=${member} --role=${need.role}`;
  }
}
