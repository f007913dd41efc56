// "Is this the person?": every face of a photo compared with one case's searchable faces (1:1,
// where a search is 1:N). Each face gets its best similarity with the case and the calibrated band
// — below the match threshold too, since the officer asked about this case — with the years
// between the photos. Rights, rate limit, probe deletion, history and audit are a search's.
import { randomUUID } from "node:crypto";
import { CALIBRATION, bandFor, cosine } from "../engine/index.js";
import type { Deps } from "../ports/index.js";
import type { FaceDoc, SearchHistoryEntry, VerifyFacesInput, VerifyFacesOutput } from "../schemas/index.js";
import { type Actor } from "./actor.js";
import { audit } from "./audit.js";
import { sha256 } from "./bytes.js";
import { mustGetCase } from "./cases.js";
import { ServiceError } from "./errors.js";
import { activeAnalyzer, sameSpace } from "./face-models.js";
import { reserveSearch } from "./rate-limit.js";
import { SEARCH_NOTICE, analyseProbe, photoAgeGap, probeBytes, probeFaceOf } from "./search.js";

type VerifiedFace = VerifyFacesOutput["faces"][number];

const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;

export async function verifyFaces(deps: Deps, caller: Actor, input: VerifyFacesInput): Promise<VerifyFacesOutput> {
  const started = Date.now();
  const record = await mustGetCase(deps, caller, input.caseId);
  const analyzer = await activeAnalyzer(deps);
  // the probe's embedding (protected under the active key) is comparable only with vectors of its space
  const caseFaces = (await deps.faces.listForCase(record.id)).filter((f) => sameSpace(f, analyzer));
  if (caseFaces.length === 0) {
    // nothing to compare with: the probe in Storage goes, as after any search
    if ("storagePath" in input.probe) await deps.blobs.delete(input.probe.storagePath);
    throw new ServiceError("verify_case_no_faces");
  }
  const probeDate = input.probePhotoDate;
  const ticket = await reserveSearch(deps, caller);
  let bytes: Uint8Array;
  let analysis: Awaited<ReturnType<typeof analyseProbe>>;
  try {
    bytes = await probeBytes(deps, caller, input.probe);
    analysis = await analyseProbe(deps, analyzer, bytes, input.probe);
  } catch (error) {
    if (error instanceof ServiceError) await ticket.refused();
    throw error;
  }
  await (analysis.faces.length > 0 ? ticket.searched() : ticket.refused());

  const faces = analysis.faces.map((face): VerifiedFace => {
    const { best, similarity } = bestCaseFace(face.embedding, caseFaces);
    const gap = photoAgeGap(best.photoDate, probeDate);
    return {
      ...probeFaceOf(face),
      similarity: round4(similarity),
      band: bandFor(similarity) ?? "below_threshold",
      photo: { caseId: record.id, photoId: best.photoId, faceIndex: best.faceIndex },
      ...(gap !== undefined ? { photoAgeGapYears: gap } : {}),
    };
  });

  const probeSha256 = sha256(bytes);
  const entry: SearchHistoryEntry = {
    id: randomUUID(),
    userUid: caller.uid,
    purpose: { caseId: record.id },
    kind: "verify",
    filters: {},
    probeSha256,
    modelVersion: analyzer.modelVersion,
    createdAt: deps.clock.now().toISOString(),
    faces: faces.map((f) => ({
      index: f.index,
      candidates: [{ caseId: record.id, similarity: f.similarity, band: f.band }],
    })),
    outcomes: [],
  };
  await deps.searches.put(entry);
  const above = faces.filter((f) => f.band !== "below_threshold").length;
  await audit(
    deps,
    caller,
    "search.verify",
    { type: "search", id: entry.id },
    { faces: faces.length, aboveThreshold: above },
  );
  deps.events.verificationCompleted({
    faces: faces.length,
    caseFaces: caseFaces.length,
    aboveThreshold: above,
    ms: Date.now() - started,
  });
  return {
    searchId: entry.id,
    caseId: record.id,
    ...(record.externalRef ? { externalRef: record.externalRef } : {}),
    kind: record.kind,
    country: record.country,
    probeSha256,
    modelVersion: analyzer.modelVersion,
    threshold: CALIBRATION.threshold,
    probeReasons: analysis.verdict.reasons,
    width: analysis.width,
    height: analysis.height,
    caseFaces: caseFaces.length,
    faces,
    notice: SEARCH_NOTICE,
  };
}

/** the case's face most similar to this embedding (the exact cosine: a case has a handful of faces) */
function bestCaseFace(embedding: Float32Array, caseFaces: FaceDoc[]): { best: FaceDoc; similarity: number } {
  let best = caseFaces[0]!;
  let similarity = -Infinity;
  for (const face of caseFaces) {
    const s = cosine(embedding, Float32Array.from(face.embedding));
    if (s > similarity) [best, similarity] = [face, s];
  }
  return { best, similarity };
}
