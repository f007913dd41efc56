// Several officers at the same moment, each on a process of their own, all on one local store (a
// SQLite file and a blob folder), through the real callables (race-worker.ts): every round starts
// its calls at one instant and then checks what was stored. Nothing may be lost, replaced or left
// behind, and no officer may close the loop alone. The figures are printed as one JSON line.
//
//   cd functions && TORA_RACE_ROUNDS=25 npx vitest run test/concurrency/races.test.ts
//
// (npm test runs it with 3 rounds; TORA_RACE_WORKERS sets the number of processes, default 4.)
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newKeyRingSecret } from "../../src/adapters/crypto/aes-keyring.js";
import { createLocalDeps, type LocalDeps } from "../../src/adapters/local/deps.js";
import { silentEvents } from "../../src/runtime/events.js";
import { withLocalPhotoTrigger } from "../../src/runtime/local-triggers.js";
import { CASES_PREFIX, parseCasePhotoPath, type Case, type Photo } from "../../src/schemas/index.js";
import { actor, officerRecordOf, testAnalyzer } from "../support/deps.js";
import { skipReason, smoke } from "../support/data.js";
import { pairFixture } from "../support/matches.js";
import { createCase } from "../../src/services/cases.js";
import { requestCaseErasure } from "../../src/services/erasure.js";
import { keepsItsBytes, uploadCasePhoto } from "../../src/services/photos.js";
import raceFigures from "./race-figures.json" with { type: "json" };
import type { RaceAnswer, RaceCall } from "./race-worker.js";

const skip = skipReason({ models: true, faces: true }, "officers at the same moment");
const ROUNDS = Number(process.env.TORA_RACE_ROUNDS ?? 3);
const WORKERS = Number(process.env.TORA_RACE_WORKERS ?? 4);

const officerA = actor("race-officer-a", { role: "officer", status: "approved", country: "BI" });
const officerB = actor("race-officer-b", { role: "officer", status: "approved", country: "BI" });
const supervisor = actor("race-supervisor", { role: "supervisor", status: "approved", country: "BI" });
const admin1 = actor("race-admin-1", { role: "admin", status: "approved", country: "BI" });
const admin2 = actor("race-admin-2", { role: "admin", status: "approved", country: "RW" });

const photo = (person: string, n: number) => readFileSync(smoke("people", person, `${person}${n}.png`));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** what went wrong, summed over every round: the figures of race-figures.json, each of which must stay 0 */
const failures = Object.fromEntries(Object.keys(raceFigures).map((k) => [k, 0])) as Record<
  keyof typeof raceFigures,
  number
>;

