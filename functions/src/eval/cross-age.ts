// Cross-age evaluation on an age-gap set laid out as <dir>/<person>/<adult photos> and
// <dir>/<person>/y/<young photos> (the Large Age-Gap set, LAG). People are split by the first
// letter of their folder: a–l for development, m–z the holdout; other folders are left out.
// Verification: every young x adult pair of a person against as many impostor pairs, drawn with a
// seed inside person-disjoint folds. Investigative 1:N: the adult photos are the gallery, one case
// per person scored by its best face; every young photo is a probe.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { CALIBRATION, cosine, type FaceEngine } from "../engine/index.js";
import { isReadableImageName } from "../image-files.js";
import { embedImages } from "./embed-images.js";
import { seededRandom, shuffle } from "./identification.js";
import { kFoldAccuracy, tarAtFar, auc } from "./roc.js";

export type Split = "dev" | "holdout" | "all";

export interface AgeGapPerson {
  name: string;
  young: string[];
  adult: string[];
}

const FOLDS = 10;
const RANKS = [1, 5, 10, 20] as const;
/** a pair with a missing face counts as a non-match (the lowest possible cosine) */
const MISSING_FACE_SCORE = -1;

export function splitOf(name: string): "dev" | "holdout" | undefined {
  const first = name[0]?.toLowerCase() ?? "";
  if (first >= "a" && first <= "l") return "dev";
  if (first >= "m" && first <= "z") return "holdout";
  return undefined;
}

