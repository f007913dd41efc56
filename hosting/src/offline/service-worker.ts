// The portal's service worker: the shell (index.html, the built scripts and styles, the icons) is
// kept in a cache named for the build, so the portal opens without network — a case can then be
// drafted offline (offline/drafts.ts). Nothing else is cached: every callable goes to the network,
// and no photo, case or answer is ever stored here. Built by vite.config.ts, which writes in the
// build's version and file list.
export {};

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
}
declare const self: WorkerScope;
declare const __SHELL__: { version: string; files: string[] };

const BUILD = __SHELL__;
const PREFIX = "tora-shell-";
const CACHE = `${PREFIX}${BUILD.version}`;
const SHELL = new Set(BUILD.files);

self.addEventListener("install", (event) => {
  // past the HTTP cache: the files of this very build
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...SHELL].map((path) => new Request(path, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  // the build before stays one version longer: a page opened with it may still load its lazy parts
  event.waitUntil(
    caches
      .keys()
      .then(async (names) => {
        const shells = names.filter((n) => n.startsWith(PREFIX) && n !== CACHE);
        for (const old of shells.slice(0, -1)) await caches.delete(old);
      })
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // Firebase's reserved paths (/__/auth/handler, /__/firebase/init.json) are Hosting's own pages
  if (url.origin !== self.location.origin || url.pathname.startsWith("/__/")) return;
  // the portal routes by #hash: every page is the one index.html of the shell
  if (request.mode === "navigate") event.respondWith(fromShell("/", request));
  else if (SHELL.has(url.pathname) || url.pathname.startsWith("/assets/"))
    event.respondWith(fromShell(url.pathname, request));
});

/** the cached copy (this build's or the one before), else the network */
async function fromShell(path: string, request: Request): Promise<Response> {
  return (await caches.match(path)) ?? fetch(request);
}
