import type { Case, CaseKind, CaseStatus, Country, FaceDoc, Match, Photo } from "../schemas/index.js";
import type { Page, PageRequest } from "./paging.js";
import type { Change, Updated } from "./updates.js";
import type { VectorSpace } from "./faces.js";

export interface CaseFilter {
  country?: Country;
  status?: CaseStatus;
  kind?: CaseKind;
  /** the station's key (matching/name-search.ts stationKey) */
  stationKey?: string;
  /**
   * At most one of the two array conditions (Firestore answers one per query; a store refuses
   * both): the cases an officer is responsible for, or the cases holding any of these search keys
   * (at most 30: caseQuery).
   */
  officerUid?: string;
  anyKey?: string[];
}

export interface CaseStore {
  get(id: string): Promise<Case | undefined>;
  /** writes a whole new case (or a restored one); a change to a stored case is `update` */
  put(value: Case): Promise<void>;
  /** a change to the case's facts, atomically (ports/updates.ts); its status changes through CaseDecisions */
  update(id: string, change: Change<Case>): Promise<Updated<Case>>;
  /** the cases known by this external reference (file number), newest first */
  findByExternalRef(externalRef: string, country: Country | undefined, limit: number): Promise<Case[]>;
  /** newest first, every filter applied; the cursor is opaque (it continues after the last case returned) */
  list(filter: CaseFilter, page: { limit: number; cursor?: string }): Promise<{ cases: Case[]; nextCursor?: string }>;
  countByCountryAndStatus(): Promise<{ country: Country; status: CaseStatus; count: number }[]>;
  /** the purge's last step: its tombstone is written first */
  delete(id: string): Promise<void>;
  /** resolved or closed cases whose `retentionUntil` is at or before `before`, earliest first */
  listRetentionDue(before: string, page: PageRequest): Promise<Page<Case>>;
  /** open cases last changed before `before`, least recently changed first */
  listOpenInactive(before: string, page: PageRequest): Promise<Page<Case>>;
}

/** what decides whether new bytes may become a photo of the case, read in one transaction */
export interface PhotoClaimContext {
  /** undefined: no such case */
  case?: Case;
  /** the case's purge (a retention purge or an erasure) has started: nothing new may join it */
  purging: boolean;
  /** the record already under the requested photo id */
  sameId?: Photo;
  /** the case's photo of the same bytes (the case's uniqueness key on the sha256), under any id */
  sameBytes?: Photo;
}

/** a photo record and, in the same step, its searchable faces */
interface PhotoChange {
  photo: Photo;
  /**
   * the photo's faces after the write: every face of the photo is replaced (ingest, a choice of face,
   * a retraction), or only those of one vector space (a model migration, a template key rotation).
   * Faces carry the case's status as the transaction reads it.
   */
  faces?: { docs: FaceDoc[]; space?: VectorSpace };
}

/**
 * Photo records. A photo is evidence: its record is claimed before its bytes are stored, and the
 * record with its faces changes in one step, so an ingest, a retraction and a choice of face of one
 * photo never interleave.
 */
export interface PhotoStore {
  get(caseId: string, photoId: string): Promise<Photo | undefined>;
  /** writes a whole record as it is (fixtures, a restore), taking its bytes' place on the case; a change is `update` */
  put(photo: Photo): Promise<void>;
  /**
   * Claims a photo id for new bytes, atomically with what decides it (PhotoClaimContext): `decide`
   * returns the processing record to write — which takes the id and the bytes' place on the case —
   * or undefined to leave everything as it is; it may throw to refuse. Synchronous and pure, as a
   * `Change` is.
   */
  claim(
    caseId: string,
    photoId: string,
    sha256: string,
    decide: (context: PhotoClaimContext) => Photo | undefined,
  ): Promise<{ context: PhotoClaimContext; claimed?: Photo }>;
  /** reads the record and writes the record (and faces) `change` returns, atomically (ports/updates.ts) */
  update(caseId: string, photoId: string, change: Change<Photo, PhotoChange>): Promise<Updated<Photo>>;
  /** deletes the record, and frees its bytes' place on the case, when `when` holds of it; true when deleted */
  remove(caseId: string, photoId: string, when: (current: Photo) => boolean): Promise<boolean>;
  list(caseId: string): Promise<Photo[]>;
  countRejectedByReason(): Promise<{ code: string; count: number }[]>;
  /** photos still processing, last touched before `updatedBefore` (interrupted work), oldest first */
  listProcessing(updatedBefore: string, limit: number): Promise<Photo[]>;
  /** photos of every case with more than one indexed face (enrolled before one subject per photo) */
  listWithSeveralIndexedFaces(limit: number): Promise<Photo[]>;
  /** indexed photos of every case, oldest first (a model migration walks them) */
  listIndexed(page: PageRequest): Promise<Page<Photo>>;
  /** every photo record of the case (and the places of their bytes); returns how many there were */
  deleteForCase(caseId: string): Promise<number>;
}

/** the pair and its two cases as a confirmation writes them, with the other pairs of either case it changes */
interface PairDecision {
  pair: Match;
  cases: [Case, Case];
  /** other pairs of the two cases, as they are to be written (closed: resolved elsewhere) */
  others?: Match[];
}

/** at most this many other pairs change in a confirmation's transaction (Firestore: 500 writes a transaction) */
export const PAIR_DECISION_MAX_OTHERS = 400;

/**
 * The units of work that change a case's status, each one transaction: a case with its pairs (the
 * four-eyes rule reads who marked them), and a pair with its two cases and the other pairs of
 * either case (a confirmed reunification resolves both cases and closes their other pairs).
 * `decide` is synchronous and pure, as a `Change` is (ports/updates.ts).
 */
export interface CaseDecisions {
  /** reads the case and its pairs, writes the case `decide` returns */
  ofCase(
    caseId: string,
    decide: (current: Case | undefined, pairs: Match[]) => Case | undefined,
  ): Promise<Updated<Case>>;
  /**
   * reads the pair, its two cases (in the pair's order) and the other pairs of either case (each
   * once), writes what `decide` returns; `written` is it
   */
  ofPair(
    matchId: string,
    decide: (
      pair: Match | undefined,
      cases: [Case | undefined, Case | undefined],
      others: Match[],
    ) => PairDecision | undefined,
  ): Promise<{ written?: PairDecision }>;
}
