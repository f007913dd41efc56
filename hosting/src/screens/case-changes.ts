// What an edit of a case changes: the case form read before and after the officer's edits, as the
// partial update `updateCase` takes (absent fields stay as they are). Only what differs is sent,
// so a field the form cannot show (aliases, a place typed before places had lists) is never touched.
import type { CallableInput } from "@tora-face/client";

type CaseInput = CallableInput<"createCase">;
type CaseChanges = Omit<CallableInput<"updateCase">, "caseId">;

/** fields an officer may empty, and what an emptied one is sent as; any other can be corrected, not removed */
const EMPTIED: Record<string, unknown> = { "subject.names": [], "subject.description": "", externalRef: "" };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `cleared`: the schema paths of fields emptied that cannot be (the form names them by their labels) */
export function caseChanges(before: CaseInput, after: CaseInput): { changes: CaseChanges; cleared: string[] } {
  const cleared: string[] = [];
  const changed = (path: string, a: unknown, b: unknown): { value: unknown } | undefined => {
    if (same(a, b)) return undefined;
    if (b !== undefined) return { value: b };
    if (path in EMPTIED) return { value: EMPTIED[path] };
    cleared.push(path);
    return undefined;
  };
  const part = (path: string, a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) => {
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const c = changed(`${path}.${key}`, a[key], b[key]);
      if (c) out[key] = c.value;
    }
    return Object.keys(out).length ? out : undefined;
  };
  const changes: Record<string, unknown> = {};
  for (const key of ["station", "externalRef", "legalBasis", "crossMatch"] as const) {
    const c = changed(key, before[key], after[key]);
    if (c) changes[key] = c.value;
  }
  const subject = part("subject", before.subject, after.subject);
  if (subject) changes.subject = subject;
  const found = part("found", before.found, after.found);
  if (found) changes.found = found;
  // contacts are sealed: the form starts empty, and what is typed replaces the stored one
  if (after.familyContact) changes.familyContact = after.familyContact;
  if (after.custodyContact) changes.custodyContact = after.custodyContact;
  return { changes: changes as CaseChanges, cleared };
}
