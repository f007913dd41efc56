// Who may call each callable of the registry (callables.ts), and the refusals particular to it: the
// one home of these facts. Each registry entry carries its row (callables.x.access); the callable
// boundary (triggers/callable.ts) refuses a caller below the level before the service runs; the
// client kit, the API reference (docs/api.md) and the callable matrix test read them from here.
// Rules that need the record are declared here and applied where the record is read:
// the country of a case or pair (services/cases.ts mustGetCase), the case team (mayManage).
import type { CallableName } from "./callables.js";
import type { ErrorCode } from "./errors.js";

/** from the widest to the narrowest; each level includes the checks of the ones before it */
export const callerLevels = {
  "signed-in": "Any signed-in user, whatever the state of their email or registration.",
  verified: "A signed-in user with a verified email address (a pending registration may be sent again).",
  approved: "An approved officer of any role (officer, supervisor, administrator).",
  admin: "An approved administrator.",
} as const;
export type CallerLevel = keyof typeof callerLevels;

export interface CallableAccess {
  caller: CallerLevel;
  /**
   * officers and supervisors reach only their own country (administrators every country): "record" —
   * a case or pair of another country, or a new case for one, is refused; "listing" — a list or search
   * is narrowed to the caller's country, and a filter naming another country is refused
   */
  ownCountry?: "record" | "listing";
  /**
   * who of the country may act on the record, a rule that needs the record (services/cases.ts
   * mayManage): "case" — the case's own officers (for a pair: of either case), the supervisors of
   * its country and administrators; "supervisors" — the supervisors of its country and administrators
   */
  team?: "case" | "supervisors";
  /** a further condition on the caller, in a sentence */
  condition?: string;
  /** codes particular to this callable, beyond those every callable of its caller level answers with */
  errors?: Partial<Record<ErrorCode, string>>;
}

const caseTeam = "Changing a case: its own officers, the supervisors of its country and administrators.";
/** the answers of a callable on one case when there is none, or when the caller is not of its team */
const noCase = "No case with this id.";
const notCaseTeam = "Not one of the case's officers, a supervisor or an administrator.";

