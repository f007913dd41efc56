// Exports only: every function of TORA FACE, by domain.
export * from "./triggers/officers.js";
export * from "./triggers/cases.js";
export * from "./triggers/photos.js";
export * from "./triggers/search.js";
export * from "./triggers/admin.js";
export * from "./triggers/operations.js";
