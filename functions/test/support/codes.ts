/**
 * "ok", or the code an operation failed with: a use case's ServiceError, a callable's HttpsError or
 * the engine's ImageError. Anything without a code reads as "unexpected …", which no test expects.
 */
export async function codeOf(run: Promise<unknown> | (() => Promise<unknown>)): Promise<string> {
  try {
    await (typeof run === "function" ? run() : run);
    return "ok";
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? code : `unexpected ${String(error)}`;
  }
}
