// The case search on a country's caseload: 3,000 cases with real Kirundi and Kinyarwanda names and
// baptismal names, 30 stations, 60 officers. Each listing is paged to its end and compared with
// what reading every case of the store would give: the keys never lose a case the matcher accepts.
// Its speed is measured by `npm run tora-face -- bench-cases` (docs/portal-field-ready.md), not here.
import { describe, expect, it } from "vitest";
import realNames from "../../src/matching/real-names.json" with { type: "json" };
import { caseQuery } from "../../src/matching/index.js";
import type { Case, ListCasesInput } from "../../src/schemas/index.js";
import { listCases } from "../../src/services/cases.js";
import type { Actor } from "../../src/services/actor.js";
import { caseFixture } from "../contract/port-contract.js";
import { codeOf } from "../support/codes.js";
import { actor, memoryDeps, officerRecordOf } from "../support/deps.js";
import { seededCaseload } from "../../src/cli/bench-cases.js";

const deps = memoryDeps();
const caseload = seededCaseload({ cases: 3000, seed: 7 });
for (const c of caseload.cases) await deps.cases.put(c);
for (const o of caseload.officers) await deps.officers.put(o);

const officerOf = (uid: string): Actor => {
  const o = caseload.officers.find((x) => x.uid === uid)!;
  return actor(o.uid, { role: o.role, status: "approved", country: o.country });
};

/** every page of a listing, in order */
async function everyPage(caller: Actor, input: Omit<ListCasesInput, "limit">, limit = 25): Promise<Case["id"][]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = await listCases(deps, caller, { ...input, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.cases.map((c) => c.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error("the listing did not end");
}

const newestFirst = (cases: Case[]) =>
  [...cases].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
  );

describe("case search on a caseload of 3,000 cases", () => {
  const officer = officerOf(caseload.officers.find((o) => o.role === "officer" && o.country === "BI")!.uid);
  const country = caseload.cases.filter((c) => c.country === "BI");

  it("my cases: every case the officer is responsible for, newest first, each once", async () => {
    const expected = newestFirst(country.filter((c) => c.officerUids.includes(officer.uid))).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(20);
    expect(await everyPage(officer, { scope: "mine" })).toEqual(expected);
  });

  it("my station, and a station typed in other capitals and spacing", async () => {
    const own = caseload.officers.find((o) => o.uid === officer.uid)!.station;
    const expected = newestFirst(country.filter((c) => c.station === own)).map((c) => c.id);
    expect(await everyPage(officer, { scope: "station" })).toEqual(expected);
    expect(await everyPage(officer, { station: `  ${own.toUpperCase().replace(" ", "   ")} ` })).toEqual(expected);
  });

  it("a name typed with the spellings families and officers use finds what reading every case would find", async () => {
    // names of cases as another officer would type them: without the augment, r for l, y for i, lower case, a vowel changed
    const variants = [
      (n: string) => n.replace(/^(U|I|A)(?=[mnkgrbc])/i, ""),
      (n: string) => n.replace(/l/g, "r"),
      (n: string) => n.replace(/i/g, "y"),
      (n: string) => n.toLowerCase(),
      (n: string) => n.replace(/a(?=[^a]*$)/, "e"),
    ];
    let found = 0;
    for (let i = 0; i < 25; i++) {
      const target = country[(i * 97) % country.length]!;
      const typed = variants[i % variants.length]!(target.subject.names[0]!.split(" ")[0]!);
      const query = caseQuery(typed)!;
      const expected = newestFirst(country.filter((c) => query.matches(c))).map((c) => c.id);
      const listed = await everyPage(officer, { query: typed });
      expect(listed, typed).toEqual(expected);
      expect(listed, typed).toContain(target.id);
      found += listed.length;
    }
    expect(found).toBeGreaterThan(25);
  });

  it("two established names are not joined by ear: Nshimirimana does not find Nshimiyimana", async () => {
    const listed = await everyPage(officer, { query: "Nshimirimana" });
    const names = (await Promise.all(listed.map((id) => deps.cases.get(id)))).flatMap((c) => c!.subject.names);
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((n) => /nshimiyimana/i.test(n))).toBe(false);
  });

  it("a file number, whole or by its number part; with my cases and a name together", async () => {
    const target = country.find((c) => c.externalRef && c.officerUids.includes(officer.uid))!;
    expect(await everyPage(officer, { query: target.externalRef!.toLowerCase().replaceAll("/", " ") })).toEqual([
      target.id,
    ]);
    const part = target.externalRef!.split("/").at(-1)!;
    expect(await everyPage(officer, { query: part })).toContain(target.id);
    const name = target.subject.names[0]!.split(" ")[0]!;
    const mineByName = await everyPage(officer, { scope: "mine", query: name }, 5);
    const query = caseQuery(name)!;
    expect(mineByName).toEqual(
      newestFirst(country.filter((c) => c.officerUids.includes(officer.uid) && query.matches(c))).map((c) => c.id),
    );
  });

  it("an officer reads their own country only; an administrator the country asked for", async () => {
    const rw = officerOf(caseload.officers.find((o) => o.country === "RW")!.uid);
    const listed = await everyPage(rw, { query: "Jean" }, 100);
    const countries = new Set((await Promise.all(listed.map((id) => deps.cases.get(id)))).map((c) => c!.country));
    expect([...countries]).toEqual(["RW"]);
    expect(await codeOf(listCases(deps, rw, { country: "BI", limit: 5 }))).toBe("permission-denied");
    expect(await codeOf(listCases(deps, officer, { query: "--", limit: 5 }))).toBe("invalid-argument");
  });
});

describe("case search keys on a small store", () => {
  it("a case whose names change by an edit is found by its new name at once", async () => {
    const small = memoryDeps();
    const officer = actor("o1", { role: "officer", status: "approved", country: "BI" });
    await small.officers.put(officerRecordOf(officer, { status: "approved", station: "Ngozi" }));
    await small.cases.put(caseFixture("x", { subject: { names: ["Ciza Jean"], aliases: [], sex: "male" } }));
    expect((await listCases(small, officer, { query: "Cyiza", limit: 5 })).cases.map((c) => c.id)).toEqual(["x"]);
    expect(Object.keys((await listCases(small, officer, { query: "Cyiza", limit: 5 })).cases[0]!)).not.toContain(
      "searchKeys",
    );
    await small.cases.update("x", (c) => c && { ...c, subject: { ...c.subject, names: ["Kwizera"] } });
    expect((await listCases(small, officer, { query: "Cyiza", limit: 5 })).cases).toEqual([]);
    expect((await listCases(small, officer, { query: "kwizera", limit: 5 })).cases.map((c) => c.id)).toEqual(["x"]);
    expect(realNames.names).toHaveProperty("kwizera");
  });
});
