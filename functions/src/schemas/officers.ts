import { z } from "zod";
import {
  countrySchema,
  isoDateTimeSchema,
  officerStatusSchema,
  requiredText,
  roleSchema,
  uidSchema,
} from "./common.js";

export const registerOfficerInput = z.strictObject({
  name: requiredText(120),
  badgeNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9/-]{3,32}$/, "badge number: 3–32 letters, digits, / or -"),
  rank: requiredText(60),
  station: requiredText(120),
  country: countrySchema,
  phone: z
    .string()
    .trim()
    .regex(/^\+(257|250)\d{8,9}$/, "phone: international format, +257… (Burundi) or +250… (Rwanda)"),
});
export type RegisterOfficerInput = z.infer<typeof registerOfficerInput>;

const officerDoc = registerOfficerInput.extend({
  uid: uidSchema,
  email: z.string().max(320).optional(),
  role: roleSchema,
  status: officerStatusSchema,
  /** the officer's own 24-hour search budget, set by an administrator; absent = the deployment's default */
  searchesPerDay: z.int().min(1).max(5000).optional(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  decision: z
    .object({
      by: uidSchema,
      at: isoDateTimeSchema,
      status: officerStatusSchema,
      note: z.string(),
    })
    .optional(),
});
export type Officer = z.infer<typeof officerDoc>;

export const officerUidInput = z.strictObject({ uid: uidSchema });
export const decisionInput = z.strictObject({
  uid: uidSchema,
  /** what was checked, e.g. "badge 1234 verified by phone with station X" */
  note: requiredText(500),
});
export type DecisionInput = z.infer<typeof decisionInput>;
export const setRoleInput = z.strictObject({ uid: uidSchema, role: roleSchema });
export const setSearchBudgetInput = z.strictObject({
  uid: uidSchema,
  /** searches per 24 hours; null returns the officer to the deployment's default */
  searchesPerDay: z.int().min(1).max(5000).nullable(),
  /** why, e.g. "shelter intake week in Ngozi" */
  note: requiredText(500),
});
export type SetSearchBudgetInput = z.infer<typeof setSearchBudgetInput>;
export const listOfficersInput = z.strictObject({
  status: officerStatusSchema.optional(),
  limit: z.int().min(1).max(200).default(100),
});
export const officerOutput = z.object({ officer: officerDoc });
export const officersOutput = z.object({ officers: z.array(officerDoc) });
export const myProfileOutput = z.object({
  officer: officerDoc.nullable(),
  claims: z.object({
    role: roleSchema.optional(),
    status: officerStatusSchema.optional(),
    country: countrySchema.optional(),
  }),
});
