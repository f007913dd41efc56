#!/usr/bin/env node
// tora-face: the command line of TORA FACE (local mode by default).
import "./quiet-warnings.js";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { firebaseIdentity, markEmailVerified } from "../adapters/firebase/identity.js";
import { ImageError } from "../engine/index.js";
import {
  CANDIDATE_LIST_DEFAULT,
  CANDIDATE_LIST_MAX,
  caseKindSchema,
  countrySchema,
  matchKindSchema,
  matchStateSchema,
  recordLanguageSchema,
  registerOfficerInput,
} from "../schemas/index.js";
import { z } from "zod";

const isoDateSchema = z.iso.date();
import { localCountries, localDepsFromEnv, localPaths } from "../runtime/local-env.js";
import { sharedAnalyzer } from "../runtime/engine.js";
import { cachedAnalyzer } from "../adapters/local/analysis-cache.js";
import { silentEvents } from "../runtime/events.js";
import {
  DEFAULT_LIMITS,
  DEFAULT_RETENTION,
  DEFAULT_SEARCH,
  TemplateKeyMissingError,
  type Deps,
  type KeyRing,
  type TemplateKeys,
} from "../ports/index.js";
import { newKeyRingSecret } from "../adapters/crypto/aes-keyring.js";
import { SYSTEM_ACTOR } from "../services/actor.js";
import { resealContacts } from "../services/key-rotation.js";
import { ServiceError } from "../services/errors.js";
import { closeCase } from "../services/case-status.js";
import { reindexCaseSearch } from "../services/cases.js";
import { allowPeer, removePeer, sweepCrossBorder } from "../services/cross-border.js";
import { reapplyPurges } from "../services/purge.js";
import { bootstrapAdmin } from "../services/officers.js";
import { flagSeveralFacePhotos } from "../services/photos.js";
import { defaultProjectForEmulators, storeTarget, TargetError, type StoreTarget } from "./store-target.js";
import { benchSearch } from "./bench-search.js";
import { CASE_FILE, importFolder } from "./import-folder.js";
import { crossMatchPhotos, crossMatchStore, listPairs, pairJson, pairText } from "./matches.js";
import { pairOf, writeEvidenceFile } from "./evidence-file.js";
import { benchCandidates } from "./bench-candidates.js";
import { benchCases } from "./bench-cases.js";
import { chooseCentredFaces, chooseFace } from "./choose-faces.js";
import { caseCandidatesJson, candidatesText, eachCaseCandidates, findOpenCase } from "./candidates.js";
import { isMatchable, type CrossMatchSummary } from "../services/cross-match.js";
import {
  backup,
  findCase,
  manifestText,
  reembed,
  rekey,
  restore,
  sweep,
  sweepJson,
  sweepText,
  verifyRestore,
} from "./operations.js";
import { folderLineText, searchFolder, searchJson, searchPhoto, searchText } from "./search-photo.js";
import { seedDemoAuth, seedDemoProfiles } from "./seed-demo.js";
import { ClipError, isVideoName } from "./clip-frames.js";
import { clipJson, clipText, searchClipFile, verifyJson, verifyPhoto, verifyText } from "./field-search.js";
import { facesDir } from "../paths.js";
import { join } from "node:path";

