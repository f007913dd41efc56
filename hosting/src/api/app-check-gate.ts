// Firebase Auth, Functions and Storage send nothing before App Check has answered, and wait for it
// without a time limit (the Functions SDK's own timeout starts only after). When the App Check
// provider cannot start — reCAPTCHA blocked by the page's Content-Security-Policy or unreachable
// from the network — sign-in, every call and every upload would hang with no word. The gate lets a
// request wait a bounded time for App Check's first answer, then fails with an error of its own.
export const APP_CHECK_NOT_STARTED = "app-check/not-started";

export class AppCheckNotStarted extends Error {
  readonly code = APP_CHECK_NOT_STARTED;
  constructor() {
    super("App Check did not start: its provider could not be loaded");
  }
}

/**
 * `firstToken` asks App Check for a token. Its first answer, a token or an error (the server
 * judges a missing token), opens the gate for good; no answer within `limitMs` rejects the waiting
 * request, and the next request waits again.
 */
export function appCheckGate(firstToken: () => Promise<unknown>, limitMs: number): () => Promise<void> {
  let open = false;
  let waiting: Promise<void> | undefined;
  return () => {
    if (open) return Promise.resolve();
    waiting ??= new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting = undefined;
        reject(new AppCheckNotStarted());
      }, limitMs);
      const answered = () => {
        clearTimeout(timer);
        open = true;
        resolve();
      };
      firstToken().then(answered, answered);
    });
    return waiting;
  };
}
