// The search a received request runs, on the side that holds the data: the other country's faces
// and facts ranked against this side's open cases of the opposite kind with the same fused score
// as a case's own candidate list (candidates.ts rankScope). What it returns is what the asking
// officer needs to decide whether to call: this side's case reference, the band, the factors in
// words, the photo age gap and whom to call — never a photo, a face, a vector or a family's contact.
import type { Deps } from "../ports/index.js";
import {
  CROSS_BORDER_CANDIDATES,
  type Case,
  type PeerCandidate,
  type PeerCaseRef,
  type PeerFace,
  type PeerFacts,
  type PeerOfficer,
} from "../schemas/index.js";
import { FUSION_VERSION } from "../matching/index.js";
import { photoAgeGapOf, rankScope, scopeCases } from "./candidates.js";
import { prepareProbeVectors } from "./cross-border-probe.js";
import { activeSpace } from "./face-models.js";

/** the other country's case as fusion reads it: its facts and nothing else (no contact, no description) */
function peerCaseOf(ref: PeerCaseRef, facts: PeerFacts, at: string): Case {
  const subject =
    facts.kind === "missing"
      ? {
          names: facts.facts.names ?? [],
          aliases: facts.facts.aliases ?? [],
          sex: facts.facts.sex ?? "unknown",
          ...(facts.facts.birthYear !== undefined ? { birthYear: facts.facts.birthYear } : {}),
          ...(facts.facts.ageAtDisappearance !== undefined
            ? { ageAtDisappearance: facts.facts.ageAtDisappearance }
            : {}),
          ...(facts.facts.lastSeenDate ? { lastSeenDate: facts.facts.lastSeenDate } : {}),
          ...(facts.facts.lastSeenPlace ? { lastSeenPlace: facts.facts.lastSeenPlace } : {}),
        }
      : {
          names: facts.facts.names ?? [],
          aliases: facts.facts.aliases ?? [],
          sex: facts.facts.sex ?? "unknown",
          ...(facts.facts.estimatedAgeRange ? { ageRange: facts.facts.estimatedAgeRange } : {}),
        };
  const found =
    facts.kind === "found" && facts.facts.dateFound
      ? {
          dateFound: facts.facts.dateFound,
          ...(facts.facts.foundPlace ? { foundPlace: facts.facts.foundPlace } : {}),
          condition: "unknown" as const,
          cannotIdentify: false,
        }
      : undefined;
  return {
    id: ref.id,
    kind: ref.kind,
    status: "open",
    country: ref.country,
    station: ref.station,
    subject,
    ...(found ? { found } : {}),
    officerUids: [],
    createdBy: "peer",
    createdAt: at,
    updatedAt: at,
  };
}

/** an officer as the other side sees them: work details only */
export async function peerOfficerOf(deps: Deps, uid: string | undefined): Promise<PeerOfficer | undefined> {
  const officer = uid ? await deps.officers.get(uid) : undefined;
  if (!officer) return undefined;
  return {
    name: officer.name,
    ...(officer.rank ? { rank: officer.rank } : {}),
    station: officer.station,
    ...(/^\+\d{8,15}$/.test(officer.phone) ? { phone: officer.phone } : {}),
  };
}

interface PeerSearchResult {
  results: PeerCandidate[];
  scope: { openCases: number; withFaces: number };
  calibrationVersion: string;
}

/**
 * Ranks this side's open cases of the opposite kind in `country` against the received faces. Only
 * candidates in a band (weak or better) go back: a reference below every band tells the other side
 * about a case of ours that is not their person.
 */
export async function runPeerSearch(
  deps: Deps,
  request: { case: PeerCaseRef; facts: PeerFacts; faces: PeerFace[]; country: Case["country"] },
): Promise<PeerSearchResult> {
  const vectors = await prepareProbeVectors(deps, request.faces);
  const space = await activeSpace(deps);
  const record = peerCaseOf(request.case, request.facts, deps.clock.now().toISOString());
  const otherKind = record.kind === "missing" ? "found" : "missing";
  const scope = await scopeCases(deps, otherKind, request.country);
  const ranked = await rankScope(deps, {
    record,
    faces: request.faces.map((f, i) => ({
      caseId: record.id,
      photoId: `probe-${i}`,
      faceIndex: 0,
      ...(f.photoDate ? { photoDate: f.photoDate } : {}),
      vector: vectors[i]!,
    })),
    country: request.country,
    scope,
    space,
  });
  const shown = ranked.scored.filter((s) => s.evidence.band !== "below_threshold").slice(0, CROSS_BORDER_CANDIDATES);
  const results: PeerCandidate[] = [];
  for (const [i, s] of shown.entries()) {
    const officer = await peerOfficerOf(deps, s.other.officerUids[0] ?? s.other.createdBy);
    const gap = photoAgeGapOf(record, s.other, s.evidence);
    results.push({
      rank: i + 1,
      case: {
        country: s.other.country,
        id: s.other.id,
        ...(s.other.externalRef ? { externalRef: s.other.externalRef } : {}),
        kind: s.other.kind,
        station: s.other.station,
      },
      ...(officer ? { officer } : {}),
      band: s.evidence.band,
      score: s.evidence.score,
      similarity: s.evidence.face.similarity,
      faceBand: s.evidence.face.band,
      factors: s.evidence.fused?.factors ?? [],
      ...(gap !== undefined ? { photoAgeGapYears: gap } : {}),
    });
  }
  return { results, scope: { openCases: scope.size, withFaces: ranked.withFaces }, calibrationVersion: FUSION_VERSION };
}