const usage = `tora-face — face search for missing persons (local mode: ${localPaths().database})

  tora-face import <folder> --kind missing|found [--country BI|RW] [--station NAME] [--json] [--embedding-cache DIR]
      one sub-folder per person → one case per person; every photo is checked and indexed
      a photo with several comparable faces waits for an officer to choose the person (reported);
      a person folder may hold ${CASE_FILE}: the case's facts as the createCase callable takes them
      (subject, found, legalBasis, crossMatch, …) and "photoDates": {"file.jpg": "YYYY-MM-DD"};
      a bad file is reported with its folder and field, the other folders are imported;
      the new faces are then cross-matched (missing ↔ found, possible duplicates);
      --embedding-cache DIR (or TORA_EMBEDDING_CACHE): each photo's analysis kept in DIR by its sha256 and
      the model version, so that importing the same photos again skips the engine (DIR holds embeddings:
      keep it outside the repository, with the photos' own rules)
  tora-face matches [--json] [--state new|potential|no_candidate|inconclusive|confirmed] [--kind reunification|duplicate] [--case ID|REF] [--limit N] [--cursor C | --all]
      match pairs, highest fused score first: both cases' references, face similarity, fused score,
      band, state and every factor; candidates for review, never identifications; a page of --limit
      pairs (default 20, at most 1,000) ends with the cursor of the next (--cursor), --all prints every page
  tora-face candidates <case-id|reference> [--json] [--limit N]
  tora-face candidates --all [--kind missing|found] [--country BI|RW] [--json] [--limit N]
      a case's candidate list: the top N (default 20) open cases of the other kind in its country by
      fused score whatever the band, each with its band, factors and photo age gap; most of the list
      is not the person; --all: the list of every open case of the kind (--json: one line per case)
  tora-face bench-candidates [--found 1000,5000]
      the candidate list's time on a synthetic local store of that many found cases, and its Firestore reads
  tora-face bench-cases [--cases 1000,5000]
      the case list's time on a synthetic local store of that many cases: an officer's own cases, their
      station's, the country's, a name typed by ear, a file number, and the country's caseload paged to its end
  tora-face reindex-cases
      writes every case again with the keys the case search asks for (cases stored before the search existed)
  tora-face evidence-file <pair-id|case-id|reference> [--lang en|fr|rn|rw|sw] [--out FILE] [--contacts]
      the reunification evidence file as an A4 PDF in the language (default en): both cases, both faces,
      every factor in words, the review history with the officers' names, the two officers who decided;
      a case names its confirmed pair; a pair under review is marked so; --contacts adds the family's and
      the custody's contacts (after a confirmed reunification); audited, with the PDF's sha256
  tora-face cross-match [--case ID]
      cross-matches every indexed photo of the open cases (or one case) again
  tora-face search <photo|folder> [--json] [--kind missing|found] [--country BI|RW] [--limit N] [--reason TEXT] [--investigate] [--photo-date YYYY-MM-DD]
      --investigate: the top N faces whatever their score (default 20), for a person missing for years —
      most of that list is not the person; --photo-date: when the searched photo was taken, from which
      each candidate's photo age gap is measured (without it no gap is claimed)
      every face in the photo is searched; candidates are leads for review, never identifications;
      a folder is searched photo by photo (--json: one line per photo)
  tora-face search <clip.mp4|.mov|.webm|…> [--json] [--kind …] [--country …] [--limit N] [--reason TEXT]
      a video clip: about one frame a second (at most 32) through ffmpeg, as the portal samples it;
      faces linked into one track per person, each track's best face searched (at most 10 tracks)
  tora-face verify <photo> --case ID|REF [--photo-date YYYY-MM-DD] [--json]
      is this the person? every face of the photo compared with the case's faces: best similarity,
      band (below the threshold too) and years between the photos; a lead, never an identification
  tora-face create-admin --email E --name N --badge B --rank R --station S --country BI|RW --phone +257… [--local|--firebase]
      makes an existing Firebase Auth user the first administrator and marks their address verified,
      writing the officer record where the functions read it: the local store in local mode
      (FIREBASE_AUTH_EMULATOR_HOST set, no Firestore emulator), Firestore otherwise; a flag that would
      split Auth from the record is refused
  tora-face choose-face <case-id|reference> <photo-id|file-name> (--face N | --centre)
  tora-face choose-face --centre [--kind missing|found]
      a photo with several comparable faces: the person of the case is face N (as numbered in the portal),
      or the face nearest the photo's centre; --centre alone does it for every photo waiting for a choice
      (a folder of portrait photos); each choice is audited, the face then cross-matched
  tora-face migrate-photos
      photos enrolled with several faces leave the index and wait for an officer's choice of the person
  tora-face seed-demo [--photos]
      DEMO ONLY: the demo officers' profiles in the local store (and their Auth accounts when
      FIREBASE_AUTH_EMULATOR_HOST is set); --photos adds the smoke-test people as missing-person cases
  tora-face bench-search [--faces 1000,10000,100000]
      local search latency and Firestore read cost by gallery size
  tora-face close-case <case-id|reference> --reason TEXT
      closes a case (its retention period starts: CASE_RETENTION_YEARS)
  tora-face sweep [--now ISO] [--json] [--max-pages N]
      the retention sweep: old search photos and short-lived records deleted, old searches reduced,
      resolved/closed cases past their retention purged (tombstone + receipt in the audit log),
      officers of long-quiet open cases asked to confirm them; safe to stop and run again
  tora-face backup DIR          the local store (online SQLite backup + blobs) with a manifest of counts and hashes
  tora-face restore DIR [--replace]
      puts a backup in place of the local store (refused over a store holding data without --replace)
  tora-face verify-restore DIR [--json]
      compares the local store with the backup's manifest, collection by collection (exit 1 when they differ)
  tora-face reapply-purges [--firebase]
      after restoring a backup older than some purges or erasures: every case that came back is purged again
  tora-face reseal-contacts [--firebase] [--json]
      a key rotation: every family and custody contact sealed with an older key of TORA_FAMILY_KEYS is
      sealed again with its first key (then the old key can leave the ring); safe to stop and run again
  tora-face peers [--json]
  tora-face peers allow BI|RW --endpoint URL --account SERVICE-ACCOUNT-EMAIL
  tora-face peers remove BI|RW
      the other country's deployment this one exchanges cross-border requests with: its peer endpoint
      (the URL of its crossBorderPeer function) and the service account whose Google-signed ID tokens its
      calls must carry; nothing else is accepted (docs/cross-border.md); each change is audited
  tora-face cross-border-sweep [--json]
      expired cross-border requests: received ones deleted (their audit lines remain), sent ones marked expired
  tora-face reembed [--to VERSION] [--json]
      every indexed photo embedded again with the model VERSION (default: this build's), search switched
      to it, the other versions' vectors deleted; a stopped run resumes
  tora-face rekey [--to KEY_ID] [--firebase] [--json]
      a template key rotation: every stored face vector re-keyed (no photo read) to the key KEY_ID of the
      template keys (default: the newest), search switched to it, the old key's vectors deleted; a stopped
      run resumes (docs/template-protection.md)

--firebase: work on the Firebase project (Firestore, Storage, Auth; the emulators when their *_EMULATOR_HOST
variables are set) instead of the local store; needs TORA_FAMILY_KEYS (the FAMILY_CONTACT_KEYS secret) and,
for anything that reads or writes face vectors, TORA_TEMPLATE_KEYS (the TEMPLATE_KEYS secret).
With an emulator and no GCLOUD_PROJECT, the project of .firebaserc is used.
The command line's operator holds the store's keys: officers' rate limits do not apply to it.

environment: TORA_LOCAL_DB, TORA_LOCAL_BLOBS (local store), TORA_MODELS_DIR (models), TORA_FAMILY_KEYS (key ring),
TORA_TEMPLATE_KEYS (template keys; local store: .local-data/dev-template-keys.secret),
TORA_FFMPEG, TORA_FFPROBE (video clips; default: ffmpeg and ffprobe on the PATH), TORA_EMBEDDING_CACHE (import's analysis cache),
TORA_COUNTRIES (the countries the store holds: BI,RW by default; one of them for one country's deployment — the
COUNTRIES parameter of the Firebase project)`;

