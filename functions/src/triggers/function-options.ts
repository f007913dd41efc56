// What every function that may run the face engine is deployed with.
import { familyContactKeys, ipHashKey } from "../config.js";

/**
 * A whole face function process (Functions SDK, Admin SDK, engine and both models) peaks at
 * 260 MiB on the largest photos we measure (`npm run bench -- --memory`: 4160×3120 photos and a
 * 64-face crowd; the bench fails above 400 MiB), so 512 MiB — half the price per second of 1 GiB.
 */
export const FACE_FUNCTION_MEMORY = "512MiB" as const;

/** the engine is CPU-bound: one request at a time per instance, scale by instances */
export const FACE_FUNCTION_OPTIONS = { memory: FACE_FUNCTION_MEMORY, secrets: [familyContactKeys, ipHashKey], concurrency: 1 };
