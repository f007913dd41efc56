import type { Officer, OfficerStatus, Role, ToraClaims } from "../schemas/index.js";
import type { Updated } from "./updates.js";

/**
 * A change to an officer record, as a `Change` (ports/updates.ts); `approvedAdmins` is how many
 * approved administrators there are (counted up to 2), read in the same transaction, so that two
 * administrators demoting each other at once cannot leave none.
 */
type OfficerChange = (current: Officer | undefined, approvedAdmins: number) => Officer | undefined;

export interface OfficerStore {
  get(uid: string): Promise<Officer | undefined>;
  findByEmail(email: string): Promise<Officer | undefined>;
  /** writes a whole record (fixtures, the demo's accounts); a change is `update` */
  put(officer: Officer): Promise<void>;
  update(uid: string, change: OfficerChange): Promise<Updated<Officer>>;
  list(filter: { status?: OfficerStatus; role?: Role; limit: number }): Promise<Officer[]>;
}

/** Firebase Auth: the claims TORA FACE keeps, refresh tokens, lookup by email */
export interface IdentityProvider {
  getClaims(uid: string): Promise<ToraClaims>;
  /** merges into the user's existing custom claims; never drops claims it does not know */
  mergeClaims(uid: string, claims: ToraClaims): Promise<void>;
  revokeRefreshTokens(uid: string): Promise<void>;
  findUidByEmail(email: string): Promise<string | undefined>;
}

/** how long an e-mail to an officer is kept once queued (Firestore: a TTL policy on `mail.expireAt`; local mode: the sweep) */
export const MAIL_KEEP_HOURS = 24;

/** messages by e-mail to officers (where e-mail is configured: the Trigger Email extension) */
export interface Notifier {
  /** a short message to an officer: never a family's details, a photo or a name of the person sought */
  notifyOfficer(email: string, message: { subject: string; text: string }): Promise<void>;
}