function fail(message: string, code = 2): never {
  console.error(`tora-face: ${message}`);
  process.exit(code);
}

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    kind: { type: "string" },
    country: { type: "string" },
    station: { type: "string", default: "Imported" },
    json: { type: "boolean", default: false },
    limit: { type: "string" },
    investigate: { type: "boolean", default: false },
    "photo-date": { type: "string" },
    state: { type: "string" },
    case: { type: "string" },
    reason: { type: "string", default: "command-line search" },
    email: { type: "string" },
    name: { type: "string" },
    badge: { type: "string" },
    rank: { type: "string", default: "Administrator" },
    phone: { type: "string" },
    faces: { type: "string", default: "1000,10000,100000" },
    photos: { type: "boolean", default: false },
    firebase: { type: "boolean", default: false },
    local: { type: "boolean", default: false },
    now: { type: "string" },
    "max-pages": { type: "string" },
    replace: { type: "boolean", default: false },
    to: { type: "string" },
    lang: { type: "string", default: "en" },
    out: { type: "string" },
    contacts: { type: "boolean", default: false },
    all: { type: "boolean", default: false },
    cursor: { type: "string" },
    found: { type: "string" },
    cases: { type: "string" },
    "embedding-cache": { type: "string" },
    face: { type: "string" },
    centre: { type: "boolean", default: false },
    endpoint: { type: "string" },
    account: { type: "string" },
  },
});
defaultProjectForEmulators(process.env);

/** a key ring for commands that never open or seal a family contact (create-admin) */
const noKeyRing: KeyRing = {
  get currentKeyId(): string {
    return fail("this needs TORA_FAMILY_KEYS (the project's FAMILY_CONTACT_KEYS secret)");
  },
  seal: () => fail("this needs TORA_FAMILY_KEYS (the project's FAMILY_CONTACT_KEYS secret)"),
  open: () => fail("this needs TORA_FAMILY_KEYS (the project's FAMILY_CONTACT_KEYS secret)"),
};

/** template keys for commands that never read or write a face vector (create-admin) */
const noTemplateKeys: TemplateKeys = {
  get keyIds(): string[] {
    return fail("this needs TORA_TEMPLATE_KEYS (the project's TEMPLATE_KEYS secret)");
  },
  get defaultKeyId(): string {
    return fail("this needs TORA_TEMPLATE_KEYS (the project's TEMPLATE_KEYS secret)");
  },
  has: () => fail("this needs TORA_TEMPLATE_KEYS (the project's TEMPLATE_KEYS secret)"),
  protect: () => fail("this needs TORA_TEMPLATE_KEYS (the project's TEMPLATE_KEYS secret)"),
  unprotect: () => fail("this needs TORA_TEMPLATE_KEYS (the project's TEMPLATE_KEYS secret)"),
  rekey: () => fail("this needs TORA_TEMPLATE_KEYS (the project's TEMPLATE_KEYS secret)"),
};

