// A request waits for App Check's first answer a bounded time, never forever.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appCheckGate, AppCheckNotStarted, APP_CHECK_NOT_STARTED } from "../src/api/app-check-gate";
import { humanError } from "../src/api/errors";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("App Check gate", () => {
  it("fails a request with its own error when the provider never answers, and lets a later one wait again", async () => {
    const gate = appCheckGate(() => new Promise(() => undefined), 5000);
    const first = gate();
    const outcome = expect(first).rejects.toBeInstanceOf(AppCheckNotStarted);
    await vi.advanceTimersByTimeAsync(5000);
    await outcome;
    const second = gate().catch((e: { code?: string }) => e.code);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await second).toBe(APP_CHECK_NOT_STARTED);
  });

  it("opens for good at the first answer, a token or an error (the server judges a missing token)", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const token = vi.fn(() => new Promise((resolve) => (answer = resolve)));
    const gate = appCheckGate(token, 5000);
    const waiting = gate();
    await vi.advanceTimersByTimeAsync(1000);
    answer({ token: "t" });
    await expect(waiting).resolves.toBeUndefined();
    await expect(gate()).resolves.toBeUndefined();
    expect(token).toHaveBeenCalledTimes(1);
    await expect(appCheckGate(() => Promise.reject(new Error("recaptcha-error")), 5000)()).resolves.toBeUndefined();
  });

  it("says what happened in the officer's language: the security check, or the network when offline", () => {
    expect(humanError(new AppCheckNotStarted(), true)).toMatch(/security check could not start/);
    expect(humanError(new AppCheckNotStarted(), false)).toMatch(/No connection/);
  });
});