export const callableAccess = {
  registerOfficer: {
    caller: "verified",
    errors: {
      "failed-precondition": "This account's registration is no longer pending (approved, refused or suspended).",
    },
  },
  getMyProfile: { caller: "signed-in", condition: "Answers officer: null for an account without a registration." },
  listOfficers: { caller: "admin" },
  approveOfficer: {
    caller: "admin",
    errors: {
      "not-found": "No officer with this uid.",
      "failed-precondition": "The registration is neither pending nor refused.",
    },
  },
  rejectOfficer: {
    caller: "admin",
    errors: { "not-found": "No officer with this uid.", "failed-precondition": "The registration is not pending." },
  },
  setOfficerRole: {
    caller: "admin",
    condition: "A demotion signs the officer out on every device.",
    errors: {
      "not-found": "No officer with this uid.",
      "failed-precondition": "The officer is not approved, or is the last administrator being demoted.",
    },
  },
  suspendOfficer: {
    caller: "admin",
    condition: "The officer is signed out on every device.",
    errors: {
      "not-found": "No officer with this uid.",
      "failed-precondition": "The officer is not approved, or is the last administrator.",
    },
  },
  setOfficerSearchBudget: {
    caller: "admin",
    condition: "Sets one officer's own 24-hour search budget (null: back to the deployment's default); audited.",
    errors: { "not-found": "No officer with this uid." },
  },
  reinstateOfficer: {
    caller: "admin",
    errors: { "not-found": "No officer with this uid.", "failed-precondition": "The officer is not suspended." },
  },
  createCase: { caller: "approved", ownCountry: "record" },
  updateCase: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} Edits facts only, merged field by field into the case as stored at that moment (two officers editing at once both keep their change); a case's status changes through closeCase, reopenCase and confirmReunification, and an input naming status is refused (invalid-argument).`,
    errors: {
      "not-found": noCase,
      "permission-denied": notCaseTeam,
      "failed-precondition": "The case is closed.",
    },
  },
  closeCase: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} Only an open case; not by the officer who marked one of its pairs a potential candidate while that pair waits for its second officer (four eyes).`,
    errors: {
      "not-found": noCase,
      "permission-denied": `${notCaseTeam} Or the caller marked a pair of the case potential and it waits for a second officer (details.reason case_close_awaits_confirmation).`,
      "failed-precondition": "The case is closed already, or resolved (a supervisor re-opens it first).",
    },
  },
  reopenCase: {
    caller: "approved",
    ownCountry: "record",
    team: "supervisors",
    condition:
      "A resolved or closed case back to open, with a reason: the supervisors of the case's country and administrators. Its retention clock stops, its outcome is cleared (a confirmed pair stays as the record); audited.",
    errors: {
      "not-found": noCase,
      "permission-denied": "Not a supervisor of the case's country or an administrator.",
      "failed-precondition": "The case is open already.",
    },
  },
  getCase: {
    caller: "approved",
    ownCountry: "record",
    condition:
      "The family contact (includeFamilyContact) only for the case's officers, the supervisors of its country and administrators; every reading is audited.",
    errors: {
      "not-found": noCase,
      "permission-denied": "The family contact was asked for by someone who may not read it.",
    },
  },
  listCases: {
    caller: "approved",
    ownCountry: "listing",
    condition:
      "Officers and supervisors see their own country's cases; a filter on another country is refused. Newest first: scope mine (the caller's own cases), station (the caller's station, or station named), all; query: a name with the matcher's spelling tolerance, or a file number (whole, or a part with digits). A search reads a bounded number of cases per page: a page may hold fewer cases than asked while nextCursor goes on.",
  },
  uploadCasePhoto: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} A readable photo without a usable face is an answer (status rejected, with reasons); one with several comparable faces waits for chooseCasePhotoFace (status needs_choice). The same bytes again answer with the stored photo — sent twice, or by two officers at the same moment (one record; the second waits for the first one's verdict). A photo sent straight to Storage (cases/{caseId}/photos/{photoId}) meets the same rights, limit and audit at the trigger; refused, its bytes are deleted and its record says why (status rejected, reason upload_not_allowed, upload_limit or same_photo_stored).`,
    errors: {
      "not-found": "No case with this id, or its erasure is under way (nothing of the upload is kept).",
      "permission-denied": notCaseTeam,
      "failed-precondition": "The case is closed.",
      "already-exists": "Another photo is stored under this photoId: evidence is never replaced.",
      "resource-exhausted": "Too many uploads this hour (details.retryAfterSeconds).",
      "invalid-argument":
        "Not a readable photo (refused and not stored; details.image: the image error code), or larger than 8 MiB.",
    },
  },
  chooseCasePhotoFace: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} The chosen face becomes the case's subject for this photo; audited.`,
    errors: {
      "not-found": "No such case or photo.",
      "permission-denied": notCaseTeam,
      "failed-precondition":
        "The case is closed, or the photo is retracted, still processing, or has one face at most.",
      "invalid-argument": "The photo has no face with this index.",
    },
  },
  retractCasePhoto: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} The photo stays as evidence and leaves the index; audited.`,
    errors: {
      "not-found": "No such case or photo.",
      "permission-denied": notCaseTeam,
      "failed-precondition": "The case is closed, or the photo is retracted already or still processing.",
    },
  },
  listCasePhotos: { caller: "approved", ownCountry: "record", errors: { "not-found": noCase } },
  getPhotoThumbnail: {
    caller: "approved",
    ownCountry: "record",
    errors: { "not-found": "No such case or photo.", "failed-precondition": "The stored photo cannot be read." },
  },
  searchFaces: {
    caller: "approved",
    ownCountry: "listing",
    condition:
      "Officers and supervisors search their own country's cases; a probe in Storage must be under probes/{their uid}/. mode investigate (or auto, for a case whose photos are years old) lists the top K whatever their score.",
    errors: {
      "invalid-argument":
        "The probe photo cannot be read (details.reason image_refused, details.image: the image error code).",
      "resource-exhausted":
        "Too many searches this minute, the 24-hour budget used, or too many photos without a usable face this hour (details.reason says which).",
      "not-found": "The case named as purpose, or the probe in Storage, does not exist.",
      "permission-denied": "A probe in Storage uploaded by someone else.",
    },
  },
  listSearchHistory: {
    caller: "approved",
    condition: "Officers read their own history; administrators anyone's (uid) or everyone's.",
    errors: { "permission-denied": "Another officer's history asked for by someone who is not an administrator." },
  },
  recordSearchOutcome: {
    caller: "approved",
    condition: "Only the officer who searched, or an administrator.",
    errors: {
      "not-found": "No search with this id.",
      "permission-denied": "The search was made by another officer.",
      "invalid-argument": "The case was not a candidate for that face in this search.",
    },
  },
  listMatches: {
    caller: "approved",
    ownCountry: "listing",
    condition:
      "The possible-matches queue of the caller's country (administrators: every country, or one): pairs waiting for review (new, potential, inconclusive) of open cases by default, highest fused score first; newCount counts the pairs not reviewed yet (a badge): for an officer those of their own cases and of their station, for supervisors and administrators the whole scope. caseId: one case's pairs, closed ones (resolved elsewhere) included.",
    errors: { "not-found": "No case with this caseId." },
  },
  getMatch: {
    caller: "approved",
    ownCountry: "record",
    condition:
      "Both cases in full, the pair's factors and history, and what the caller may do (access). includeContacts: after a confirmed reunification, the family contact and the custody contact for the officers of the two cases, supervisors and administrators; every reading is audited.",
    errors: {
      "not-found": "No match with this id.",
      "permission-denied":
        "Contacts asked for by someone who may not read them, or before the reunification is confirmed.",
    },
  },
  reviewMatch: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition:
      "The officers of the two cases, the supervisors of their country and administrators record an outcome with a reason; kept in the pair's history with the model and calibration versions; audited. A pair reviewed no_candidate is not proposed again unless new photos raise its face score.",
    errors: {
      "not-found": "No match with this id.",
      "permission-denied": "Not an officer of either case, a supervisor or an administrator.",
      "failed-precondition": "The reunification is confirmed already, or one of the cases is no longer open.",
    },
  },
  confirmReunification: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition:
      "Four eyes: a second officer — not the one who marked the pair a potential candidate; a supervisor, an administrator or an officer of the other case. Both cases are resolved as reunified, the officers of both are notified; audited.",
    errors: {
      "not-found": "No match with this id.",
      "permission-denied":
        "The caller marked the pair potential, or has no standing to confirm (details.reason says which).",
      "failed-precondition": "Not a missing–found pair, not marked potential, or a case is no longer open.",
    },
  },
  listCaseCandidates: {
    caller: "approved",
    ownCountry: "record",
    condition:
      "A case's candidate list: the top K (default 20, at most 100) open cases of the other kind in the case's country by fused score whatever the band, with exact face scores against every one of them; most of the list is below the weak band and is not the person (notice). Candidates reviewed no_candidate are left out (excluded) unless a new photo raised the face score. Lists have their own per-minute window, as many as searches (SEARCHES_PER_MINUTE); audited.",
    errors: {
      "not-found": noCase,
      "failed-precondition": "The case is not open, or is excluded from cross-match.",
      "resource-exhausted": "Too many candidate lists this minute.",
    },
  },
  openCandidatePair: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition:
      "Reviewing a candidate: it becomes a pair (state new, opened by the caller) or the existing pair is returned; then reviewMatch records the outcome. The officers of either case, supervisors and administrators; audited.",
    errors: {
      "not-found": noCase,
      "permission-denied": "Not an officer of either case, a supervisor or an administrator.",
      "failed-precondition":
        "The two cases cannot be a pair (not open, excluded from cross-match, one kind, two countries, or no searchable face).",
    },
  },
  listNotifications: {
    caller: "approved",
    condition: "The caller's own notifications, newest first, and how many are unread.",
  },
  markNotificationsRead: {
    caller: "approved",
    condition: "Marks the caller's own notifications read (ids, or all); others' ids are ignored.",
  },
  listAuditLogs: { caller: "admin" },
  getStats: { caller: "admin" },
  confirmCaseStillNeeded: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} Answers the request sent to the officers of an open case without activity for months (the case counts as active again); audited.`,
    errors: {
      "not-found": noCase,
      "permission-denied": notCaseTeam,
      "failed-precondition": "The case is not open.",
    },
  },
  requestCaseErasure: {
    caller: "admin",
    condition: "Asks for a case to be erased, with the legal ground; a second administrator approves; audited.",
    errors: { "not-found": noCase, "failed-precondition": "An erasure of this case is already waiting for approval." },
  },
  approveCaseErasure: {
    caller: "admin",
    condition:
      "Four-eyes: not the administrator who asked. The case is purged at once: photos, stored files, face vectors, sealed contacts, match pairs, notifications, appeals, and its mentions in search history; a tombstone and an audited receipt (counts, sha256 of every photo) remain.",
    errors: {
      "not-found": "No such request, or its case no longer exists.",
      "permission-denied": "The caller asked for this erasure: another administrator must approve it.",
      "failed-precondition": "The request was already approved or declined.",
    },
  },
  declineCaseErasure: {
    caller: "admin",
    condition: "Any administrator, the one who asked included (a withdrawal); audited.",
    errors: { "not-found": "No such request.", "failed-precondition": "The request was already approved or declined." },
  },
  listErasureRequests: { caller: "admin", condition: "Newest first, with the case as it stands while it exists." },
  startModelMigration: {
    caller: "admin",
    condition:
      "Every indexed photo is embedded again with the model toVersion (a task queue, one step at a time); search switches to it when all are done, then the old vectors are deleted; audited.",
    errors: {
      "failed-precondition": "The model is not part of this deployment, already active, or a migration is running.",
    },
  },
  getModelMigration: {
    caller: "admin",
    condition:
      "The active model version and template key, the versions and key ids this deployment carries (never a key), and the migration's progress.",
  },
  startTemplateKeyRotation: {
    caller: "admin",
    condition:
      "Every stored face vector is re-keyed to the template key toKeyId (default: the newest of TEMPLATE_KEYS) by one matrix product — no photo is read — through the migration's task queue; search switches when all are done, then the old key's vectors are deleted; audited.",
    errors: {
      "failed-precondition":
        "The key is not in TEMPLATE_KEYS, the vectors are already under it, or a migration is running.",
    },
  },
  draftAppealBulletin: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} A language model drafts the appeal in five languages from the case's non-sensitive facts (never contacts; the photo only with includePhoto); nothing is published until approved; audited.`,
    errors: {
      "not-found": noCase,
      "permission-denied": notCaseTeam,
      "failed-precondition": "includePhoto, and the case has no searchable photo.",
      internal: "The model's answer could not be used: try again.",
    },
  },
  approveAppealBulletin: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} The edited texts become the approved appeal; audited.`,
    errors: {
      "not-found": "No appeal with this id.",
      "permission-denied": notCaseTeam,
      "failed-precondition": "The appeal is already approved.",
    },
  },
  listAppealBulletins: { caller: "approved", ownCountry: "record", errors: { "not-found": noCase } },
  sendFamilySms: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} Sends the family contact, once the officer approves it (approved: true), one SMS in the language recorded with the contact: "please contact the police station of <station> about your report, reference <file number>" — no name, no detail — for a confirmed reunification or when the family is needed (an open case). Only with the family's recorded consent; a per-case and a per-day limit; timeouts and server errors retried with backoff, refusals never; audited without the number or the text.`,
    errors: {
      "not-found": noCase,
      "permission-denied": notCaseTeam,
      "failed-precondition":
        "No family contact, no consent or language recorded, the reunification not confirmed (reunification_confirmed) or the case not open (family_needed), or SMS not configured.",
      "resource-exhausted": "The case's or the day's SMS limit is reached.",
    },
  },
  listFamilySms: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} The case's SMS to the family, newest first, with their delivery status (never the number or the text).`,
    errors: { "not-found": noCase, "permission-denied": notCaseTeam },
  },
  getEvidenceFile: {
    caller: "approved",
    ownCountry: "record",
    condition:
      "The reunification evidence file of a missing ↔ found pair, confirmed or still under review (then marked as such), as language-neutral data: both cases, both faces as thumbnails made for it, the scores and factors, the history with the officers' names, the two officers who decided. Contacts as getMatch gives them (includeContacts). Every production is audited.",
    errors: {
      "not-found": "No match with this id.",
      "permission-denied":
        "Contacts asked for by someone who may not read them, or before the reunification is confirmed.",
      "failed-precondition": "A possible duplicate, or a pair reviewed as no candidate.",
    },
  },
  getEvidenceFilePdf: {
    caller: "approved",
    ownCountry: "record",
    condition:
      "The same record as an A4 PDF in the chosen language (Noto Sans); its sha256 is in the audit entry of its production.",
    errors: {
      "not-found": "No match with this id.",
      "permission-denied":
        "Contacts asked for by someone who may not read them, or before the reunification is confirmed.",
      "failed-precondition": "A possible duplicate, or a pair reviewed as no candidate.",
    },
  },
  verifyFaces: {
    caller: "approved",
    ownCountry: "record",
    condition:
      "Every face of the photo compared with the case's searchable faces: the best similarity per face with its band (below the threshold too) and the years between the photos. Counts as a search (rate limit, history with the case as purpose, audit search.verify); a probe in Storage must be under probes/{their uid}/ and is deleted after.",
    errors: {
      "not-found": "No case with this id, or the probe in Storage does not exist.",
      "failed-precondition": "The case has no searchable photo of the person to compare with.",
      "invalid-argument":
        "The photo cannot be read (details.reason image_refused, details.image: the image error code).",
      "resource-exhausted":
        "Too many searches this minute, the 24-hour budget used, or too many photos without a usable face this hour (details.reason says which).",
    },
  },
  searchClip: {
    caller: "approved",
    ownCountry: "listing",
    condition:
      "Frames sampled from a video clip (at most 32, 1 MiB each, 12 MiB together): every face found and embedded, linked into one track per person, each track's best face searched like a photo — one search per track, the people seen most first, at most 10; when the budget runs out the rest are listed unsearched (notSearched). Frames in Storage must be under probes/{their uid}/ and are deleted after; history and audit search.clip.",
    errors: {
      "invalid-argument": "A frame cannot be read (details.reason image_refused; the message names the frame).",
      "resource-exhausted": "No search left for the first track (details.reason says which limit).",
      "not-found": "The case named as purpose, or a frame in Storage, does not exist.",
      "permission-denied": "A frame in Storage uploaded by someone else.",
    },
  },
  submitCaseDraft: {
    caller: "approved",
    ownCountry: "record",
    condition:
      "createCase for a case drafted without network: the same draftId sent again by the same officer answers with the case the first sending created (created: false), never a second case.",
  },
  requestCrossBorderSearch: {
    caller: "approved",
    ownCountry: "record",
    team: "case",
    condition: `${caseTeam} Asks the other country's police to search their open cases of the other kind for this open, cross-matched case, with a purpose and a legal basis: its faces (embeddings of its newest photos, at most 5, never the photos) and the facts the fused score reads cross; no contact, no description. Answered pending, or approved with the results when a standing agreement of both countries covers it. Audited on both sides.`,
    errors: {
      "not-found": noCase,
      "permission-denied": `${notCaseTeam} Or the case is of another country.`,
      "invalid-argument": "Addressed to the caller's own country (details.reason cross_border_same_country).",
      "failed-precondition":
        "The case is not open or not cross-matched, has no searchable face, no link to that country is set up (peer_not_configured), or the two systems use different face models.",
      unavailable: "The other country's system did not answer: nothing was recorded, try again.",
      "resource-exhausted":
        "A request is a search the other country runs: it takes a place of the caller's search burst and 24-hour budget (given back when the request could not be sent).",
    },
  },
  listCrossBorderRequests: {
    caller: "approved",
    ownCountry: "listing",
    condition:
      "direction sent: the requests the caller's country sent (of one case with caseId), newest first, with their decisions and results. direction received: the requests the caller's country was asked, for its supervisors and administrators only; never the faces.",
    errors: { "permission-denied": "direction received by an officer (supervisors and administrators only)." },
  },
  getCrossBorderRequest: {
    caller: "approved",
    condition:
      "One request as the caller's country keeps it, with what the caller may do on it (decide, withdraw, open pairs). A received request: supervisors and administrators only.",
    errors: {
      "not-found":
        "No request of the caller's country with this id in that direction (a declined, withdrawn or expired received request is deleted).",
    },
  },
  decideCrossBorderRequest: {
    caller: "approved",
    team: "supervisors",
    condition:
      "A supervisor or administrator of the country asked approves or declines, with a reason. Declined: the request is deleted whole, its audit lines remain. Approved: the search runs on this country's open cases, the received faces and facts are deleted, and the other country receives only its candidates in words (case reference, band, factors, photo age gap, officer to call).",
    errors: {
      "not-found": "No pending request to the caller's country with this id.",
      "permission-denied": "Not a supervisor or an administrator.",
      "failed-precondition": "Expired (and now deleted), or decided already.",
    },
  },
  withdrawCrossBorderRequest: {
    caller: "approved",
    condition:
      "The officer who asked, a supervisor or an administrator withdraws a pending request; the other country deletes it.",
    errors: {
      "not-found": "No request of the caller's country with this id.",
      "permission-denied": "Not the officer who asked, a supervisor or an administrator.",
      "failed-precondition": "The request is no longer pending.",
    },
  },
  openCrossBorderPair: {
    caller: "approved",
    condition: `${caseTeam} A candidate of an approved request becomes a cross-border pair, within the request's validity; the other country opens its half on its own case. Opening twice answers the same pair.`,
    errors: {
      "not-found": "No request of the caller's country with this id.",
      "permission-denied": notCaseTeam,
      "invalid-argument": "That case was not among the other country's answers (cross_border_not_a_candidate).",
      "failed-precondition": "The request is not approved, or has expired.",
      unavailable: "The other country's system did not answer: nothing was opened, try again.",
    },
  },
  listCrossBorderPairs: {
    caller: "approved",
    ownCountry: "listing",
    condition:
      "The cross-border pairs of a case (caseId), or those of the caller's country the caller has standing on (an officer of the pair's case here, a supervisor or an administrator).",
  },
  getCrossBorderPair: {
    caller: "approved",
    condition:
      "This country's half of a pair: the other case's reference, officer and evidence, its state and history, and what the caller may do. With includeContacts, once confirmed by officers of both countries, the other country's contact (audited).",
    errors: {
      "not-found": "No cross-border pair with this id on the caller's side.",
      "permission-denied": "Not an officer of the pair's case here, a supervisor or an administrator.",
    },
  },
  reviewCrossBorderPair: {
    caller: "approved",
    condition:
      "Records an outcome on the pair (potential_candidate, no_candidate, inconclusive), by an officer of the pair's case on either side, a supervisor or an administrator. The asking country keeps the pair's state; the other side is told.",
    errors: {
      "not-found": "No cross-border pair with this id on the caller's side.",
      "permission-denied": "Not an officer of the pair's case here, a supervisor or an administrator.",
      "failed-precondition": "The pair is confirmed already.",
      unavailable: "The other country's system did not answer: try again.",
    },
  },
  confirmCrossBorderPair: {
    caller: "approved",
    condition:
      "Four eyes across the border: a pair marked a potential candidate by an officer of one country is confirmed by an officer of the other. Then each country's contact of its case (the family's, or the custody's) is released to the other side, sealed there with its keys.",
    errors: {
      "not-found": "No cross-border pair with this id on the caller's side.",
      "permission-denied":
        "Not an officer of the pair's case here, a supervisor or an administrator; or of the country that marked it potential (cross_border_confirm_same_country).",
      "failed-precondition": "The pair is not a potential candidate.",
      unavailable: "The other country's system did not answer: try again.",
    },
  },
  proposeCrossBorderAgreement: {
    caller: "admin",
    condition:
      "A standing agreement to pre-approve a class of requests (unaccompanied_children, missing_children) until a date, proposed to the other country's administrators; active once one of them accepts. Audited on both sides.",
    errors: {
      "invalid-argument": "With the caller's own country, or ending today or before.",
      unavailable: "The other country's system did not answer: nothing was proposed.",
    },
  },
  acceptCrossBorderAgreement: {
    caller: "admin",
    condition: "An administrator of the other country than the one that proposed it accepts a standing agreement.",
    errors: {
      "not-found": "No agreement of the caller's country with this id.",
      "permission-denied": "The caller's country proposed it (agreement_own_proposal).",
      "failed-precondition": "Not proposed any more (active or revoked).",
    },
  },
  revokeCrossBorderAgreement: {
    caller: "admin",
    condition:
      "An administrator of either country ends a standing agreement at once, with a reason; the other country is told.",
    errors: { "not-found": "No agreement of the caller's country with this id." },
  },
  listCrossBorderAgreements: {
    caller: "approved",
    team: "supervisors",
    condition: "The standing agreements of the caller's country: supervisors and administrators.",
    errors: { "permission-denied": "Not a supervisor or an administrator." },
  },
} as const satisfies Record<CallableName, CallableAccess>;
