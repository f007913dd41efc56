// A case's status changes on Firestore: the case with its pairs, or a pair with its two cases, read
// and written in one transaction. Firestore's server SDK locks every document a transaction read
// (the pairs a query returned among them), so a review of one of the pairs, an edit of the case or
// another decision at the same moment waits for this one or makes it run again.
import type { Firestore } from "firebase-admin/firestore";
import type { CaseDecisions } from "../../ports/index.js";
import type { Case, Match } from "../../schemas/index.js";
import { storedCase } from "../stored-case.js";
import { COLLECTIONS, readIn, updated } from "./firestore-stores.js";

export function firestoreCaseDecisions(db: Firestore): CaseDecisions {
  const cases = db.collection(COLLECTIONS.cases);
  const matches = db.collection(COLLECTIONS.matches);
  return {
    ofCase: (caseId, decide) =>
      db.runTransaction(async (tx) => {
        const before = await readIn<Case>(tx, cases.doc(caseId));
        const pairs = (await tx.get(matches.where("caseIds", "array-contains", caseId))).docs.map(
          (d) => d.data() as Match,
        );
        const changed = decide(before, pairs);
        if (changed) tx.set(cases.doc(caseId), storedCase(changed));
        return updated(before, changed);
      }),
    ofPair: (matchId, decide) =>
      db.runTransaction(async (tx) => {
        const pair = await readIn<Match>(tx, matches.doc(matchId));
        const snaps = pair ? await tx.getAll(cases.doc(pair.caseIds[0]), cases.doc(pair.caseIds[1])) : [];
        const both = [0, 1].map((i) => (snaps[i]?.exists ? (snaps[i]!.data() as Case) : undefined)) as [
          Case | undefined,
          Case | undefined,
        ];
        // every read before the first write: the other pairs of either case, each once
        const others = new Map<string, Match>();
        for (const id of pair?.caseIds ?? [])
          for (const d of (await tx.get(matches.where("caseIds", "array-contains", id))).docs)
            if (d.id !== matchId) others.set(d.id, d.data() as Match);
        const decision = decide(pair, both, [...others.values()]);
        if (!decision) return {};
        tx.set(matches.doc(matchId), decision.pair);
        for (const c of decision.cases) tx.set(cases.doc(c.id), storedCase(c));
        for (const p of decision.others ?? []) tx.set(matches.doc(p.id), p);
        return { written: decision };
      }),
  };
}
