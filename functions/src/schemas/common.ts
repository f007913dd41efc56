// Shapes shared by every part of TORA FACE: the single source for callables, documents and forms.
import { z } from "zod";

export const countrySchema = z.enum(["BI", "RW"]);
export const roleSchema = z.enum(["officer", "supervisor", "admin"]);
export const officerStatusSchema = z.enum(["pending", "approved", "rejected", "suspended"]);
export type Country = z.infer<typeof countrySchema>;
export type Role = z.infer<typeof roleSchema>;
export type OfficerStatus = z.infer<typeof officerStatusSchema>;

/** Firestore-safe document id: no slashes, no dots-only, bounded */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be 1–128 letters, digits, _ or -");
export const uidSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^/]+$/);
export const isoDateTimeSchema = z.iso.datetime();

/**
 * Characters that hide or reorder what a reader sees: bidirectional overrides and isolates (a name
 * stored as "Admin\u202E nimdA" shows reversed), zero-width characters, the BOM, line and
 * paragraph separators — and lone surrogates, which are not text at all.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff]|[\ud800-\udfff]/u;

/** bounded, trimmed, NFC-normalised free text without control or invisible characters */
export const text = (max: number) =>
  z
    .string()
    .normalize("NFC")
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters")
    .refine((s) => !INVISIBLE.test(s), "must not contain invisible or direction-changing characters");
export const requiredText = (max: number) => text(max).min(1, "is required");

/** one page of a paged list: how many entries, and the opaque cursor the previous page ended on */
export const pageSizeSchema = z.int().min(1).max(100).default(25);
export const pageCursorSchema = z.string().max(512);

/** The claims TORA FACE keeps on a Firebase Auth user (merged with any others, never overwritten). */
export const claimsSchema = z.object({
  role: roleSchema.optional(),
  status: officerStatusSchema.optional(),
  country: countrySchema.optional(),
});
export type ToraClaims = z.infer<typeof claimsSchema>;

/**
 * A callable's `data` with an own "__proto__" key arrives with that object as its prototype:
 * inherited keys would then read as real. Refuse anything that is not plain JSON, at any depth.
 */
export function hasForeignPrototype(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== "object") return false;
  if (depth > 32) return true;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return true;
    return value.some((v) => hasForeignPrototype(v, depth + 1));
  }
  if (proto !== Object.prototype && proto !== null) return true;
  if (Object.prototype.hasOwnProperty.call(value, "__proto__")) return true;
  return Object.values(value).some((v) => hasForeignPrototype(v, depth + 1));
}

/** the names of the officers an answer names by uid ("system" and unknown uids are absent): people read names, not ids */
export const officerNamesSchema = z.record(z.string(), z.string());