/** the ports the command works on: the local store, or the Firebase project */
async function openDeps(target: StoreTarget = values.firebase ? "firebase" : "local", needsKeys = true): Promise<Deps> {
  // import cross-matches what it indexed itself, with its own progress bar
  if (target === "local") {
    const cache = values["embedding-cache"] ?? process.env.TORA_EMBEDDING_CACHE;
    return localDepsFromEnv(
      cache ? { analyzer: cachedAnalyzer(sharedAnalyzer, resolve(cache)) } : {},
      command === "import" || command === "seed-demo" ? "off" : "run",
    );
  }
  const secret = process.env.TORA_FAMILY_KEYS;
  if (!secret && needsKeys)
    fail("working on Firebase needs TORA_FAMILY_KEYS (the project's FAMILY_CONTACT_KEYS secret)");
  const { createFirebaseDeps } = await import("../runtime/firebase-deps.js");
  const deps = createFirebaseDeps({
    keyRingSecret: secret ?? newKeyRingSecret("unused"),
    templateKeySecret: process.env.TORA_TEMPLATE_KEYS || noTemplateKeys,
    limits: DEFAULT_LIMITS,
    retention: DEFAULT_RETENTION,
    search: DEFAULT_SEARCH,
    events: silentEvents,
    analyzer: sharedAnalyzer,
    countries: localCountries(),
  });
  return secret ? deps : { ...deps, keyRing: noKeyRing };
}

const parsed = <T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  what: string,
): T => {
  const r = schema.safeParse(value);
  if (!r.success) fail(`${what}: ${String(value)} is not valid`);
  return r.data;
};

const crossMatchLine = (s: CrossMatchSummary): string =>
  `cross-match: ${s.opened} new pair(s) to review, ${s.duplicates} possible duplicate(s), ${s.reopened} re-opened, ${s.updated} updated`;

/** --limit as a whole number within bounds, or the default */
function limitOf(fallback: number, max: number): number {
  const limit = Number(values.limit ?? fallback);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) fail(`--limit must be a whole number from 1 to ${max}`);
  return limit;
}