describe.skipIf(skip)("officers at the same moment, each on a process of their own, one local store", () => {
  const dir = mkdtempSync(join(tmpdir(), "tora-races-"));
  const env = {
    TORA_RACE_DB: join(dir, "tora.sqlite"),
    TORA_RACE_BLOBS: join(dir, "blobs"),
    TORA_RACE_KEYS: newKeyRingSecret("race"),
    TORA_RACE_TEMPLATE_KEYS: newKeyRingSecret("race-template"),
  };
  let deps: LocalDeps;
  const workers: ChildProcess[] = [];
  const waiting = new Map<number, (answer: RaceAnswer) => void>();
  let nextId = 0;
  let calls = 0;

  beforeAll(async () => {
    deps = withLocalPhotoTrigger(
      createLocalDeps({
        database: env.TORA_RACE_DB,
        blobDir: env.TORA_RACE_BLOBS,
        keyRingSecret: env.TORA_RACE_KEYS,
        templateKeySecret: env.TORA_RACE_TEMPLATE_KEYS,
        analyzer: testAnalyzer,
        events: silentEvents,
        limits: { uploadsPerHour: 100_000 },
      }),
    );
    for (const a of [officerA, officerB, supervisor, admin1, admin2]) await deps.officers.put(officerRecordOf(a));
    const script = join(dirname(fileURLToPath(import.meta.url)), "race-worker.ts");
    await Promise.all(
      Array.from({ length: WORKERS }, () => {
        const child = fork(script, [], {
          execArgv: ["--import", "tsx"],
          env: { ...process.env, ...env },
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        });
        workers.push(child);
        return new Promise<void>((ready, failed) => {
          child.on("message", (m: RaceAnswer | { ready: true }) => {
            if ("ready" in m) return ready();
            waiting.get(m.id)?.(m);
            waiting.delete(m.id);
          });
          child.once("exit", (code) => failed(new Error(`a race worker exited (${code})`)));
        });
      }),
    );
  }, 300_000);

  afterAll(() => {
    for (const child of workers) child.kill();
  });

  /** the calls of one round, spread over the processes, all started at the same instant */
  async function race(...round: { name: string; data: unknown; uid: string }[]): Promise<RaceAnswer[]> {
    const startAt = Date.now() + 150;
    calls += round.length;
    const answers = await Promise.all(
      round.map(
        (c, i) =>
          new Promise<RaceAnswer>((answer) => {
            const call: RaceCall = { ...c, id: nextId++, startAt };
            waiting.set(call.id, answer);
            workers[i % workers.length]!.send(call);
          }),
      ),
    );
    failures.unexpectedAnswers += answers.filter((a) => a.code.startsWith("unexpected")).length;
    return answers;
  }

  const newCase = async (by = officerA, kind: Case["kind"] = "missing") =>
    (
      await createCase(deps, by, {
        kind,
        country: "BI",
        station: "Ngozi",
        subject: { names: [], aliases: [], sex: "unknown" },
      })
    ).case.id;
  const evidence = async (caseId: string) => (await deps.photos.list(caseId)).filter(keepsItsBytes);

  it(`partial edits of one case at once lose none (${ROUNDS} rounds)`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const caseId = await newCase();
      const edits: [object, (c: Case) => boolean][] = [
        [{ station: `Station ${r}` }, (c) => c.station === `Station ${r}`],
        [{ externalRef: `REF-${r}` }, (c) => c.externalRef === `REF-${r}`],
        [
          { subject: { description: `seen near the market, round ${r}` } },
          (c) => c.subject.description === `seen near the market, round ${r}`,
        ],
        [{ subject: { birthYear: 2000 + r } }, (c) => c.subject.birthYear === 2000 + r],
        [{ subject: { lastSeenDate: "2026-11-20" } }, (c) => c.subject.lastSeenDate === "2026-11-20"],
        [{ subject: { aliases: [`alias ${r}`] } }, (c) => c.subject.aliases.includes(`alias ${r}`)],
      ];
      const answers = await race(
        ...edits.map(([change], i) => ({
          name: "updateCase",
          data: { caseId, ...change },
          uid: i % 2 ? officerA.uid : supervisor.uid,
        })),
      );
      const stored = (await deps.cases.get(caseId))!;
      edits.forEach(([, kept], i) => {
        if (answers[i]!.code === "ok" && !kept(stored)) failures.lostEdits++;
      });
      expect(answers.map((a) => a.code)).toEqual(edits.map(() => "ok"));
    }
  }, 600_000);

  it(`a close and edits at once: a close answered ok stays, so does every edit answered ok (${ROUNDS} rounds)`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const caseId = await newCase();
      const answers = await race(
        { name: "closeCase", data: { caseId, reason: "withdrawn by the family" }, uid: officerA.uid },
        { name: "updateCase", data: { caseId, station: `Kirundo ${r}` }, uid: supervisor.uid },
        { name: "updateCase", data: { caseId, subject: { description: `round ${r}` } }, uid: officerA.uid },
        { name: "updateCase", data: { caseId, externalRef: `KIR-${r}` }, uid: supervisor.uid },
      );
      const stored = (await deps.cases.get(caseId))!;
      if (answers[0]!.code === "ok" && stored.status !== "closed") failures.lostClosures++;
      const kept = [
        stored.station === `Kirundo ${r}`,
        stored.subject.description === `round ${r}`,
        stored.externalRef === `KIR-${r}`,
      ];
      kept.forEach((k, i) => {
        if (answers[i + 1]!.code === "ok" && !k) failures.lostEdits++;
      });
      expect(answers[0]!.code).toBe("ok");
      // an edit lands before the close, or is refused after it: never anything else
      for (const a of answers.slice(1)) expect(["ok", "failed-precondition"]).toContain(a.code);
    }
  }, 600_000);

  it(`the same photo sent six times at once is one photo, and every answer is that photo (${ROUNDS} rounds)`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const caseId = await newCase();
      const bytes = photo("raj", (r % 5) + 1);
      const answers = await race(
        ...Array.from({ length: 6 }, (_, i) => ({
          name: "uploadCasePhoto",
          data: { caseId, contentBase64: b64(bytes) },
          uid: i % 2 ? officerA.uid : supervisor.uid,
        })),
      );
      const stored = (await evidence(caseId)).filter((p) => p.sha256 === sha256(bytes));
      failures.duplicatePhotos += Math.max(0, stored.length - 1);
      const answered = new Set(
        answers.filter((a) => a.code === "ok").map((a) => (a.result as { photo: Photo }).photo.photoId),
      );
      if (answered.size > 1) failures.splitAnswers++;
      expect(answers.map((a) => a.code)).toEqual(answers.map(() => "ok"));
    }
  }, 600_000);

  it(`different photos under one photo id at once: one is stored, and the stored file is the recorded photo (${ROUNDS} rounds)`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const caseId = await newCase();
      const photoId = `evidence-${r}`;
      const sent = [1, 2, 3, 4].map((n) => photo("amy", n));
      const answers = await race(
        ...sent.map((bytes, i) => ({
          name: "uploadCasePhoto",
          data: { caseId, photoId, contentBase64: b64(bytes) },
          uid: i % 2 ? officerA.uid : supervisor.uid,
        })),
      );
      const ok = answers.filter((a) => a.code === "ok");
      const record = await deps.photos.get(caseId, photoId);
      const blob = await deps.blobs.get(`cases/${caseId}/photos/${photoId}`);
      if (ok.length > 1) failures.replacedOrMismatchedEvidence += ok.length - 1;
      if (record && (!blob || sha256(blob) !== record.sha256)) failures.replacedOrMismatchedEvidence++;
      for (const a of ok)
        if ((a.result as { photo: Photo }).photo.sha256 !== record?.sha256) failures.replacedOrMismatchedEvidence++;
      expect(ok).toHaveLength(1);
      expect(answers.filter((a) => a.code !== "ok").map((a) => a.code)).toEqual([
        "already-exists",
        "already-exists",
        "already-exists",
      ]);
    }
  }, 600_000);

  it(`a retraction and a choice of face at once leave the photo as one of them decided, never both half-done (${ROUNDS} rounds)`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const caseId = await newCase();
      const family = readFileSync(smoke("group", "family.jpg"));
      const { photo: waiting } = await uploadCasePhoto(deps, officerA, { caseId, contentBase64: b64(family) });
      expect(waiting.status).toBe("needs_choice");
      const ref = { caseId, photoId: waiting.photoId };
      const answers = await race(
        { name: "retractCasePhoto", data: { ...ref, reason: "not the missing girl" }, uid: officerA.uid },
        { name: "chooseCasePhotoFace", data: { ...ref, faceIndex: 1 }, uid: supervisor.uid },
        { name: "chooseCasePhotoFace", data: { ...ref, faceIndex: 2 }, uid: officerA.uid },
      );
      const stored = (await deps.photos.get(caseId, waiting.photoId))!;
      const faces = (await deps.faces.listForCase(caseId)).filter((f) => f.photoId === waiting.photoId);
      if (answers[0]!.code === "ok" && stored.status !== "retracted") failures.inconsistentPhotos++;
      if (stored.status === "retracted" && (faces.length > 0 || !stored.retraction)) failures.inconsistentPhotos++;
      if (stored.status === "indexed" && (faces.length !== 1 || faces[0]!.faceIndex !== stored.subjectFace?.index))
        failures.inconsistentPhotos++;
      for (const a of answers) expect(["ok", "failed-precondition"]).toContain(a.code);
    }
  }, 600_000);

  it(`an erasure approved while photos arrive leaves nothing of the case, bytes and pairs included (${ROUNDS} rounds)`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const caseId = await newCase();
      await uploadCasePhoto(deps, officerA, { caseId, contentBase64: b64(photo("leonard", 1)) });
      const { request } = await requestCaseErasure(deps, admin1, {
        caseId,
        reason: "family's request under Law 058/2021",
      });
      const answers = await race(
        { name: "approveCaseErasure", data: { requestId: request.id }, uid: admin2.uid },
        ...[2, 3, 4].map((n) => ({
          name: "uploadCasePhoto",
          data: { caseId, contentBase64: b64(photo("leonard", n)) },
          uid: n % 2 ? officerA.uid : supervisor.uid,
        })),
      );
      expect(answers[0]!.code).toBe("ok");
      for (const a of answers.slice(1)) expect(["ok", "not-found"]).toContain(a.code);
      const left =
        (await deps.blobs.list(`cases/${caseId}/`, { limit: 100 })).length +
        (await deps.photos.list(caseId)).length +
        (await deps.faces.countForCase(caseId)) +
        (await deps.matches.listForCase(caseId)).length +
        ((await deps.cases.get(caseId)) ? 1 : 0);
      failures.erasureResidue += left;
    }
  }, 600_000);

  it(`the officer who marked a pair potential cannot resolve or close its cases alone, whatever they try at once (${ROUNDS} rounds)`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const missing = await newCase(officerA, "missing");
      const found = await newCase(officerB, "found");
      const pair = await pairFixture(deps, missing, found, officerA.uid);
      const answers = await race(
        { name: "closeCase", data: { caseId: missing, reason: "reunited" }, uid: officerA.uid },
        { name: "updateCase", data: { caseId: missing, status: "resolved" }, uid: officerA.uid },
        { name: "confirmReunification", data: { matchId: pair.id }, uid: officerA.uid },
        // the second officer: an officer of the other case
        { name: "confirmReunification", data: { matchId: pair.id }, uid: officerB.uid },
      );
      if (answers[0]!.code === "ok") failures.closedByMarker++;
      for (const id of [missing, found]) {
        const c = (await deps.cases.get(id))!;
        if (
          c.status === "resolved" &&
          (!c.reunification ||
            c.reunification.confirmedBy === c.reunification.markedBy ||
            c.reunification.confirmedBy === officerA.uid)
        )
          failures.resolvedByOneOfficer++;
      }
      // refused as the marker's, or — once the second officer's confirmation is in — as no longer open or potential
      expect(["permission-denied", "failed-precondition"]).toContain(answers[0]!.code);
      expect(answers[1]!.code).toBe("invalid-argument");
      expect(["permission-denied", "failed-precondition"]).toContain(answers[2]!.code);
      expect(answers[3]!.code).toBe("ok");
    }
  }, 600_000);

  it("afterwards: every stored file is a photo record's own bytes, every kept photo has its bytes, every face its indexed photo", async () => {
    let after: string | undefined;
    for (;;) {
      const page = await deps.blobs.list(CASES_PREFIX, { limit: 500, ...(after ? { after } : {}) });
      for (const object of page) {
        const path = parseCasePhotoPath(object.path);
        const record = path ? await deps.photos.get(path.caseId, path.photoId) : undefined;
        if (!record || !keepsItsBytes(record)) failures.orphanBlobs++;
        else if (sha256((await deps.blobs.get(object.path))!) !== record.sha256)
          failures.replacedOrMismatchedEvidence++;
      }
      if (page.length < 500) break;
      after = page.at(-1)!.path;
    }
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await deps.cases.list({}, { limit: 100, ...(cursor ? { cursor } : {}) });
      for (const c of page.cases) {
        for (const p of await deps.photos.list(c.id))
          if (keepsItsBytes(p) && !(await deps.blobs.get(p.storagePath))) failures.evidenceWithoutBytes++;
        for (const f of await deps.faces.listForCase(c.id))
          if ((await deps.photos.get(c.id, f.photoId))?.status !== "indexed") failures.inconsistentPhotos++;
      }
      cursor = page.nextCursor;
    }
    console.log(`concurrency: ${JSON.stringify({ rounds: ROUNDS, workers: WORKERS, calls, ...failures })}`);
    expect(failures).toEqual(Object.fromEntries(Object.keys(failures).map((k) => [k, 0])));
  }, 600_000);
});
