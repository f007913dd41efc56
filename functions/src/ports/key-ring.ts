import type { Sealed } from "../schemas/index.js";

/** AES-256-GCM with named keys: new data sealed with the current key, old keys still open */
export interface KeyRing {
  /** the key new data is sealed with (the first of the ring) */
  readonly currentKeyId: string;
  seal(plaintext: string): Sealed;
  open(sealed: Sealed): string;
}
