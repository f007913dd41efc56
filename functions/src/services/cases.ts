// Missing and found person cases. The family's contact (and a found person's custody contact) is
// sealed with AES-256-GCM and opened only for the case's officers, supervisors and admins, each
// time audited. A change to a case's facts or cross-match policy reaches its match pairs; its
// status changes only through the use cases of case-status.ts.
import { randomUUID } from "node:crypto";
import { caseQuery, stationKey } from "../matching/index.js";
import type { CaseFilter, Deps } from "../ports/index.js";
import {
  familyContactSchema,
  type Case,
  type CaseView,
  type CreateCaseInput,
  type CustodyContact,
  type FamilyContact,
  type Sealed,
  type ListCasesInput,
  type UpdateCaseInput,
} from "../schemas/index.js";
import { type Actor, isAdmin, requireCountry, countryScope, reaches } from "./actor.js";
import { audit, refuseAudited } from "./audit.js";
import { caseChanged } from "./cross-match.js";
import { ServiceError } from "./errors.js";
import { officerNames } from "./officers.js";

export function toView(record: Case): CaseView {
  const { familyContact, custodyContact, searchKeys: _keys, stationKey: _station, ...rest } = record;
  return { ...rest, hasFamilyContact: familyContact !== undefined, hasCustodyContact: custodyContact !== undefined };
}

export async function mustGetCase(deps: Deps, caller: Actor, caseId: string): Promise<Case> {
  const record = await deps.cases.get(caseId);
  if (!record) return gone(deps, caller, caseId);
  if (!reaches(caller, record.country))
    await refuseAudited(deps, caller, "other_country", { type: "case", id: record.id });
  return record;
}

/**
 * A case that is no more: an erased one says when, and whose decision it was (its officer opening
 * it from a notification or a bookmark would otherwise read "no case"); a purged one says when.
 * Another country's tombstone is no case at all.
 */
async function gone(deps: Deps, caller: Actor, caseId: string): Promise<never> {
  const tombstone = await deps.tombstones.get(caseId);
  if (!tombstone || (!isAdmin(caller) && caller.claims.country !== tombstone.country))
    throw new ServiceError("case_not_found");
  const at = tombstone.purgedAt ?? tombstone.purgeStartedAt;
  if (tombstone.outcome !== "erased") throw new ServiceError("case_purged", { at });
  const names = await officerNames(deps, [tombstone.requestedBy, tombstone.decidedBy]);
  const by = [tombstone.requestedBy, tombstone.decidedBy].map((uid) => (uid ? names[uid] : undefined));
  throw new ServiceError("case_erased", { at, by: [...new Set(by.filter(Boolean))].join(", ") || "—" });
}

/** the case's own officers, supervisors of its country, admins */
export function mayManage(caller: Actor, record: Case): boolean {
  return isAdmin(caller) || caller.claims.role === "supervisor" || record.officerUids.includes(caller.uid);
}

/** a sealed contact opened: the one way a family's or custodian's contact is read back (each reading is audited by its caller) */
export function openContact(deps: Pick<Deps, "keyRing">, sealed: Sealed) {
  // a family's contact may carry its SMS consent and language; a custody contact never has them
  return familyContactSchema.parse(JSON.parse(deps.keyRing.open(sealed)));
}

function seal(deps: Deps, contacts: { familyContact?: FamilyContact; custodyContact?: CustodyContact }) {
  return {
    ...(contacts.familyContact ? { familyContact: deps.keyRing.seal(JSON.stringify(contacts.familyContact)) } : {}),
    ...(contacts.custodyContact ? { custodyContact: deps.keyRing.seal(JSON.stringify(contacts.custodyContact)) } : {}),
  };
}

export async function createCase(deps: Deps, actor: Actor, input: CreateCaseInput) {
  return createCaseWithId(deps, actor, input, randomUUID());
}

/** a case whose id the caller decides: a draft sent again must find the case it created */
export async function createCaseWithId(deps: Deps, caller: Actor, input: CreateCaseInput, id: string) {
  requireCountry(caller, input.country);
  const now = deps.clock.now();
  const { familyContact, custodyContact, ...fields } = input;
  const record: Case = {
    ...fields,
    ...seal(deps, { ...(familyContact ? { familyContact } : {}), ...(custodyContact ? { custodyContact } : {}) }),
    id,
    status: "open",
    officerUids: [caller.uid],
    createdBy: caller.uid,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.cases.put(record);
  await audit(
    deps,
    caller,
    "case.create",
    { type: "case", id: record.id },
    { kind: record.kind, country: record.country },
  );
  return { case: toView(record) };
}

/** the fields an update names, on top of the record: what it does not name stays as it is */
function applyUpdate(record: Case, input: UpdateCaseInput): Omit<Case, "updatedAt"> {
  const { caseId: _caseId, subject, found, familyContact: _family, custodyContact: _custody, ...named } = input;
  const defined = Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined));
  if (found && record.kind !== "found")
    throw new ServiceError("invalid_input", { detail: "found: only found cases have found details" });
  if (found && !record.found?.dateFound && !found.dateFound)
    throw new ServiceError("invalid_input", { detail: "found.dateFound: is required" });
  return {
    ...record,
    ...defined,
    subject: { ...record.subject, ...subject },
    ...(found
      ? { found: { condition: "unknown", cannotIdentify: false, ...record.found, ...found } as Case["found"] }
      : {}),
  };
}

