// Where an ascending listing stopped: the last item's sort value and id, opaque to callers. Both
// adapters use it, so a cursor kept between runs means the same thing on either.
export const encodePosition = (value: string, id: string): string =>
  Buffer.from(JSON.stringify([value, id])).toString("base64url");

export function decodePosition(after: string | undefined): [string, string] | undefined {
  if (!after) return undefined;
  try {
    const p = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
    return Array.isArray(p) && typeof p[0] === "string" && typeof p[1] === "string" ? [p[0], p[1]] : undefined;
  } catch {
    return undefined;
  }
}
