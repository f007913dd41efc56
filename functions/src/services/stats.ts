import type { Deps } from "../ports/index.js";
import { type Actor } from "./actor.js";

export async function getStats(deps: Deps, actor: Actor, input: { days: number }) {
  const since = new Date(deps.clock.now().getTime() - input.days * 86_400_000).toISOString();
  const [casesByStatusAndCountry, searchesPerDay, photosRejectedByReason] = await Promise.all([
    deps.cases.countByCountryAndStatus(),
    deps.searches.countPerDay(since),
    deps.photos.countRejectedByReason(),
  ]);
  return { casesByStatusAndCountry, searchesPerDay, photosRejectedByReason };
}
