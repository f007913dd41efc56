// Every refusal a use case can end with: a stable reason (the key the portal and the mobile apps
// translate), the callable code it maps to, and the English sentence with {placeholders}. The one
// home of each sentence: services raise a reason, clients translate it or fall back to this text.
export type ErrorCode =
  | "invalid-argument"
  | "unauthenticated"
  | "permission-denied"
  | "not-found"
  | "already-exists"
  | "failed-precondition"
  | "resource-exhausted"
  | "unavailable"
  | "internal";

const reason = (code: ErrorCode, message: string) => ({ code, message });

export const ERROR_REASONS = {
  // who is calling
  sign_in_required: reason("unauthenticated", "Please sign in first."),
  email_not_verified: reason("permission-denied", "Please verify your email address before using TORA FACE."),
  account_suspended: reason("permission-denied", "Your account is suspended. Contact your administrator."),
  registration_rejected: reason("permission-denied", "Your registration was not approved."),
  approval_pending: reason("permission-denied", "Your account is waiting for approval by an administrator."),
  role_required: reason("permission-denied", "This needs the {role} role."),
  other_country: reason("permission-denied", "This record belongs to another country's police."),
  invalid_token: reason("unauthenticated", "Your sign-in could not be verified. Please sign in again."),
  origin_not_allowed: reason("permission-denied", "Requests from this web address are not accepted."),
  registration_required: reason(
    "permission-denied",
    "Register as an officer first: an administrator approves your registration.",
  ),
  app_not_verified: reason(
    "unauthenticated",
    "This app could not be verified (App Check). Update the app or contact your administrator.",
  ),
  // what was sent
  invalid_input: reason("invalid-argument", "Please check the form: {detail}"),
  not_plain_json: reason("invalid-argument", "The request is not plain JSON."),
  // officers
  officer_not_found: reason("not-found", "No officer is registered with this account."),
  already_registered: reason("failed-precondition", "This account is already registered (status: {status})."),
  approve_needs_pending: reason(
    "failed-precondition",
    "Only pending registrations can be approved (this one is {status}).",
  ),
  reject_needs_pending: reason(
    "failed-precondition",
    "Only pending registrations can be rejected (this one is {status}).",
  ),
  role_needs_approved: reason("failed-precondition", "Only approved officers can be given a role."),
  suspend_needs_approved: reason(
    "failed-precondition",
    "Only approved officers can be suspended (this one is {status}).",
  ),
  reinstate_needs_suspended: reason("failed-precondition", "Only suspended officers can be reinstated."),
  self_change: reason(
    "failed-precondition",
    "Administrators cannot change their own role or suspend themselves: ask another administrator.",
  ),
  last_administrator: reason(
    "failed-precondition",
    "This is the last administrator: appoint another administrator first.",
  ),
  // cases
  case_not_found: reason("not-found", "No case with this reference."),
  case_erased: reason("not-found", "This case was erased on {at}, by decision of the administrators {by}."),
  case_purged: reason("not-found", "This case's records were deleted on {at}, at the end of its retention period."),
  case_reference_ambiguous: reason(
    "invalid-argument",
    "Several cases have this file number: give the case's id (on the case page) instead.",
  ),
  case_change_not_allowed: reason(
    "permission-denied",
    "Only the case's officers, supervisors and administrators can change it.",
  ),
  case_close_not_allowed: reason(
    "permission-denied",
    "Only the case's officers, supervisors and administrators can close it.",
  ),
  family_contact_not_allowed: reason(
    "permission-denied",
    "Only the case's officers, supervisors and administrators can see the family's contact.",
  ),
  custody_contact_not_allowed: reason(
    "permission-denied",
    "Only the case's officers, supervisors and administrators can see who holds the person now.",
  ),
  case_closed: reason("failed-precondition", "This case is closed and can no longer be changed."),
  case_already_closed: reason("failed-precondition", "This case is already closed."),
  case_closed_no_photos: reason("failed-precondition", "This case is closed: no new photos."),
  case_resolved_not_closed: reason(
    "failed-precondition",
    "This case is resolved (reunified): a supervisor re-opens it first if it must be closed.",
  ),
  case_close_awaits_confirmation: reason(
    "permission-denied",
    "You marked a pair of this case a potential candidate: a second officer confirms it before the case ends, or another officer of the case closes it.",
  ),
  case_already_open: reason("failed-precondition", "This case is open already."),
  case_reopen_not_allowed: reason(
    "permission-denied",
    "Only the supervisors of the case's country and administrators can re-open a case.",
  ),
  // photos
  photo_change_not_allowed: reason(
    "permission-denied",
    "Only the case's officers, supervisors and administrators can add photos to it or change them.",
  ),
  photo_not_found: reason("not-found", "No photo with this reference on this case."),
  photo_id_taken: reason(
    "already-exists",
    "Another photo is already stored under this reference; evidence is never replaced. Upload the photo as a new one.",
  ),
  photo_processing: reason("failed-precondition", "This photo is still being processed; try again in a minute."),
  photo_retracted: reason("failed-precondition", "This photo was retracted and is no longer used."),
  face_choice_not_needed: reason("failed-precondition", "This photo has one face at most: there is nothing to choose."),
  face_not_found: reason("invalid-argument", "The photo has no face number {face}."),
  photo_too_large_inline: reason("invalid-argument", "The photo is larger than 8 MiB; upload it to Storage instead."),
  photo_not_stored: reason("not-found", "This photo is no longer stored."),
  photo_unreadable: reason("failed-precondition", "This photo cannot be shown (it could not be read)."),
  image_refused: reason("invalid-argument", "{message}"),
  uploads_exhausted: reason(
    "resource-exhausted",
    "Too many photo uploads: at most {limit} per hour. Try again in {retryAfterSeconds} seconds.",
  ),
  // search
  probe_not_own: reason("permission-denied", "You can only search with probe photos you uploaded yourself."),
  probe_not_found: reason("not-found", "The probe photo was not found (it may already have been used and deleted)."),
  searches_exhausted: reason(
    "resource-exhausted",
    "Too many searches: at most {limit} per minute. Try again in {retryAfterSeconds} seconds.",
  ),
  search_budget_exhausted: reason(
    "resource-exhausted",
    "You have used your {limit} searches of the last 24 hours. Try again in {retryAfterMinutes} minutes, or ask an administrator to raise your budget.",
  ),
  refused_probes_exhausted: reason(
    "resource-exhausted",
    "Too many photos without a usable face in the last hour (at most {limit}). Try again in {retryAfterSeconds} seconds.",
  ),
  history_not_own: reason("permission-denied", "You can only read your own search history."),
  search_not_found: reason("not-found", "No search with this reference."),
  outcome_not_own: reason("permission-denied", "Only the officer who searched can record its outcome."),
  case_reference_unknown: reason("not-found", "No case of your country has this reference."),
  not_a_candidate: reason("invalid-argument", "This case was not a candidate for that face in this search."),
  verify_case_no_faces: reason(
    "failed-precondition",
    "This case has no searchable photo of the person to compare with: add a photo to the case first.",
  ),
  // match pairs and their review
  match_not_found: reason("not-found", "No match with this reference."),
  candidates_case_not_matchable: reason(
    "failed-precondition",
    "This case is not open, or is excluded from cross-match: it has no candidate list.",
  ),
  candidate_not_in_scope: reason(
    "failed-precondition",
    "These two cases cannot be a pair: they must be open, cross-matched, of the two kinds (missing and found), in one country, with a searchable face each.",
  ),
  match_review_not_allowed: reason(
    "permission-denied",
    "Only the officers of the two cases, the supervisors of their country and administrators can review this pair.",
  ),
  match_confirmed: reason("failed-precondition", "This reunification is confirmed: its review is closed."),
  match_cases_not_open: reason("failed-precondition", "One of the cases of this pair is no longer open."),
  match_not_reunification: reason(
    "failed-precondition",
    "Only a pair of a missing and a found case can be confirmed as a reunification.",
  ),
  match_not_potential: reason(
    "failed-precondition",
    "A reunification is confirmed only after the pair was marked a potential candidate (this pair is {state}).",
  ),
  match_same_reviewer: reason(
    "permission-denied",
    "A second officer must confirm: you marked this pair a potential candidate.",
  ),
  match_confirm_not_allowed: reason(
    "permission-denied",
    "A reunification is confirmed by a supervisor, an administrator, or an officer of the other case.",
  ),
  match_contacts_not_allowed: reason(
    "permission-denied",
    "Contacts are shown after a confirmed reunification, to the officers of its two cases, supervisors and administrators.",
  ),
  // the reunification evidence file
  evidence_not_reunification: reason(
    "failed-precondition",
    "An evidence file is made for a pair of a missing and a found person, not for a possible duplicate.",
  ),
  evidence_pair_dismissed: reason(
    "failed-precondition",
    "An evidence file is made for a confirmed reunification or a pair under review; this pair was reviewed as no candidate.",
  ),
  // retention and erasure
  case_not_open: reason("failed-precondition", "Only an open case can be confirmed as still needed."),
  erasure_request_not_found: reason("not-found", "No erasure request with this reference."),
  erasure_already_requested: reason(
    "failed-precondition",
    "An erasure of this case is already waiting for a second administrator.",
  ),
  erasure_needs_second_admin: reason(
    "permission-denied",
    "A second administrator must approve this erasure: you asked for it.",
  ),
  erasure_not_pending: reason("failed-precondition", "This erasure request was already decided ({status})."),
  // face model migration
  model_not_available: reason("failed-precondition", "The face model {version} is not part of this deployment."),
  model_already_active: reason("failed-precondition", "The face model {version} is already the active one."),
  migration_running: reason("failed-precondition", "A face model migration is already running (to {version})."),
  // template protection: the keys of the stored face vectors
  template_key_unknown: reason(
    "failed-precondition",
    "There is no template key {key} in this deployment's TEMPLATE_KEYS.",
  ),
  template_key_already_active: reason(
    "failed-precondition",
    "The face vectors are already protected with the template key {key}.",
  ),
  // appeal bulletins
  bulletin_not_found: reason("not-found", "No appeal with this reference."),
  bulletin_already_approved: reason(
    "failed-precondition",
    "This appeal is already approved; draft a new one to change it.",
  ),
  bulletin_no_photo: reason("failed-precondition", "This case has no searchable photo to show on the appeal."),
  bulletin_draft_failed: reason("internal", "The appeal could not be drafted. Try again in a moment."),
  sms_no_contact: reason("failed-precondition", "This case has no family contact to write to."),
  sms_no_consent: reason(
    "failed-precondition",
    "The family did not consent to an SMS, or no SMS language was recorded with their contact.",
  ),
  sms_not_reunified: reason("failed-precondition", "This case's reunification is not confirmed."),
  sms_case_closed: reason("failed-precondition", "This case is not open: the family cannot be needed for it."),
  sms_case_limit: reason("resource-exhausted", "This case's family was already sent {limit} SMS."),
  sms_day_limit: reason("resource-exhausted", "{limit} SMS were already sent today in {country}: try again tomorrow."),
  sms_not_configured: reason("failed-precondition", "SMS is not configured in this deployment."),
  // the command line
  import_folder_empty: reason("invalid-argument", "{folder} has no sub-folders (expected one folder per person)"),
  case_file_invalid: reason("invalid-argument", "{folder}/case.json: {detail}"),
  // cross-border search (services/cross-border-*.ts)
  cross_border_same_country: reason(
    "invalid-argument",
    "A cross-border search goes to the other country's police, not to your own.",
  ),
  cross_border_request_not_allowed: reason(
    "permission-denied",
    "Only the case's officers, supervisors and administrators can ask the other country to search for it.",
  ),
  cross_border_case_not_open: reason(
    "failed-precondition",
    "Only an open case that is cross-matched can be searched across the border.",
  ),
  cross_border_case_no_faces: reason(
    "failed-precondition",
    "This case has no searchable face to send: add a photo of the person first.",
  ),
  cross_border_request_not_found: reason(
    "not-found",
    "No cross-border request with this reference (a declined, withdrawn or expired request leaves nothing behind).",
  ),
  cross_border_request_expired: reason("failed-precondition", "This cross-border request has expired: ask again."),
  cross_border_request_decided: reason(
    "failed-precondition",
    "This cross-border request was already decided ({state}).",
  ),
  cross_border_decide_not_allowed: reason(
    "permission-denied",
    "Only the supervisors and administrators of the country asked can decide a cross-border request.",
  ),
  cross_border_not_a_candidate: reason(
    "invalid-argument",
    "This case was not among the other country's answers to this request.",
  ),
  cross_border_pair_not_found: reason("not-found", "No cross-border pair with this reference."),
  cross_border_pair_not_allowed: reason(
    "permission-denied",
    "Only the officers of the pair's case on your side, and your country's supervisors and administrators, can act on this pair.",
  ),
  cross_border_confirm_same_country: reason(
    "permission-denied",
    "A cross-border pair is confirmed by an officer of the other country than the one who marked it a potential candidate.",
  ),
  peer_not_configured: reason(
    "failed-precondition",
    "This system has no link to the police of {country} yet: an operator sets it up (tora-face peers allow).",
  ),
  peer_unreachable: reason(
    "unavailable",
    "The other country's system did not answer. Nothing was changed: try again later.",
  ),
  peer_identity_refused: reason(
    "permission-denied",
    "The other country's system did not accept this system's identity: an operator checks the link (tora-face peers).",
  ),
  peer_message_replayed: reason(
    "permission-denied",
    "This message was received before: a replayed message is refused.",
  ),
  peer_message_stale: reason(
    "permission-denied",
    "This message is too old, or dated in the future: the two systems' clocks must agree within minutes.",
  ),
  peer_model_mismatch: reason(
    "failed-precondition",
    "The two countries' systems use different face models ({theirs} and {ours}): the search cannot run until they use the same one.",
  ),
  agreement_not_found: reason("not-found", "No standing agreement with this reference."),
  agreement_not_proposed: reason("failed-precondition", "This standing agreement is already {state}."),
  agreement_own_proposal: reason(
    "permission-denied",
    "The other country's administrator accepts a standing agreement your country proposed.",
  ),
  agreement_date_past: reason("invalid-argument", "A standing agreement must end after today."),
  // anything unexpected: the cause is logged, never sent
  internal: reason(
    "internal",
    "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.",
  ),
} as const;

export type ErrorReason = keyof typeof ERROR_REASONS;
export type ErrorParams = Record<string, string | number | boolean>;

/** the English sentence of a reason with its parameters filled in */
export function reasonMessage(reason: ErrorReason, params: ErrorParams = {}): string {
  return ERROR_REASONS[reason].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
