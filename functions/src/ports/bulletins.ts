import type { AppealFacts, Bulletin } from "../schemas/index.js";

export interface BulletinStore {
  get(id: string): Promise<Bulletin | undefined>;
  put(bulletin: Bulletin): Promise<void>;
  /** newest first */
  listForCase(caseId: string): Promise<Bulletin[]>;
  deleteForCase(caseId: string): Promise<number>;
}

/** what goes to the writer: the facts, the prompt built from them, and the photo when ticked */
export interface AppealRequest {
  facts: AppealFacts;
  prompt: string;
  photo?: { mimeType: string; bytes: Uint8Array };
}

/** drafts an appeal in the five portal languages: Gemini on Vertex AI, or a local template */
export interface AppealWriter {
  /** names the model (or template) for the record */
  readonly generator: string;
  /** the answer as JSON text, `{ "en": …, "fr": …, "sw": …, "rn": …, "rw": … }`; the use case checks it */
  draft(request: AppealRequest): Promise<string>;
}
