// What an operator may tune at deploy time without a code change, with its default: the one home
// from which the deploy parameters (config.ts) and the local defaults are derived.
export interface IntSetting {
  /** the deploy parameter's name */
  param: string;
  default: number;
  description: string;
}

/** how often one officer may do something that costs or could be abused */
export const LIMIT_SETTINGS = {
  // a shelter intake of 50 children is 50 searches: a short burst, well inside a day's budget
  searchesPerMinute: { param: "SEARCHES_PER_MINUTE", default: 20, description: "Face searches per officer per minute (burst)" },
  searchesPerDay: {
    param: "SEARCHES_PER_DAY",
    default: 300,
    description: "Face searches per officer per 24 hours, unless an administrator set the officer's own budget",
  },
  refusedProbesPerHour: {
    param: "REFUSED_PROBES_PER_HOUR",
    default: 60,
    description: "Search photos without a usable face (or unreadable) per officer per hour; they count against nothing else",
  },
  uploadsPerHour: { param: "UPLOADS_PER_HOUR", default: 200, description: "Photo uploads per officer per hour" },
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
    default: 3,
    description: "A search for a case whose newest photo (or last-seen date) is at least this many years old runs as an investigative search",
  },
} as const satisfies Record<string, IntSetting>;

/** how long data is kept */
export const RETENTION_SETTINGS = {
  closedCaseYears: { param: "CASE_RETENTION_YEARS", default: 5, description: "Years a closed case is kept" },
} as const satisfies Record<string, IntSetting>;

export type Limits = { [K in keyof typeof LIMIT_SETTINGS]: number };
export type Retention = { [K in keyof typeof RETENTION_SETTINGS]: number };
export type SearchSettings = { [K in keyof typeof SEARCH_SETTINGS]: number };

export function defaultsOf<T extends Record<string, IntSetting>>(settings: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.default])) as { [K in keyof T]: number };
}

export const DEFAULT_LIMITS: Limits = defaultsOf(LIMIT_SETTINGS);
export const DEFAULT_RETENTION: Retention = defaultsOf(RETENTION_SETTINGS);
export const DEFAULT_SEARCH: SearchSettings = defaultsOf(SEARCH_SETTINGS);
