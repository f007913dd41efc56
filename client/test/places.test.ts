import { describe, expect, it } from "vitest";
import { loadPlaceLists } from "../src/index.js";

describe("place lists for forms", () => {
  it("gives Burundi's five provinces of 2025 with their communes, and the former provinces with what they became", async () => {
    const { placeLists } = await loadPlaceLists();
    const bi = placeLists("BI");
    expect(bi.levels).toEqual(["province", "commune"]);
    expect(bi.units.map((u) => u.name).sort()).toEqual(["Buhumuza", "Bujumbura", "Burunga", "Butanyerera", "Gitega"]);
    expect(bi.units.reduce((n, u) => n + u.children.length, 0)).toBe(42);
    expect(bi.units.find((u) => u.name === "Butanyerera")?.children).toContain("Ngozi");
    expect(bi.former.find((f) => f.level === 1 && f.name === "Ngozi")?.nowLevel1).toEqual(["Butanyerera"]);
    // a province split in 2025 lies in two provinces now
    expect(bi.former.find((f) => f.level === 1 && f.name === "Rumonge")?.nowLevel1.sort()).toEqual([
      "Bujumbura",
      "Burunga",
    ]);
    // a former commune keeps its former province, for the picker's "before 2025" lists
    const kiremba = bi.former.find((f) => f.level === 2 && f.name === "Kiremba");
    expect(kiremba).toMatchObject({ formerLevel1: "Ngozi", nowLevel1: ["Butanyerera"] });
    expect(bi.former.find((f) => f.level === 1 && f.name === "Kirundo")?.nowLevel1).toEqual(["Butanyerera"]);
  });

  it("gives Rwanda's provinces with their districts", async () => {
    const rw = (await loadPlaceLists()).placeLists("RW");
    expect(rw.levels).toEqual(["province", "district"]);
    expect(rw.units).toHaveLength(5);
    expect(rw.units.reduce((n, u) => n + u.children.length, 0)).toBe(30);
    expect(rw.units.find((u) => u.children.includes("Musanze"))?.name).toBe("Northern Province");
    expect(rw.former.find((f) => f.name === "Ruhengeri")).toMatchObject({
      level: 2,
      nowLevel1: ["Northern Province"],
      nowLevel2: "Musanze",
    });
  });
});
