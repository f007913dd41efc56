// Where photos live in Cloud Storage (and the local blob folder): built and parsed here only.
// storage.rules match the same shapes.
const ID = "[A-Za-z0-9_-]{1,128}";
const CASE_PHOTO = new RegExp(`^cases/(${ID})/photos/(${ID})$`);

export const casePhotoPath = (caseId: string, photoId: string): string => `cases/${caseId}/photos/${photoId}`;
/** everything stored for every case: the sweep of bytes without a record walks it */
export const CASES_PREFIX = "cases/";
/** everything stored for one case (its photos, and uploads that never became a photo record) */
export const caseStoragePrefix = (caseId: string): string => `${CASES_PREFIX}${caseId}/`;

/** the case and photo of a case-photo path, or undefined for any other path */
export function parseCasePhotoPath(path: string): { caseId: string; photoId: string } | undefined {
  const match = CASE_PHOTO.exec(path);
  return match ? { caseId: match[1]!, photoId: match[2]! } : undefined;
}

/** a probe photo an officer uploads for one search; deleted after it */
export const PROBE_PATH = new RegExp(`^probes/[^/]+/${ID}$`);
export const probePrefix = (uid: string): string => `probes/${uid}/`;
/** every officer's probes: the Storage lifecycle rule (storage-lifecycle.json) and the sweep delete them */
export const PROBES_PREFIX = "probes/";
