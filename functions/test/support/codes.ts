import { ServiceError } from "../../src/services/errors.js";

/** "ok", or the ServiceError code the use case ended with (anything else is a test failure) */
export async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof ServiceError) return error.code;
    throw error;
  }
}
