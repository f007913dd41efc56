/**
 * The keys that protect stored face vectors (templates). Each key derives a secret orthogonal
 * matrix; a vector is stored and searched only as the matrix times the model's vector, which keeps
 * every cosine similarity exact while a leaked vector no longer matches the public model's output.
 */
export interface TemplateKeys {
  /** the ids of the keys this deployment holds, newest first (TEMPLATE_KEYS) */
  readonly keyIds: readonly string[];
  /** the key vectors are under until a rotation records another (the oldest of the ring) */
  readonly defaultKeyId: string;
  has(keyId: string): boolean;
  /** the vector in the key's protected space */
  protect(keyId: string, vector: ArrayLike<number>): Float32Array;
  /**
   * the model's own vector back from the key's space: only for a face that leaves this deployment
   * for a cross-border search (services/cross-border-probe.ts), as neither side may learn the other's key
   */
  unprotect(keyId: string, vector: ArrayLike<number>): Float32Array;
  /** a protected vector moved from one key's space to another's in one product (Rto·Rfromᵀ): the model's vector never appears */
  rekey(fromKeyId: string, toKeyId: string, vector: ArrayLike<number>): Float32Array;
}

/** the stored vectors' template key is not in this deployment's keys: nothing could be stored or matched */
export class TemplateKeyMissingError extends Error {
  constructor(readonly keyId: string) {
    super(
      `the face vectors are protected with the template key "${keyId}", which is not in TEMPLATE_KEYS: add it to the key ring (docs/template-protection.md)`,
    );
    this.name = "TemplateKeyMissingError";
  }
}
