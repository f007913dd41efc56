// How a case is named to a person, in a notification, a list or a terminal: the reference officers
// know it by (its file number), else the first 8 characters of its id — enough to tell cases apart
// on a screen, short enough to read out on the phone.
export function caseReference(externalRef: string | undefined, id: string): string {
  return externalRef ?? id.slice(0, 8);
}
