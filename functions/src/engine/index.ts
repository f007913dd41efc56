export { createFaceEngine, ENGINE_DEFAULTS } from "./engine.js";
export { ImageError, isImageErrorCode, type ImageErrorCode } from "./errors.js";
export { CALIBRATION, bandFor, type Band, type Calibration } from "./calibration.js";
export { cosine } from "./embed.js";
export { MAX_INPUT_BYTES, MAX_INPUT_PIXELS } from "./decode.js";
export { sniffImage, type SniffResult } from "./sniff.js";
export { thumbnailJpeg } from "./thumbnail.js";
export * from "./types.js";
