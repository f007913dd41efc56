// Search history is stored with `user_uid`, the field name of the original TORA FACE guide (the
// security rules and existing exports read it); the domain calls it `userUid`.
import type { SearchHistoryEntry } from "../schemas/index.js";

export type StoredSearchHistoryEntry = Omit<SearchHistoryEntry, "userUid"> & { user_uid: string };

export function toStoredSearch({ userUid, ...rest }: SearchHistoryEntry): StoredSearchHistoryEntry {
  return { ...rest, user_uid: userUid };
}

export function fromStoredSearch({ user_uid, ...rest }: StoredSearchHistoryEntry): SearchHistoryEntry {
  return { ...rest, userUid: user_uid };
}
