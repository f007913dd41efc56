// The reunification matcher: pure functions over case facts (no I/O but the bundled JSON lists).
// Outside code imports this file, never the modules beside it.
export { compareNames, compareNameStrings, nameReadings, nameWords, phoneticKey, NAME_GRADES } from "./names.js";
export type { NameComparison, NameGrade, NamedSubject, NameToken } from "./names.js";
