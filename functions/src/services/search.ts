// 1:N face search. Every face of the probe is searched; candidates are grouped by case and
// ranked. A candidate is a lead for an officer to review, never an identification.
import { randomUUID } from "node:crypto";
import { CALIBRATION, bandFor } from "../engine/calibration.js";
import { ImageError } from "../engine/errors.js";
import type { Deps, FacePrefilter } from "../ports/index.js";
import type { Candidate, SearchFacesInput, SearchFacesOutput, SearchHistoryEntry } from "../schemas/index.js";
import { type Actor, isAdmin, requireApproved, requireCountry } from "./actor.js";
import { audit } from "./audit.js";
import { mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { decodeBase64, sha256 } from "./photos.js";
import { enforceRateLimit } from "./rate-limit.js";

export const SEARCH_NOTICE =
  "Candidates are possible leads for an officer to review, not identifications. Record an outcome for each candidate you review.";

/** several faces of one case can match: fetch more neighbours than cases wanted */
const NEIGHBOURS_PER_CASE = 4;

async function probeBytes(deps: Deps, actor: Actor, probe: SearchFacesInput["probe"]): Promise<Uint8Array> {
  if ("contentBase64" in probe) return decodeBase64(probe.contentBase64);
  if (!probe.storagePath.startsWith(`probes/${actor.uid}/`))
    throw new ServiceError("permission-denied", "You can only search with probe photos you uploaded yourself.");
  const bytes = await deps.blobs.get(probe.storagePath);
  if (!bytes) throw new ServiceError("not-found", "The probe photo was not found (it may already have been used and deleted).");
  return bytes;
}

export async function searchFaces(deps: Deps, actor: Actor | undefined, input: SearchFacesInput): Promise<SearchFacesOutput> {
  const a = requireApproved(actor);
  if (input.filters.country) requireCountry(a, input.filters.country);
  if ("caseId" in input.purpose) await mustGetCase(deps, a, input.purpose.caseId);
  await enforceRateLimit(deps, a, "search");

  const bytes = await probeBytes(deps, a, input.probe);
  const analyzer = await deps.analyzer();
  let analysis;
  try {
    analysis = await analyzer.analyze(bytes, { select: "all" });
  } catch (error) {
    if (error instanceof ImageError) throw new ServiceError("invalid-argument", error.message, { reason: error.code });
    throw error;
  } finally {
    if ("storagePath" in input.probe) await deps.blobs.delete(input.probe.storagePath);
  }

  const filter: FacePrefilter = {
    caseStatus: input.filters.status ?? "open",
    ...(input.filters.kind ? { caseKind: input.filters.kind } : {}),
    ...((isAdmin(a) ? input.filters.country : a.claims.country) ? { country: isAdmin(a) ? input.filters.country : a.claims.country } : {}),
  };
  const caseCache = new Map<string, Awaited<ReturnType<Deps["cases"]["get"]>>>();
  const faces: SearchFacesOutput["faces"] = [];
  for (const face of analysis.faces) {
    const neighbours = await deps.faces.findNearest({
      vector: face.embedding,
      filter,
      limit: input.limit * NEIGHBOURS_PER_CASE,
      distanceThreshold: 1 - CALIBRATION.threshold,
    });
    const byCase = new Map<string, { best: (typeof neighbours)[number]; photos: Set<string> }>();
    for (const n of neighbours) {
      const group = byCase.get(n.face.caseId);
      if (!group) byCase.set(n.face.caseId, { best: n, photos: new Set([n.face.photoId]) });
      else {
        group.photos.add(n.face.photoId);
        if (n.distance < group.best.distance) group.best = n;
      }
    }
    const candidates: Candidate[] = [];
    for (const [caseId, group] of [...byCase].sort((x, y) => x[1].best.distance - y[1].best.distance)) {
      if (!caseCache.has(caseId)) caseCache.set(caseId, await deps.cases.get(caseId));
      const value = caseCache.get(caseId);
      const similarity = 1 - group.best.distance;
      const band = bandFor(similarity);
      if (!value || !band) continue;
      candidates.push({
        caseId,
        ...(value.externalRef ? { externalRef: value.externalRef } : {}),
        kind: value.kind,
        country: value.country,
        similarity: Math.round(similarity * 10_000) / 10_000,
        band,
        photo: { caseId, photoId: group.best.face.photoId, faceIndex: group.best.face.faceIndex },
        matchedPhotos: group.photos.size,
      });
      if (candidates.length === input.limit) break;
    }
    faces.push({ index: face.index, box: face.detection.box, quality: face.quality, issues: face.issues, candidates });
  }

  const probeSha256 = sha256(bytes);
  const entry: SearchHistoryEntry = {
    id: randomUUID(),
    user_uid: a.uid,
    purpose: input.purpose,
    filters: input.filters,
    probeSha256,
    modelVersion: analyzer.modelVersion,
    createdAt: deps.clock.now().toISOString(),
    faces: faces.map((f) => ({ index: f.index, candidates: f.candidates.map((c) => ({ caseId: c.caseId, similarity: c.similarity, band: c.band })) })),
    outcomes: [],
  };
  await deps.searches.put(entry);
  const candidateCount = faces.reduce((n, f) => n + f.candidates.length, 0);
  await audit(deps, a, "search.run", { type: "search", id: entry.id }, { faces: faces.length, candidates: candidateCount });
  deps.events.info("search_completed", { faces: faces.length, candidates: candidateCount });
  return {
    searchId: entry.id,
    probeSha256,
    modelVersion: analyzer.modelVersion,
    threshold: CALIBRATION.threshold,
    probeReasons: analysis.verdict.reasons,
    faces,
    notice: SEARCH_NOTICE,
  };
}

export async function listSearchHistory(deps: Deps, actor: Actor | undefined, input: { uid?: string; limit: number }) {
  const a = requireApproved(actor);
  if (input.uid && input.uid !== a.uid && !isAdmin(a)) throw new ServiceError("permission-denied", "You can only read your own search history.");
  const uid = isAdmin(a) ? input.uid : a.uid;
  return { entries: await deps.searches.list({ ...(uid ? { uid } : {}), limit: input.limit }) };
}

export async function recordSearchOutcome(
  deps: Deps,
  actor: Actor | undefined,
  input: { searchId: string; faceIndex: number; caseId: string; outcome: SearchHistoryEntry["outcomes"][number]["outcome"]; note: string },
) {
  const a = requireApproved(actor);
  const entry = await deps.searches.get(input.searchId);
  if (!entry) throw new ServiceError("not-found", "No search with this reference.");
  if (entry.user_uid !== a.uid && !isAdmin(a)) throw new ServiceError("permission-denied", "Only the officer who searched can record its outcome.");
  const face = entry.faces.find((f) => f.index === input.faceIndex);
  if (!face?.candidates.some((c) => c.caseId === input.caseId))
    throw new ServiceError("invalid-argument", "This case was not a candidate for that face in this search.");
  const updated: SearchHistoryEntry = {
    ...entry,
    outcomes: [
      ...entry.outcomes.filter((o) => !(o.faceIndex === input.faceIndex && o.caseId === input.caseId)),
      { faceIndex: input.faceIndex, caseId: input.caseId, outcome: input.outcome, note: input.note, by: a.uid, at: deps.clock.now().toISOString() },
    ],
  };
  await deps.searches.put(updated);
  await audit(deps, a, "search.outcome", { type: "search", id: entry.id }, { outcome: input.outcome });
  return { entry: updated };
}
