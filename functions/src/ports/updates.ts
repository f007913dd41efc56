// The one shape of a read-modify-write. A store reads the document, calls `change` and writes what
// it returns, in one transaction (Firestore runTransaction, SQLite BEGIN IMMEDIATE): two officers
// writing at the same moment never lose each other's work. `change` is synchronous and pure —
// Firestore calls it again when the transaction is retried, and a SQLite transaction must not wait
// on anything — it returns undefined to leave the document as it is, and may throw to refuse.
export type Change<T, R = T> = (current: T | undefined) => R | undefined;

/** what a read-modify-write did: the document before, as stored when it ended, and whether it wrote */
export interface Updated<T> {
  before?: T;
  after?: T;
  written: boolean;
}
