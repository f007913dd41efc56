// Open-set identification over identity folders.
import { performance } from "node:perf_hooks";
import type { FaceEngine } from "../engine/index.js";
import { embedImages } from "./embed-images.js";
import { fnirAtFpir, rankRate, searchGallery, splitIdentities, type SearchResult } from "./identification.js";
import { readIdentityFolders } from "./identity-folders.js";

export async function runIdentification(engine: FaceEngine, imagesDir: string, seed: number) {
  const split = splitIdentities(await readIdentityFolders(imagesDir), seed);
  const all = [...split.gallery, ...split.mated, ...split.nonMated].map((e) => e.item);
  const embedded = await embedImages(engine, all, "embedding");
  // enrolment needs a face: identities whose gallery image has none are dropped with their probes
  const gallery = split.gallery.filter((g) => embedded.embeddings.get(g.item));
  const galleryIndex = new Map(gallery.map((g, i) => [g.name, i]));
  const vectors = gallery.map((g) => embedded.embeddings.get(g.item)!);
  const search = (probes: { name: string; item: string }[], mated: boolean): SearchResult[] =>
    probes
      .filter((p) => !mated || galleryIndex.has(p.name))
      .map((p) => {
        const v = embedded.embeddings.get(p.item);
        const mateIndex = mated ? galleryIndex.get(p.name) : undefined;
        // a probe without a face returns nothing: a miss when mated, no false positive when not
        return v
          ? searchGallery(v, vectors, mateIndex)
          : { topScore: -Infinity, ...(mated ? { mateRank: Infinity } : {}) };
      });
  const start = performance.now();
  const matedResults = search(split.mated, true);
  const nonMatedResults = search(split.nonMated, false);
  const searchMs = (performance.now() - start) / Math.max(1, matedResults.length + nonMatedResults.length);
  const at1 = fnirAtFpir(matedResults, nonMatedResults, 0.01);
  const at01 = fnirAtFpir(matedResults, nonMatedResults, 0.001);
  const figures = {
    seed,
    gallery_size: gallery.length,
    mated_probes: matedResults.length,
    non_mated_probes: nonMatedResults.length,
    rank1: rankRate(matedResults, 1),
    rank5: rankRate(matedResults, 5),
    fnir_at_fpir_0_01: at1.fnir,
    threshold_at_fpir_0_01: at1.threshold,
    fnir_at_fpir_0_001: at01.fnir,
    threshold_at_fpir_0_001: at01.threshold,
    no_face: embedded.noFace.length,
    unreadable: embedded.unreadable.length,
    images: embedded.embeddings.size,
    images_per_s: embedded.embeddings.size / embedded.seconds,
    search_ms_per_probe: searchMs,
  };
  const pct = (v: number): string => `${(v * 100).toFixed(2)} %`;
  const lines = [
    `gallery: ${figures.gallery_size} identities (one image each); probes: ${figures.mated_probes} mated, ${figures.non_mated_probes} non-mated (seed ${seed})`,
    `rank-1: ${pct(figures.rank1)}, rank-5: ${pct(figures.rank5)}`,
    `FNIR at FPIR 1 %: ${pct(at1.fnir)} (threshold ${at1.threshold.toFixed(3)}); at FPIR 0.1 %: ${pct(at01.fnir)} (threshold ${at01.threshold.toFixed(3)})`,
    `images: ${figures.images}, no face: ${figures.no_face}; search: ${searchMs.toFixed(3)} ms per probe (brute force over ${gallery.length})`,
  ];
  return { figures, lines };
}
