// The README's main job (npm start), end to end: import the smoke people as cases, search a group photo.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionsRoot } from "../../src/paths.js";
import { extractText, getDocumentProxy } from "unpdf";
import { factorSentence } from "../../src/words/factor-sentence.js";
import { wordingFor } from "../../src/words/dictionaries.js";
import { skipReason, smoke } from "../support/data.js";

const skip = skipReason({ models: true, faces: true }, "tora-face CLI");

function cli(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, ["--import", "tsx", join(functionsRoot, "src", "cli", "main.ts"), ...args], {
    cwd: functionsRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe.skipIf(skip)("tora-face CLI", () => {
  it("imports one case per person folder and finds them in a group photo", () => {
    const dir = mkdtempSync(join(tmpdir(), "tora-cli-"));
    const env = { TORA_LOCAL_DB: join(dir, "tora.sqlite"), TORA_LOCAL_BLOBS: join(dir, "blobs") };
    const imported = cli(["import", smoke("people"), "--kind", "missing", "--country", "BI"], env);
    expect(imported).toContain("8 case(s), 40 photo(s): 40 accepted, 0 rejected");
    // importing again reuses the cases and finds the photos already indexed
    expect(cli(["import", smoke("people"), "--kind", "missing", "--country", "BI"], env)).toContain(
      "8 case(s), 40 photo(s)",
    );

    const out = cli(["search", smoke("group", "bbt5.jpg"), "--json"], env)
      .trim()
      .split("\n");
    const result = JSON.parse(out.at(-1)!);
    expect(result.faces).toHaveLength(5);
    expect(result.faces.map((f: { candidates: { external_ref: string }[] }) => f.candidates[0]?.external_ref)).toEqual([
      "raj",
      "penny",
      "sheldon",
      "leonard",
      "howard",
    ]);
    const first = result.faces[0].candidates[0];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(["case_id", "external_ref", "similarity", "band"]));
    expect(first.similarity).toBeGreaterThan(0.32);

    // investigative: every case of the gallery for each face, whatever the score, the right one first
    const list = JSON.parse(
      cli(["search", smoke("group", "bbt5.jpg"), "--investigate", "--json"], env)
        .trim()
        .split("\n")
        .at(-1)!,
    );
    expect(list.mode).toBe("investigate");
    expect(list.notice).toMatch(/Most of this list is NOT the person/);
    expect(list.faces.every((f: { candidates: unknown[] }) => f.candidates.length === 8)).toBe(true);
    expect(list.faces.map((f: { candidates: { external_ref: string }[] }) => f.candidates[0]!.external_ref)).toEqual([
      "raj",
      "penny",
      "sheldon",
      "leonard",
      "howard",
    ]);
    expect(cli(["search", smoke("group", "bbt5.jpg"), "--investigate"], env)).toContain("below threshold");

    const text = cli(["search", smoke("nonface", "lp-bmw.jpg")], env);
    expect(text).toContain("0 face(s) in the probe");
    expect(text).toContain("probe: no face found");
  }, 120_000);

  it("reports photos that wait for a choice of face, and searches a folder photo by photo without an officer's rate limit", () => {
    const dir = mkdtempSync(join(tmpdir(), "tora-cli-"));
    const env = { TORA_LOCAL_DB: join(dir, "tora.sqlite"), TORA_LOCAL_BLOBS: join(dir, "blobs") };
    const people = join(dir, "people");
    mkdirSync(join(people, "family-case"), { recursive: true });
    copyFileSync(smoke("group", "family.jpg"), join(people, "family-case", "family.jpg"));
    copyFileSync(smoke("people", "raj", "raj1.png"), join(people, "family-case", "raj1.png"));
    const imported = cli(["import", people, "--kind", "found"], env);
    expect(imported).toContain("1 case(s), 2 photo(s): 1 accepted, 0 rejected, 1 waiting for a choice of face");
    expect(imported).toContain("several faces, choose the person: family-case/family.jpg");

    // more photos than an officer's per-minute burst (20), and one that is not a photo
    const probes = join(dir, "probes");
    mkdirSync(probes);
    for (let i = 0; i < 24; i++)
      copyFileSync(
        smoke("people", "raj", `raj${(i % 5) + 1}.png`),
        join(probes, `probe-${String(i).padStart(2, "0")}.png`),
      );
    writeFileSync(join(probes, "zz-notes.jpg"), "not a photo");
    const lines = cli(["search", probes, "--json"], env)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(25);
    expect(lines.slice(0, 24).every((l) => l.faces?.[0]?.candidates?.[0]?.external_ref === "family-case")).toBe(true);
    expect(lines[24]).toMatchObject({ refused: { reason: "image_refused" } });
    expect(cli(["search", probes], env)).toContain("25 photo(s) searched: 24 with candidates, 1 refused");

    // the operator chooses the person: face 2 of the family photo by its file name, then (nothing left) the centred faces
    expect(cli(["choose-face", "family-case", "family.jpg", "--face", "2"], env)).toContain(
      "family-case/family.jpg: indexed",
    );
    expect(cli(["choose-face", "--centre"], env)).toContain("0 photo(s) waiting for a choice");
  }, 180_000);

  it("imports case facts from case.json (a bad file names its folder and field, the others go on), cross-matches, lists the pairs and writes a pair's evidence file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tora-cli-"));
    const env = { TORA_LOCAL_DB: join(dir, "tora.sqlite"), TORA_LOCAL_BLOBS: join(dir, "blobs") };
    const person = (root: string, name: string, photo: string, caseFile?: unknown) => {
      mkdirSync(join(dir, root, name), { recursive: true });
      copyFileSync(smoke("people", photo.replace(/\d\.png$/, ""), photo), join(dir, root, name, photo));
      if (caseFile !== undefined) writeFileSync(join(dir, root, name, "case.json"), JSON.stringify(caseFile));
    };
    person("missing", "raj", "raj1.png", {
      legalBasis: "family_report",
      subject: {
        names: ["Raj Koothrappali"],
        sex: "male",
        birthYear: 1981,
        lastSeenDate: "2025-10-01",
        lastSeenPlace: { country: "BI", level1: "Butanyerera", level2: "Ngozi" },
      },
      photoDates: { "raj1.png": "2025-09-01" },
    });
    person("missing", "penny", "penny1.png", { subject: { birthYear: 1850 } });
    person("missing", "amy", "amy1.png");
    person("found", "KAM-17", "raj2.png", {
      subject: { sex: "male", ageRange: { min: 40, max: 48 } },
      found: {
        dateFound: "2025-11-01",
        foundPlace: { country: "BI", level2: "Ngozi" },
        heldAt: { kind: "hospital", name: "Hôpital de Ngozi" },
        cannotIdentify: true,
      },
      photoDates: { "raj2.png": "2025-11-01" },
    });
    person("found", "KAM-18", "amy2.png");

    const cache = join(dir, "analysis-cache");
    const missing = cli(["import", join(dir, "missing"), "--kind", "missing", "--embedding-cache", cache], env);
    expect(missing).toContain("2 case(s), 2 photo(s): 2 accepted");
    // the cache holds one analysis per photo; another store imported from it gets the same faces without the engine
    const cached = readdirSync(cache, { recursive: true }).filter((f) => String(f).endsWith(".json"));
    expect(cached).toHaveLength(2);
    const other = { TORA_LOCAL_DB: join(dir, "other.sqlite"), TORA_LOCAL_BLOBS: join(dir, "other-blobs") };
    expect(cli(["import", join(dir, "missing"), "--kind", "missing", "--embedding-cache", cache], other)).toContain(
      "2 case(s), 2 photo(s): 2 accepted",
    );
    expect(missing).toMatch(/not imported, penny\/case\.json: subject\.birthYear: /);
    const found = cli(["import", join(dir, "found"), "--kind", "found", "--json"], env)
      .trim()
      .split("\n");
    expect(found).toContain("cross-match: 2 new pair(s) to review, 0 possible duplicate(s), 0 re-opened, 0 updated");
    expect(JSON.parse(found.at(-1)!).crossMatch.opened).toBe(2);

    const { matches } = JSON.parse(cli(["matches", "--json"], env).trim().split("\n").at(-1)!);
    const refs = matches.map((m: { cases: { external_ref: string }[] }) =>
      m.cases.map((c) => c.external_ref).join("↔"),
    );
    expect(refs.sort()).toEqual(["amy↔KAM-18", "raj↔KAM-17"]);
    const raj = matches.find((m: { cases: { external_ref: string }[] }) => m.cases[0]!.external_ref === "raj");
    expect(raj).toMatchObject({
      kind: "reunification",
      state: "new",
      cases: [{ kind: "missing" }, { kind: "found" }],
      photos: [{ photo_date: "2025-09-01" }, { photo_date: "2025-11-01" }],
    });
    expect(raj.face_similarity).toBeGreaterThan(0.32);
    expect(raj.fused_score).toBeGreaterThan(0);
    expect(raj.factors.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining([
        "face_similarity",
        "sex_same",
        "age_overlap",
        "found_after_last_seen",
        "place_same_level2",
      ]),
    );
    const text = cli(["matches", "--case", "raj"], env);
    expect(text).toMatch(/1\. missing raj ↔ found KAM-17 {2}\[new\] {2}fused /);
    expect(text).toContain("found 31 days after last seen");
    expect(cli(["matches", "--state", "confirmed"], env)).toContain("no match pairs");

    // the pair's evidence file, under review, in Kirundi: every factor in words
    const out = join(dir, "raj-rn.pdf");
    expect(cli(["evidence-file", raj.id, "--lang", "rn", "--out", out], env)).toMatch(
      /^wrote .*raj-rn\.pdf \(\d+ page\(s\), sha256 [0-9a-f]{64}\)/,
    );
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(out)));
    const words = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
    const rn = wordingFor("rn");
    expect(words).toContain(rn.t("evidence.titleUnderReview"));
    for (const f of raj.factors) expect(words, f.code).toContain(factorSentence(f, "BI", rn).replace(/\s+/g, " "));
    // a case names its confirmed pair; raj has none yet
    expect(() => cli(["evidence-file", "raj"], env)).toThrow(/case "raj" has no confirmed reunification/);
    expect(() => cli(["evidence-file", raj.id, "--lang", "de"], env)).toThrow(
      /--lang \(en\|fr\|rn\|rw\|sw\): de is not valid/,
    );

    // paging: a page of one pair ends with the cursor of the next; --all prints every page
    const page = (args: string[]) =>
      JSON.parse(
        cli(["matches", "--json", ...args], env)
          .trim()
          .split("\n")
          .at(-1)!,
      );
    const first = page(["--limit", "1"]);
    expect(first.matches).toHaveLength(1);
    const second = page(["--limit", "1", "--cursor", first.next_cursor]);
    expect(second.matches.map((m: { id: string }) => m.id)).not.toEqual(first.matches.map((m: { id: string }) => m.id));
    expect(second.next_cursor).toBeUndefined();
    expect(page(["--all", "--limit", "1"]).matches).toHaveLength(2);

    // raj's candidate list: every open found case, ranked by the fused score whatever the band
    const list = JSON.parse(cli(["candidates", "raj", "--json"], env).trim().split("\n").at(-1)!);
    expect(list).toMatchObject({
      kind: "missing",
      external_ref: "raj",
      scope: { kind: "found", open_cases: 2, with_faces: 2 },
      faces: 1,
    });
    expect(list.candidates.map((c: { external_ref: string }) => c.external_ref)).toEqual(["KAM-17", "KAM-18"]);
    expect(list.candidates[0]).toMatchObject({ rank: 1, pair_state: "new", photo_age_gap_years: 0 });
    expect(list.notice).toMatch(/Most of this list is NOT the person/);
    expect(cli(["candidates", "KAM-17"], env)).toMatch(/1\. missing raj {2}fused /);
    const all = cli(["candidates", "--all", "--json"], env)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(all.map((l: { external_ref: string }) => l.external_ref).sort()).toEqual(["amy", "raj"]);
  }, 120_000);
  it("operations: close, sweep twice (the second deletes nothing), backup → restore → verify-restore, reembed", () => {
    const dir = mkdtempSync(join(tmpdir(), "tora-cli-ops-"));
    const env = { TORA_LOCAL_DB: join(dir, "tora.sqlite"), TORA_LOCAL_BLOBS: join(dir, "blobs") };
    const people = join(dir, "people");
    for (const person of ["raj", "penny", "howard"]) {
      mkdirSync(join(people, person), { recursive: true });
      for (const n of [1, 2])
        copyFileSync(smoke("people", person, `${person}${n}.png`), join(people, person, `${person}${n}.png`));
    }
    expect(cli(["import", people, "--kind", "missing"], env)).toContain("3 case(s), 6 photo(s): 6 accepted");
    cli(["search", smoke("people", "raj", "raj3.png"), "--json"], env);
    expect(cli(["close-case", "raj", "--reason", "reunited with the family"], env)).toMatch(
      /closed; kept until 20\d\d-/,
    );
    expect(() => cli(["close-case", "nobody", "--reason", "x"], env)).toThrow(/no open or resolved case/);

    const sweep = () => JSON.parse(cli(["sweep", "--now", "2099-01-01", "--json"], env).trim().split("\n").at(-1)!);
    expect(sweep()).toMatchObject({
      now: "2099-01-01T00:00:00.000Z",
      cases_purged: 1,
      photos_deleted: 2,
      faces_deleted: 2,
      blobs_deleted: 2,
      searches_reduced: 1,
      reviews_requested: 2,
      complete: true,
    });
    expect(sweep()).toMatchObject({
      cases_purged: 0,
      photos_deleted: 0,
      faces_deleted: 0,
      blobs_deleted: 0,
      searches_reduced: 0,
      probes_deleted: 0,
      reviews_requested: 0,
      complete: true,
    });

    expect(cli(["backup", join(dir, "backup")], env)).toContain("backup written to");
    const keys = { TORA_FAMILY_KEYS: readFileSync(join(dir, "dev-keyring.secret"), "utf8").trim() };
    const restored = {
      ...keys,
      TORA_LOCAL_DB: join(dir, "restored", "tora.sqlite"),
      TORA_LOCAL_BLOBS: join(dir, "restored", "blobs"),
    };
    cli(["restore", join(dir, "backup")], restored);
    expect(JSON.parse(cli(["verify-restore", join(dir, "backup"), "--json"], restored))).toMatchObject({
      ok: true,
      differences: [],
      keys_open_contacts: true,
    });
    const photo = readdirSync(join(dir, "restored", "blobs", "cases"), { recursive: true, withFileTypes: true }).find(
      (e) => e.isFile(),
    )!;
    rmSync(join(photo.parentPath, photo.name));
    const failed = (() => {
      try {
        cli(["verify-restore", join(dir, "backup")], restored);
        return undefined;
      } catch (error) {
        return error as { status: number; stdout: string };
      }
    })();
    expect(failed?.status).toBe(1);
    expect(failed?.stdout).toContain("differs: blobs: backup 4, store 3");

    expect(cli(["reembed"], env)).toContain("nothing to do");
  }, 180_000);

  it("explains bad usage", () => {
    expect(() => cli(["import", "/nonexistent", "--kind", "missing"], {})).toThrow(/import needs a folder/);
    expect(() => cli(["search"], {})).toThrow(/search needs a photo file or a folder of photos/);
  });
});
