// Production ports: Firestore, Cloud Storage, Firebase Auth.
import { createKeyRing } from "../adapters/crypto/aes-keyring.js";
import { firestoreFaceIndex } from "../adapters/firebase/firestore-faces.js";
import { firestoreMatches, firestoreNotifications } from "../adapters/firebase/firestore-matches.js";
import { firestore, firestoreAudit, firestoreCases, firestoreOfficers, firestorePhotos, firestoreSearches } from "../adapters/firebase/firestore-stores.js";
import { firebaseIdentity } from "../adapters/firebase/identity.js";
import { triggerEmailNotifier } from "../adapters/firebase/mail.js";
import { firestoreRateLimiter } from "../adapters/firebase/rate-limiter.js";
import { storageBlobs } from "../adapters/firebase/storage-blobs.js";
import { systemClock } from "../adapters/system-clock.js";
import type { Deps, EventLog, FaceAnalyzer, Limits, Retention, SearchSettings } from "../ports/index.js";

export function createFirebaseDeps(options: {
  keyRingSecret: string;
  limits: Limits;
  retention: Retention;
  search: SearchSettings;
  events: EventLog;
  analyzer: () => Promise<FaceAnalyzer>;
}): Deps {
  const db = firestore();
  return {
    officers: firestoreOfficers(db),
    identity: firebaseIdentity(),
    notifier: triggerEmailNotifier(db),
    cases: firestoreCases(db),
    photos: firestorePhotos(db),
    faces: firestoreFaceIndex(db),
    matches: firestoreMatches(db),
    notifications: firestoreNotifications(db),
    searches: firestoreSearches(db),
    audit: firestoreAudit(db),
    rateLimiter: firestoreRateLimiter(db, systemClock),
    blobs: storageBlobs(),
    clock: systemClock,
    keyRing: createKeyRing(options.keyRingSecret),
    analyzer: options.analyzer,
    events: options.events,
    limits: options.limits,
    retention: options.retention,
    search: options.search,
  };
}