/**
 * An edit of the case's facts: what the input names, merged field by field into the case as it is
 * stored at that moment (one transaction), so two officers editing different fields at once both
 * keep their change. The status is not among the facts (case-status.ts).
 */
export async function updateCase(deps: Deps, caller: Actor, input: UpdateCaseInput) {
  const record = await mustGetCase(deps, caller, input.caseId);
  if (!mayManage(caller, record)) throw new ServiceError("case_change_not_allowed");
  if (input.custodyContact && record.kind !== "found")
    throw new ServiceError("invalid_input", { detail: "custodyContact: only found cases have a custody contact" });
  const now = deps.clock.now().toISOString();
  const { before, after } = await deps.cases.update(record.id, (current) => {
    if (!current) throw new ServiceError("case_not_found");
    if (current.status === "closed") throw new ServiceError("case_closed");
    return {
      ...applyUpdate(current, input),
      ...seal(deps, {
        ...(input.familyContact ? { familyContact: input.familyContact } : {}),
        ...(input.custodyContact ? { custodyContact: input.custodyContact } : {}),
      }),
      updatedAt: now,
    };
  });
  await audit(
    deps,
    caller,
    "case.update",
    { type: "case", id: record.id },
    after!.crossMatch?.allowed === false ? { crossMatch: false } : undefined,
  );
  await caseChanged(deps, before!, after!);
  return { case: toView(after!) };
}

export async function getCase(
  deps: Deps,
  caller: Actor,
  input: { caseId: string; includeFamilyContact: boolean; includeCustodyContact?: boolean },
) {
  const record = await mustGetCase(deps, caller, input.caseId);
  const mayChange = mayManage(caller, record);
  const access = {
    mayChange: mayChange && record.status !== "closed",
    mayReadFamilyContact: mayChange && record.familyContact !== undefined,
    mayReadCustodyContact: mayChange && record.custodyContact !== undefined,
  };
  const wanted = {
    family: input.includeFamilyContact && record.familyContact,
    custody: input.includeCustodyContact && record.custodyContact,
  };
  if (!wanted.family && !wanted.custody) return { case: toView(record), access };
  if (!mayChange)
    await refuseAudited(deps, caller, wanted.family ? "family_contact_not_allowed" : "custody_contact_not_allowed", {
      type: "case",
      id: record.id,
    });
  const opened: { familyContact?: FamilyContact; custodyContact?: CustodyContact } = {};
  if (wanted.family) {
    opened.familyContact = openContact(deps, wanted.family);
    await audit(deps, caller, "case.decrypt_contact", { type: "case", id: record.id });
  }
  if (wanted.custody) {
    opened.custodyContact = openContact(deps, wanted.custody);
    await audit(deps, caller, "case.decrypt_contact", { type: "case", id: record.id }, { contact: "custody" });
  }
  return { case: toView(record), ...opened, access };
}

/** a search reads at most this many cases per page asked for before answering with what it found */
const CASE_SEARCH_SCAN_PAGES = 10;

/**
 * A country's caseload, newest first: the caller's own cases, their station's or the whole
 * country's, by status and kind, by station, and by name (the matcher's spelling tolerance) or
 * file number. A name is looked up by its keys in the store and each case found is read by the
 * matcher (matching/name-search.ts); the cases it sets aside are skipped, so a page may hold fewer
 * cases than asked for while the listing goes on (nextCursor), and a search reads at most
 * CASE_SEARCH_SCAN_PAGES pages' worth before answering.
 */
export async function listCases(deps: Deps, caller: Actor, input: ListCasesInput) {
  if (input.country) requireCountry(caller, input.country);
  const country = countryScope(caller, input.country);
  const station =
    input.station ?? (input.scope === "station" ? (await deps.officers.get(caller.uid))?.station : undefined);
  const query = input.query === undefined ? undefined : caseQuery(input.query);
  if (input.query !== undefined && !query)
    throw new ServiceError("invalid_input", { detail: "query: type a name or a file number" });
  const mine = input.scope === "mine";
  const filter: CaseFilter = {
    ...(country ? { country } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(station !== undefined ? { stationKey: stationKey(station) } : {}),
    // one array condition per query: an officer's own cases are few, so with a name they are read
    // and the matcher keeps those that answer it; otherwise the name's keys find the candidates
    ...(mine ? { officerUid: caller.uid } : query ? { anyKey: query.keys } : {}),
  };
  const keep = (c: Case) => !query || query.matches(c);
  const found: Case[] = [];
  let cursor = input.cursor;
  for (let scanned = 0; scanned < CASE_SEARCH_SCAN_PAGES; scanned++) {
    const page = await deps.cases.list(filter, { limit: input.limit - found.length, ...(cursor ? { cursor } : {}) });
    found.push(...page.cases.filter(keep));
    cursor = page.nextCursor;
    if (!cursor || found.length === input.limit) break;
  }
  return { cases: found.map(toView), ...(cursor ? { nextCursor: cursor } : {}) };
}

/**
 * Every case written again as it is, so that the store adds the keys a case search asks for (cases
 * stored before the search existed). Each write is the case's own read-modify-write: an edit at the
 * same moment is kept. Returns how many cases were written.
 */
export async function reindexCaseSearch(deps: Pick<Deps, "cases">): Promise<number> {
  let written = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.cases.list({}, { limit: 200, ...(cursor ? { cursor } : {}) });
    for (const c of page.cases) if ((await deps.cases.update(c.id, (current) => current)).written) written++;
    cursor = page.nextCursor;
  } while (cursor);
  return written;
}
