// `tora-face bench-candidates --found 1000,5000`: a case's candidate list on a local store of that
// many open found cases (random unit faces, one or two per case, and facts drawn over Burundi's
// communes, ages and dates), timed through the same use case the callable and the command run.
// The budget: 300 ms for 5,000 found cases in local mode. Firestore reads per list by the pricing
// rule (one per document read, one per query that returns nothing): the scope's faces and cases,
// the case's own faces and pairs, the case, the model setting and the rate-limit window.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createLocalDeps } from "../adapters/local/deps.js";
import { newKeyRingSecret } from "../adapters/crypto/aes-keyring.js";
import { median, percentile } from "../bench/stats.js";
import { placeUnits } from "../matching/index.js";
import { silentEvents } from "../runtime/events.js";
import { EMBEDDING_DIM, type Case, type FaceDoc } from "../schemas/index.js";
import { rankCandidates } from "../services/candidates.js";

const MODEL = "bench";

export async function benchCandidates(sizes: number[], lists = 20) {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const unit = () => {
    const v = Array.from({ length: EMBEDDING_DIM }, () => random() * 2 - 1);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const communes = placeUnits("BI").flatMap((p) => p.level2.map((c) => ({ level1: p.level1.id, level2: c.id })));
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const rows = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "tora-bench-candidates-"));
    const deps = createLocalDeps({
      database: join(dir, "store.sqlite"),
      keyRingSecret: newKeyRingSecret("bench"),
      templateKeySecret: newKeyRingSecret("bench"),
      analyzer: async () => ({
        modelVersion: MODEL,
        analyze: () => Promise.reject(new Error("no engine in the bench")),
      }),
      events: silentEvents,
    });
    try {
      const at = new Date(0).toISOString();
      const caseOf = (id: string, kind: Case["kind"]): Case => {
        const place = { country: "BI" as const, ...pick(communes) };
        const age = Math.floor(random() * 60);
        return {
          id,
          kind,
          status: "open",
          country: "BI",
          station: "S",
          subject: {
            names: [],
            aliases: [],
            sex: random() < 0.5 ? "female" : "male",
            ...(kind === "missing"
              ? { birthYear: 2026 - age, lastSeenDate: "2020-05-01", lastSeenPlace: place }
              : { ageRange: { min: Math.max(0, age - 4), max: age + 4 } }),
          },
          ...(kind === "found"
            ? {
                found: {
                  dateFound: "2025-03-01",
                  foundPlace: place,
                  condition: "alive" as const,
                  cannotIdentify: false,
                },
              }
            : {}),
          officerUids: ["u"],
          createdBy: "u",
          createdAt: at,
          updatedAt: at,
          retentionUntil: at,
        };
      };
      const faceOf = (c: Case, photo: number): FaceDoc => ({
        faceId: `${c.id}_p${photo}_0`,
        caseId: c.id,
        photoId: `p${photo}`,
        faceIndex: 0,
        caseKind: c.kind,
        caseStatus: "open",
        country: c.country,
        modelVersion: MODEL,
        // random unit vectors stand for protected ones: any orthogonal image of them is as random
        templateKeyId: "bench",
        quality: { faceSizePx: 100, sharpness: 100, brightness: 100, rollDeg: 0, yaw: 0, detectorScore: 0.9 },
        bbox: { x: 0, y: 0, width: 100, height: 100 },
        photoDate: "2025-03-01",
        createdAt: at,
        embedding: unit(),
      });
      let faces = 0;
      for (let i = 0; i < size; i++) {
        const c = caseOf(`found-${i}`, "found");
        await deps.cases.put(c);
        // a third of the found persons have a second photo
        for (let p = 0; p < (i % 3 === 0 ? 2 : 1); p++, faces++)
          await deps.faces.replacePhotoFaces(c.id, `p${p}`, [faceOf(c, p)]);
      }
      const missing = caseOf("missing-0", "missing");
      await deps.cases.put(missing);
      for (let p = 0; p < 2; p++) await deps.faces.replacePhotoFaces(missing.id, `p${p}`, [faceOf(missing, p)]);
      const times: number[] = [];
      let first = 0;
      for (let k = 0; k <= lists; k++) {
        const t = performance.now();
        const list = await rankCandidates(deps, missing, 20);
        if (list.candidates.length !== 20 || list.scope.withFaces !== size)
          throw new Error("the bench's list is not what it should be");
        if (k === 0) first = performance.now() - t;
        else times.push(performance.now() - t);
      }
      rows.push({
        found_cases: size,
        found_faces: faces,
        ms_first: first,
        ms_median: median(times),
        ms_p95: percentile(times, 95),
        // faces of the scope + cases of the scope + own 2 faces + 1 (no pair) + case + model setting + rate-limit window
        firestore_reads: faces + size + 2 + 1 + 3,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { lists_per_size: lists, budget_ms: 300, rows };
}
