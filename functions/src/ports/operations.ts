import type { BackupRecord, ModelState, ReembedTask, SweepState } from "../schemas/index.js";

/** the state scheduled work keeps between runs, one document each */
export interface OperationsStore {
  getSweepState(): Promise<SweepState | undefined>;
  putSweepState(state: SweepState): Promise<void>;
  /** the active face model and the migration under way: search reads it, a switch is one write */
  getModelState(): Promise<ModelState | undefined>;
  putModelState(state: ModelState): Promise<void>;
  putBackup(record: BackupRecord): Promise<void>;
  /** the most recently started export */
  lastBackup(): Promise<BackupRecord | undefined>;
}

/** the steps of a face model migration: a task queue in production (retried, rate-limited) */
export interface ReembedQueue {
  enqueue(task: ReembedTask): Promise<void>;
}

/** Firestore's managed export (production): started, then polled by its operation name */
export interface DatabaseExporter {
  start(outputUriPrefix: string): Promise<{ operation: string }>;
  status(operation: string): Promise<{ done: boolean; error?: string }>;
}