async function readAgeGapFolders(dir: string, split: Split): Promise<{ people: AgeGapPerson[]; leftOut: string[] }> {
  const images = async (path: string): Promise<string[]> =>
    (await readdir(path, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isFile() && isReadableImageName(e.name))
      .map((e) => join(path, e.name))
      .sort();
  const folders = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const people: AgeGapPerson[] = [];
  const leftOut: string[] = [];
  for (const name of folders) {
    const part = splitOf(name);
    if (!part) leftOut.push(name);
    else if (split === "all" || part === split)
      people.push({ name, young: await images(join(dir, name, "y")), adult: await images(join(dir, name)) });
  }
  return { people, leftOut };
}

interface VerificationPair {
  young: string;
  adult: string;
  same: boolean;
  fold: number;
}

/**
 * Every young x adult pair of each person, and in each fold as many impostor pairs (a young photo
 * and another person's adult photo, both people in the fold), without repeats.
 */
export function verificationPairs(people: AgeGapPerson[], seed: number): VerificationPair[] {
  const random = seededRandom(seed);
  const withBoth = shuffle(
    people.filter((p) => p.young.length > 0 && p.adult.length > 0),
    random,
  );
  const pairs: VerificationPair[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const members = withBoth.filter((_, i) => i % FOLDS === fold);
    const genuine = members.flatMap((p) =>
      p.young.flatMap((young) => p.adult.map((adult) => ({ young, adult, same: true, fold }))),
    );
    pairs.push(...genuine);
    const wanted = Math.min(genuine.length, impostorCount(members));
    const seen = new Set<string>();
    while (seen.size < wanted) {
      const a = members[Math.floor(random() * members.length)]!;
      const b = members[Math.floor(random() * members.length)]!;
      if (a === b) continue;
      const young = a.young[Math.floor(random() * a.young.length)]!;
      const adult = b.adult[Math.floor(random() * b.adult.length)]!;
      const key = `${young}\n${adult}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ young, adult, same: false, fold });
    }
  }
  return pairs;
}

function impostorCount(members: AgeGapPerson[]): number {
  const adults = members.reduce((n, p) => n + p.adult.length, 0);
  return members.reduce((n, p) => n + p.young.length * (adults - p.adult.length), 0);
}

interface ProbeResult {
  /** 1 + the cases scoring strictly higher than the true one; Infinity when the probe has no face */
  rank: number;
  /** the true case's score (its best face), or undefined when the probe has no face */
  score?: number;
}

/** each young face against every case (the best of its adult faces) */
export function searchCases(
  people: AgeGapPerson[],
  embeddings: Map<string, Float32Array | undefined>,
): { cases: number; probes: ProbeResult[] } {
  const cases = people
    .map((p) => ({ name: p.name, faces: p.adult.flatMap((a) => embeddings.get(a) ?? []) }))
    .filter((c) => c.faces.length > 0);
  const caseIndex = new Map(cases.map((c, i) => [c.name, i]));
  const probes: ProbeResult[] = [];
  const scores = new Float64Array(cases.length);
  for (const person of people) {
    const mate = caseIndex.get(person.name);
    if (mate === undefined) continue; // no adult face to find
    for (const young of person.young) {
      const probe = embeddings.get(young);
      if (!probe) {
        probes.push({ rank: Infinity });
        continue;
      }
      cases.forEach((c, i) => (scores[i] = Math.max(...c.faces.map((f) => cosine(probe, f)))));
      const score = scores[mate]!;
      let rank = 1;
      for (let i = 0; i < cases.length; i++) if (i !== mate && scores[i]! > score) rank++;
      probes.push({ rank, score });
    }
  }
  return { cases: cases.length, probes };
}

export async function runCrossAge(engine: FaceEngine, imagesDir: string, split: Split, seed: number) {
  const { people, leftOut } = await readAgeGapFolders(imagesDir, split);
  const embedded = await embedImages(
    engine,
    people.flatMap((p) => [...p.young, ...p.adult]),
    "embedding",
  );
  const score = (a: string, b: string): number => {
    const x = embedded.embeddings.get(a);
    const y = embedded.embeddings.get(b);
    return x && y ? cosine(x, y) : MISSING_FACE_SCORE;
  };

  const pairs = verificationPairs(people, seed).map((p) => ({ ...p, score: score(p.young, p.adult) }));
  const kfold = kFoldAccuracy(pairs, FOLDS);
  const far = tarAtFar(pairs, 0.001);
  const genuine = pairs.filter((p) => p.same).length;

  const search = searchCases(people, embedded.embeddings);
  const probes = search.probes;
  const rate = (hit: (p: ProbeResult) => boolean): number =>
    probes.length ? probes.filter(hit).length / probes.length : NaN;
  const bands = [...CALIBRATION.bands].sort((a, b) => a.minSimilarity - b.minSimilarity);

  const figures: Record<string, number | string> = {
    split,
    seed,
    people: people.length,
    left_out_folders: leftOut.length,
    people_without_adult_photo: people.filter((p) => p.adult.length === 0).length,
    people_without_young_photo: people.filter((p) => p.young.length === 0).length,
    images: embedded.embeddings.size,
    no_face: embedded.noFace.length,
    unreadable: embedded.unreadable.length,
    pairs: pairs.length,
    genuine_pairs: genuine,
    impostor_pairs: pairs.length - genuine,
    folds: FOLDS,
    accuracy: kfold.mean,
    accuracy_sd: kfold.sd,
    tar_at_far_0_001: far.tar,
    threshold_at_far_0_001: far.threshold,
    auc: auc(pairs),
    gallery_cases: search.cases,
    probes: probes.length,
  };
  for (const r of RANKS) figures[`rank${r}`] = rate((p) => p.rank <= r);
  for (const b of bands)
    figures[`true_match_at_or_above_${b.band}`] = rate((p) => (p.score ?? -Infinity) >= b.minSimilarity);
  figures.images_per_s = embedded.embeddings.size / embedded.seconds;

  const pct = (v: number | string): string => `${((v as number) * 100).toFixed(2)} %`;
  const lines = [
    `${split === "all" ? "all people" : split === "dev" ? "development half (a–l)" : "holdout half (m–z)"}: ${people.length} people` +
      (leftOut.length
        ? `; left out ${leftOut.length} folder(s) not starting with a letter: ${leftOut.join(", ")}`
        : ""),
    `images: ${figures.images}, no face: ${figures.no_face}, unreadable: ${figures.unreadable}; people without an adult photo: ${figures.people_without_adult_photo}, without a young photo: ${figures.people_without_young_photo}`,
    `verification, young vs adult: ${genuine} genuine + ${figures.impostor_pairs} impostor pairs (seed ${seed}), ${FOLDS} person-disjoint folds`,
    `  accuracy (${FOLDS}-fold, threshold from the other folds): ${pct(kfold.mean)} ± ${pct(kfold.sd)}`,
    `  TAR at FAR 0.1 %: ${pct(far.tar)} (threshold ${far.threshold.toFixed(3)}; ${far.impostors} impostor pairs, so FAR steps are ${(100 / far.impostors).toFixed(3)} %)`,
    `  AUC: ${(figures.auc as number).toFixed(4)}`,
    `investigative 1:N: ${search.cases} cases (adult photos, a case scores its best face), ${probes.length} young probes`,
    `  ${RANKS.map((r) => `rank-${r} ${pct(figures[`rank${r}`]!)}`).join(", ")}`,
    `  true match at or above the band edges: ${bands.map((b) => `${b.band} ${b.minSimilarity} ${pct(figures[`true_match_at_or_above_${b.band}`]!)}`).join(", ")}`,
  ];
  return { figures, lines };
}
