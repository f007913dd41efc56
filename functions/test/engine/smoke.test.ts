// The engine on real photos (../shared/faces/smoke). Counts were checked by eye once and pinned.
import { readFileSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { cosine, createFaceEngine, ImageError, type FaceEngine, type PhotoAnalysis } from "../../src/engine/index.js";
import { MODELS, skipReason, smoke } from "../support/data.js";

const skip = skipReason({ models: true, faces: true }, "engine smoke tests");

describe.skipIf(skip)("engine on the smoke images", () => {
  let engine: FaceEngine;
  const analyze = (...path: string[]): Promise<PhotoAnalysis> => engine.analyze(readFileSync(smoke(...path)));
  beforeAll(async () => {
    engine = createFaceEngine({ modelsDir: MODELS });
    await engine.warmUp();
  });

  // Counted by eye; selfie-many-people shows 8 faces of which 2 are cut by the frame edge.
  const groupCounts: Record<string, number> = {
    "bbt1.jpg": 4,
    "bbt2.jpg": 3,
    "bbt3.jpg": 5,
    "bbt4.jpg": 6,
    "bbt5.jpg": 5,
    "couple.jpg": 2,
    "family.jpg": 4,
    "selfie-many-people.jpg": 6,
  };
  it.each(Object.entries(groupCounts))("group/%s has %i faces", async (file, count) => {
    const analysis = await analyze("group", file);
    expect(analysis.faces).toHaveLength(count);
    expect(analysis.verdict.status).toBe("accepted");
    for (const face of analysis.faces) {
      expect(face.embedding).toHaveLength(engine.embeddingDim);
      expect(cosine(face.embedding, face.embedding)).toBeCloseTo(1, 5);
    }
  });

  it("gives the same face for all 8 EXIF orientations", async () => {
    const upright = await analyze("exif", "S008-01_orientation1.jpg");
    expect(upright.faces).toHaveLength(1);
    for (let o = 2; o <= 8; o++) {
      const turned = await analyze("exif", `S008-01_orientation${o}.jpg`);
      expect([turned.width, turned.height]).toEqual([upright.width, upright.height]);
      expect(turned.faces).toHaveLength(1);
      expect(cosine(turned.faces[0]!.embedding, upright.faces[0]!.embedding)).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("matches a face rotated 40° in-plane to its upright photo", async () => {
    const upright = await analyze("rotated", "meds-af-S419-01.jpg");
    const rotated = await analyze("rotated", "meds-af-S419-01_40deg.jpg");
    const best = Math.max(...rotated.faces.map((f) => cosine(f.embedding, upright.faces[0]!.embedding)));
    expect(best).toBeGreaterThan(0.8);
  });

  it.each(readdirSync(smoke("nonface")))("nonface/%s has no face", async (file) => {
    const analysis = await analyze("nonface", file);
    expect(analysis.faces).toEqual([]);
    expect(analysis.verdict).toEqual({ status: "rejected", reasons: [{ code: "no_face", message: "no face found" }] });
  });

  it("says a very dark photo is too dark", async () => {
    for (const file of ["image1.jpg", "image2.jpg", "large-image12.jpg"]) {
      const analysis = await analyze("dark", file);
      expect(analysis.verdict.status).toBe("rejected");
      expect(analysis.verdict.reasons.map((r) => r.code)).toContain("too_dark");
    }
  });

  it("reports small faces with their size instead of indexing them", async () => {
    const analysis = await analyze("tiny", "race.jpg");
    expect(analysis.faces.length).toBeGreaterThan(0);
    expect(analysis.verdict.status).toBe("rejected");
    expect(analysis.verdict.reasons[0]!.message).toMatch(/^face too small \(\d+ px, need \d+\)$/);
  });

  it("gives the expected typed result for every file in formats/", async () => {
    const outcome = async (file: string): Promise<string> => {
      try {
        const a = await analyze("formats", file);
        return `${a.format}:${a.faces.length}`;
      } catch (error) {
        return error instanceof ImageError ? error.code : `unexpected ${String(error)}`;
      }
    };
    expect(await outcome("IMG_5355.HEIC")).toBe("heic_unsupported");
    // trailing bytes after the RIFF payload are ignored; the photo (a house) has no face
    expect(await outcome("Johnrogershousemay2020-extra-bytes.webp")).toBe("webp:0");
    expect(await outcome("meds-aa-S001-01.tif")).toBe("tiff:1");
    expect(await outcome("person_cropped_2.png")).toBe("png:1");
    expect(await outcome("webp-named-as.jpg")).toBe("webp:1");
    expect(readdirSync(smoke("formats"))).toHaveLength(5);
  });

  it("requires one face in single mode and names the count", async () => {
    const analysis = await engine.analyze(readFileSync(smoke("group", "family.jpg")), { select: "single" });
    expect(analysis.verdict.reasons).toEqual([{ code: "several_faces", message: "4 faces found; choose one" }]);
  });

  it("is deterministic: the same bytes give the same faces in the same order", async () => {
    const a = await analyze("group", "bbt4.jpg");
    const b = await analyze("group", "bbt4.jpg");
    expect(b.faces.map((f) => f.detection.box)).toEqual(a.faces.map((f) => f.detection.box));
    expect(Array.from(b.faces[3]!.embedding)).toEqual(Array.from(a.faces[3]!.embedding));
  });

  it("finds the right person in the group photos from 5 small crops each (1:N)", async () => {
    const gallery: { name: string; embedding: Float32Array }[] = [];
    for (const name of readdirSync(smoke("people"))) {
      for (const file of readdirSync(smoke("people", name))) {
        const analysis = await engine.analyze(readFileSync(smoke("people", name, file)), { select: "centre" });
        expect(analysis.faces, `${name}/${file}`).toHaveLength(1);
        gallery.push({ name, embedding: analysis.faces[0]!.embedding });
      }
    }
    // who is in each photo, checked by eye (bbt2 also shows a stranger in the background)
    const cast: Record<string, string[]> = {
      "bbt1.jpg": ["raj", "leonard", "howard", "sheldon"],
      "bbt2.jpg": ["leonard", "sheldon"],
      "bbt3.jpg": ["sheldon", "howard", "penny", "raj", "leonard"],
      "bbt4.jpg": ["leonard", "amy", "raj", "penny", "sheldon", "bernadette"],
      "bbt5.jpg": ["raj", "penny", "sheldon", "leonard", "howard"],
    };
    let found = 0;
    let faces = 0;
    for (const [file, people] of Object.entries(cast)) {
      const analysis = await analyze("group", file);
      const named = new Set<string>();
      for (const face of analysis.faces) {
        faces++;
        const best = gallery
          .map((g) => ({ name: g.name, similarity: cosine(g.embedding, face.embedding) }))
          .sort((x, y) => y.similarity - x.similarity)[0]!;
        if (best.similarity >= 0.3 && people.includes(best.name) && !named.has(best.name)) {
          named.add(best.name);
          found++;
        }
      }
      expect(named.size, file).toBeGreaterThanOrEqual(people.length - 1);
    }
    // measured: all 22 cast faces found among 23 detected faces
    expect(faces).toBe(23);
    expect(found).toBeGreaterThanOrEqual(22);
  });
});
