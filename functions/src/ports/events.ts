// The catalogue of what TORA FACE reports about itself: one method per event, each with its own
// fields. Fields are counts, codes, durations and ids, never names, phone numbers, photos or
// embeddings; an unexpected error keeps its message and stack.
import type { PhotoStatus } from "../schemas/index.js";

export interface EventLog {
  photoIngested(fields: { status: PhotoStatus; facesFound: number; facesIndexed: number; ms: number }): void;
  /** a Storage upload under cases/ names a case that does not exist */
  photoForUnknownCase(fields: { caseId: string }): void;
  searchCompleted(fields: { faces: number; candidates: number; ms: number }): void;
  /** a callable ended with an error that is not a refusal: the cause of an `internal` answer */
  callableFailed(fields: { callable: string; error: unknown }): void;
  exportStarted(fields: { operation: string }): void;
  exportSkipped(fields: { reason: string }): void;
}
