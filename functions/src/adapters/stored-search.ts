// Search history is stored with `user_uid`, the field name of the original TORA FACE guide (the
// security rules and existing exports read it); the domain calls it `userUid`. The stored entry
// also lists every case it names (`caseIds`), so that a case's purge finds them with one query.
import type { SearchHistoryEntry } from "../schemas/index.js";

export type StoredSearchHistoryEntry = Omit<SearchHistoryEntry, "userUid"> & { user_uid: string; caseIds?: string[] };

function casesNamedBy(entry: Pick<SearchHistoryEntry, "purpose" | "faces" | "outcomes">): string[] {
  const ids = new Set<string>();
  if ("caseId" in entry.purpose) ids.add(entry.purpose.caseId);
  for (const face of entry.faces) for (const c of face.candidates) ids.add(c.caseId);
  for (const o of entry.outcomes) ids.add(o.caseId);
  return [...ids].sort();
}

export function toStoredSearch({ userUid, ...rest }: SearchHistoryEntry): StoredSearchHistoryEntry {
  return { ...rest, user_uid: userUid, caseIds: casesNamedBy(rest) };
}

export function fromStoredSearch({
  user_uid,
  caseIds: _caseIds,
  ...rest
}: StoredSearchHistoryEntry): SearchHistoryEntry {
  return { ...rest, userUid: user_uid };
}
