import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnv, transformWithOxc, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { BUILD_INFO_FILE, portalBuild } from "../scripts/portal-build.mjs";

// the client kit from its source: the workspace never waits for its published build
const clientKit = fileURLToPath(new URL("../client/src/index.ts", import.meta.url));
const publicDir = fileURLToPath(new URL("public", import.meta.url));
const workerSource = fileURLToPath(new URL("src/offline/service-worker.ts", import.meta.url));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)],
  );

/**
 * dist/sw.js: the service worker (src/offline/service-worker.ts) with this build's shell — every
 * emitted file and every public file — and a version named for them, so that a new build installs
 * a new cache.
 */
function serviceWorker(): Plugin {
  return {
    name: "tora-face-service-worker",
    apply: "build",
    enforce: "post",
    async generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((file) => !file.endsWith(".map"));
      const publicFiles = filesUnder(publicDir).map((file) => relative(publicDir, file).split("\\").join("/"));
      const files = ["/", ...[...emitted, ...publicFiles].filter((f) => f !== "index.html").map((f) => `/${f}`)].sort();
      const version = createHash("sha256")
        .update(files.join("\n"))
        .update(
          Object.values(bundle)
            .map((c) => ("code" in c ? c.code : String(c.source)))
            .join("\n"),
        )
        .digest("hex")
        .slice(0, 16);
      const { code } = await transformWithOxc(readFileSync(workerSource, "utf8"), workerSource, { lang: "ts" });
      const source = code.replace("export {};", "").replace(/__SHELL__/g, JSON.stringify({ version, files }));
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}

/**
 * index.html's first paint, before any script has arrived (seconds on a slow network): the name and
 * "Loading…" in each of the portal's languages, from their dictionaries (no script may run first:
 * the CSP allows none inline). The portal replaces it with its first screen.
 */
function loadingState(): Plugin {
  const languages = ["rn", "rw", "fr", "sw", "en"];
  const words = languages.map((language) => {
    const file = fileURLToPath(new URL(`src/i18n/${language}.json`, import.meta.url));
    const text = (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>)["common.loading"];
    const escaped = (text ?? "Loading…").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<span lang="${language}">${escaped}</span>`;
  });
  const state = `<div class="boot" role="status"><p class="boot-name">TORA FACE</p><p class="boot-words">${words.join(" ")}</p></div>`;
  return {
    name: "tora-face-loading-state",
    transformIndexHtml: (html) =>
      html.replace('<main id="main" tabindex="-1"></main>', `<main id="main" tabindex="-1">${state}</main>`),
  };
}

export default defineConfig(({ mode }) => {
  // the VITE_* settings from the environment or hosting/.env.<mode>; a production build without them stops here
  const { config, info } = portalBuild(loadEnv(mode, fileURLToPath(new URL(".", import.meta.url)), "VITE_"));
  /** what this build is for, next to it, for the deploy's check (scripts/check-portal-build.mjs) */
  const buildInfo: Plugin = {
    name: "tora-build-info",
    apply: "build",
    writeBundle(options) {
      writeFileSync(join(options.dir ?? "dist", BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
      console.log(
        info.demo
          ? `portal: DEMO build (${info.project}, emulators only)`
          : `portal: production build for ${info.project}`,
      );
    },
  };
  return {
    resolve: { alias: { "@tora-face/client": clientKit } },
    define: { __PORTAL_CONFIG__: JSON.stringify(config) },
    plugins: [buildInfo, loadingState(), serviceWorker()],
    build: { outDir: "dist", emptyOutDir: true, sourcemap: true, target: "es2022" },
    server: { fs: { allow: [".."] } },
    test: { include: ["test/**/*.test.ts"] },
  };
});
