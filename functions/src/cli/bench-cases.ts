// `tora-face bench-cases --cases 1000,5000`: the case list and its search on a local store of that
// many cases (real Kirundi and Kinyarwanda names with a baptismal name, file numbers, 30 stations,
// 60 officers over both countries), timed through the use case the callable runs: an officer's
// first page of their own cases, of their station, of the country, a name typed by ear, a file
// number, and the country's caseload paged to its end. Firestore reads per page by the pricing
// rule: one per case returned (a name's page may read a few the matcher sets aside).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createLocalDeps } from "../adapters/local/deps.js";
import { newKeyRingSecret } from "../adapters/crypto/aes-keyring.js";
import { median, percentile } from "../bench/stats.js";
import realNames from "../matching/real-names.json" with { type: "json" };
import { silentEvents } from "../runtime/events.js";
import type { Case, Country, ListCasesInput, Officer } from "../schemas/index.js";
import { listCases } from "../services/cases.js";

const STATIONS: Record<Country, string[]> = {
  BI: [
    "Ngozi Centre",
    "Kiremba",
    "Bujumbura Centre",
    "Kamenge",
    "Gitega",
    "Muyinga",
    "Kirundo",
    "Rumonge",
    "Makamba",
    "Cibitoke",
    "Kayanza",
    "Bururi",
    "Muramvya",
    "Ruyigi",
    "Cankuzo",
  ],
  RW: [
    "Musanze",
    "Nyarugenge",
    "Kicukiro",
    "Gasabo",
    "Huye",
    "Rubavu",
    "Rusizi",
    "Nyagatare",
    "Muhanga",
    "Karongi",
    "Rwamagana",
    "Nyamagabe",
    "Gicumbi",
    "Bugesera",
    "Kayonza",
  ],
};

/** a deterministic caseload: the same cases for the same seed (the tests and the bench read one) */
export function seededCaseload(options: { cases: number; seed: number }): { cases: Case[]; officers: Officer[] } {
  let seed = options.seed;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // the common names more often, as in the sources: a draw weighted by how many bear each name
  const distinctive = Object.entries(realNames.names).slice(0, 600);
  const total = distinctive.reduce((n, [, c]) => n + Math.sqrt(c), 0);
  const drawName = () => {
    let r = random() * total;
    for (const [name, count] of distinctive) if ((r -= Math.sqrt(count)) <= 0) return name;
    return distinctive[0]![0];
  };
  const given = Object.keys(realNames.given).slice(0, 120);
  const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const officers: Officer[] = [];
  for (let i = 0; i < 60; i++) {
    const country: Country = i % 3 === 2 ? "RW" : "BI";
    officers.push({
      uid: `officer-${i}`,
      name: `Officer ${i}`,
      badgeNumber: `B-${i}`,
      rank: "Sergeant",
      station: STATIONS[country][i % STATIONS[country].length]!,
      country,
      phone: country === "BI" ? "+25779000000" : "+250788000000",
      role: i % 10 === 0 ? "supervisor" : "officer",
      status: "approved",
      createdAt: new Date(0).toISOString(),
      updatedAt: new Date(0).toISOString(),
    });
  }
  const cases: Case[] = [];
  const start = Date.parse("2024-01-01T00:00:00Z");
  for (let i = 0; i < options.cases; i++) {
    const country: Country = i % 3 === 2 ? "RW" : "BI";
    const team = officers.filter((o) => o.country === country);
    const officer = pick(team);
    const second = random() < 0.15 ? [pick(team).uid] : [];
    const at = new Date(start + i * 3_600_000 + Math.floor(random() * 1000)).toISOString();
    const station = random() < 0.8 ? officer.station : pick(STATIONS[country]);
    const names = [`${title(drawName())} ${title(pick(given))}`];
    cases.push({
      id: `case-${String(i).padStart(6, "0")}`,
      kind: random() < 0.6 ? "missing" : "found",
      status: random() < 0.8 ? "open" : random() < 0.5 ? "resolved" : "closed",
      country,
      station,
      ...(random() < 0.7
        ? { externalRef: `${country}/${station.slice(0, 3).toUpperCase()}/2026/${String(i).padStart(4, "0")}` }
        : {}),
      subject: { names, aliases: random() < 0.1 ? [title(drawName())] : [], sex: random() < 0.5 ? "female" : "male" },
      officerUids: [...new Set([officer.uid, ...second])],
      createdBy: officer.uid,
      createdAt: at,
      updatedAt: at,
    });
  }
  return { cases, officers };
}

export async function benchCases(sizes: number[], repeats = 20) {
  const rows = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "tora-bench-cases-"));
    const deps = createLocalDeps({
      database: join(dir, "store.sqlite"),
      keyRingSecret: newKeyRingSecret("bench"),
      analyzer: async () => ({ modelVersion: "bench", analyze: () => Promise.reject(new Error("no engine")) }),
      events: silentEvents,
    });
    try {
      const { cases, officers } = seededCaseload({ cases: size, seed: 11 });
      for (const c of cases) await deps.cases.put(c);
      for (const o of officers) await deps.officers.put(o);
      const o = officers.find((x) => x.role === "officer" && x.country === "BI")!;
      const caller = {
        uid: o.uid,
        emailVerified: true,
        claims: { role: o.role, status: o.status, country: o.country },
      };
      const named = cases.find((c) => c.country === "BI" && c.externalRef)!;
      // the name as another officer writes it: lower case, r for l, without its augment
      const byEar = named.subject.names[0]!.split(" ")[0]!
        .toLowerCase()
        .replace(/l/g, "r")
        .replace(/^u(?=m)/, "");
      const listings: [string, Omit<ListCasesInput, "limit">][] = [
        ["my cases", { scope: "mine" }],
        ["my station", { scope: "station" }],
        ["the country", {}],
        [`a name by ear ("${byEar}")`, { query: byEar }],
        ["a file number", { query: named.externalRef! }],
        ["my cases by name", { scope: "mine", query: byEar }],
      ];
      const timings = [];
      for (const [what, input] of listings) {
        const times: number[] = [];
        let shown = 0;
        for (let k = 0; k <= repeats; k++) {
          const t = performance.now();
          const page = await listCases(deps, caller, { ...input, limit: 20 });
          if (k > 0) times.push(performance.now() - t);
          shown = page.cases.length;
        }
        timings.push({ listing: what, cases_on_page: shown, ms_median: median(times), ms_p95: percentile(times, 95) });
      }
      // the whole country's caseload, page after page
      const t = performance.now();
      let pages = 0;
      let cursor: string | undefined;
      do {
        const page = await listCases(deps, caller, { limit: 20, ...(cursor ? { cursor } : {}) });
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      const paged = performance.now() - t;
      rows.push({ cases: size, listings: timings, country_pages: pages, country_ms_per_page: paged / pages });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { repeats, page_size: 20, rows };
}
