// Key rotation for the sealed contacts. A new key is put first in FAMILY_CONTACT_KEYS (every key of
// the ring still opens); this seals every family and custody contact under an older key again with
// the new one — the other country's contacts on cross-border pairs and the faces of cross-border
// requests waiting for a decision too — after which the old key can leave the ring. Safe to stop and run again: a contact
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

/** cross-border pairs and requests are few: read whole, not paged */
const CROSS_BORDER_MAX = 10_000;

/**
 * What cross-border work sealed with this side's keys: the other country's contact on each pair
 * half, and the faces of each request that waits for a decision (every request expires before the
 * year 9999, so listExpired with that date lists them all).
 */
async function resealCrossBorder(deps: Deps, keyId: string): Promise<{ contacts: number; requests: number }> {
  const xb = deps.crossBorder;
  let contacts = 0;
  for (const country of xb.countries)
    for (const half of await xb.pairs.list({ country }, CROSS_BORDER_MAX)) {
      if (!half.peerContact || half.peerContact.sealed.keyId === keyId) continue;
      const { written } = await xb.pairs.update(half.id, (h) =>
        h?.peerContact && h.peerContact.sealed.keyId !== keyId
          ? {
              ...h,
              peerContact: { ...h.peerContact, sealed: deps.keyRing.seal(deps.keyRing.open(h.peerContact.sealed)) },
            }
          : undefined,
      );
      if (written) contacts++;
    }
  let requests = 0;
  for (const request of await xb.received.listExpired("9999-12-31T00:00:00.000Z", CROSS_BORDER_MAX)) {
    if (!request.sealedFaces || request.sealedFaces.keyId === keyId) continue;
    const { written } = await xb.received.update(request.id, (r) =>
      r?.sealedFaces && r.sealedFaces.keyId !== keyId
        ? { ...r, sealedFaces: deps.keyRing.seal(deps.keyRing.open(r.sealedFaces)) }
        : undefined,
    );
    if (written) requests++;
  }
  return { contacts, requests };
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
  const crossBorder = await resealCrossBorder(deps, keyId);
  contacts += crossBorder.contacts;
  if (cases > 0 || crossBorder.contacts > 0 || crossBorder.requests > 0)
    await audit(
      deps,
      actor,
      "contacts.reseal",
      { type: "key_ring", id: keyId },
      { cases, contacts, pairContacts: crossBorder.contacts, waitingRequests: crossBorder.requests },
    );
  deps.events.contactsResealed({ keyId, cases, contacts });
  return { keyId, cases, contacts };
}
