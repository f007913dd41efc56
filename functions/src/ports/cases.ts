import type { Case, CaseKind, CaseStatus, Country, Photo } from "../schemas/index.js";
import type { Page, PageRequest } from "./paging.js";

export interface CaseFilter {
  country?: Country;
  status?: CaseStatus;
  kind?: CaseKind;
}

export interface CaseStore {
  get(id: string): Promise<Case | undefined>;
  put(value: Case): Promise<void>;
  /** the cases known by this external reference (file number), newest first */
  findByExternalRef(externalRef: string, country: Country | undefined, limit: number): Promise<Case[]>;
  /** newest first; the cursor is opaque */
  list(filter: CaseFilter, page: { limit: number; cursor?: string }): Promise<{ cases: Case[]; nextCursor?: string }>;
  countByCountryAndStatus(): Promise<{ country: Country; status: CaseStatus; count: number }[]>;
  /** the purge's last step: its tombstone is written first */
  delete(id: string): Promise<void>;
  /** resolved or closed cases whose `retentionUntil` is at or before `before`, earliest first */
  listRetentionDue(before: string, page: PageRequest): Promise<Page<Case>>;
  /** open cases last changed before `before`, least recently changed first */
  listOpenInactive(before: string, page: PageRequest): Promise<Page<Case>>;
}

export interface PhotoStore {
  get(caseId: string, photoId: string): Promise<Photo | undefined>;
  put(photo: Photo): Promise<void>;
  list(caseId: string): Promise<Photo[]>;
  countRejectedByReason(): Promise<{ code: string; count: number }[]>;
  /** photos still processing, last touched before `updatedBefore` (interrupted work), oldest first */
  listProcessing(updatedBefore: string, limit: number): Promise<Photo[]>;
  /** photos of every case with more than one indexed face (enrolled before one subject per photo) */
  listWithSeveralIndexedFaces(limit: number): Promise<Photo[]>;
  /** indexed photos of every case, oldest first (a model migration walks them) */
  listIndexed(page: PageRequest): Promise<Page<Photo>>;
  /** every photo record of the case; returns how many there were */
  deleteForCase(caseId: string): Promise<number>;
}
