// Production ports: Firestore, Cloud Storage, Firebase Auth, Cloud Tasks, Vertex AI.
import { createKeyRing } from "../adapters/crypto/aes-keyring.js";
import { createTemplateKeys } from "../adapters/crypto/template-keys.js";
import { firestoreCaseDecisions } from "../adapters/firebase/case-decisions.js";
import { singleModel } from "../adapters/face-models.js";
import { firestoreFaceVectors } from "../adapters/firebase/firestore-face-vectors.js";
import { firestoreFaceIndex } from "../adapters/firebase/firestore-faces.js";
import { firestoreMatches, firestoreNotifications } from "../adapters/firebase/firestore-matches.js";
import {
  firestoreBulletins,
  firestoreErasures,
  firestoreExpiringRecords,
  firestoreOperations,
  firestoreTombstones,
} from "../adapters/firebase/firestore-operations.js";
import {
  firestore,
  firestoreAudit,
  firestoreCases,
  firestoreOfficers,
  firestorePhotos,
  firestoreSearches,
} from "../adapters/firebase/firestore-stores.js";
import { firebaseIdentity } from "../adapters/firebase/identity.js";
import { triggerEmailNotifier } from "../adapters/firebase/mail.js";
import { firestoreRateLimiter } from "../adapters/firebase/rate-limiter.js";
import { storageBlobs } from "../adapters/firebase/storage-blobs.js";
import { cloudTasksReembedQueue } from "../adapters/firebase/task-queue.js";
import { templateAppealWriter } from "../adapters/appeal-template.js";
import { systemClock } from "../adapters/system-clock.js";
import { firestoreSmsMessages } from "../adapters/firebase/firestore-sms.js";
import { REEMBED_TASK_TIMEOUT_SECONDS } from "../config.js";
import type { Country } from "../schemas/index.js";
import {
  firestoreAgreements,
  firestoreCrossBorderPairs,
  firestorePeerDirectory,
  firestorePeerLedger,
  firestoreReceivedRequests,
  firestoreSentRequests,
} from "../adapters/firebase/firestore-cross-border.js";
import { googleTokenSource, httpsPeerLink } from "../adapters/firebase/peer-https.js";
import { unlinkedPeers } from "../adapters/peer-envelope.js";
import { linkInProcess } from "./cross-border.js";
import type {
  AppealWriter,
  Deps,
  EventLog,
  FaceAnalyzer,
  Limits,
  Retention,
  SearchSettings,
  SmsProvider,
  TemplateKeys,
} from "../ports/index.js";
import { DEFAULT_SMS_RETRY_DELAYS_MS } from "../ports/index.js";

export function createFirebaseDeps(options: {
  keyRingSecret: string;
  /** TEMPLATE_KEYS; the command line without it gets keys that refuse to be used, naming the variable */
  templateKeySecret: string | TemplateKeys;
  limits: Limits;
  retention: Retention;
  search: SearchSettings;
  events: EventLog;
  analyzer: () => Promise<FaceAnalyzer>;
  /** where the functions run: the migration's task queue lives there */
  region?: string;
  /** Gemini in production; the template where no model is configured (the command line, tests) */
  appealWriter?: AppealWriter;
  /** the countries this project's records are of (default both: one project for the two) */
  countries?: Country[];
  /** the SMS gateway where its credentials are bound to the function; undefined: SMS refused */
  smsProvider?: () => SmsProvider | undefined;
}): Deps {
  const db = firestore();
  const deps: Deps = {
    officers: firestoreOfficers(db),
    identity: firebaseIdentity(),
    notifier: triggerEmailNotifier(db),
    cases: firestoreCases(db),
    decisions: firestoreCaseDecisions(db),
    photos: firestorePhotos(db),
    faces: firestoreFaceIndex(db),
    vectors: firestoreFaceVectors(db),
    matches: firestoreMatches(db),
    notifications: firestoreNotifications(db),
    tombstones: firestoreTombstones(db),
    erasures: firestoreErasures(db),
    expiring: firestoreExpiringRecords,
    bulletins: firestoreBulletins(db),
    operations: firestoreOperations(db),
    reembedQueue: cloudTasksReembedQueue(options.region ?? "europe-west1", REEMBED_TASK_TIMEOUT_SECONDS),
    searches: firestoreSearches(db),
    audit: firestoreAudit(db),
    rateLimiter: firestoreRateLimiter(db, systemClock),
    blobs: storageBlobs(),
    clock: systemClock,
    keyRing: createKeyRing(options.keyRingSecret),
    templateKeys:
      typeof options.templateKeySecret === "string"
        ? createTemplateKeys(options.templateKeySecret)
        : options.templateKeySecret,
    analyzer: options.analyzer,
    models: singleModel(() => deps.analyzer()),
    appealWriter: options.appealWriter ?? templateAppealWriter(),
    events: options.events,
    limits: options.limits,
    retention: options.retention,
    search: options.search,
    crossBorder: {
      countries: options.countries ?? ["BI", "RW"],
      sent: firestoreSentRequests(db),
      received: firestoreReceivedRequests(db),
      pairs: firestoreCrossBorderPairs(db),
      agreements: firestoreAgreements(db),
      peers: firestorePeerDirectory(db),
      ledger: firestorePeerLedger(db),
      link: unlinkedPeers,
    },
    sms: {
      provider: options.smsProvider ?? (() => undefined),
      messages: firestoreSmsMessages(db),
      retryDelaysMs: DEFAULT_SMS_RETRY_DELAYS_MS,
    },
  };
  const xb = deps.crossBorder;
  // one project for both countries: their messages cross the protocol in process; one country's
  // project calls the other's over HTTPS with its runtime service account's ID tokens
  if (xb.countries.length > 1) linkInProcess([deps]);
  else
    xb.link = httpsPeerLink({
      countries: xb.countries,
      directory: xb.peers,
      tokens: googleTokenSource(),
      clock: systemClock,
    });
  return deps;
}
