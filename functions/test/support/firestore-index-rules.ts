// What a Firestore query needs from firestore.indexes.json, following Firestore's documented rules:
// a collection's single-field indexes exist automatically (ascending, descending, array-contains)
// unless a field override removes them; a collection group's exist only where a field override
// declares them; several equality filters alone are served by merging single-field indexes; any
// other combination (equality with an order on another field, two sort fields, a range on one field
// with an order on another, a vector search) needs a composite index whose fields are the equality
// fields (in any order) followed by the sort fields in order and direction — for a vector search,
// the prefilter fields followed by the vector field.
import type { Direction, RecordedQuery, Scope } from "./recording-firestore.js";

interface IndexField {
  fieldPath: string;
  order?: Direction;
  arrayConfig?: "CONTAINS";
  vectorConfig?: { dimension: number };
}
export interface IndexesFile {
  indexes: { collectionGroup: string; queryScope: Scope; fields: IndexField[] }[];
  fieldOverrides?: {
    collectionGroup: string;
    fieldPath: string;
    indexes: { order?: Direction; arrayConfig?: "CONTAINS"; queryScope: Scope }[];
  }[];
}

const EQUALITY = new Set(["==", "in"]);
const CONTAINS = new Set(["array-contains", "array-contains-any"]);
const RANGE = new Set(["<", "<=", ">", ">=", "!=", "not-in"]);

type Mode = Direction | "CONTAINS" | "ANY_ORDER";
interface Need {
  field: string;
  mode: Mode;
}

/** the index a query needs: its equality part (a set), its sort part (a sequence), its vector field */
export interface IndexNeed {
  collectionGroup: string;
  scope: Scope;
  equalities: Need[];
  sorts: { field: string; direction: Direction }[];
  vector?: { field: string; dimension: number };
}

export function indexNeed(q: RecordedQuery): IndexNeed {
  const equalities: Need[] = [];
  for (const f of q.filters) {
    if (EQUALITY.has(f.op)) equalities.push({ field: f.field, mode: "ANY_ORDER" });
    else if (CONTAINS.has(f.op)) equalities.push({ field: f.field, mode: "CONTAINS" });
    else if (!RANGE.has(f.op)) throw new Error(`unknown filter operator ${f.op}`);
  }
  // an order on a field fixed by an equality filter changes nothing: Firestore drops it
  const fixed = new Set(q.filters.filter((f) => f.op === "==").map((f) => f.field));
  const sorts = q.orders.filter((o) => !fixed.has(o.field));
  // Firestore orders by every inequality field not ordered explicitly, ascending, after the explicit order
  const ranged = [...new Set(q.filters.filter((f) => RANGE.has(f.op)).map((f) => f.field))].sort();
  for (const field of ranged) if (!sorts.some((s) => s.field === field)) sorts.push({ field, direction: "ASCENDING" });
  return {
    collectionGroup: q.collectionGroup,
    scope: q.scope,
    equalities,
    sorts,
    ...(q.vector ? { vector: q.vector } : {}),
  };
}

/** single-field indexes the query can be served by, or undefined when it needs a composite index */
function singleFieldNeeds(need: IndexNeed): Need[] | undefined {
  if (need.vector) return undefined;
  const { equalities, sorts } = need;
  if (sorts.length === 0) {
    // equalities alone: one index, or a merge of equality indexes (array-contains only on its own)
    if (equalities.length <= 1 || equalities.every((e) => e.mode === "ANY_ORDER")) return equalities;
    return undefined;
  }
  if (sorts.length === 1 && equalities.length === 0) return [{ field: sorts[0]!.field, mode: sorts[0]!.direction }];
  return undefined;
}

function singleFieldExists(file: IndexesFile, collectionGroup: string, scope: Scope, need: Need): boolean {
  const override = (file.fieldOverrides ?? []).find(
    (o) => o.collectionGroup === collectionGroup && o.fieldPath === need.field,
  );
  // without an override a collection's single-field indexes are automatic; a collection group has none
  if (!override) return scope === "COLLECTION";
  return override.indexes.some(
    (i) =>
      i.queryScope === scope &&
      (need.mode === "CONTAINS"
        ? i.arrayConfig === "CONTAINS"
        : need.mode === "ANY_ORDER"
          ? i.order !== undefined
          : i.order === need.mode),
  );
}

function compositeServes(index: IndexesFile["indexes"][number], need: IndexNeed): boolean {
  if (index.collectionGroup !== need.collectionGroup || index.queryScope !== need.scope) return false;
  const width = need.equalities.length + need.sorts.length + (need.vector ? 1 : 0);
  if (index.fields.length !== width) return false;
  const head = index.fields.slice(0, need.equalities.length);
  const equalitiesMatch = need.equalities.every((e) =>
    head.some(
      (f) => f.fieldPath === e.field && (e.mode === "CONTAINS" ? f.arrayConfig === "CONTAINS" : f.order !== undefined),
    ),
  );
  const sortsMatch = need.sorts.every((s, i) => {
    const f = index.fields[need.equalities.length + i]!;
    return f.fieldPath === s.field && f.order === s.direction;
  });
  const last = index.fields.at(-1)!;
  const vectorMatch =
    !need.vector || (last.fieldPath === need.vector.field && last.vectorConfig?.dimension === need.vector.dimension);
  return equalitiesMatch && sortsMatch && vectorMatch;
}

/** undefined when firestore.indexes.json serves the query; otherwise what is missing, in words */
export function missingIndex(file: IndexesFile, query: RecordedQuery): string | undefined {
  const need = indexNeed(query);
  const single = singleFieldNeeds(need);
  if (single) {
    const missing = single.filter((n) => !singleFieldExists(file, need.collectionGroup, need.scope, n));
    return missing.length === 0
      ? undefined
      : `single-field ${need.scope} index on ${missing.map((m) => `${m.field} ${m.mode}`).join(", ")}`;
  }
  if (file.indexes.some((i) => compositeServes(i, need))) return undefined;
  return `composite ${describeNeed(need)}`;
}

export function describeNeed(need: IndexNeed): string {
  const parts = [
    ...need.equalities.map((e) => `${e.field}${e.mode === "CONTAINS" ? " CONTAINS" : " =="}`),
    ...need.sorts.map((s) => `${s.field} ${s.direction}`),
    ...(need.vector ? [`${need.vector.field} VECTOR(${need.vector.dimension})`] : []),
  ];
  return `${need.collectionGroup} (${need.scope}): ${parts.join(", ")}`;
}
