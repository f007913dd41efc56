// Open-set 1:N identification: a gallery of one image per enrolled identity, mated probes (other
// images of enrolled identities) and non-mated probes (identities not enrolled).

export interface Identity<T> {
  name: string;
  items: T[];
}

interface IdentificationSplit<T> {
  gallery: { name: string; item: T }[];
  mated: { name: string; item: T }[];
  nonMated: { name: string; item: T }[];
}

/** deterministic PRNG (mulberry32) so a seed reproduces the split */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** half of the identities with >= 2 images are enrolled (first image); the rest probe as non-mated */
export function splitIdentities<T>(identities: Identity<T>[], seed: number): IdentificationSplit<T> {
  const random = seededRandom(seed);
  const sorted = [...identities].sort((a, b) => (a.name < b.name ? -1 : 1));
  const multi = shuffle(
    sorted.filter((i) => i.items.length >= 2),
    random,
  );
  const enrolled = new Set(multi.slice(0, Math.floor(multi.length / 2)).map((i) => i.name));
  const split: IdentificationSplit<T> = { gallery: [], mated: [], nonMated: [] };
  for (const identity of sorted) {
    if (enrolled.has(identity.name)) {
      const [first, ...rest] = identity.items;
      split.gallery.push({ name: identity.name, item: first! });
      for (const item of rest) split.mated.push({ name: identity.name, item });
    } else {
      for (const item of identity.items) split.nonMated.push({ name: identity.name, item });
    }
  }
  return split;
}

export interface SearchResult {
  /** rank of the true mate (1-based) and its score; undefined for non-mated probes */
  mateRank?: number;
  mateScore?: number;
  topScore: number;
}

/** brute-force dot products of unit vectors */
export function searchGallery(
  probe: Float32Array,
  gallery: Float32Array[],
  mateIndex: number | undefined,
): SearchResult {
  let topScore = -Infinity;
  const scores = new Float32Array(gallery.length);
  for (let g = 0; g < gallery.length; g++) {
    const v = gallery[g]!;
    let s = 0;
    for (let d = 0; d < v.length; d++) s += v[d]! * probe[d]!;
    scores[g] = s;
    if (s > topScore) topScore = s;
  }
  if (mateIndex === undefined) return { topScore };
  const mateScore = scores[mateIndex]!;
  let rank = 1;
  for (let g = 0; g < scores.length; g++) if (g !== mateIndex && scores[g]! > mateScore) rank++;
  return { mateRank: rank, mateScore, topScore };
}

export function rankRate(mated: SearchResult[], rank: number): number {
  return mated.length === 0 ? NaN : mated.filter((m) => (m.mateRank ?? Infinity) <= rank).length / mated.length;
}

/**
 * FNIR at a given FPIR: the threshold is set so that a share `fpir` of non-mated probes return a
 * candidate (top score >= threshold); FNIR is the share of mated probes whose mate is not returned
 * at rank 1 with a score >= threshold.
 */
export function fnirAtFpir(
  mated: SearchResult[],
  nonMated: SearchResult[],
  fpir: number,
): { fnir: number; threshold: number } {
  const tops = nonMated.map((r) => r.topScore).sort((a, b) => b - a);
  if (tops.length === 0 || mated.length === 0) return { fnir: NaN, threshold: NaN };
  const threshold = tops[Math.floor(fpir * tops.length)]! + 1e-9;
  const misses = mated.filter((m) => m.mateRank !== 1 || (m.mateScore ?? -Infinity) < threshold).length;
  return { fnir: misses / mated.length, threshold };
}
