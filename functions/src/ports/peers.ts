// Cross-border search: the records each side keeps of its requests, pairs and standing agreements,
// the allow-list of the other deployments it talks to, the ledger of messages it received (a
// replay is refused), and the link itself — one port with two adapters: HTTPS between two Firebase
// projects (adapters/firebase/peer-https.ts), and in-process for one deployment or local mode
// (adapters/local/peer-local.ts).
import type {
  Agreement,
  Country,
  CrossBorderPair,
  ErrorParams,
  ErrorReason,
  PeerMessageKind,
  PeerPayload,
  PeerRecord,
  PeerReply,
  ReceivedRequest,
  SentRequest,
} from "../schemas/index.js";
import type { Change, Updated } from "./updates.js";

export interface CursorPage<T> {
  items: T[];
  nextCursor?: string;
}

/** the requests this side sent: its own records (its case, what it sent, what came back) */
export interface SentRequestStore {
  get(id: string): Promise<SentRequest | undefined>;
  /** writes a new request; false when one with its id exists */
  create(request: SentRequest): Promise<boolean>;
  update(id: string, change: Change<SentRequest>): Promise<Updated<SentRequest>>;
  /** newest first: the requests of a country, or of one case */
  list(
    filter: { from: Country; caseId?: string },
    page: { limit: number; cursor?: string },
  ): Promise<CursorPage<SentRequest>>;
  /** pending requests whose expiry is at or before `before`, earliest first */
  listExpired(before: string, limit: number): Promise<SentRequest[]>;
}

/** the requests other countries sent to this side: kept while they wait and, approved, until they expire */
export interface ReceivedRequestStore {
  get(id: string): Promise<ReceivedRequest | undefined>;
  /** writes a new request; false when one with its id exists (a message sent again) */
  create(request: ReceivedRequest): Promise<boolean>;
  update(id: string, change: Change<ReceivedRequest>): Promise<Updated<ReceivedRequest>>;
  /** deletes it when `when` holds of it, atomically (a decision meanwhile keeps it); true when deleted */
  remove(id: string, when: (current: ReceivedRequest) => boolean): Promise<boolean>;
  /** newest first: the requests to a country */
  list(filter: { to: Country }, page: { limit: number; cursor?: string }): Promise<CursorPage<ReceivedRequest>>;
  /** requests whose expiry is at or before `before`, earliest first */
  listExpired(before: string, limit: number): Promise<ReceivedRequest[]>;
}

/** this side's halves of cross-border pairs (`{pairId}_{country}`) */
export interface CrossBorderPairStore {
  get(id: string): Promise<CrossBorderPair | undefined>;
  /** the read-modify-write of ports/updates.ts (creating a half too: `change` answers it when absent) */
  update(id: string, change: Change<CrossBorderPair>): Promise<Updated<CrossBorderPair>>;
  /** the halves of one of this side's cases */
  listForCase(caseId: string): Promise<CrossBorderPair[]>;
  /** newest first: the halves of a country */
  list(filter: { country: Country }, limit: number): Promise<CrossBorderPair[]>;
  /** deletes the halves of a case (a purge or an erasure); returns how many */
  deleteForCase(caseId: string): Promise<number>;
}

/** standing agreements between the two countries, as this side keeps its copy */
export interface AgreementStore {
  get(id: string): Promise<Agreement | undefined>;
  update(id: string, change: Change<Agreement>): Promise<Updated<Agreement>>;
  /** newest first */
  list(limit: number): Promise<Agreement[]>;
}

/** the allow-list: the other deployments this one talks to, set by the operator */
export interface PeerDirectory {
  get(country: Country): Promise<PeerRecord | undefined>;
  list(): Promise<PeerRecord[]>;
  put(record: PeerRecord): Promise<void>;
  remove(country: Country): Promise<boolean>;
}

/** the ids of the messages this side received, each kept until a replay of it would be too old anyway */
export interface PeerLedger {
  /** records the id, create-only: false when it was recorded already (a replay) */
  record(id: string, keepUntil: string): Promise<boolean>;
  /** forgets ids kept until before `before`; returns how many */
  sweep(before: string): Promise<number>;
}

/** the other side's answer to a message: its reply, or the reason it refused (a reason of the catalogue) */
export type PeerResult<K extends PeerMessageKind> =
  { ok: true; reply: PeerReply<K> } | { ok: false; reason: ErrorReason; params?: ErrorParams };

/** a message for another country's deployment */
export interface PeerMessage<K extends PeerMessageKind> {
  kind: K;
  /** the country this side sends for: one it holds */
  from: Country;
  to: Country;
  payload: PeerPayload<K>;
}

/**
 * The link to the other countries' deployments. Answers the other side's reply or refusal (no link
 * to that country is a refusal too: peer_not_configured); throws when the other side cannot be
 * reached or answers outside the protocol.
 */
export interface PeerLink {
  send<K extends PeerMessageKind>(message: PeerMessage<K>): Promise<PeerResult<K>>;
}

/** everything cross-border, as one port bag (Deps.crossBorder) */
export interface CrossBorderPorts {
  /** the countries whose records this deployment holds: one (two deployments) or both (one shared deployment) */
  countries: Country[];
  sent: SentRequestStore;
  received: ReceivedRequestStore;
  pairs: CrossBorderPairStore;
  agreements: AgreementStore;
  peers: PeerDirectory;
  ledger: PeerLedger;
  link: PeerLink;
}
