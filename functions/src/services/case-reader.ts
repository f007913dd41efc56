import type { Deps } from "../ports/index.js";
import type { Case } from "../schemas/index.js";

/** reads each case once per run (a search, a cross-match), however many of its faces or pairs come up */
export function caseReader(deps: Pick<Deps, "cases">): (id: string) => Promise<Case | undefined> {
  const cache = new Map<string, Promise<Case | undefined>>();
  return (id) => {
    let c = cache.get(id);
    if (!c) cache.set(id, (c = deps.cases.get(id)));
    return c;
  };
}
