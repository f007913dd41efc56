// The deployed headers name only production origins; the emulator configuration adds the local
// emulators' origins so the same portal works under the Hosting emulator.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module of the repo's scripts, without type declarations
import { emulatorConfig } from "../../scripts/emulator-config.mjs";

const firebaseJson = JSON.parse(readFileSync(new URL("../../firebase.json", import.meta.url), "utf8"));
const csp = (config: typeof firebaseJson): string =>
  config.hosting.headers
    .flatMap((r: { headers: { key: string; value: string }[] }) => r.headers)
    .find((h: { key: string }) => h.key === "Content-Security-Policy").value;

describe("Content-Security-Policy", () => {
  it("names no local emulator in the deployed configuration", () => {
    expect(csp(firebaseJson)).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(csp(firebaseJson)).toMatch(/connect-src 'self' https:\/\/\*\.googleapis\.com/);
  });

  it("lets a clip chosen on the phone play in the portal's <video> (media-src blob:); the service worker and manifest are the portal's own", () => {
    expect(csp(firebaseJson)).toMatch(/(^|; )media-src blob:(;|$)/);
    // the service worker and the manifest are the portal's own: without worker-src and manifest-src, script-src 'self' and default-src 'self' cover them
    expect(csp(firebaseJson)).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp(firebaseJson)).toMatch(/^default-src 'self'(;|$)/);
  });

  it("lets the portal reach the Auth and Functions emulators in the emulator configuration", () => {
    const local = csp(emulatorConfig(firebaseJson));
    const connect = local.match(/connect-src ([^;]*)/)![1]!.split(" ");
    expect(connect).toEqual(expect.arrayContaining(["'self'", "http://127.0.0.1:9099", "http://127.0.0.1:5001"]));
    expect(local.replace(/connect-src [^;]*/, "")).toBe(csp(firebaseJson).replace(/connect-src [^;]*/, ""));
  });
});
