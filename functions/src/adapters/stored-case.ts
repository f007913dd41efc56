// A case as both stores write it: with the keys a case search asks for (schemas/cases.ts
// searchKeys, stationKey), derived from the case itself at every write, in the write's own
// transaction, so a name, file number or station changed by an edit is found at once.
import { caseSearchKeys, stationKey } from "../matching/index.js";
import type { CaseFilter } from "../ports/index.js";
import type { Case } from "../schemas/index.js";

export function storedCase(c: Case): Case {
  return { ...c, searchKeys: caseSearchKeys(c), stationKey: stationKey(c.station) };
}

/** a filter a store can answer in one query: one array condition at most */
export function checkCaseFilter(filter: CaseFilter): void {
  if (filter.officerUid !== undefined && filter.anyKey !== undefined)
    throw new Error("a case listing takes officerUid or anyKey, not both");
  if (filter.anyKey !== undefined && (filter.anyKey.length === 0 || filter.anyKey.length > 30))
    throw new Error("a case listing asks for 1 to 30 search keys");
}
