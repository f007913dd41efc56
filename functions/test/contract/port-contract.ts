// One contract for every adapter of the ports. Run against local mode always
// (local.test.ts) and against Firestore when FIRESTORE_EMULATOR_HOST is set.
import { describe, expect, it } from "vitest";
import { BlobExistsError, type CaseFilter, type Deps } from "../../src/ports/index.js";
import type { Case, ErasureRequest, FaceDoc, Match, Notification, Officer, Photo } from "../../src/schemas/index.js";

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString();

export const officerFixture = (uid: string, over: Partial<Officer> = {}): Officer => ({
  uid,
  name: "N",
  badgeNumber: "B-123",
  rank: "Sergeant",
  station: "S",
  country: "BI",
  phone: "+25779123456",
  role: "officer",
  status: "pending",
  createdAt: at(0),
  updatedAt: at(0),
  ...over,
});

export const caseFixture = (id: string, over: Partial<Case> = {}): Case => ({
  id,
  kind: "missing",
  status: "open",
  country: "BI",
  station: "S",
  subject: { names: [], aliases: [], sex: "unknown" },
  officerUids: ["u"],
  createdBy: "u",
  createdAt: at(0),
  updatedAt: at(0),
  retentionUntil: at(0),
  ...over,
});

function unit(seed: number): number[] {
  const v = Array.from({ length: 128 }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export const faceFixture = (
  caseId: string,
  photoId: string,
  index: number,
  embedding: number[],
  over: Partial<FaceDoc> = {},
): FaceDoc => ({
  faceId: `${caseId}_${photoId}_${index}`,
  caseId,
  photoId,
  faceIndex: index,
  caseKind: "missing",
  caseStatus: "open",
  country: "BI",
  modelVersion: "m",
  templateKeyId: "k",
  quality: { faceSizePx: 100, sharpness: 100, brightness: 100, rollDeg: 0, yaw: 0, detectorScore: 0.9 },
  bbox: { x: 0, y: 0, width: 1, height: 1 },
  createdAt: at(0),
  embedding,
  ...over,
});

export const matchFixture = (missingCaseId: string, foundCaseId: string, over: Partial<Match> = {}): Match => {
  const scores = { similarity: 0.4, score: 3, band: "weak" as const, modelVersion: "m", calibrationVersion: "c" };
  return {
    id: `${missingCaseId}_${foundCaseId}`,
    kind: "reunification",
    country: "BI",
    caseIds: [missingCaseId, foundCaseId],
    face: {
      similarity: 0.4,
      band: "possible",
      faces: [
        { caseId: missingCaseId, photoId: "p1", faceIndex: 0 },
        { caseId: foundCaseId, photoId: "p2", faceIndex: 0 },
      ],
    },
    score: 3,
    band: "weak",
    modelVersion: "m",
    calibrationVersion: "c",
    state: "new",
    casesOpen: true,
    history: [{ at: at(0), by: "system", event: "opened", state: "new", ...scores }],
    createdAt: at(0),
    updatedAt: at(0),
    ...over,
  };
};

export const photoFixture = (caseId: string, photoId: string, sha256: string, over: Partial<Photo> = {}): Photo => ({
  caseId,
  photoId,
  storagePath: `cases/${caseId}/photos/${photoId}`,
  sha256,
  status: "processing",
  reasons: [],
  facesFound: 0,
  facesIndexed: 0,
  faces: [],
  modelVersion: "m",
  uploadedBy: "u",
  createdAt: at(0),
  updatedAt: at(0),
  ...over,
});

const sha = (c: string): string => c.repeat(64);

const notificationFixture = (id: string, uid: string, over: Partial<Notification> = {}): Notification => ({
  id,
  uid,
  kind: "new_candidate",
  matchId: "m1_f1",
  cases: [
    { id: "m1", kind: "missing" },
    { id: "f1", kind: "found", externalRef: "KAM-1" },
  ],
  message: "Possible match to review",
  createdAt: at(1),
  ...over,
});

export function runPortContract(name: string, makeDeps: () => Deps | Promise<Deps>): void {
  describe(`port contract: ${name}`, () => {
    it("officers: put, get, list by status and role", async () => {
      const deps = await makeDeps();
      await deps.officers.put(officerFixture("a", { status: "approved", role: "admin" }));
      await deps.officers.put(officerFixture("b", { createdAt: at(1) }));
      expect((await deps.officers.get("a"))?.role).toBe("admin");
      expect(await deps.officers.get("zzz")).toBeUndefined();
      expect((await deps.officers.list({ status: "pending", limit: 10 })).map((o) => o.uid)).toEqual(["b"]);
      expect((await deps.officers.list({ role: "admin", status: "approved", limit: 10 })).map((o) => o.uid)).toEqual([
        "a",
      ]);
    });

    it("cases: newest first, filters, pages with a cursor", async () => {
      const deps = await makeDeps();
      for (let i = 0; i < 5; i++)
        await deps.cases.put(caseFixture(`c${i}`, { createdAt: at(i), country: i % 2 ? "RW" : "BI" }));
      const first = await deps.cases.list({}, { limit: 2 });
      expect(first.cases.map((c) => c.id)).toEqual(["c4", "c3"]);
      const second = await deps.cases.list({}, { limit: 2, cursor: first.nextCursor! });
      expect(second.cases.map((c) => c.id)).toEqual(["c2", "c1"]);
      const last = await deps.cases.list({}, { limit: 2, cursor: second.nextCursor! });
      expect(last.cases.map((c) => c.id)).toEqual(["c0"]);
      expect(last.nextCursor).toBeUndefined();
      expect((await deps.cases.list({ country: "RW" }, { limit: 10 })).cases.map((c) => c.id)).toEqual(["c3", "c1"]);
      const counts = await deps.cases.countByCountryAndStatus();
      expect(counts.find((c) => c.country === "BI")?.count).toBe(3);
    });

    it("cases: search keys and station key written with every write; listed by station, officer or any key", async () => {
      const deps = await makeDeps();
      await deps.cases.put(
        caseFixture("a", {
          createdAt: at(1),
          station: "Ngozi  Centre",
          externalRef: "BI/NGZ/2026/0042",
          subject: { names: ["Umutesi Claire"], aliases: [], sex: "female" },
          officerUids: ["u1"],
        }),
      );
      await deps.cases.put(caseFixture("b", { createdAt: at(2), station: "Kirundo", officerUids: ["u1", "u2"] }));
      await deps.cases.put(caseFixture("c", { createdAt: at(3), station: "ngozi centre", officerUids: ["u2"] }));
      const stored = await deps.cases.get("a");
      expect(stored?.stationKey).toBe("ngozi centre");
      expect(stored?.searchKeys).toEqual(expect.arrayContaining(["n:mts", "r:bingz20260042", "rp:0042"]));
      const ids = async (filter: CaseFilter) => (await deps.cases.list(filter, { limit: 10 })).cases.map((c) => c.id);
      expect(await ids({ stationKey: "ngozi centre" })).toEqual(["c", "a"]);
      expect(await ids({ officerUid: "u1" })).toEqual(["b", "a"]);
      expect(await ids({ officerUid: "u2", stationKey: "kirundo" })).toEqual(["b"]);
      expect(await ids({ anyKey: ["zz", "rp:0042"] })).toEqual(["a"]);
      // an edit of the names changes the keys in the same write
      await deps.cases.update("a", (c) => c && { ...c, subject: { ...c.subject, names: ["Ingabire"] } });
      expect(await ids({ anyKey: ["n:mts"] })).toEqual([]);
      expect(await ids({ anyKey: ["n:ngbr"] })).toEqual(["a"]);
      await expect(deps.cases.list({ officerUid: "u1", anyKey: ["n:mts"] }, { limit: 1 })).rejects.toThrow(/not both/);
    });

    it("faces: findNearest orders by cosine distance, honours prefilters, threshold and limit", async () => {
      const deps = await makeDeps();
      const q = unit(1);
      const near = q.map((x, i) => x + (i === 0 ? 0.05 : 0));
      const n = Math.hypot(...near);
      await deps.faces.replacePhotoFaces("c1", "p1", [
        faceFixture("c1", "p1", 0, q),
        faceFixture(
          "c1",
          "p1",
          1,
          near.map((x) => x / n),
        ),
      ]);
      await deps.faces.replacePhotoFaces("c2", "p1", [
        faceFixture("c2", "p1", 0, q, { country: "RW", caseKind: "found" }),
      ]);
      await deps.faces.replacePhotoFaces("c3", "p1", [
        faceFixture(
          "c3",
          "p1",
          0,
          q.map((x) => -x),
        ),
      ]);
      const vector = Float32Array.from(q);
      const all = await deps.faces.findNearest({ vector, filter: {}, limit: 10, distanceThreshold: 0.5 });
      expect(
        all
          .map((h) => h.face.faceId)
          .slice(0, 2)
          .sort(),
      ).toEqual(["c1_p1_0", "c2_p1_0"]);
      expect(all[0]!.distance).toBeCloseTo(0, 5);
      expect(all.some((h) => h.face.caseId === "c3")).toBe(false);
      expect(all.every((h, i) => i === 0 || h.distance >= all[i - 1]!.distance)).toBe(true);
      expect(
        (await deps.faces.findNearest({ vector, filter: { country: "RW" }, limit: 10, distanceThreshold: 0.5 })).map(
          (h) => h.face.caseId,
        ),
      ).toEqual(["c2"]);
      expect(
        (
          await deps.faces.findNearest({ vector, filter: { caseKind: "missing" }, limit: 1, distanceThreshold: 0.5 })
        ).map((h) => h.face.faceId),
      ).toEqual(["c1_p1_0"]);
      expect("embedding" in all[0]!.face).toBe(false);
    });

    it("faces: replacing a photo's faces is idempotent and the faces follow their case's stored status", async () => {
      const deps = await makeDeps();
      const faces = [faceFixture("c1", "p1", 0, unit(3)), faceFixture("c1", "p1", 1, unit(4))];
      await deps.faces.replacePhotoFaces("c1", "p1", faces);
      await deps.faces.replacePhotoFaces("c1", "p1", faces);
      expect(await deps.faces.countForCase("c1")).toBe(2);
      await deps.faces.replacePhotoFaces("c1", "p1", []);
      expect(await deps.faces.countForCase("c1")).toBe(0);
      await deps.faces.replacePhotoFaces("c1", "p2", [faceFixture("c1", "p2", 0, unit(3))]);
      await deps.cases.put(caseFixture("c1", { status: "closed" }));
      await deps.faces.followCaseStatus("c1");
      const vector = Float32Array.from(unit(3));
      expect(
        await deps.faces.findNearest({ vector, filter: { caseStatus: "open" }, limit: 5, distanceThreshold: 0.1 }),
      ).toEqual([]);
      expect(
        (await deps.faces.findNearest({ vector, filter: { caseStatus: "closed" }, limit: 5, distanceThreshold: 0.1 }))
          .length,
      ).toBe(1);
    });

    it("faces: a case's faces with their embeddings", async () => {
      const deps = await makeDeps();
      await deps.faces.replacePhotoFaces("c1", "p1", [faceFixture("c1", "p1", 0, unit(5))]);
      await deps.faces.replacePhotoFaces("c1", "p2", [faceFixture("c1", "p2", 0, unit(6))]);
      await deps.faces.replacePhotoFaces("c2", "p1", [faceFixture("c2", "p1", 0, unit(7))]);
      const faces = await deps.faces.listForCase("c1");
      expect(faces.map((f) => f.faceId)).toEqual(["c1_p1_0", "c1_p2_0"]);
      expect(faces[0]!.embedding).toHaveLength(128);
      faces[0]!.embedding.forEach((x, i) => expect(x).toBeCloseTo(unit(5)[i]!, 5));
    });

    it("faces: scoreCases gives every case in scope its best face against any query vector, whatever the score, best first", async () => {
      const deps = await makeDeps();
      const [a, b] = [unit(11), unit(12)];
      const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
      await deps.faces.replacePhotoFaces("f1", "p1", [
        faceFixture("f1", "p1", 0, b, { caseKind: "found", photoDate: "2020-05-01" }),
      ]);
      await deps.faces.replacePhotoFaces("f1", "p2", [faceFixture("f1", "p2", 0, a, { caseKind: "found" })]);
      await deps.faces.replacePhotoFaces("f2", "p1", [faceFixture("f2", "p1", 0, unit(13), { caseKind: "found" })]);
      await deps.faces.replacePhotoFaces("f3", "p1", [
        faceFixture(
          "f3",
          "p1",
          0,
          a.map((x) => -x),
          { caseKind: "found" },
        ),
      ]);
      await deps.faces.replacePhotoFaces("f4", "p1", [
        faceFixture("f4", "p1", 0, a, { caseKind: "found", country: "RW" }),
      ]);
      await deps.faces.replacePhotoFaces("m1", "p1", [faceFixture("m1", "p1", 0, a)]);
      const filter = {
        caseKind: "found" as const,
        country: "BI" as const,
        caseStatus: "open" as const,
        space: { modelVersion: "m", templateKeyId: "k" },
      };
      const scored = await deps.faces.scoreCases({ vectors: [Float32Array.from(b), Float32Array.from(a)], filter });
      // every found case of BI, the one at cosine −1 too; the other country's and the missing case left out
      expect(scored.map((s) => s.face.caseId)).toEqual(["f1", "f2", "f3"]);
      expect(scored[0]!.similarity).toBeCloseTo(1, 5);
      expect(scored[0]!.face.caseId).toBe("f1");
      expect(scored[2]!.similarity).toBeCloseTo(Math.max(-dot(a, b), -1), 5);
      const f2 = Math.max(dot(unit(13), a), dot(unit(13), b));
      expect(scored[1]!.similarity).toBeCloseTo(f2, 5);
      expect(scored[1]!.query).toBe(dot(unit(13), a) > dot(unit(13), b) ? 1 : 0);
      expect(scored[0]!.face).toMatchObject({ caseId: "f1", faceIndex: 0, modelVersion: "m", templateKeyId: "k" });
      for (const space of [
        { modelVersion: "other", templateKeyId: "k" },
        { modelVersion: "m", templateKeyId: "other" },
      ])
        expect(await deps.faces.scoreCases({ vectors: [Float32Array.from(a)], filter: { ...filter, space } })).toEqual(
          [],
        );
      await deps.cases.put(caseFixture("f1", { kind: "found", status: "resolved" }));
      await deps.faces.followCaseStatus("f1");
      expect(
        (await deps.faces.scoreCases({ vectors: [Float32Array.from(a)], filter })).map((s) => s.face.caseId),
      ).toEqual(["f2", "f3"]);
      const dated = await deps.faces.scoreCases({
        vectors: [Float32Array.from(b)],
        filter: { ...filter, caseStatus: "resolved" },
      });
      expect(dated.map((s) => [s.face.photoId, s.face.photoDate])).toEqual([["p1", "2020-05-01"]]);
    });

    it("matches: a pair changes in one step, is listed by score with filters and a cursor, and leaves with its case", async () => {
      const deps = await makeDeps();
      const first = await deps.matches.update("m1_f1", (current) => (current ? undefined : matchFixture("m1", "f1")));
      expect(first).toMatchObject({ written: true, after: { id: "m1_f1" } });
      expect(first.before).toBeUndefined();
      const again = await deps.matches.update("m1_f1", (current) => (current ? undefined : matchFixture("m1", "f1")));
      expect(again).toMatchObject({ written: false, before: { id: "m1_f1" }, after: { id: "m1_f1" } });
      await expect(
        deps.matches.update("m1_f1", () => {
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      await deps.matches.update("m1_f2", () => matchFixture("m1", "f2", { score: 7.5 }));
      await deps.matches.update("m2_f1", () => matchFixture("m2", "f1", { score: -1.25, state: "no_candidate" }));
      await deps.matches.update("m3_f3", () => matchFixture("m3", "f3", { score: 12, country: "RW" }));
      await deps.matches.update("m4_f4", () => matchFixture("m4", "f4", { score: 5, casesOpen: false }));
      const all = await deps.matches.list({}, { limit: 10 });
      expect(all.matches.map((m) => m.id)).toEqual(["m3_f3", "m1_f2", "m4_f4", "m1_f1", "m2_f1"]);
      const page1 = await deps.matches.list({ country: "BI" }, { limit: 2 });
      expect(page1.matches.map((m) => m.id)).toEqual(["m1_f2", "m4_f4"]);
      const page2 = await deps.matches.list({ country: "BI" }, { limit: 2, cursor: page1.nextCursor! });
      expect(page2.matches.map((m) => m.id)).toEqual(["m1_f1", "m2_f1"]);
      expect(page2.nextCursor).toBeUndefined();
      const queue = { country: "BI" as const, states: ["new" as const, "potential" as const], casesOpen: true };
      expect((await deps.matches.list(queue, { limit: 10 })).matches.map((m) => m.id)).toEqual(["m1_f2", "m1_f1"]);
      expect(await deps.matches.count(queue)).toBe(2);
      expect((await deps.matches.listForCase("f1")).map((m) => m.id)).toEqual(["m1_f1", "m2_f1"]);
      expect(await deps.matches.remove("m2_f1", (m) => m.state === "confirmed")).toBe(false);
      expect(await deps.matches.remove("m2_f1", (m) => m.state === "no_candidate")).toBe(true);
      expect(await deps.matches.get("m2_f1")).toBeUndefined();
      expect(await deps.matches.remove("m2_f1", () => true)).toBe(false);
      expect(await deps.matches.deleteForCase("m1")).toBe(2);
      expect((await deps.matches.list({}, { limit: 10 })).matches.map((m) => m.id)).toEqual(["m3_f3", "m4_f4"]);
    });

    it("notifications: written once per id, the officer's own newest first, marked read, gone with their case", async () => {
      const deps = await makeDeps();
      expect(await deps.notifications.create(notificationFixture("n1", "u1"))).toBe(true);
      expect(await deps.notifications.create(notificationFixture("n1", "u1", { message: "again" }))).toBe(false);
      await deps.notifications.create(notificationFixture("n2", "u1", { createdAt: at(2) }));
      await deps.notifications.create(notificationFixture("n3", "u2"));
      await deps.notifications.create(
        notificationFixture("n4", "u1", {
          createdAt: at(3),
          cases: [
            { id: "m9", kind: "missing" },
            { id: "f9", kind: "found" },
          ],
        }),
      );
      expect((await deps.notifications.list("u1", { unreadOnly: false, limit: 10 })).map((n) => n.id)).toEqual([
        "n4",
        "n2",
        "n1",
      ]);
      expect((await deps.notifications.list("u1", { unreadOnly: false, limit: 10 }))[2]!.message).toBe(
        "Possible match to review",
      );
      expect(await deps.notifications.markRead("u1", ["n2", "n3"], at(5))).toBe(1);
      expect(await deps.notifications.countUnread("u1")).toBe(2);
      expect(await deps.notifications.countUnread("u2")).toBe(1);
      expect((await deps.notifications.list("u1", { unreadOnly: true, limit: 10 })).map((n) => n.id)).toEqual([
        "n4",
        "n1",
      ]);
      expect((await deps.notifications.list("u1", { unreadOnly: false, limit: 10 }))[1]!.readAt).toBe(at(5));
      expect(await deps.notifications.markRead("u1", "all", at(6))).toBe(2);
      expect(await deps.notifications.countUnread("u1")).toBe(0);
      expect(await deps.notifications.deleteForCase("f1")).toBe(3);
      expect((await deps.notifications.list("u1", { unreadOnly: false, limit: 10 })).map((n) => n.id)).toEqual(["n4"]);
    });

    it("audit log is append-only and filterable", async () => {
      const deps = await makeDeps();
      const entry = {
        id: "e1",
        actor: "u1",
        action: "search.run" as const,
        target: { type: "search" as const, id: "s1" },
        at: at(1),
      };
      await deps.audit.append(entry);
      await deps.audit.append({ ...entry, id: "e2", actor: "u2", action: "case.create", at: at(2) });
      await expect(deps.audit.append({ ...entry, action: "case.close" })).rejects.toThrow();
      expect((await deps.audit.list({ limit: 10 })).map((e) => e.id)).toEqual(["e2", "e1"]);
      expect((await deps.audit.list({ actor: "u1", limit: 10 })).map((e) => e.id)).toEqual(["e1"]);
      expect((await deps.audit.list({ from: at(2), limit: 10 })).map((e) => e.id)).toEqual(["e2"]);
    });

    it("rate limiter: refuses past the limit within the window, with a retry time", async () => {
      const deps = await makeDeps();
      for (let i = 0; i < 3; i++) expect((await deps.rateLimiter.consume("k", 3, 60)).allowed).toBe(true);
      const refused = await deps.rateLimiter.consume("k", 3, 60);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect((await deps.rateLimiter.consume("other", 3, 60)).allowed).toBe(true);
    });

    it("faces: the vector space prefilter (model and template key), and the vectors by space (migration, rotation, purge)", async () => {
      const deps = await makeDeps();
      const q = unit(5);
      const A = { modelVersion: "a", templateKeyId: "k1" };
      const B = { modelVersion: "b", templateKeyId: "k1" };
      const A2 = { modelVersion: "a", templateKeyId: "k2" };
      await deps.faces.replacePhotoFaces("c1", "p1", [faceFixture("c1", "p1", 0, q, { faceId: "c1_p1_0_a", ...A })]);
      await deps.vectors.replacePhotoFacesOfVersion("c1", "p1", B, [
        faceFixture("c1", "p1", 0, q, { faceId: "c1_p1_0_b", ...B }),
      ]);
      await deps.vectors.replacePhotoFacesOfVersion("c2", "p1", B, [
        faceFixture("c2", "p1", 0, q, { faceId: "c2_p1_0_b", ...B }),
      ]);
      // the same model under another key: a rotation's target, beside its source
      await deps.vectors.replacePhotoFacesOfVersion("c1", "p1", A2, [
        faceFixture("c1", "p1", 0, q, { faceId: "c1_p1_0_a2", ...A2 }),
      ]);
      const vector = Float32Array.from(q);
      const near = (space: typeof A) =>
        deps.faces.findNearest({ vector, filter: { space }, limit: 10, distanceThreshold: 0.1 });
      expect((await near(A)).map((h) => h.face.faceId)).toEqual(["c1_p1_0_a"]);
      expect((await near(A2)).map((h) => h.face.faceId)).toEqual(["c1_p1_0_a2"]);
      expect((await near(B)).map((h) => h.face.faceId).sort()).toEqual(["c1_p1_0_b", "c2_p1_0_b"]);
      const bySpace = (s: typeof A) => `${s.modelVersion}/${s.templateKeyId}`;
      expect((await deps.vectors.versionsOfPhoto("c1", "p1")).map(bySpace).sort()).toEqual(["a/k1", "a/k2", "b/k1"]);
      expect(await deps.vectors.countByModelVersion()).toEqual([
        { space: A, count: 1 },
        { space: A2, count: 1 },
        { space: B, count: 2 },
      ]);
      expect(await deps.vectors.photosWithVersion(B, 10)).toEqual(
        expect.arrayContaining([
          { caseId: "c1", photoId: "p1" },
          { caseId: "c2", photoId: "p1" },
        ]),
      );
      expect(await deps.vectors.photosWithVersion(A2, 10)).toEqual([{ caseId: "c1", photoId: "p1" }]);
      // replacing one space leaves the others
      await deps.vectors.replacePhotoFacesOfVersion("c1", "p1", B, []);
      expect((await deps.vectors.versionsOfPhoto("c1", "p1")).map(bySpace).sort()).toEqual(["a/k1", "a/k2"]);
      expect(await deps.vectors.deletePhotoVersion("c1", "p1", A)).toBe(1);
      expect((await deps.vectors.versionsOfPhoto("c1", "p1")).map(bySpace)).toEqual(["a/k2"]);
      // a face of another space is refused where one space is replaced
      await expect(
        deps.vectors.replacePhotoFacesOfVersion("c1", "p1", A, [faceFixture("c1", "p1", 0, q, A2)]),
      ).rejects.toThrow(/not of a under k1/);
      expect(await deps.vectors.deleteForCase("c2")).toBe(1);
      expect(await deps.vectors.deleteForCase("c1")).toBe(1);
      expect(await deps.vectors.countByModelVersion()).toEqual([]);
    });

    it("cases and photos for retention: due, quiet, indexed, deleted; pages by position", async () => {
      const deps = await makeDeps();
      await deps.cases.put(caseFixture("closed-early", { status: "closed", retentionUntil: at(1) }));
      await deps.cases.put(caseFixture("resolved", { status: "resolved", retentionUntil: at(2) }));
      await deps.cases.put(caseFixture("closed-late", { status: "closed", retentionUntil: at(30) }));
      await deps.cases.put(caseFixture("open-quiet", { updatedAt: at(3) }));
      await deps.cases.put(caseFixture("open-busy", { updatedAt: at(40) }));
      const due = await deps.cases.listRetentionDue(at(10), { limit: 1 });
      expect(due.items.map((c) => c.id)).toEqual(["closed-early"]);
      expect(
        (await deps.cases.listRetentionDue(at(10), { limit: 5, after: due.next! })).items.map((c) => c.id),
      ).toEqual(["resolved"]);
      expect((await deps.cases.listOpenInactive(at(10), { limit: 5 })).items.map((c) => c.id)).toEqual(["open-quiet"]);
      await deps.cases.delete("closed-early");
      expect(await deps.cases.get("closed-early")).toBeUndefined();

      const photo = (caseId: string, photoId: string, status: "indexed" | "rejected", minute: number) => ({
        caseId,
        photoId,
        storagePath: `cases/${caseId}/photos/${photoId}`,
        sha256: "0".repeat(64),
        status,
        reasons: [],
        facesFound: 1,
        facesIndexed: status === "indexed" ? 1 : 0,
        faces: [],
        modelVersion: "m",
        uploadedBy: "u",
        createdAt: at(minute),
        updatedAt: at(minute),
      });
      await deps.photos.put(photo("resolved", "p1", "indexed", 1));
      await deps.photos.put(photo("resolved", "p2", "rejected", 2));
      await deps.photos.put(photo("open-quiet", "p1", "indexed", 3));
      const first = await deps.photos.listIndexed({ limit: 1 });
      expect(first.items.map((p) => p.caseId)).toEqual(["resolved"]);
      expect((await deps.photos.listIndexed({ limit: 5, after: first.next! })).items.map((p) => p.caseId)).toEqual([
        "open-quiet",
      ]);
      expect(await deps.photos.deleteForCase("resolved")).toBe(2);
      expect(await deps.photos.list("resolved")).toEqual([]);
      expect(await deps.photos.list("open-quiet")).toHaveLength(1);
    });

    it("search history: old searches oldest first, and the searches that name a case or used its photo", async () => {
      const deps = await makeDeps();
      const entry = (id: string, minute: number, over: object = {}) => ({
        id,
        userUid: "u",
        purpose: { reason: "r" },
        filters: {},
        probeSha256: "1".repeat(64),
        modelVersion: "m",
        createdAt: at(minute),
        faces: [],
        outcomes: [],
        ...over,
      });
      await deps.searches.put(entry("s1", 1, { purpose: { caseId: "c1" } }));
      await deps.searches.put(
        entry("s2", 2, { faces: [{ index: 0, candidates: [{ caseId: "c1", similarity: 0.5, band: "strong" }] }] }),
      );
      await deps.searches.put(entry("s3", 3, { probeSha256: "f".repeat(64) }));
      await deps.searches.put(entry("s4", 20));
      const old = await deps.searches.listCreatedBefore(at(10), { limit: 2 });
      expect(old.items.map((s) => s.id)).toEqual(["s1", "s2"]);
      expect(
        (await deps.searches.listCreatedBefore(at(10), { limit: 5, after: old.next! })).items.map((s) => s.id),
      ).toEqual(["s3"]);
      expect((await deps.searches.listMentioning("c1", ["f".repeat(64)], 10)).map((s) => s.id).sort()).toEqual([
        "s1",
        "s2",
        "s3",
      ]);
      expect((await deps.searches.get("s2"))!.userUid).toBe("u");
    });

    it("tombstones, erasure requests, notifications, appeals and the operations' state", async () => {
      const deps = await makeDeps();
      await deps.tombstones.put({
        caseId: "c1",
        kind: "found",
        country: "RW",
        outcome: "erased",
        createdAt: at(0),
        decidedBy: "a2",
        requestedBy: "a1",
        state: "purged",
        purgeStartedAt: at(1),
        purgedAt: at(1),
      });
      expect((await deps.tombstones.get("c1"))?.outcome).toBe("erased");
      await deps.tombstones.put({
        caseId: "c0",
        kind: "missing",
        country: "BI",
        outcome: "closed",
        createdAt: at(0),
        decidedBy: "o",
        state: "purged",
        purgeStartedAt: at(2),
      });
      const firstTombstone = await deps.tombstones.list({ limit: 1 });
      expect(firstTombstone.items.map((t) => t.caseId)).toEqual(["c0"]);
      expect(
        (await deps.tombstones.list({ limit: 5, after: firstTombstone.next! })).items.map((t) => t.caseId),
      ).toEqual(["c1"]);
      await deps.erasures.put({
        id: "e1",
        caseId: "c1",
        reason: "r",
        status: "pending",
        requestedBy: "a1",
        requestedAt: at(1),
      });
      await deps.erasures.put({
        id: "e2",
        caseId: "c2",
        reason: "r",
        status: "executed",
        requestedBy: "a1",
        requestedAt: at(2),
      });
      expect((await deps.erasures.list({ limit: 10 })).map((e) => e.id)).toEqual(["e2", "e1"]);
      expect((await deps.erasures.list({ status: "pending", caseId: "c1", limit: 10 })).map((e) => e.id)).toEqual([
        "e1",
      ]);
      const note = (id: string, minute: number, over: object = {}) => ({
        id: id.repeat(32),
        uid: "u1",
        kind: "case_review_due" as const,
        cases: [{ id: "c1", kind: "missing" as const }],
        params: { months: 12 },
        message: "m",
        createdAt: at(minute),
        ...over,
      });
      await deps.notifications.create(note("a", 1));
      await deps.notifications.create(note("b", 2, { readAt: at(3) }));
      await deps.notifications.create(note("c", 3, { uid: "u2", cases: [{ id: "c2", kind: "found" }] }));
      expect((await deps.notifications.list("u1", { unreadOnly: true, limit: 10 })).map((n) => n.id[0])).toEqual(["a"]);
      expect((await deps.notifications.list("u1", { unreadOnly: false, limit: 10 })).map((n) => n.id[0])).toEqual([
        "b",
        "a",
      ]);
      expect(await deps.notifications.deleteForCase("c1")).toBe(2);
      expect((await deps.notifications.list("u2", { unreadOnly: false, limit: 10 })).length).toBe(1);
      const texts = { en: "e", fr: "f", sw: "s", rn: "r", rw: "w" };
      await deps.bulletins.put({
        id: "b1",
        caseId: "c1",
        status: "draft",
        texts,
        generator: "g",
        draftedBy: "u1",
        draftedAt: at(1),
      });
      expect((await deps.bulletins.listForCase("c1")).map((b) => b.id)).toEqual(["b1"]);
      expect(await deps.bulletins.deleteForCase("c1")).toBe(1);
      expect(await deps.matches.deleteForCase("c1")).toBe(0);
      await deps.operations.putSweepState({ cursors: { probes: "probes/x" } });
      expect(await deps.operations.getSweepState()).toEqual({ cursors: { probes: "probes/x" } });
      await deps.operations.putModelState({ activeVersion: "m2" });
      expect((await deps.operations.getModelState())?.activeVersion).toBe("m2");
      await deps.operations.putBackup({
        id: at(1),
        operation: "op1",
        outputUri: "gs://b/1",
        startedAt: at(1),
        state: "succeeded",
      });
      await deps.operations.putBackup({
        id: at(2),
        operation: "op2",
        outputUri: "gs://b/2",
        startedAt: at(2),
        state: "started",
      });
      expect((await deps.operations.lastBackup())?.operation).toBe("op2");
    });

    it("blobs: listed by prefix in path order, after a path, older than a time", async () => {
      const deps = await makeDeps();
      for (const path of ["probes/u1/b", "probes/u1/a", "probes/u2/c", "cases/c1/photos/p1"])
        await deps.blobs.put(path, new Uint8Array([1]), "image/jpeg");
      expect((await deps.blobs.list("probes/", { limit: 10 })).map((b) => b.path)).toEqual([
        "probes/u1/a",
        "probes/u1/b",
        "probes/u2/c",
      ]);
      expect((await deps.blobs.list("probes/", { limit: 1, after: "probes/u1/a" })).map((b) => b.path)).toEqual([
        "probes/u1/b",
      ]);
      expect(await deps.blobs.list("probes/", { limit: 10, olderThan: new Date(Date.UTC(2000, 0, 1)) })).toEqual([]);
      expect((await deps.blobs.list("cases/c1/", { limit: 10 }))[0]!.updatedAt).toBeInstanceOf(Date);
    });

    it("blobs: put, get, delete", async () => {
      const deps = await makeDeps();
      await deps.blobs.put("cases/c1/photos/p1", new Uint8Array([1, 2, 3]), "image/jpeg");
      expect(Array.from((await deps.blobs.get("cases/c1/photos/p1"))!)).toEqual([1, 2, 3]);
      await deps.blobs.delete("cases/c1/photos/p1");
      expect(await deps.blobs.get("cases/c1/photos/p1")).toBeUndefined();
    });
  });

  describe(`port contract, at the same moment: ${name}`, () => {
    const N = 8;

    it("cases: N concurrent partial edits of one case lose none, and a refusal changes nothing", async () => {
      const deps = await makeDeps();
      await deps.cases.put(caseFixture("c1"));
      const results = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          deps.cases.update("c1", (current) => ({
            ...current!,
            subject: { ...current!.subject, aliases: [...current!.subject.aliases, `alias ${i}`] },
          })),
        ),
      );
      expect(results.every((r) => r.written)).toBe(true);
      expect((await deps.cases.get("c1"))!.subject.aliases.sort()).toEqual(
        Array.from({ length: N }, (_, i) => `alias ${i}`).sort(),
      );
      await expect(
        deps.cases.update("c1", () => {
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect((await deps.cases.get("c1"))!.subject.aliases).toHaveLength(N);
      expect((await deps.cases.update("c1", () => undefined)).written).toBe(false);
      expect((await deps.cases.update("none", (current) => current)).after).toBeUndefined();
    });

    it("officers: concurrent changes of one record lose none; the approved administrators are counted in the same step", async () => {
      const deps = await makeDeps();
      await deps.officers.put(officerFixture("a1", { status: "approved", role: "admin" }));
      await deps.officers.put(officerFixture("a2", { status: "approved", role: "admin" }));
      await deps.officers.put(officerFixture("o1", { searchesPerDay: 0 }));
      await Promise.all(
        Array.from({ length: N }, () =>
          deps.officers.update("o1", (current) => ({
            ...current!,
            searchesPerDay: (current!.searchesPerDay ?? 0) + 1,
          })),
        ),
      );
      expect((await deps.officers.get("o1"))!.searchesPerDay).toBe(N);
      // two administrators demoting each other at once: the rule "one stays" holds
      const demote = (uid: string) =>
        deps.officers.update(uid, (current, admins) => {
          if (admins <= 1) throw new Error("last administrator");
          return { ...current!, role: "officer" };
        });
      const outcomes = await Promise.allSettled([demote("a1"), demote("a2")]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect((await deps.officers.list({ role: "admin", status: "approved", limit: 5 })).length).toBe(1);
    });

    it("photos: racing claims of one id with different bytes make one record; the others see it", async () => {
      const deps = await makeDeps();
      await deps.cases.put(caseFixture("c1"));
      const claims = await Promise.all(
        "abcdefgh"
          .split("")
          .map((c) =>
            deps.photos.claim("c1", "p1", sha(c), (ctx) =>
              ctx.case && !ctx.sameId && !ctx.sameBytes ? photoFixture("c1", "p1", sha(c)) : undefined,
            ),
          ),
      );
      const winners = claims.filter((c) => c.claimed);
      expect(winners).toHaveLength(1);
      expect((await deps.photos.get("c1", "p1"))!.sha256).toBe(winners[0]!.claimed!.sha256);
      for (const c of claims.filter((x) => !x.claimed))
        expect(c.context.sameId?.sha256).toBe(winners[0]!.claimed!.sha256);
    });

    it("photos: racing claims of the same bytes under different ids make one record: the case's key on the bytes", async () => {
      const deps = await makeDeps();
      await deps.cases.put(caseFixture("c1"));
      const claims = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          deps.photos.claim("c1", `p${i}`, sha("a"), (ctx) =>
            ctx.sameId || ctx.sameBytes ? undefined : photoFixture("c1", `p${i}`, sha("a")),
          ),
        ),
      );
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      const winner = claims.find((c) => c.claimed)!.claimed!;
      expect(claims.filter((c) => !c.claimed).every((c) => c.context.sameBytes?.photoId === winner.photoId)).toBe(true);
      expect(await deps.photos.list("c1")).toHaveLength(1);
      // other cases have their own keys; a removed claim frees its bytes' place
      expect(
        (
          await deps.photos.claim("c2", "p0", sha("a"), (ctx) =>
            ctx.sameBytes ? undefined : photoFixture("c2", "p0", sha("a")),
          )
        ).claimed,
      ).toBeDefined();
      expect(await deps.photos.remove("c1", winner.photoId, (p) => p.status === "indexed")).toBe(false);
      expect(await deps.photos.remove("c1", winner.photoId, (p) => p.status === "processing")).toBe(true);
      expect((await deps.photos.claim("c1", "p9", sha("a"), () => undefined)).context.sameBytes).toBeUndefined();
    });

    it("photos: a claim reads the case, whether its purge started, the id and the bytes in one step", async () => {
      const deps = await makeDeps();
      const seen = await deps.photos.claim("none", "p1", sha("a"), () => undefined);
      expect(seen.context).toEqual({ purging: false });
      await deps.cases.put(caseFixture("c1"));
      await deps.photos.put(photoFixture("c1", "p1", sha("a"), { status: "indexed" }));
      await deps.tombstones.put({
        caseId: "c1",
        kind: "missing",
        country: "BI",
        outcome: "erased",
        createdAt: at(0),
        decidedBy: "a",
        state: "purging",
        purgeStartedAt: at(1),
      });
      const context = (await deps.photos.claim("c1", "p1", sha("b"), () => undefined)).context;
      expect(context).toMatchObject({ case: { id: "c1" }, purging: true, sameId: { photoId: "p1", sha256: sha("a") } });
      expect(context.sameBytes).toBeUndefined();
      expect((await deps.photos.claim("c1", "p2", sha("a"), () => undefined)).context.sameBytes?.photoId).toBe("p1");
      await expect(
        deps.photos.claim("c1", "p3", sha("c"), () => {
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(await deps.photos.get("c1", "p3")).toBeUndefined();
      expect(await deps.photos.deleteForCase("c1")).toBe(1);
      expect((await deps.photos.claim("c1", "p4", sha("a"), () => undefined)).context.sameBytes).toBeUndefined();
    });

    it("photos: a record and its faces change in one step, or not at all; faces carry the case's stored status", async () => {
      const deps = await makeDeps();
      await deps.cases.put(caseFixture("c1", { status: "closed" }));
      await deps.photos.put(photoFixture("c1", "p1", sha("a")));
      const face = faceFixture("c1", "p1", 0, unit(9), { caseStatus: "open" });
      const indexed = await deps.photos.update("c1", "p1", (current) => ({
        photo: { ...current!, status: "indexed", facesIndexed: 1 },
        faces: { docs: [face] },
      }));
      expect(indexed).toMatchObject({ written: true, before: { status: "processing" }, after: { status: "indexed" } });
      expect((await deps.faces.listForCase("c1")).map((f) => [f.faceId, f.caseStatus])).toEqual([
        [face.faceId, "closed"],
      ]);
      // a face of another vector space than the one replaced: the whole step fails, the record stays
      await expect(
        deps.photos.update("c1", "p1", (current) => ({
          photo: { ...current!, status: "retracted" },
          faces: { docs: [face], space: { modelVersion: "other", templateKeyId: "k" } },
        })),
      ).rejects.toThrow();
      expect((await deps.photos.get("c1", "p1"))!.status).toBe("indexed");
      expect(await deps.faces.countForCase("c1")).toBe(1);
      // one model version's faces replaced, the others kept
      await deps.photos.update("c1", "p1", (current) => ({
        photo: current!,
        faces: {
          docs: [{ ...face, faceId: "v2", modelVersion: "m2" }],
          space: { modelVersion: "m2", templateKeyId: "k" },
        },
      }));
      expect((await deps.faces.listForCase("c1")).map((f) => f.modelVersion).sort()).toEqual(["m", "m2"]);
      const retracted = await deps.photos.update("c1", "p1", (current) => ({
        photo: { ...current!, status: "retracted" },
        faces: { docs: [] },
      }));
      expect(retracted.after!.status).toBe("retracted");
      expect(await deps.faces.countForCase("c1")).toBe(0);
      expect(
        (await deps.photos.update("c1", "none", (current) => (current ? { photo: current } : undefined))).written,
      ).toBe(false);
    });

    it("photos: N concurrent changes of one record lose none", async () => {
      const deps = await makeDeps();
      await deps.photos.put(photoFixture("c1", "p1", sha("a"), { attempts: 0 }));
      await Promise.all(
        Array.from({ length: N }, () =>
          deps.photos.update("c1", "p1", (current) => ({ photo: { ...current!, attempts: current!.attempts! + 1 } })),
        ),
      );
      expect((await deps.photos.get("c1", "p1"))!.attempts).toBe(N);
    });

    it("decisions: a case is decided with its pairs read in the same step; a pair with both its cases", async () => {
      const deps = await makeDeps();
      await deps.cases.put(caseFixture("m1"));
      await deps.cases.put(caseFixture("f1", { kind: "found" }));
      await deps.matches.update("m1_f1", () => matchFixture("m1", "f1", { state: "potential" }));
      let pairsSeen: Match[] = [];
      const closed = await deps.decisions.ofCase("m1", (current, pairs) => {
        pairsSeen = pairs;
        return { ...current!, status: "closed" };
      });
      expect(closed).toMatchObject({ written: true, before: { status: "open" }, after: { status: "closed" } });
      expect(pairsSeen.map((p) => [p.id, p.state])).toEqual([["m1_f1", "potential"]]);
      expect((await deps.decisions.ofCase("m1", () => undefined)).written).toBe(false);
      await deps.cases.put(caseFixture("m1"));
      // confirmations at the same moment: the first writes the pair and both cases, the others find it done
      const confirm = () =>
        deps.decisions.ofPair("m1_f1", (pair, [a, b]) => {
          if (pair!.state !== "potential") throw new Error("not potential");
          return {
            pair: { ...pair!, state: "confirmed" },
            cases: [
              { ...a!, status: "resolved" },
              { ...b!, status: "resolved" },
            ],
          };
        });
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, confirm));
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect((await deps.matches.get("m1_f1"))!.state).toBe("confirmed");
      expect([(await deps.cases.get("m1"))!.status, (await deps.cases.get("f1"))!.status]).toEqual([
        "resolved",
        "resolved",
      ]);
      expect(
        (
          await deps.decisions.ofPair(
            "none",
            (pair, cases) => (expect([pair, ...cases]).toEqual([undefined, undefined, undefined]), undefined),
          )
        ).written,
      ).toBeUndefined();
    });

    it("erasure requests: one pending per case, even when asked at the same moment; a decision is one step", async () => {
      const deps = await makeDeps();
      const request = (id: string, caseId = "c1"): ErasureRequest => ({
        id,
        caseId,
        reason: "r",
        status: "pending",
        requestedBy: "a1",
        requestedAt: at(1),
      });
      const created = await Promise.all(
        Array.from({ length: 4 }, (_, i) => deps.erasures.createPending(request(`e${i}`))),
      );
      expect(created.filter((c) => c.created)).toHaveLength(1);
      const pending = created.find((c) => c.created)!.pending;
      expect(created.every((c) => c.pending.id === pending.id)).toBe(true);
      expect((await deps.erasures.list({ caseId: "c1", limit: 10 })).map((e) => e.id)).toEqual([pending.id]);
      expect((await deps.erasures.createPending(request("other-case", "c2"))).created).toBe(true);
      const decide = (status: "executed" | "declined") =>
        deps.erasures.update(pending.id, (current) => {
          if (current!.status !== "pending") throw new Error("decided");
          return { ...current!, status };
        });
      expect(
        (await Promise.allSettled([decide("executed"), decide("declined")])).filter((o) => o.status === "fulfilled"),
      ).toHaveLength(1);
      // decided: the case may be asked about again
      expect((await deps.erasures.createPending(request("e9"))).created).toBe(true);
    });

    it("blobs: create-only — racing writes of one path leave one object, whole, and the others are told", async () => {
      const deps = await makeDeps();
      const bytes = (i: number) => new Uint8Array(4096).fill(i + 1);
      const outcomes = await Promise.allSettled(
        Array.from({ length: N }, (_, i) => deps.blobs.put("cases/c1/photos/p1", bytes(i), "image/jpeg")),
      );
      const won = outcomes.findIndex((o) => o.status === "fulfilled");
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(BlobExistsError);
      expect(await deps.blobs.get("cases/c1/photos/p1")).toEqual(bytes(won));
      expect((await deps.blobs.list("cases/c1/", { limit: 10 })).map((b) => b.path)).toEqual(["cases/c1/photos/p1"]);
    });
  });
}
