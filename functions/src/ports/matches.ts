/**
 * Missing ↔ found case pairs (`matches/{missingCaseId}_{foundCaseId}`). The reunification work
 * owns this port and adds its methods here; a case's purge needs only this one, which every
 * adapter implements on the `matches` collection by the pair's two case ids.
 */
export interface MatchStore {
  /** every pair that names the case, on either side; returns how many */
  deleteForCase(caseId: string): Promise<number>;
}
