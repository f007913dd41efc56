// A pair's evidence from its two cases: the case facts as the matcher reads them, the best face
// pair of two cases' faces, and the fused, explained score a pair record carries. Pure: the
// cross-match use cases (services/cross-match.ts) read and write, this computes.
import { bandFor } from "../engine/index.js";
import { sameSpace } from "../ports/faces.js";
import type { Case, FaceDoc, FoundFacts, FusedScore, Match, MissingFacts, Place } from "../schemas/index.js";
import { fuseDuplicate } from "./duplicates.js";
import { fuseEvidence } from "./fusion.js";
import { round } from "./rounding.js";

// ---------------------------------------------------------------------------- facts

/** a place as the matcher reads it: cases from before structured places carry free text */
function placeOf(c: Case, place: string | Place | undefined): Place | undefined {
  if (place === undefined) return undefined;
  return typeof place === "string" ? { country: c.country, text: place } : place;
}

export function missingFactsOf(c: Case): MissingFacts {
  const s = c.subject;
  const lastSeenPlace = placeOf(c, s.lastSeenPlace);
  return {
    names: s.names,
    aliases: s.aliases,
    sex: s.sex,
    ...(s.birthYear !== undefined ? { birthYear: s.birthYear } : {}),
    ...(s.ageAtDisappearance !== undefined ? { ageAtDisappearance: s.ageAtDisappearance } : {}),
    ...(s.lastSeenDate ? { lastSeenDate: s.lastSeenDate } : {}),
    ...(lastSeenPlace ? { lastSeenPlace } : {}),
  };
}

export function foundFactsOf(c: Case): FoundFacts {
  const s = c.subject;
  return {
    names: s.names,
    aliases: s.aliases,
    sex: s.sex,
    ...(s.ageRange ? { estimatedAgeRange: s.ageRange } : {}),
    ...(c.found?.dateFound ? { dateFound: c.found.dateFound } : {}),
    ...(c.found?.foundPlace ? { foundPlace: c.found.foundPlace } : {}),
  };
}

/** the facts of a case as the matcher reads them, for its kind */
export const caseFactsOf = (c: Case): MissingFacts | FoundFacts =>
  c.kind === "missing" ? missingFactsOf(c) : foundFactsOf(c);

// ---------------------------------------------------------------------------- scoring

export type MatchFace = Match["face"]["faces"][number];
interface FacePair {
  similarity: number;
  /** in the order of the pair's caseIds */
  faces: [MatchFace, MatchFace];
}

/** what a pair's scores are made of: everything but its state and history */
export type Evidence = Pick<Match, "face" | "fused" | "score" | "band" | "modelVersion" | "calibrationVersion">;

export const faceRef = (f: Pick<FaceDoc, "caseId" | "photoId" | "faceIndex" | "photoDate">): MatchFace => ({
  caseId: f.caseId,
  photoId: f.photoId,
  faceIndex: f.faceIndex,
  ...(f.photoDate ? { photoDate: f.photoDate } : {}),
});

export function reunificationEvidence(missing: Case, found: Case, face: FacePair, modelVersion: string): Evidence {
  const similarity = round(face.similarity, 4);
  const fused = fuseEvidence({
    face: {
      similarity,
      ...(face.faces[0].photoDate ? { missingPhotoDate: face.faces[0].photoDate } : {}),
      ...(face.faces[1].photoDate ? { foundPhotoDate: face.faces[1].photoDate } : {}),
    },
    missing: missingFactsOf(missing),
    found: foundFactsOf(found),
  });
  return fusedEvidence(similarity, face, fused, modelVersion);
}

/** a pair's evidence from its face pair and its fused score (whose calibration version it carries) */
function fusedEvidence(similarity: number, face: FacePair, fused: FusedScore, modelVersion: string): Evidence {
  return {
    face: { similarity, band: bandFor(similarity) ?? "below_threshold", faces: face.faces },
    fused,
    score: fused.llr,
    band: fused.band,
    modelVersion,
    calibrationVersion: fused.calibrationVersion,
  };
}

/** two cases of one kind: the face and both reports' facts as one fused decision */
function duplicateEvidence(cases: [Case, Case], face: FacePair, modelVersion: string): Evidence {
  const similarity = round(face.similarity, 4);
  const photoDates: [string | undefined, string | undefined] = [face.faces[0].photoDate, face.faces[1].photoDate];
  const { proposed: _proposed, ...fused } =
    cases[0].kind === "missing"
      ? fuseDuplicate({
          kind: "missing",
          face: { similarity, photoDates },
          cases: [missingFactsOf(cases[0]), missingFactsOf(cases[1])],
        })
      : fuseDuplicate({
          kind: "found",
          face: { similarity, photoDates },
          cases: [foundFactsOf(cases[0]), foundFactsOf(cases[1])],
        });
  return fusedEvidence(similarity, face, fused, modelVersion);
}

export function evidenceFor(kind: Match["kind"], cases: [Case, Case], face: FacePair, modelVersion: string): Evidence {
  return kind === "reunification"
    ? reunificationEvidence(cases[0], cases[1], face, modelVersion)
    : duplicateEvidence(cases, face, modelVersion);
}

export function bestFacePair(a: FaceDoc[], b: FaceDoc[]): (FacePair & { modelVersion: string }) | undefined {
  let best: (FacePair & { modelVersion: string }) | undefined;
  for (const x of a)
    for (const y of b) {
      if (!sameSpace(x, y)) continue;
      let dot = 0;
      for (let i = 0; i < x.embedding.length; i++) dot += x.embedding[i]! * y.embedding[i]!;
      if (!best || dot > best.similarity)
        best = { similarity: dot, faces: [faceRef(x), faceRef(y)], modelVersion: x.modelVersion };
    }
  return best;
}
