// A case's status changes in local mode: the case with its pairs, or a pair with its two cases, read
// and written inside one BEGIN IMMEDIATE transaction.
import type { DatabaseSync } from "node:sqlite";
import type { CaseDecisions } from "../../ports/index.js";
import type { Case, Match } from "../../schemas/index.js";
import { transaction } from "./database.js";
import { matchTable, pairsOfCase } from "./matches.js";
import { caseTable } from "./stores.js";

export function localCaseDecisions(db: DatabaseSync): CaseDecisions {
  const cases = caseTable(db);
  const pairs = matchTable(db);
  return {
    ofCase: async (caseId, decide) =>
      transaction(db, () => cases.updateWithin(caseId, (current) => decide(current, pairsOfCase(db, caseId)))),
    ofPair: async (matchId, decide) =>
      transaction(db, () => {
        const pair = pairs.get(matchId);
        const both = (pair ? pair.caseIds.map((id) => cases.get(id)) : [undefined, undefined]) as [
          Case | undefined,
          Case | undefined,
        ];
        const others = new Map<string, Match>();
        for (const id of pair?.caseIds ?? [])
          for (const p of pairsOfCase(db, id)) if (p.id !== matchId) others.set(p.id, p);
        const decision = decide(pair, both, [...others.values()]);
        if (!decision) return {};
        pairs.put(matchId, decision.pair);
        for (const c of decision.cases) cases.put(c.id, c);
        for (const p of decision.others ?? []) pairs.put(p.id, p);
        return { written: decision };
      }),
  };
}
