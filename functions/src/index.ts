// Exports only: every function of TORA FACE, by domain. The configuration comes first: it applies
// the configured region to every function defined after it.
import "./config.js";

export * from "./triggers/officers.js";
export * from "./triggers/cases.js";
export * from "./triggers/photos.js";
export * from "./triggers/search.js";
export * from "./triggers/reunification.js";
export * from "./triggers/admin.js";
export * from "./triggers/retention.js";
export * from "./triggers/models.js";
export * from "./triggers/bulletins.js";
export * from "./triggers/operations.js";
export * from "./triggers/evidence-file.js";
export * from "./triggers/field-search.js";
export * from "./triggers/cross-border.js";
export * from "./triggers/cross-border-peer.js";
export * from "./triggers/health.js";
export * from "./triggers/sms.js";
