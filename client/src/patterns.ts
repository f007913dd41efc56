// A string schema's regular expression as an input pattern: for the HTML `pattern` attribute (which
// browsers compile with the `v` flag, anchored) or an app's own check. The schema stays the one
// home of the rule; this only rewrites its syntax.
import { z } from "zod";

/** characters that must be escaped inside a character class under the `v` flag (and may be under `u`) */
const CLASS_SYNTAX = new Set(["(", ")", "[", "{", "}", "/", "|"]);

/** the pattern without its anchors, with class syntax escaped so `v` and `u` both accept it */
export function toInputPattern(source: string): string {
  const body = source.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
  let out = "";
  let inClass = false;
  let classStart = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\") {
      out += c + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (!inClass) {
      if (c === "[") {
        inClass = true;
        out += c;
        if (body[i + 1] === "^") out += body[++i];
        classStart = out.length;
        continue;
      }
      out += c;
      continue;
    }
    if (c === "]") {
      inClass = false;
      out += c;
      continue;
    }
    // a "-" that is not between two characters is a literal: `v` wants it escaped
    if (c === "-" && (out.length === classStart || body[i + 1] === "]")) out += "\\-";
    else if (CLASS_SYNTAX.has(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** the input pattern of a string schema with a regex check, or undefined if it has none */
export function inputPatternOf(schema: z.ZodType): string | undefined {
  const pattern = (z.toJSONSchema(schema, { unrepresentable: "any" }) as { pattern?: string }).pattern;
  return pattern === undefined ? undefined : toInputPattern(pattern);
}
