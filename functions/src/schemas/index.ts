export * from "./common.js";
export * from "./officers.js";
export * from "./cases.js";
export * from "./photos.js";
export * from "./search.js";
export * from "./audit.js";
export * from "./empty.js";
export * from "./callables.js";
