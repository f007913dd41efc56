// Key rotation for the sealed contacts. A new key is put first in FAMILY_CONTACT_KEYS (every key of
// the ring still opens); this seals every family and custody contact under an older key again with
// the new one, after which the old key can leave the ring. Safe to stop and run again: a contact
// already under the current key is left as it is.
import type { Deps } from "../ports/index.js";
import type { Case } from "../schemas/index.js";
import { SYSTEM_ACTOR, type Actor } from "./actor.js";
import { audit } from "./audit.js";

const SEALED_FIELDS = ["familyContact", "custodyContact"] as const;
const PAGE = 100;

interface ResealResult {
  keyId: string;
  cases: number;
  contacts: number;
}

export async function resealContacts(deps: Deps, actor: Actor = SYSTEM_ACTOR): Promise<ResealResult> {
  const keyId = deps.keyRing.currentKeyId;
  const stale = (c: Case) => SEALED_FIELDS.some((field) => c[field] !== undefined && c[field].keyId !== keyId);
  let cases = 0;
  let contacts = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list({}, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const listed of page.cases) {
      if (!stale(listed)) continue;
      // sealed again inside the transaction, so that an edit made meanwhile is kept
      let resealedContacts = 0;
      const { written } = await deps.cases.update(listed.id, (current) => {
        if (!current || !stale(current)) return undefined;
        const resealed: Case = { ...current };
        resealedContacts = 0;
        for (const field of SEALED_FIELDS) {
          const sealed = current[field];
          if (!sealed || sealed.keyId === keyId) continue;
          resealed[field] = deps.keyRing.seal(deps.keyRing.open(sealed));
          resealedContacts++;
        }
        // a rotation is no activity on the case: its dates stay as they are
        return resealed;
      });
      if (!written) continue;
      contacts += resealedContacts;
      cases++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (cases > 0) await audit(deps, actor, "contacts.reseal", { type: "key_ring", id: keyId }, { cases, contacts });
  deps.events.contactsResealed({ keyId, cases, contacts });
  return { keyId, cases, contacts };
}
