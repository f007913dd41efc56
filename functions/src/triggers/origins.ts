// Which web pages may call the callables from a browser. Mobile apps send no Origin header and
// are not concerned; a browser page from any other site is refused before any work is done.
interface OriginPolicy {
  /** PORTAL_ORIGINS: extra origins, e.g. a custom domain of the portal */
  configured: string[];
  /** the Firebase project: its Hosting origins are the portal's */
  projectId: string | undefined;
  /** the Functions emulator: the local Hosting emulator and dev servers, on this machine only */
  emulator: boolean;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function originAllowed(origin: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  const allowed = new Set(policy.configured.map((o) => o.replace(/\/+$/, "")));
  if (policy.projectId) {
    allowed.add(`https://${policy.projectId}.web.app`);
    allowed.add(`https://${policy.projectId}.firebaseapp.com`);
  }
  if (allowed.has(origin)) return true;
  if (!policy.emulator) return false;
  try {
    const url = new URL(origin);
    return url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}
