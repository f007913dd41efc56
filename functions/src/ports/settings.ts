// What an operator may tune at deploy time without a code change, with its default: the one home
// from which the deploy parameters (config.ts) and the local defaults are derived.
import { LONG_MISSING_YEARS } from "../schemas/candidates.js";

export interface IntSetting {
  /** the deploy parameter's name */
  param: string;
  default: number;
  description: string;
}

/** how often one officer may do something that costs or could be abused */
export const LIMIT_SETTINGS = {
  // a shelter intake of 50 children is 50 searches: a short burst, well inside a day's budget
  searchesPerMinute: {
    param: "SEARCHES_PER_MINUTE",
    default: 20,
    description: "Face searches per officer per minute (burst)",
  },
  searchesPerDay: {
    param: "SEARCHES_PER_DAY",
    default: 300,
    description: "Face searches per officer per 24 hours, unless an administrator set the officer's own budget",
  },
  refusedProbesPerHour: {
    param: "REFUSED_PROBES_PER_HOUR",
    default: 60,
    description:
      "Search photos without a usable face (or unreadable) per officer per hour; they count against nothing else",
  },
  uploadsPerHour: { param: "UPLOADS_PER_HOUR", default: 200, description: "Photo uploads per officer per hour" },
  smsPerCase: { param: "SMS_PER_CASE", default: 3, description: "SMS sent to a case's family, ever" },
  smsPerDay: { param: "SMS_PER_DAY", default: 200, description: "SMS sent to families per country per UTC day" },
} as const satisfies Record<string, IntSetting>;

/** how searches run */
export const SEARCH_SETTINGS = {
  investigativeTopK: {
    param: "INVESTIGATIVE_TOP_K",
    default: 20,
    description: "Candidates per face listed by an investigative search (long-missing persons), whatever their score",
  },
  oldPhotoYears: {
    param: "OLD_PHOTO_YEARS",
    default: LONG_MISSING_YEARS,
    description:
      "A search for a case whose newest photo (or last-seen date) is at least this many years old runs as an investigative search",
  },
} as const satisfies Record<string, IntSetting>;

/** how long data is kept */
/**
 * How long data is kept. A case's clock starts when it is resolved or closed (`retentionUntil`);
 * an open case is never purged automatically, its officers are asked whether it is still needed.
 */
export const RETENTION_SETTINGS = {
  probeHours: {
    param: "PROBE_RETENTION_HOURS",
    default: 24,
    description: "Hours a search photo uploaded to Storage (probes/) may stay when no search used and deleted it",
  },
  searchHistoryDays: {
    param: "SEARCH_HISTORY_DAYS",
    default: 90,
    description:
      "Days a search keeps its candidates and probe hash; afterwards only who searched, when, why and the outcomes remain",
  },
  reunifiedCaseDays: {
    param: "REUNIFIED_CASE_RETENTION_DAYS",
    default: 180,
    description: "Days after a case is resolved (reunified) before its photos, faces, contacts and matches are purged",
  },
  closedCaseYears: {
    param: "CASE_RETENTION_YEARS",
    default: 5,
    description: "Years after a case is closed before its photos, faces, contacts and matches are purged",
  },
  openCaseReviewMonths: {
    param: "OPEN_CASE_REVIEW_MONTHS",
    default: 12,
    description: "Months without activity after which an open case's officers are asked to confirm it is still needed",
  },
} as const satisfies Record<string, IntSetting>;

/** how the operations watch themselves */
export const OPERATION_SETTINGS = {
  backupMaxAgeHours: {
    param: "BACKUP_MAX_AGE_HOURS",
    default: 26,
    description:
      "Hours after which the last successful Firestore export counts as missing (a structured error for the alert)",
  },
} as const satisfies Record<string, IntSetting>;

interface ScheduleSetting {
  /** an environment variable read when the functions are loaded for deploy (functions/.env) */
  env: string;
  default: string;
  description: string;
}

/** the clock every schedule below is read in: the police's working day */
export const SCHEDULE_TIME_ZONE = "Africa/Bujumbura";

/**
 * When scheduled work runs. The Functions SDK takes a schedule only as a plain string (not a
 * deploy parameter), so these are read from the environment when the functions are loaded.
 */
export const SCHEDULE_SETTINGS = {
  retentionSweep: {
    env: "RETENTION_SWEEP_SCHEDULE",
    default: "every day 02:30",
    description: "When the retention sweep runs",
  },
  backupCheck: {
    env: "BACKUP_CHECK_SCHEDULE",
    default: "every day 07:00",
    description: "When the last Firestore export is checked",
  },
  nightlyExport: {
    env: "BACKUP_SCHEDULE",
    default: "every day 01:00",
    description: "When the Firestore export starts",
  },
} as const satisfies Record<string, ScheduleSetting>;

export type Limits = { [K in keyof typeof LIMIT_SETTINGS]: number };
export type Retention = { [K in keyof typeof RETENTION_SETTINGS]: number };
export type SearchSettings = { [K in keyof typeof SEARCH_SETTINGS]: number };

function defaultsOf<T extends Record<string, IntSetting>>(settings: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.default])) as {
    [K in keyof T]: number;
  };
}

export const DEFAULT_LIMITS: Limits = defaultsOf(LIMIT_SETTINGS);
export const DEFAULT_RETENTION: Retention = defaultsOf(RETENTION_SETTINGS);
export const DEFAULT_SEARCH: SearchSettings = defaultsOf(SEARCH_SETTINGS);
