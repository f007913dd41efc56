// A case's candidate list: for a missing case the closest found persons, for a found case the
// closest missing persons — the top K by fused score whatever the band, over every open case of
// the other kind in the case's country. Most of the list is not the person: it says so.
import { z } from "zod";
import { caseKindSchema, caseDoc } from "./cases.js";
import { countrySchema, idSchema } from "./common.js";
import { matchFaceSchema, matchIdSchema, matchStateSchema } from "./matches.js";
import { factorSchema, fusedBandSchema } from "./reunification.js";

/**
 * A case whose photos (or last-seen date) are this many years old is long-missing: the portal shows
 * its candidate list at once, and a search for it runs as an investigative list by default
 * (OLD_PHOTO_YEARS, ports/settings.ts, takes this as its default).
 */
export const LONG_MISSING_YEARS = 3;

/** the list's length unless asked otherwise */
export const CANDIDATE_LIST_DEFAULT = 20;
export const CANDIDATE_LIST_MAX = 100;

export const listCaseCandidatesInput = z.strictObject({
  caseId: idSchema,
  limit: z.int().min(1).max(CANDIDATE_LIST_MAX).default(CANDIDATE_LIST_DEFAULT),
});
export type ListCaseCandidatesInput = z.input<typeof listCaseCandidatesInput>;

const caseCandidateSchema = z.object({
  /** 1 = the highest fused score */
  rank: z.int(),
  case: caseDoc
    .pick({ id: true, kind: true, status: true, country: true, station: true, externalRef: true })
    .extend({ names: z.array(z.string()) }),
  /** the best face pair's similarity and its face-only band */
  similarity: z.number(),
  faceBand: fusedBandSchema,
  /** the fused LLR (absolute) and its band: most of a list is "below_threshold" */
  score: z.number(),
  band: fusedBandSchema,
  /** every factor of the fused score: code, parameters, LLR, English sentence */
  factors: z.array(factorSchema),
  /** years between the two photos, when both are dated (also a factor from 5 years on) */
  photoAgeGapYears: z.int().optional(),
  /** the best face pair, [this case's face, the candidate's face]: thumbnails */
  faces: z.tuple([matchFaceSchema, matchFaceSchema]),
  /** the pair's id: reviewing a candidate opens it as a pair (openCandidatePair) */
  matchId: matchIdSchema,
  /** the pair, when one exists: its state (a pair reviewed "no candidate" is shown again only for a stronger face) */
  pair: z.object({ state: matchStateSchema }).optional(),
});
export type CaseCandidate = z.infer<typeof caseCandidateSchema>;

export const listCaseCandidatesOutput = z.object({
  caseId: idSchema,
  kind: caseKindSchema,
  /** where the list looked: every open case of the other kind in the country, and how many had a searchable face */
  scope: z.object({ kind: caseKindSchema, country: countrySchema, openCases: z.int(), withFaces: z.int() }),
  /** this case's searchable faces the list was made with (none: the list is empty) */
  faces: z.int(),
  candidates: z.array(caseCandidateSchema),
  /** how many of the candidates are below the weak band */
  belowWeak: z.int(),
  /** candidates reviewed "no candidate" and left out (exclusion memory) */
  excluded: z.int(),
  /** that most of the list is not the person */
  notice: z.string(),
  modelVersion: z.string(),
  calibrationVersion: z.string(),
});
export type ListCaseCandidatesOutput = z.infer<typeof listCaseCandidatesOutput>;

/** reviewing a candidate: it becomes a pair (or the existing pair is returned), then reviewMatch records the outcome */
export const openCandidatePairInput = z.strictObject({ caseId: idSchema, candidateCaseId: idSchema });