async function main(): Promise<void> {
  switch (command) {
    case "import": {
      const folder = positionals[0];
      if (!folder || !existsSync(folder) || !statSync(folder).isDirectory())
        fail(`import needs a folder (got ${folder ?? "nothing"})`);
      const kind = parsed(caseKindSchema, values.kind, "--kind (missing|found)");
      const country = parsed(countrySchema, values.country ?? "BI", "--country (BI|RW)");
      const deps = await openDeps();
      const summary = await importFolder(deps, { folder: resolve(folder), kind, country, station: values.station! });
      console.log(
        `${summary.cases} case(s), ${summary.photos} photo(s): ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.needsChoice} waiting for a choice of face`,
      );
      for (const [reason, count] of Object.entries(summary.reasons).sort((a, b) => b[1] - a[1]))
        console.log(`  rejected ${count}×: ${reason}`);
      for (const photo of summary.choices) console.log(`  several faces, choose the person: ${photo}`);
      for (const bad of summary.invalidCaseFiles)
        console.log(
          `  not imported, ${bad.folder}/${CASE_FILE}: ${bad.issues.map((i) => `${i.path || "(file)"}: ${i.message}`).join("; ")}`,
        );
      const crossMatch = await crossMatchPhotos(deps, summary.indexed);
      console.log(crossMatchLine(crossMatch));
      if (values.json) console.log(JSON.stringify({ ...summary, crossMatch }));
      return;
    }
    case "matches": {
      const state =
        values.state === undefined
          ? undefined
          : parsed(
              matchStateSchema,
              values.state,
              "--state (new|potential|no_candidate|inconclusive|confirmed|closed)",
            );
      const kind =
        values.kind === undefined
          ? undefined
          : parsed(matchKindSchema, values.kind, "--kind (reunification|duplicate)");
      if (values.all && values.cursor) fail("matches: --all and --cursor do not go together");
      const { pairs, nextCursor } = await listPairs(await openDeps(), {
        limit: limitOf(values.all ? 1000 : 20, 1000),
        ...(state ? { state } : {}),
        ...(kind ? { kind } : {}),
        ...(values.case ? { caseRef: values.case } : {}),
        ...(values.cursor ? { cursor: values.cursor } : {}),
        all: values.all!,
      });
      if (values.json) {
        console.log(
          JSON.stringify({
            matches: pairs.map(pairJson),
            ...(nextCursor ? { next_cursor: nextCursor } : {}),
            notice: "Candidates for an officer to review, never identifications.",
          }),
        );
        return;
      }
      if (pairs.length === 0) console.log("no match pairs");
      const first = 1;
      pairs.forEach((p, i) => pairText(p, first + i).forEach((l) => console.log(l)));
      if (nextCursor) console.log(`more pairs follow: --cursor ${nextCursor} (or --all)`);
      return;
    }
    case "candidates": {
      const deps = await openDeps();
      const limit = limitOf(CANDIDATE_LIST_DEFAULT, CANDIDATE_LIST_MAX);
      if (values.all) {
        // every open case of a kind (default missing), one JSON line (or block of text) per case
        const kind = parsed(caseKindSchema, values.kind ?? "missing", "--kind (missing|found)");
        const country = values.country ? parsed(countrySchema, values.country, "--country") : undefined;
        await eachCaseCandidates(deps, { kind, ...(country ? { country } : {}), limit }, (list) =>
          values.json ? console.log(JSON.stringify(list)) : candidatesText(list).forEach((l) => console.log(l)),
        );
        return;
      }
      const ref = positionals[0] ?? fail("candidates needs a case id or its reference (or --all)");
      const record = await findOpenCase(deps, ref);
      if (!record) fail(`no open case with the id or reference ${ref}`, 1);
      if (!isMatchable(record))
        fail(
          `case ${ref} is excluded from cross-match (${record.crossMatch?.allowed === false ? record.crossMatch.reason : ""}): it has no candidate list`,
          1,
        );
      const list = await caseCandidatesJson(deps, record, limit);
      if (values.json) console.log(JSON.stringify(list));
      else candidatesText(list).forEach((l) => console.log(l));
      return;
    }
    case "choose-face": {
      const deps = await openDeps();
      if (values.centre && positionals.length === 0) {
        const kind = values.kind ? parsed(caseKindSchema, values.kind, "--kind (missing|found)") : undefined;
        const { chosen, indexed } = await chooseCentredFaces(deps, kind);
        console.log(
          `${chosen} photo(s) waiting for a choice: the face nearest the centre chosen, ${indexed} now searchable`,
        );
        return;
      }
      const [ref, photoRef] = positionals;
      if (!ref || !photoRef || (!values.centre && values.face === undefined))
        fail("choose-face needs <case> <photo> and --face N or --centre (or --centre alone: every waiting photo)");
      const record = await findOpenCase(deps, ref);
      if (!record) fail(`no open case with the id or reference ${ref}`, 1);
      const face = values.centre ? ("centre" as const) : Number(values.face) - 1;
      if (face !== "centre" && (!Number.isInteger(face) || face < 0))
        fail("--face is the face's number as the photo shows it, from 1");
      const photo = await chooseFace(deps, record, photoRef, face);
      console.log(`${record.externalRef ?? record.id}/${photo.fileName ?? photo.photoId}: ${photo.status}`);
      return;
    }
    case "bench-cases": {
      const sizes = (values.cases ?? "1000,5000").split(",").map(Number);
      if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail("--cases takes whole numbers, e.g. 1000,5000");
      const result = await benchCases(sizes);
      for (const r of result.rows) {
        console.log(
          `${r.cases} cases: the country paged to its end in ${r.country_pages} pages of ${result.page_size}, ${r.country_ms_per_page.toFixed(1)} ms per page`,
        );
        for (const l of r.listings)
          console.log(
            `  ${l.listing}: ${l.cases_on_page} cases on the first page, ${l.ms_median.toFixed(1)} ms median (p95 ${l.ms_p95.toFixed(1)})`,
          );
      }
      console.log(JSON.stringify(result));
      return;
    }
    case "reindex-cases": {
      const written = await reindexCaseSearch(await openDeps());
      console.log(`${written} case(s) written again with their search keys`);
      return;
    }
    case "bench-candidates": {
      const sizes = (values.found ?? "1000,5000").split(",").map(Number);
      if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail("--found takes whole numbers, e.g. 1000,5000");
      const result = await benchCandidates(sizes);
      for (const r of result.rows)
        console.log(
          `${r.found_cases} found cases (${r.found_faces} faces): candidate list ${r.ms_median.toFixed(1)} ms median (p95 ${r.ms_p95.toFixed(1)}, first call ${r.ms_first.toFixed(1)}); Firestore ${r.firestore_reads} reads per list`,
        );
      console.log(JSON.stringify(result));
      return;
    }
    case "evidence-file": {
      const [ref] = positionals;
      if (!ref) fail("evidence-file needs a pair id, or a case's id or file number");
      const language = parsed(recordLanguageSchema, values.lang, "--lang (en|fr|rn|rw|sw)");
      const deps = await openDeps();
      const pair = await pairOf(deps, ref);
      if (typeof pair !== "string") fail(pair.refused, 1);
      const written = await writeEvidenceFile(deps, {
        matchId: pair,
        language,
        includeContacts: values.contacts,
        ...(values.out ? { out: values.out } : {}),
      });
      console.log(`wrote ${written.path} (${written.pages} page(s), sha256 ${written.sha256})`);
      return;
    }
    case "cross-match": {
      console.log(crossMatchLine(await crossMatchStore(await openDeps(), values.case)));
      return;
    }
    case "search": {
      const target = positionals[0];
      if (!target || !existsSync(target))
        fail(`search needs a photo file or a folder of photos (got ${target ?? "nothing"})`);
      const options = {
        // a person at a desk reads five; an investigative list is the deployment's top K unless given
        limit: values.limit === undefined && values.investigate ? undefined : limitOf(5, 50),
        mode: values.investigate ? ("investigate" as const) : ("identify" as const),
        reason: values.reason!,
        ...(values["photo-date"]
          ? { photoDate: parsed(isoDateSchema, values["photo-date"], "--photo-date (YYYY-MM-DD)") }
          : {}),
        ...(values.kind ? { kind: parsed(caseKindSchema, values.kind, "--kind") } : {}),
        ...(values.country ? { country: parsed(countrySchema, values.country, "--country") } : {}),
      };
      const deps = await openDeps();
      if (isVideoName(target) && statSync(target).isFile()) {
        if (values.investigate)
          fail("--investigate is for photos: a clip's people are searched above the match threshold");
        const clip = await searchClipFile(deps, {
          ...options,
          clip: target,
          ...(options.limit ? { limit: Math.min(options.limit, 20) } : {}),
        });
        if (values.json) console.log(JSON.stringify(clipJson(target, clip)));
        else clipText(clip).forEach((l) => console.log(l));
        return;
      }
      if (statSync(target).isDirectory()) {
        const summary = await searchFolder(deps, { ...options, folder: target }, (line) =>
          console.log(values.json ? JSON.stringify(line) : folderLineText(line)),
        );
        if (!values.json)
          console.log(
            `${summary.photos} photo(s) searched: ${summary.withCandidates} with candidates, ${summary.refused} refused`,
          );
        return;
      }
      const result = await searchPhoto(deps, { ...options, photo: target });
      if (values.json) console.log(JSON.stringify(searchJson(target, result)));
      else searchText(result).forEach((l) => console.log(l));
      return;
    }
    case "verify": {
      const photo = positionals[0];
      if (!photo || !existsSync(photo) || !statSync(photo).isFile())
        fail(`verify needs a photo file (got ${photo ?? "nothing"})`);
      if (!values.case) fail("verify needs --case with the case's id or reference");
      const photoDate =
        values["photo-date"] === undefined
          ? undefined
          : parsed(isoDateSchema, values["photo-date"], "--photo-date (YYYY-MM-DD)");
      const deps = await openDeps();
      const found = await findCase(deps, values.case);
      if (!found) fail(`no open or resolved case with the id or reference ${values.case}`, 1);
      const result = await verifyPhoto(deps, { photo, caseId: found.id, ...(photoDate ? { photoDate } : {}) });
      if (values.json) console.log(JSON.stringify(verifyJson(photo, result)));
      else verifyText(result).forEach((l) => console.log(l));
      return;
    }
    case "create-admin": {
      if (!values.email) fail("create-admin needs --email of an existing Firebase Auth user");
      let target: StoreTarget;
      try {
        target = storeTarget(process.env, { local: values.local!, firebase: values.firebase! });
      } catch (error) {
        if (error instanceof TargetError) fail(`create-admin: ${error.message}`);
        throw error;
      }
      const details = registerOfficerInput.safeParse({
        name: values.name,
        badgeNumber: values.badge,
        rank: values.rank,
        station: values.station,
        country: values.country,
        phone: values.phone,
      });
      if (!details.success)
        fail(`create-admin: ${details.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      const identity = firebaseIdentity();
      const uid = await identity.findUidByEmail(values.email);
      if (!uid) fail(`no Firebase Auth user with email ${values.email}: sign up first (portal or Auth emulator)`);
      const { officer } = await bootstrapAdmin({ ...(await openDeps(target, false)), identity }, SYSTEM_ACTOR, {
        ...details.data,
        uid,
        email: values.email,
      });
      // the operator vouches for the address they typed: the first administrator can work before any e-mail arrives
      await markEmailVerified(uid);
      const where = target === "local" ? `the local store ${localPaths().database}` : "Firestore";
      console.log(
        `${officer.email} is now an approved administrator (${officer.country}) with a verified address, recorded in ${where}; the portal picks up the claims at the next page load.`,
      );
      return;
    }
    case "seed-demo": {
      if (process.env.FIREBASE_AUTH_EMULATOR_HOST) {
        await seedDemoAuth();
        console.log(`demo accounts written to the Auth emulator at ${process.env.FIREBASE_AUTH_EMULATOR_HOST}`);
      }
      const deps = await openDeps();
      await seedDemoProfiles(deps);
      console.log(`demo officer profiles in ${values.firebase ? "Firestore" : localPaths().database}`);
      if (values.photos) {
        const people = join(facesDir(), "smoke", "people");
        if (!existsSync(people)) console.log(`no demo photos: ${people} is absent (set TORA_FACES_DIR)`);
        else {
          const summary = await importFolder(deps, {
            folder: people,
            kind: "missing",
            country: "BI",
            station: "Bujumbura Centre",
          });
          console.log(
            `demo cases: ${summary.cases}, photos accepted: ${summary.accepted}, rejected: ${summary.rejected}`,
          );
          console.log(crossMatchLine(await crossMatchPhotos(deps, summary.indexed)));
        }
      }
      return;
    }
    case "migrate-photos": {
      const { flagged } = await flagSeveralFacePhotos(await openDeps(), SYSTEM_ACTOR);
      console.log(`${flagged} photo(s) with several indexed faces now wait for an officer's choice of the person`);
      return;
    }
    case "bench-search": {
      const sizes = values.faces!.split(",").map(Number);
      if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail("--faces takes whole numbers, e.g. 1000,10000");
      const result = await benchSearch(sizes);
      for (const r of result.rows)
        console.log(
          `${r.faces} faces: local ${r.local_ms_median.toFixed(2)} ms median (p95 ${r.local_ms_p95.toFixed(2)}), with country prefilter ${r.local_ms_median_country.toFixed(2)} ms; ` +
            `Firestore ≤ ${r.firestore_reads_max} reads (${r.firestore_reads_max_country} with the country prefilter)`,
        );
      console.log(JSON.stringify(result));
      return;
    }
    case "close-case": {
      const ref = positionals[0] ?? fail("close-case needs a case id or its reference (the imported folder name)");
      if (!values.reason || values.reason === "command-line search") fail("close-case needs --reason");
      const deps = await openDeps();
      const found = await findCase(deps, ref);
      if (!found) fail(`no open or resolved case with the id or reference ${ref}`, 1);
      const { case: closed } = await closeCase(deps, SYSTEM_ACTOR, { caseId: found.id, reason: values.reason });
      console.log(
        `case ${closed.id} (${closed.externalRef ?? "no reference"}) closed; kept until ${closed.retentionUntil}`,
      );
      return;
    }
    case "sweep": {
      const now = values.now ? new Date(values.now) : new Date();
      if (Number.isNaN(now.getTime())) fail(`--now must be a date or date-time (ISO 8601), got ${values.now}`);
      const maxPages = values["max-pages"] ? Number(values["max-pages"]) : undefined;
      if (maxPages !== undefined && (!Number.isInteger(maxPages) || maxPages < 1))
        fail("--max-pages must be a whole number of 1 or more");
      const result = await sweep(await openDeps(), { now, ...(maxPages ? { maxPages } : {}) });
      if (values.json) console.log(JSON.stringify(sweepJson(now, result)));
      else sweepText(result).forEach((l) => console.log(l));
      return;
    }
    case "backup": {
      const dir = positionals[0] ?? fail("backup needs a folder to write the backup to");
      const manifest = await backup(localPaths(), resolve(dir));
      manifestText(manifest).forEach((l) => console.log(l));
      console.log(`backup written to ${resolve(dir)} (manifest.json: counts and hashes per collection)`);
      return;
    }
    case "restore": {
      const dir = positionals[0] ?? fail("restore needs the folder of a backup");
      try {
        await restore(localPaths(), resolve(dir), values.replace!);
      } catch (error) {
        fail(`restore: ${(error as Error).message}`, 1);
      }
      console.log(
        `restored ${resolve(dir)} into ${localPaths().database}; check it with: tora-face verify-restore ${dir}`,
      );
      return;
    }
    case "verify-restore": {
      const dir = positionals[0] ?? fail("verify-restore needs the folder of a backup");
      const result = await verifyRestore(await openDeps(), localPaths(), resolve(dir));
      if (values.json)
        console.log(
          JSON.stringify({
            ok: result.ok,
            collections: result.collections,
            differences: result.differences,
            keys_open_contacts: result.keysOpenContacts,
          }),
        );
      else {
        for (const d of result.differences)
          console.log(
            `differs: ${d.name}: backup ${d.expected?.count ?? "absent"}, store ${d.actual?.count ?? "absent"}`,
          );
        console.log(
          result.ok
            ? `the store matches the backup: ${result.collections} collections, counts and hashes equal`
            : `the store does NOT match the backup (${result.differences.length} difference(s))`,
        );
        if (!result.keysOpenContacts)
          console.log(
            "the key ring does not open the sealed family contacts: set TORA_FAMILY_KEYS to the keys of the backed-up store",
          );
      }
      if (!result.ok) process.exitCode = 1;
      return;
    }
    case "reapply-purges": {
      const { tombstones, purgedAgain } = await reapplyPurges(await openDeps(), SYSTEM_ACTOR);
      console.log(`${tombstones} tombstone(s) checked: ${purgedAgain} case(s) back from the restore purged again`);
      return;
    }
    case "reseal-contacts": {
      const result = await resealContacts(await openDeps(), SYSTEM_ACTOR);
      if (values.json)
        console.log(JSON.stringify({ key_id: result.keyId, cases: result.cases, contacts: result.contacts }));
      else
        console.log(
          `${result.contacts} contact(s) of ${result.cases} case(s) sealed again with the key ${result.keyId}`,
        );
      return;
    }
    case "reembed": {
      const { migration, alreadyActive } = await reembed(await openDeps(), values.to);
      if (values.json) console.log(JSON.stringify({ already_active: alreadyActive, migration }));
      else if (alreadyActive)
        console.log(
          `every face is already embedded with the active model ${migration?.to ?? values.to ?? "of this build"}: nothing to do`,
        );
      else if (migration)
        console.log(
          `search now uses ${migration.to}: ${migration.reembedded} photo(s) embedded again, ${migration.notEnrolled} without a usable face for the new model, ${migration.missingBytes} without stored bytes; ${migration.oldFacesDeleted} vector(s) of other versions deleted`,
        );
      return;
    }
    case "peers": {
      const deps = await openDeps();
      const [action, country] = positionals;
      if (action === "allow") {
        if (deps.crossBorder.countries.includes(country as never))
          fail(
            `this store holds ${country} itself (TORA_COUNTRIES=${deps.crossBorder.countries.join(",")}): a peer is the other country's deployment`,
          );
        const record = await allowPeer(deps, SYSTEM_ACTOR, {
          country: parsed(countrySchema, country, "country"),
          endpoint:
            values.endpoint ?? fail("peers allow needs --endpoint (the other deployment's crossBorderPeer URL)"),
          serviceAccount:
            values.account ?? fail("peers allow needs --account (the other deployment's service account)"),
        }).catch((error: unknown) =>
          fail(
            error instanceof z.ZodError
              ? `peers allow: ${error.issues.map((i) => `${i.path.join(".") === "serviceAccount" ? "--account" : "--endpoint"}: ${i.message}`).join("; ")}`
              : error instanceof Error
                ? error.message
                : String(error),
          ),
        );
        console.log(`${record.country}: messages go to ${record.endpoint}; accepted from ${record.serviceAccount}`);
        return;
      }
      if (action === "remove") {
        const removed = await removePeer(deps, SYSTEM_ACTOR, parsed(countrySchema, country, "country"));
        console.log(removed ? `${country}: link removed` : `${country}: no link to remove`);
        return;
      }
      if (action !== undefined) fail(`peers: unknown action "${action}" (allow, remove, or none to list)`);
      const peers = await deps.crossBorder.peers.list();
      if (values.json) console.log(JSON.stringify({ countries: deps.crossBorder.countries, peers }));
      else {
        console.log(`this deployment holds: ${deps.crossBorder.countries.join(", ")}`);
        if (!peers.length) console.log("no link to another deployment");
        for (const p of peers)
          console.log(`${p.country}: ${p.endpoint} (service account ${p.serviceAccount}; set ${p.addedAt})`);
      }
      return;
    }
    case "cross-border-sweep": {
      const deps = await openDeps();
      const result = await sweepCrossBorder(deps);
      if (values.json) console.log(JSON.stringify(result));
      else
        console.log(
          `${result.receivedDeleted} received request(s) deleted, ${result.sentExpired} sent request(s) expired, ${result.messagesForgotten} message id(s) forgotten`,
        );
      return;
    }
    case "rekey": {
      const { migration, alreadyActive } = await rekey(await openDeps(), values.to);
      if (values.json) console.log(JSON.stringify({ already_active: alreadyActive, migration }));
      else if (alreadyActive)
        console.log(
          `every face vector is already under the template key ${migration?.toTemplateKey ?? values.to}: nothing to do`,
        );
      else if (migration)
        console.log(
          `search now uses the template key ${migration.toTemplateKey}: ${migration.rekeyed} vector(s) re-keyed, ${migration.reembedded} photo(s) embedded again (no vector to re-key); ${migration.oldFacesDeleted} vector(s) under the old key deleted`,
        );
      return;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(usage);
      return;
    default:
      fail(`unknown command "${command}"\n\n${usage}`);
  }
}

main().catch((error: unknown) => {
  if (
    error instanceof ServiceError ||
    error instanceof ImageError ||
    error instanceof ClipError ||
    error instanceof TemplateKeyMissingError
  )
    fail(error.message, 1);
  throw error;
});
